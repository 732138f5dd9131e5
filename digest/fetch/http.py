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
the `AddressGuard` does not allow. Each try is one exchange (`exchange.py`): the request,
its proxy, cookies and credentials, its redirects, and its body read within the cap.

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
from urllib.parse import urlsplit

from .. import __version__
from ..core.retry import RetryPolicy, retry_after_seconds
from ..core.text import plural
from .connection import BoundedPoolManager
from .contenttype import header_charset
from .cookies import Cookies
from .environment import Proxies, ca_location, netrc_present, proxy_settings
from .exchange import Exchange, HttpOptions, Response
from .failures import FetchError, RefusedAddress, error_reason
from .guard import AddressGuard
from .target import BadUrl, Target, safe, target

__all__ = ["FetchError", "HttpClient", "HttpOptions", "RefusedAddress", "Response",
           "error_reason", "header_charset"]

USER_AGENT = f"digest/{__version__} (newsletter digest generator; +https://pypi.org/project/digest/)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", "Accept": "*/*",
           "Connection": "keep-alive"}  # what a requests session sends


class HttpClient(Exchange):
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
