"""All HTTP goes through one HttpClient: one requests.Session, timeouts, a total-time cap,
a size cap counted while streaming (after gzip decoding, so a gzip bomb stops early),
at most 5 redirects, retries with backoff on connection errors, 5xx and 429 (honouring
Retry-After), conditional GET, and a limit on concurrent requests to one host.
"""

from __future__ import annotations

import email.utils
import random
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC
from email.message import Message
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from . import __version__
from .errors import SourceError

USER_AGENT = f"digest/{__version__} (newsletter digest generator; +https://pypi.org/project/digest/)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


# "[Errno 111] Connection refused" or "[Errno -2] Name or service not known" inside the text.
OS_ERROR = re.compile(r"\[Errno -?\d+\] ([^'\")\]]+)")
QUOTED_PHRASE = re.compile(r"(?:\(|, )'([^']* [^']*)'")  # an argument of an exception's repr


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


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Retry-After as seconds: either a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - now)


class HttpClient:
    """Thread-safe: sources fetch through one client from many threads."""

    def __init__(
        self,
        options: HttpOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        self.options = options or HttpOptions()
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
        attempt = 0
        while True:
            try:
                with self._host_slot(url):
                    response = self._get_once(url, headers)
            except FetchError as exc:
                if not exc.retryable or attempt >= self.options.retries:
                    raise
                wait = self._backoff(attempt, None)
            else:
                if response.status not in RETRY_STATUSES:
                    if response.status >= 400:
                        raise FetchError(f"HTTP {response.status}")
                    return response
                if attempt >= self.options.retries:
                    raise FetchError(f"HTTP {response.status} (after {attempt + 1} attempts)")
                wait = self._backoff(
                    attempt, retry_after_seconds(response.headers.get("retry-after"), time.time())
                )
            attempt += 1
            self.sleep(wait)

    def _backoff(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, self.options.max_retry_after)
        return self.options.backoff * (2**attempt) * (0.5 + random.random())

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
            if isinstance(exc, requests.ConnectionError) and "timed out" in str(exc).lower():
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


def _reason(exc: Exception) -> str:
    """The innermost useful words of a requests/urllib3 error: "Connection refused"."""
    text = str(exc)
    system = OS_ERROR.search(text)
    phrases = QUOTED_PHRASE.findall(text)  # the innermost error's message is quoted last
    reason = system.group(1) if system else phrases[-1] if phrases else text
    return reason.strip()[:200]


def header_charset(content_type: str) -> str | None:
    """The charset a Content-Type header names, as written ("ISO-8859-1"), or None."""
    header = Message()
    header["content-type"] = content_type
    charset = header.get_param("charset")
    return email.utils.collapse_rfc2231_value(charset) if charset else None
