"""What every answer of the app carries, and what every form needs.

- Security headers on every response (a CSP without any script, no framing, no sniffing, no
  referrer, so a token in a URL never leaks to another site), added by a plain ASGI
  wrapper, cheap enough for the one-click path.
- CSRF: a random cookie (SameSite=Strict, HttpOnly) and, in each form, an HMAC of it keyed
  with the server's secret; a POST from a form must bring both, matching.
- Request bodies are read up to a cap, so a huge POST costs nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import Response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

# The app's own pages: its stylesheet, nothing else, and forms only to itself.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
# An archived edition is an email: inline styles and the stories' images, still no script.
EDITION_CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src https: data:; "
               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
HEADERS = (
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
CSRF_COOKIE = "digest_csrf"
MAX_FORM = 16 * 1024


class SecurityHeaders:
    """Adds the security headers to every response; a response may set its own CSP and
    Cache-Control (else: CSP above, no-store)."""

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += HEADERS
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CSP.encode()))
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class TooLarge(Exception):
    """A request body over its cap."""


async def body(request: Request, limit: int) -> bytes:
    """The request's body, at most `limit` bytes; TooLarge past that."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise TooLarge
    return bytes(data)


async def form(request: Request) -> dict[str, str]:
    """An urlencoded form's fields (the first value of each); multipart is read raw, only
    to find RFC 8058's one-click field."""
    data = await body(request, MAX_FORM)
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        one_click = b'name="List-Unsubscribe"' in data and b"One-Click" in data
        return {"List-Unsubscribe": "One-Click"} if one_click else {}
    fields = parse_qs(data.decode("utf-8", "replace"), keep_blank_values=True)
    return {name: values[0] for name, values in fields.items()}


class Csrf:
    """Form tokens tied to a browser's cookie, signed with the server's secret."""

    def __init__(self, secret: str, secure: bool) -> None:
        self._key = hashlib.sha256(b"digest csrf\0" + secret.encode()).digest()
        self._secure = secure

    def _mac(self, cookie: str) -> str:
        return hmac.new(self._key, cookie.encode(), hashlib.sha256).hexdigest()

    def token(self, request: Request) -> tuple[str, str | None]:
        """The form's token, and the cookie to set when the browser has none yet."""
        cookie = request.cookies.get(CSRF_COOKIE, "")
        if len(cookie) != 32:
            cookie = secrets.token_hex(16)
            return self._mac(cookie), cookie
        return self._mac(cookie), None

    def set_cookie(self, response: Response, cookie: str | None) -> Response:
        if cookie is not None:
            response.set_cookie(CSRF_COOKIE, cookie, httponly=True, samesite="strict",
                                secure=self._secure, path="/")
        return response

    def valid(self, request: Request, fields: dict[str, str]) -> bool:
        """Whether the form's token matches the browser's cookie (in constant time)."""
        cookie = request.cookies.get(CSRF_COOKIE, "")
        given = fields.get("csrf", "")
        return len(cookie) == 32 and hmac.compare_digest(self._mac(cookie).encode(),
                                                         given.encode())
