"""All HTTP that fetches feeds and pages goes through one HttpClient: one urllib3
PoolManager, timeouts, a total-time cap, a size cap counted while streaming (after gzip
decoding, so a gzip bomb stops early), at most 5 redirects (each hop through the same
guarded connections), retries on connection errors, 5xx and 429 by the project's one
RetryPolicy (backoff with jitter, Retry-After within a cap), conditional GET, and a limit on
concurrent requests to one host. It sends what a requests session would: the environment's
proxies (`HTTP_PROXY`, `NO_PROXY`...), credentials written in the URL (for its site only)
or else from `~/.netrc`, the cookies servers set during the run, certificates checked
against certifi's authorities (or `REQUESTS_CA_BUNDLE`/`CURL_CA_BUNDLE`); but on urllib3
alone a request costs a third as much CPU, and the collect command does not load requests.
Each URL (the first, and each redirect's) is read once by urllib3's parser (`target.py`),
and every check goes by that reading: the guard, the proxy, the cookies, netrc and the
per-host slot read the host the request is sent to.

urllib3's `Retry` is not used (each request is made with retries and redirects off): it
sleeps with time.sleep inside urllib3, where a test could only reach it through its private
methods; it sleeps as long as a Retry-After asks, inside this client's per-host slot; it has
no budget of total time across tries; and it would be a second backoff formula beside
RetryPolicy, which the email backends use too. Retrying here, one try at a time, keeps one
policy and one injectable `sleep`.

`http.total_timeout` bounds a whole `get`, counted from its first connect: the name lookup,
the connect, the headers, the body and any retries (a retry whose wait would pass the limit
is not made). The connections underneath (`connection.py`) enforce it, and refuse addresses
the `AddressGuard` does not allow.

What each answer means:
- 2xx: done; 304: done, nothing new (conditional GET).
- 429, 5xx, a refused or reset connection, a connect or read timeout: retry later; retried
  here within the policy and the time limit, then a FetchError with `retryable` set (the
  next run tries again), as when the server asks for a longer wait than the policy's cap.
- other 4xx, too many redirects, a redirect without a Location, a body over the size
  cap, the time limit passed, an address the guard refuses, a URL that is not http(s), a
  certificate that fails the check (an authority not trusted, another host's name), a
  `REQUESTS_CA_BUNDLE` that names no file: failed for good (FetchError).
- a body cut short (a broken chunk, a connection dropped mid-body): unknown, reported as a
  broken response; the next run fetches again.

`post_json` (alert webhooks) makes one try: a 2xx is done; 429, 5xx and a connection refused
or timed out are "retry later" (`retryable`), for the caller to repeat at its next run; other
4xx are failed for good; an answer lost after the body went out is unknown (it may have been
taken), and raised as retryable: the caller chooses a duplicate over silence.
"""

from __future__ import annotations

import json
import math
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3.exceptions
from urllib3 import BaseHTTPResponse, HTTPHeaderDict, Timeout

from .. import __version__
from ..core.deadlines import Watch
from ..core.retry import RetryPolicy, retry_after_seconds
from ..core.text import plural
from .connection import BoundedPoolManager, resolve
from .contenttype import header_charset
from .cookies import Cookies
from .environment import Proxies, ca_location, netrc_authorization, netrc_present, proxy_settings
from .failures import (
    TIMEOUTS,
    FetchError,
    RefusedAddress,
    TooManyRedirects,
    chain,
    error_reason,
    request_failure,
)
from .guard import AddressGuard, AddressRefused, origin
from .target import BadUrl, Target, redirect_target, safe, same_site, target

__all__ = ["FetchError", "HttpClient", "HttpOptions", "RefusedAddress", "Response",
           "error_reason", "header_charset"]

USER_AGENT = f"digest/{__version__} (newsletter digest generator; +https://pypi.org/project/digest/)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", "Accept": "*/*",
           "Connection": "keep-alive"}  # what a requests session sends


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


class HttpClient:
    """Thread-safe: sources fetch through one client from many threads."""

    def __init__(
        self,
        options: HttpOptions | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
        guard: AddressGuard | None = None,
    ) -> None:
        """`guard` decides which addresses may be connected to; None allows every one (a URL
        the user typed, as `digest summarize` fetches)."""
        self.options = options or HttpOptions()
        self.policy = RetryPolicy(attempts=self.options.retries + 1, backoff=self.options.backoff,
                                  cap=self.options.max_retry_after, jitter=jitter)
        self.sleep = sleep
        self.guard = guard
        size = self.options.pool_size
        self.pools = BoundedPoolManager(num_pools=size, maxsize=size, guard=guard,
                                        ca_location=ca_location)
        self.proxies = Proxies({"num_pools": size, "maxsize": size}) if proxy_settings() else None
        self.netrc = netrc_present()
        self.cookies = Cookies()
        self._hosts: dict[str, threading.Semaphore] = {}
        self._hosts_lock = threading.Lock()

    def close(self) -> None:
        self.pools.clear()
        if self.proxies is not None:
            self.proxies.clear()

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
        start = self._target(url)
        headers = dict(HEADERS)
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
                with self._host_slot(start.url, until):
                    deadline = deadline or min(time.monotonic() + self.options.total_timeout,
                                               until or math.inf)
                    response = self._request_once(start, headers, deadline)
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
        start = self._target(url)
        try:
            body = json.dumps(payload, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError) as exc:  # a NaN, an object JSON has no form for
            raise FetchError(f"request failed: {exc}") from None
        with self._host_slot(start.url, None):
            response = self._request_once(start, {**HEADERS, "Content-Type": "application/json"},
                                          time.monotonic() + self.options.total_timeout, body)
        if response.status >= 300:
            raise FetchError(f"HTTP {response.status}",
                             retryable=response.status in RETRY_STATUSES)
        return response

    @staticmethod
    def _target(url: str) -> Target:
        """`url` read once, as urllib3 reads it (see `target.py`); FetchError for one that
        is not http(s) or cannot be read."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{safe(url)}: only http and https URLs can be fetched")
        try:
            return target(url)
        except BadUrl as exc:
            raise FetchError(f"request failed: {str(exc)[:200]}") from None

    def _retry_wait(self, response: Response, retry: int) -> float:
        """Seconds to wait before trying again after a 429 or 5xx; FetchError when the policy
        says to give up (tries spent, or the server asks for a wait beyond the cap): still
        "retry later", at the next run."""
        retry_after = retry_after_seconds(response.headers.get("retry-after"), time.time())
        wait = self.policy.delay(retry, retry_after)
        if wait is not None:
            return wait
        if self.policy.too_long(retry_after):
            raise FetchError(f"HTTP {response.status} (the server asks to wait {retry_after:.0f} s;"
                             f" the most this waits is {self.policy.cap:g} s)", retryable=True)
        raise FetchError(f"HTTP {response.status} (after {plural(retry + 1, 'attempt')})",
                         retryable=True)

    def _request_once(self, start: Target, headers: dict[str, str], deadline: float,
                      body: bytes | None = None) -> Response:
        """One GET (or a POST of `body`), its redirects followed, cut off at `deadline`: the
        watch shuts its sockets when it passes."""
        with Watch(deadline) as watch:
            try:
                final, response = self._follow(start, headers, body)
            except (urllib3.exceptions.HTTPError, OSError, ValueError, AddressRefused,
                    TooManyRedirects) as exc:  # ValueError: a bad redirect URL, or header
                raise (self._expired() if watch.expired else request_failure(exc)) from None
            try:
                result = Response(final.shown, response.status, dict_of(response.headers), b"")
                if response.status < 300 or response.status == 304:
                    # a 304 has no body, but reading its end lets the connection be reused
                    result = Response(final.shown, result.status, result.headers,
                                      self._read_capped(response, watch))
                    response.release_conn()
            finally:
                response.close()
            if watch.fired:
                raise self._expired()
        return result

    def _follow(self, hop: Target, headers: dict[str, str], body: bytes | None,
                ) -> tuple[Target, BaseHTTPResponse]:
        """The first answer that is not a redirect, and the URL that gave it. Each hop goes
        through the guarded connections (and its proxy, if any, is checked first); each
        redirect's target is read once, as the first URL was."""
        method = "GET" if body is None else "POST"
        fragment = urlsplit(hop.url).fragment
        authorization = hop.authorization()
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send(method, hop.url, headers, body, authorization)
            if response.status not in REDIRECT_STATUSES:
                return hop, response
            location = response.headers.get("location") or ""
            if not location.strip():  # it would lead back to the same URL, until the redirect limit
                response.close()
                raise FetchError(f"HTTP {response.status} without a Location to go to")
            response.drain_conn()  # so that the connection can be reused
            response.release_conn()
            url, fragment = redirect_target(hop.shown, location, fragment)
            following = target(url)
            # a URL's credentials go on to the same site only, as requests carried them
            authorization = following.authorization() or (
                authorization if same_site(hop.url, following.url) else None)
            hop = following
            if response.status in (301, 302, 303) and method == "POST":
                method, body = "GET", None
                headers = {k: v for k, v in headers.items() if k != "Content-Type"}
        raise TooManyRedirects(MAX_REDIRECTS)

    def _send(self, method: str, url: str, headers: dict[str, str], body: bytes | None,
              authorization: str | None) -> BaseHTTPResponse:
        """One request, as it goes: directly, or through the environment's proxy;
        `authorization`, a URL's credentials, else netrc's."""
        proxy = self.proxies.proxy_for(url) if self.proxies is not None else None
        pools = self.pools
        if proxy is not None:
            if self.guard is not None:
                self._check_proxied(url)
            pools = self.proxies.manager(proxy)  # type: ignore[union-attr]
        sent = self._credentials(url, headers, authorization)
        try:
            response = pools.urlopen(
                method, url, body=body, headers=sent, redirect=False, retries=False,
                preload_content=False, decode_content=True,
                timeout=Timeout(connect=self.options.connect_timeout,
                                read=self.options.read_timeout))
        except AddressRefused as refused:
            refused.url = url
            raise
        self.cookies.store(url, response.headers)
        return response

    def _credentials(self, url: str, headers: dict[str, str],
                     authorization: str | None) -> dict[str, str]:
        """`headers` with the cookies stored for `url`, and `authorization` (else netrc's
        credentials for its host), as a requests session sends them."""
        cookie = self.cookies.header(url)
        auth = authorization or (netrc_authorization(url) if self.netrc else None)
        if cookie is None and auth is None:
            return headers
        sent = dict(headers)
        if cookie is not None:
            sent["Cookie"] = cookie
        if auth is not None:
            sent["Authorization"] = auth
        return sent

    def _check_proxied(self, url: str) -> None:
        """A proxy resolves the host on its own: the guard checks it here first."""
        assert self.guard is not None
        scheme, host, port = origin(url)
        infos = resolve(host, port, max(0.0, self._time_left()))
        try:
            self.guard.check(scheme, host, port, (info[4][0] for info in infos))
        except AddressRefused as refused:
            refused.url = url
            raise

    @staticmethod
    def _time_left() -> float:
        from ..core.deadlines import current_watch

        watch = current_watch()
        return watch.remaining() if watch else 30.0

    def _expired(self) -> FetchError:
        return FetchError(f"took longer than {self.options.total_timeout:g} s")

    def _read_capped(self, response: BaseHTTPResponse, watch: Watch) -> bytes:
        """Read the body, stopping at the size cap (the time cap is the watch's)."""
        options = self.options
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > options.max_bytes:
            raise FetchError(f"response too large ({int(declared)} bytes; the cap is "
                             f"{options.max_bytes})")
        body = bytearray()
        try:
            if (declared.isdigit() and "content-encoding" not in response.headers
                    and "transfer-encoding" not in response.headers):
                # its length known and capped: read whole, in one go (a Transfer-Encoding
                # overrides the Content-Length, so a chunked body is counted as it comes)
                return response.read()
            for chunk in response.stream(64 * 1024, decode_content=True):
                body += chunk
                if len(body) > options.max_bytes:
                    raise FetchError(f"response larger than the {options.max_bytes}-byte cap")
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if watch.expired:
                raise self._expired() from None
            if any(isinstance(link, TIMEOUTS) for link in chain(exc)):
                raise FetchError("timed out waiting for the server", retryable=True) from None
            raise FetchError(f"broken response: {error_reason(exc)}") from None
        return bytes(body)


def dict_of(headers: HTTPHeaderDict) -> dict[str, str]:
    """The headers by lower-case name, a repeated one's values joined by commas."""
    return {name.lower(): value for name, value in headers.itermerged()}

