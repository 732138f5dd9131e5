"""All HTTP goes through one HttpClient: one requests.Session, timeouts, a total-time cap,
a size cap counted while streaming (after gzip decoding, so a gzip bomb stops early),
at most 5 redirects, retries on connection errors, 5xx and 429 by the project's one
RetryPolicy (backoff with jitter, Retry-After within a cap), conditional GET, and a limit on
concurrent requests to one host.

urllib3's `Retry` is not used (the adapter keeps its default of no retries): it sleeps with
time.sleep inside urllib3, where a test could only reach it through its private methods; it
sleeps as long as a Retry-After asks, inside this client's per-host slot; it has no budget of
total time across tries; and it would be a second backoff formula beside RetryPolicy, which
the email backends use too. Retrying here, one try at a time, keeps one policy and one
injectable `sleep`.
"""

from __future__ import annotations

import email.utils
import random
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from .. import __version__
from ..core.errors import SourceError
from ..core.retry import RetryPolicy, retry_after_seconds

USER_AGENT = f"digest/{__version__} (newsletter digest generator; +https://pypi.org/project/digest/)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
TIMEOUTS = (TimeoutError, urllib3.exceptions.TimeoutError)  # socket's, and urllib3's own


class FetchError(SourceError):
    """A URL could not be fetched; the message says why, in a few words."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class HttpOptions:
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_bytes: int = 10 * 1024 * 1024
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    per_host: int = 4
    pool_size: int = 32


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def make_session() -> requests.Session:
    """A requests session that names the project in its User-Agent."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


class HttpClient:
    """Thread-safe: sources fetch through one client from many threads."""

    def __init__(
        self,
        options: HttpOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.options = options or HttpOptions()
        self.policy = RetryPolicy(attempts=self.options.retries + 1, backoff=self.options.backoff,
                                  cap=self.options.max_retry_after, jitter=jitter)
        self.sleep = sleep
        self.session = session or make_session()
        self.session.headers["Accept-Encoding"] = "gzip, deflate"
        self.session.max_redirects = 5
        adapter = HTTPAdapter(pool_connections=self.options.pool_size,
                              pool_maxsize=self.options.pool_size)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._hosts: dict[str, threading.Semaphore] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.session.close()

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._hosts_lock:
            slot = self._hosts.setdefault(host, threading.Semaphore(self.options.per_host))
        with slot:
            yield

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> Response:
        """GET with retries. Raises FetchError for anything but a 2xx or a 304."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{url}: only http and https URLs can be fetched")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        retry = 0
        while True:
            try:
                with self._host_slot(url):
                    response = self._get_once(url, headers)
            except FetchError as exc:
                wait = self.policy.delay(retry) if exc.retryable else None
                if wait is None:
                    raise
            else:
                if response.status not in RETRY_STATUSES:
                    if response.status >= 400:
                        raise FetchError(f"HTTP {response.status}")
                    return response
                wait = self._retry_wait(response, retry)
            retry += 1
            self.sleep(wait)

    def _retry_wait(self, response: Response, retry: int) -> float:
        """Seconds to wait before trying again after a 429 or 5xx; FetchError when the policy
        says to give up (tries spent, or the server asks for a wait beyond the cap)."""
        retry_after = retry_after_seconds(response.headers.get("retry-after"), time.time())
        wait = self.policy.delay(retry, retry_after)
        if wait is not None:
            return wait
        if self.policy.too_long(retry_after):
            raise FetchError(f"HTTP {response.status} (the server asks to wait {retry_after:.0f} s;"
                             f" the most this waits is {self.policy.cap:g} s)")
        raise FetchError(f"HTTP {response.status} (after {retry + 1} attempts)")

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        options = self.options
        try:
            response = self.session.get(
                url, headers=headers, stream=True,
                timeout=(options.connect_timeout, options.read_timeout),
            )
        except requests.TooManyRedirects:
            raise FetchError("too many redirects (more than 5)") from None
        except requests.ConnectTimeout:
            raise FetchError("connection timed out", retryable=True) from None
        except requests.ReadTimeout:
            raise FetchError("timed out waiting for the server", retryable=True) from None
        except requests.ConnectionError as exc:
            raise FetchError(f"cannot connect: {_reason(exc)}", retryable=True) from None
        except requests.RequestException as exc:
            raise FetchError(f"request failed: {_reason(exc)}") from None
        with response:
            if response.status_code >= 300:
                return Response(response.url, response.status_code,
                                {k.lower(): v for k, v in response.headers.items()}, b"")
            body = self._read_capped(response)
        return Response(response.url, response.status_code,
                        {k.lower(): v for k, v in response.headers.items()}, body)

    def _read_capped(self, response: requests.Response) -> bytes:
        """Read the body, stopping at the size cap and at the total-time cap.

        A server that drips bytes slowly is cut off by closing its socket at the deadline.
        """
        options = self.options
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > options.max_bytes:
            raise FetchError(f"response too large ({int(declared)} bytes; the cap is "
                             f"{options.max_bytes})")
        expired = threading.Event()
        timer = threading.Timer(options.total_timeout, _shut, args=(response, expired))
        timer.daemon = True
        timer.start()
        body = bytearray()
        try:
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > options.max_bytes:
                    raise FetchError(f"response larger than the {options.max_bytes}-byte cap")
        except requests.RequestException as exc:
            if expired.is_set():
                raise FetchError(f"took longer than {options.total_timeout:g} s") from None
            if any(isinstance(link, TIMEOUTS) for link in _chain(exc)):
                raise FetchError("timed out waiting for the server", retryable=True) from None
            raise FetchError(f"broken response: {_reason(exc)}") from None
        finally:
            timer.cancel()
        if expired.is_set():
            raise FetchError(f"took longer than {options.total_timeout:g} s")
        return bytes(body)


def _shut(response: requests.Response, expired: threading.Event) -> None:
    """Cut a connection that ran past its deadline; the blocked read then returns."""
    expired.set()
    sock = _socket_of(response)
    if sock is not None:
        with suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _socket_of(response: requests.Response) -> socket.socket | None:
    """The socket under a streamed response (urllib3 keeps it behind http.client's reader)."""
    connection = getattr(response.raw, "connection", None)
    sock = getattr(connection, "sock", None)
    if sock is None:
        reader = getattr(getattr(response.raw, "_fp", None), "fp", None)
        sock = getattr(getattr(reader, "raw", None), "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """`exc` and what caused it, outermost first: urllib3's `reason`, else the exception it
    was raised from or while handling."""
    seen: set[int] = set()
    link: BaseException | None = exc
    while link is not None and id(link) not in seen:
        seen.add(id(link))
        yield link
        reason = getattr(link, "reason", None)  # urllib3's MaxRetryError; ssl's is a string
        link = reason if isinstance(reason, BaseException) else link.__cause__ or link.__context__


def _reason(exc: Exception) -> str:
    """The innermost useful words of a requests/urllib3 error ("Connection refused", "Name
    or service not known"): the system's words for the first OSError in the chain that has
    them (a refused or reset connection, socket.gaierror, ssl.SSLError), else the innermost
    exception's message. requests' own errors are OSErrors too, but without those words."""
    innermost: BaseException = exc
    for link in _chain(exc):
        if isinstance(link, OSError) and link.strerror:
            return str(link.strerror)[:200]
        innermost = link
    return str(innermost).strip()[:200]


def header_charset(content_type: str) -> str | None:
    """The charset a Content-Type header names, as written ("ISO-8859-1"), or None."""
    header = Message()
    header["content-type"] = content_type
    charset = header.get_param("charset")
    return email.utils.collapse_rfc2231_value(charset) if charset else None
