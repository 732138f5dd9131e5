"""The web app and its server: Starlette routes over one open state, served by uvicorn.

`serve` binds the socket itself (127.0.0.1 unless told otherwise), says where it listens on
one line (the port too, when 0 asked for any free one), then hands the socket to uvicorn.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.resources import files

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from ..config import Settings
from ..core.errors import DigestError, StateError
from . import archive
from .security import SecurityHeaders
from .signup import Signup
from .site import Clock, Site, utc_now
from .unsubscribe import Unsubscribe
from .webhooks import WebhookSecrets
from .webhooks import routes as webhook_routes

log = logging.getLogger(__name__)


def create_app(site: Site, secrets: WebhookSecrets) -> SecurityHeaders:
    """The ASGI app of `site`: every route, under the security headers."""

    async def healthz(request: Request) -> Response:
        """For probes: 200 when the state answers, with the last edition and its status."""
        try:
            last = site.store.editions.last()
        except StateError as exc:
            return JSONResponse({"state": "unreachable", "error": str(exc)}, 503)
        edition = last and {"day": last.day, "status": last.status,
                            "created_at": last.created_at.isoformat()}
        return JSONResponse({"state": "ok", "last_edition": edition})

    async def state_fault(request: Request, exc: Exception) -> Response:
        """The state could not be written (a full disk, another writer too long): the
        request is not done, and may be tried again (a provider retries its webhook)."""
        log.error("%s %s: %s", request.method, request.url.path, exc)
        return PlainTextResponse("the state cannot be written now; try again later", 503)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        site.close()

    static = StaticFiles(directory=str(files("digest.web") / "static"))
    app = Starlette(routes=[
        *Unsubscribe(site).routes(),
        *webhook_routes(site, secrets),
        *archive.routes(site),
        *Signup(site).routes(),
        Mount("/static", static, name="static"),
    ], lifespan=lifespan, exception_handlers={StateError: state_fault})
    app.add_route("/healthz", healthz, methods=["GET", "HEAD"])
    app.router.redirect_slashes = False  # a redirect built from the Host header: none at all
    return SecurityHeaders(app)


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (IPv6 when the host is one)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise DigestError(f"cannot listen on {host}:{port}: {exc.strerror or exc}; "
                          "choose another --port or --host") from None
    sock.listen(1024)
    sock.set_inheritable(True)
    return sock


def serve(settings: Settings, host: str, port: int, ready: Callable[[str], None],
          clock: Clock = utc_now) -> None:
    """Serve until interrupted; `ready` gets the address once the socket listens."""
    secrets = WebhookSecrets.from_environment(settings.webhooks)
    site = Site.open(settings, clock)
    sock = listen(host, port)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    ready(f"http://{shown}:{bound_port}")
    config = uvicorn.Config(create_app(site, secrets), log_level="warning", access_log=False,
                            proxy_headers=True, server_header=False, lifespan="on")
    uvicorn.Server(config).run(sockets=[sock])
