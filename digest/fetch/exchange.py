"""One exchange of `HttpClient`'s (http.py): a request sent directly or through the
environment's proxy, with the cookies stored for its URL and its credentials (the URL's, else
netrc's), its redirects followed through the same guarded connections, and its body read
within the size cap, all cut off at one deadline by a `Watch`.

What each answer means (done, retry later, failed for good, unknown) is written once, in
http.py's docstring: the client retries or gives up on what this module raises. Here, an
address the guard refuses, too many redirects, a redirect without a Location and a body over
the cap are failed for good; a timeout while reading is "retry later"; a body cut short is
unknown, reported as a broken response.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import urllib3.exceptions
from urllib3 import BaseHTTPResponse, HTTPHeaderDict, Timeout

from ..core.deadlines import Watch, current_watch
from .connection import BoundedPoolManager, resolve
from .contenttype import header_charset
from .cookies import Cookies
from .environment import Proxies, netrc_authorization
from .failures import (
    TIMEOUTS,
    FetchError,
    TooManyRedirects,
    chain,
    error_reason,
    request_failure,
)
from .guard import AddressGuard, AddressRefused, origin
from .target import Target, redirect_target, same_site, target

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class HttpOptions:
    """The client's limits: timeouts in seconds (`total_timeout` for a whole get), the body's
    cap in bytes, retries and their waits, and connections per host and in all."""

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
    """The answer after redirects: the URL that gave it, its headers by lower-case name, and
    its body (read for a 2xx or a 304 only; empty otherwise)."""

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


class Exchange:
    """The requests of `HttpClient`, which sets these attributes; one request each, its
    redirects and its body included."""

    options: HttpOptions
    guard: AddressGuard | None
    pools: BoundedPoolManager
    proxies: Proxies | None
    netrc: bool
    cookies: Cookies

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
