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

`http.total_timeout` bounds a whole `get`, counted from its first connect: the name lookup,
the connect, the headers, the body and any retries (a retry whose wait would pass the limit
is not made). The connections underneath (`connection.py`) enforce it, and refuse addresses
the `AddressGuard` does not allow.

What each answer means:
- 2xx: done; 304: done, nothing new (conditional GET).
- 429, 5xx, a refused or reset connection, a connect or read timeout: retry later; retried
  here within the policy and the time limit, then a FetchError with `retryable` set.
- other 4xx, too many redirects, a body over the size cap, the time limit passed, an address
  the guard refuses, a URL that is not http(s): failed for good (FetchError).
- a body cut short (a broken chunk, a connection dropped mid-body): unknown, reported as a
  broken response; the next run fetches again.

`post_json` (alert webhooks) makes one try: a 2xx is done; 429, 5xx and a connection refused
or timed out are "retry later" (`retryable`), for the caller to repeat at its next run; other
4xx are failed for good; an answer lost after the body went out is unknown (it may have been
taken), and raised as retryable: the caller chooses a duplicate over silence.
"""

from __future__ import annotations

import email.utils
import math
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from email.message import Message
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions
from requests.sessions import merge_setting
from requests.utils import get_environ_proxies

from .. import __version__
from ..core.deadlines import Watch
from ..core.errors import SourceError
from ..core.retry import RetryPolicy, retry_after_seconds
from ..core.text import plural
from .connection import BoundedAdapter
from .guard import AddressGuard, AddressRefused, origin

USER_AGENT = f"digest/{__version__} (newsletter digest generator; +https://pypi.org/project/digest/)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
TIMEOUTS = (TimeoutError, urllib3.exceptions.TimeoutError)  # socket's, and urllib3's own


class FetchError(SourceError):
    """A URL could not be fetched; the message says why, in a few words."""

    def __init__(self, message: str, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class RefusedAddress(FetchError):
    """The URL, or a redirect's target, is at an address the guard does not allow."""


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

    @property
    def charset(self) -> str | None:
        """The charset the server names for the body (it may be wrong: see `charset.py`)."""
        return header_charset(self.headers.get("content-type", ""))


class Session(requests.Session):
    """requests' session, reading the proxy variables once per host: requests reads them
    for every request, going through every environment variable twice (a fifth of what a
    request to a nearby server costs). They are the process's settings, set before it runs."""

    def __init__(self) -> None:
        super().__init__()
        self._environ_proxies: dict[tuple[str, str, int, str | None], dict[str, str]] = {}

    def merge_environment_settings(self, url: str | None, proxies: Any, stream: Any,
                                   verify: Any, cert: Any) -> dict[str, Any]:
        """requests' own, with the environment's proxies for `url`'s host remembered."""
        if not self.trust_env or url is None:
            return super().merge_environment_settings(url, proxies, stream, verify, cert)
        no_proxy = proxies.get("no_proxy") if proxies is not None else None
        key = (*origin(url), no_proxy)
        found = self._environ_proxies.get(key)
        if found is None:
            found = self._environ_proxies[key] = get_environ_proxies(url, no_proxy=no_proxy)
        if proxies is not None:
            for name, value in found.items():
                proxies.setdefault(name, value)
        if verify is True or verify is None:
            verify = (os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
                      or verify)
        return {"proxies": merge_setting(proxies, self.proxies),
                "stream": merge_setting(stream, self.stream),
                "verify": merge_setting(verify, self.verify),
                "cert": merge_setting(cert, self.cert)}


def make_session() -> requests.Session:
    """A requests session that names the project in its User-Agent."""
    session = Session()
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
        guard: AddressGuard | None = None,
    ) -> None:
        """`guard` decides which addresses may be connected to; None allows every one (a URL
        the user typed, as `digest summarize` fetches)."""
        self.options = options or HttpOptions()
        self.policy = RetryPolicy(attempts=self.options.retries + 1, backoff=self.options.backoff,
                                  cap=self.options.max_retry_after, jitter=jitter)
        self.sleep = sleep
        self.session = session or make_session()
        self.session.headers["Accept-Encoding"] = "gzip, deflate"
        self.session.max_redirects = 5
        adapter = BoundedAdapter(guard, pool_connections=self.options.pool_size,
                                 pool_maxsize=self.options.pool_size)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._hosts: dict[str, threading.Semaphore] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.session.close()

    @contextmanager
    def _host_slot(self, url: str, until: float | None) -> Iterator[None]:
        """One of the host's `per_host` slots, waited for until `until` at most."""
        host = (urlsplit(url).hostname or "").lower()
        with self._hosts_lock:
            slot = self._hosts.setdefault(host, threading.Semaphore(self.options.per_host))
        if not slot.acquire(timeout=None if until is None else max(0.0, until - time.monotonic())):
            raise FetchError(f"{host} was busy until the time was up")
        try:
            yield
        finally:
            slot.release()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
        until: float | None = None,
    ) -> Response:
        """GET with retries. Raises FetchError for anything but a 2xx or a 304.

        `until` (a `time.monotonic()` moment) ends the whole get sooner than the total
        timeout would: a batch of requests that must all be done by then."""
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
        deadline: float | None = None
        while True:
            try:
                with self._host_slot(url, until):
                    deadline = deadline or min(time.monotonic() + self.options.total_timeout,
                                               until or math.inf)
                    response = self._request_once(url, headers, deadline)
            except FetchError as exc:
                wait = self.policy.delay(retry) if exc.retryable else None
                if wait is None:
                    raise
                failure = str(exc)
            else:
                if response.status not in RETRY_STATUSES:
                    if response.status >= 400:
                        raise FetchError(f"HTTP {response.status}")
                    return response
                wait = self._retry_wait(response, retry)
                failure = f"HTTP {response.status}"
            if time.monotonic() + wait >= deadline:
                raise FetchError(f"{failure} (no time left to try again within "
                                 f"{self.options.total_timeout:g} s)", retryable=True)
            retry += 1
            self.sleep(wait)

    def post_json(self, url: str, payload: object) -> Response:
        """POST `payload` as JSON, one try within the total timeout: a 2xx is done; anything
        else raises FetchError, `retryable` for 429, 5xx and connection failures (a POST
        whose answer was lost may have been taken: the caller decides whether to repeat it)."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{url}: only http and https URLs can be fetched")
        with self._host_slot(url, None):
            response = self._request_once(url, {}, time.monotonic() + self.options.total_timeout,
                                          payload)
        if response.status >= 300:
            raise FetchError(f"HTTP {response.status}",
                             retryable=response.status in RETRY_STATUSES)
        return response

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
        raise FetchError(f"HTTP {response.status} (after {plural(retry + 1, 'attempt')})")

    def _request_once(self, url: str, headers: dict[str, str], deadline: float,
                      payload: object = None) -> Response:
        """One GET (or a POST of `payload` as JSON), cut off at `deadline`: the watch shuts
        its sockets when it passes."""
        options = self.options
        with Watch(deadline) as watch:
            try:
                response = self.session.request(
                    "GET" if payload is None else "POST", url, headers=headers, stream=True,
                    json=payload, timeout=(options.connect_timeout, options.read_timeout),
                )
            except (requests.RequestException, AddressRefused) as exc:
                raise (self._expired() if watch.expired else _request_failure(exc)) from None
            with response:
                result = Response(response.url, response.status_code,
                                  {k.lower(): v for k, v in response.headers.items()}, b"")
                if response.status_code < 300 or response.status_code == 304:
                    # a 304 has no body, but reading its end lets the connection be reused
                    result = replace(result, body=self._read_capped(response, watch))
            if watch.fired:
                raise self._expired()
        return result

    def _expired(self) -> FetchError:
        return FetchError(f"took longer than {self.options.total_timeout:g} s")

    def _read_capped(self, response: requests.Response, watch: Watch) -> bytes:
        """Read the body, stopping at the size cap (the time cap is the watch's)."""
        options = self.options
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > options.max_bytes:
            raise FetchError(f"response too large ({int(declared)} bytes; the cap is "
                             f"{options.max_bytes})")
        body = bytearray()
        try:
            for chunk in response.iter_content(64 * 1024):
                body += chunk
                if len(body) > options.max_bytes:
                    raise FetchError(f"response larger than the {options.max_bytes}-byte cap")
        except requests.RequestException as exc:
            if watch.expired:
                raise self._expired() from None
            if any(isinstance(link, TIMEOUTS) for link in _chain(exc)):
                raise FetchError("timed out waiting for the server", retryable=True) from None
            raise FetchError(f"broken response: {error_reason(exc)}") from None
        return bytes(body)


def _request_failure(exc: Exception) -> FetchError:
    """What a request that got no answer (no status line and headers) failed of."""
    if isinstance(exc, AddressRefused):
        return RefusedAddress(str(exc))
    if isinstance(exc, requests.TooManyRedirects):
        return FetchError("too many redirects (more than 5)")
    if isinstance(exc, requests.ConnectTimeout):
        return FetchError("connection timed out", retryable=True)
    if isinstance(exc, requests.ReadTimeout):
        return FetchError("timed out waiting for the server", retryable=True)
    if isinstance(exc, requests.ConnectionError):
        return FetchError(f"cannot connect: {error_reason(exc)}", retryable=True)
    return FetchError(f"request failed: {error_reason(exc)}")


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


def error_reason(exc: Exception) -> str:
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
