"""The local HTTP server the collection benchmarks fetch from, run in a process of its own
so that its work is not counted as digest's.

A benchmark subclasses `Handler` with its own `do_GET` (what to serve at each path) and
answers with `answer`; `start` runs it and gives the port.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class Handler(BaseHTTPRequestHandler):
    """Keep-alive, every answer with its length, nothing logged."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in separate writes

    def answer(self, status: int, body: bytes = b"", content_type: str | None = None,
               headers: Iterable[tuple[str, str]] = ()) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 512  # the listen backlog: with the default 5, bursts of connections
    # are dropped and retried a second later, which measures the kernel, not the client


def serve(handler: type[Handler], port_queue: multiprocessing.Queue,
          attributes: dict[str, Any]) -> None:
    """The server's process: `attributes` set on the handler class (what it serves)."""
    for name, value in attributes.items():
        setattr(handler, name, value)
    server = Server(("127.0.0.1", 0), handler)
    port_queue.put(server.server_address[1])
    server.serve_forever()


def start(handler: type[Handler], **attributes: Any) -> tuple[multiprocessing.Process, int]:
    """The server's process, started (a daemon: it ends with the benchmark), and its port."""
    ports: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=serve, args=(handler, ports, attributes),
                                      daemon=True)
    process.start()
    return process, ports.get(timeout=30)
