"""The cookies servers set during a run, sent back as a browser (or a requests session)
would: some sites answer a first request with a cookie and a redirect to the same URL, and
loop for ever without it. The cookie jar (http.cookiejar, which loads urllib.request) is
made when the first cookie comes, which most runs never see."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from http.cookiejar import CookieJar

    from urllib3 import HTTPHeaderDict


class _Answer:
    """An HTTP answer as the cookie jar reads one: its headers, through `info()`."""

    def __init__(self, headers: HTTPHeaderDict) -> None:
        self._headers = headers

    def info(self) -> _Answer:
        return self

    def get_all(self, name: str, default: Any = None) -> list[str] | Any:
        return self._headers.getlist(name) or default


class Cookies:
    """Thread-safe: the jar is made under a lock, and locks itself after."""

    def __init__(self) -> None:
        self._jar: CookieJar | None = None
        self._lock = threading.Lock()

    def header(self, url: str) -> str | None:
        """The Cookie header for a request to `url`, or None."""
        if self._jar is None:
            return None
        from urllib.request import Request

        request = Request(url)
        self._jar.add_cookie_header(request)
        return request.get_header("Cookie")

    def store(self, url: str, headers: HTTPHeaderDict) -> None:
        """Keep the cookies an answer from `url` sets."""
        if "set-cookie" not in headers and "set-cookie2" not in headers:
            return
        from http.cookiejar import CookieJar
        from urllib.request import Request

        with self._lock:
            if self._jar is None:
                self._jar = CookieJar()
        self._jar.extract_cookies(_Answer(headers), Request(url))  # type: ignore[arg-type]
