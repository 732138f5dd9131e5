"""A real HTTP server on 127.0.0.1 for tests, with a route table that tests fill in.

Each route is a function taking the request handler; helpers below cover the usual answers.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes
    server: WebServer

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        self.server.requests.append((path, dict(self.headers.items())))
        route = self.server.routes.get(path)
        if route is None:
            send(self, 404, b"not found", "text/plain")
        else:
            with suppress(BrokenPipeError, ConnectionResetError):
                route(self)

    def log_message(self, *args: object) -> None:
        pass


class WebServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that hang up early (timeouts, size caps) are expected here, not errors."""

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def hits(self, path: str) -> int:
        return sum(p == path for p, _ in self.requests)

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


def send(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str,
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def static(body: bytes, content_type: str = "application/rss+xml", *, status: int = 200,
           etag: str | None = None, delay: float = 0.0, headers: dict[str, str] | None = None
           ) -> Route:
    """A fixed answer; with `etag`, a matching If-None-Match gets 304."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        if delay:
            time.sleep(delay)
        extra = dict(headers or {})
        if etag:
            extra["ETag"] = etag
            if handler.headers.get("If-None-Match") == etag:
                handler.send_response(304)
                handler.send_header("ETag", etag)
                handler.send_header("Content-Length", "0")
                handler.end_headers()
                return
        send(handler, status, body, content_type, extra)

    return route


def sequence(*routes: Route) -> Route:
    """Answer with each route in turn, then keep answering with the last."""
    calls = {"n": 0}

    def route(handler: BaseHTTPRequestHandler) -> None:
        index = min(calls["n"], len(routes) - 1)
        calls["n"] += 1
        routes[index](handler)

    return route


def gzipped(body: bytes, content_type: str = "application/rss+xml") -> Route:
    data = gzip.compress(body)
    return static(data, content_type, headers={"Content-Encoding": "gzip"})


def redirect(to: str) -> Route:
    def route(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 302, b"", "text/plain", {"Location": to})

    return route


def streamed(chunk: bytes, count: int, every: float = 0.0) -> Route:
    """A body with no Content-Length (it ends when the connection closes): `count` chunks,
    `every` seconds apart. Only counting while reading stops a large one; only a total-time
    cap stops a slow one."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("Connection", "close")
        handler.end_headers()
        for _ in range(count):
            handler.wfile.write(chunk)
            handler.wfile.flush()
            if every:
                time.sleep(every)

    return route
