"""Real local servers driven into faults, and a project that sends through them.

- `ScriptedSmtp`: aiosmtpd (plain, no AUTH) whose answers at MAIL FROM, RCPT TO and after
  the final dot are scripted per test; it can also drop the connection or never answer once
  a message is complete, or hold its answer until the test lets it go.
- `RawServer`: a bare TCP listener for what aiosmtpd cannot do: a 421 greeting, a server
  that accepts and never says a word.
- `FaultyPostmark`: the Postmark fake of tests/delivery/backends, which can also accept a
  request and then answer something else (502, 504, an unreadable body, fewer results),
  never answer in time, or hold its answer.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from digest.app import pipeline
from digest.config import Settings, load_settings
from digest.store import Store

from ..delivery.backends.conftest import API_KEY, PostmarkApi
from .filesystem import shared_dir, tiny_disk  # noqa: F401 - fixtures for the tests here

HOLD_LIMIT = 30.0  # seconds a held answer waits for the test at most


# --- SMTP ----------------------------------------------------------------------------------

@dataclass
class ScriptedSmtp:
    """An aiosmtpd handler. `mail` answers the next MAIL FROMs (one entry each; 250 when
    it is empty or the entry starts with 250);
    `rcpt` answers RCPT TO for an address, every time (a deque: once per entry);
    `after_data[address]` happens once the message to that address is complete: a reply
    line, "drop" (abort the connection) or "silence" (never answer)."""

    mail: deque[str] = field(default_factory=deque)
    rcpt: dict[str, str | deque[str]] = field(default_factory=dict)
    after_data: dict[str, str] = field(default_factory=dict)
    received: list[tuple[list[str], bytes]] = field(default_factory=list)
    tries: list[str] = field(default_factory=list)  # every RCPT TO address, in order
    hold_at: int | None = None  # hold the answer to message number N (from 1) ...
    held: threading.Event = field(default_factory=threading.Event)  # ... say so here
    release: threading.Event = field(default_factory=threading.Event)  # ... until this
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        answer = self.mail.popleft() if self.mail else "250"
        if not answer.startswith("250"):
            if answer.startswith("421"):
                server.loop.call_soon(server.transport.close)
            return answer
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self.tries.append(address)
        answer = self.rcpt.get(address)
        if isinstance(answer, deque):
            answer = answer.popleft() if answer else None
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        (address,) = envelope.rcpt_tos
        fault = self.after_data.pop(address, None)
        if fault and fault[0].isdigit():
            return fault
        with self.lock:  # the message is complete: the server has it
            self.received.append((list(envelope.rcpt_tos), envelope.content))
            number = len(self.received)
        if fault == "drop":
            server.transport.abort()
        elif fault == "silence":
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 5)
        elif number == self.hold_at:
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(
                None, self.release.wait, HOLD_LIMIT)
        return "250 2.0.0 Ok: queued"

    def copies(self) -> Counter[str]:
        return Counter(rcpt for rcpts, _ in self.received for rcpt in rcpts)

    def message_ids(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for rcpts, data in self.received:
            message = message_from_bytes(data, policy=policy.default)
            for rcpt in rcpts:
                found.setdefault(rcpt, set()).add(str(message["Message-ID"]))
        return found


class _Controller(Controller):
    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def smtp() -> Iterator[tuple[ScriptedSmtp, int]]:
    """A plain SMTP server on 127.0.0.1 and its port."""
    handler = ScriptedSmtp()
    controller = _Controller(handler, hostname="127.0.0.1", port=0, decode_data=False)
    controller.start()
    yield handler, controller.port
    handler.release.set()
    controller.stop()


class RawServer:
    """Accepts connections on 127.0.0.1 and greets each with `greeting` (None: silence),
    keeping them open until stopped."""

    def __init__(self, greeting: bytes | None) -> None:
        self.greeting = greeting
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed by stop()
                return
            self.connections.append(connection)
            if self.greeting is not None:
                connection.sendall(self.greeting)

    def stop(self) -> None:
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting in _serve
        self.listener.close()
        for connection in self.connections:
            connection.close()
        self._thread.join()


@pytest.fixture
def raw_server() -> Iterator[Callable[[bytes | None], RawServer]]:
    servers: list[RawServer] = []

    def start(greeting: bytes | None) -> RawServer:
        servers.append(RawServer(greeting))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


# --- an HTTP API ---------------------------------------------------------------------------

class FaultyPostmark(PostmarkApi):
    """`after` answers the next requests once they were accepted (delivered): None as usual,
    a status, b"..." as an unreadable 200 body, "fewer" for one result short, "silence" to
    answer only when released. `hold_at` holds the answer to request number N until
    released."""

    def __init__(self, server: HTTPServer) -> None:
        super().__init__(server)
        self.after: deque[int | bytes | str | None] = deque()
        self.hold_at: int | None = None
        self.held = threading.Event()
        self.release = threading.Event()

    def __call__(self, request: Request) -> Response:
        response = super().__call__(request)
        if self.requests == self.hold_at:
            self.held.set()
            self.release.wait(HOLD_LIMIT)
        if not self.after or response.status_code != 200:
            return response
        fault = self.after.popleft()
        if fault is None:
            return response
        if fault == "silence":
            self.release.wait(5)
            return response
        if fault == "fewer":
            return Response(response.get_data()[: response.get_data().rindex(b", {")] + b"]",
                            status=200, content_type="application/json")
        if isinstance(fault, bytes):
            return Response(fault, status=200, content_type="application/json")
        return Response("<html>gateway</html>", status=int(fault), content_type="text/html")

    def copies(self) -> Counter[str]:
        return Counter(d.recipient for d in self.delivered)

    def message_ids(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for delivered in self.delivered:
            found.setdefault(delivered.recipient, set()).add(delivered.headers["message-id"])
        return found


@pytest.fixture
def postmark(httpserver: HTTPServer) -> Iterator[FaultyPostmark]:
    httpserver.no_handler_status_code = 404
    api = FaultyPostmark(httpserver)
    yield api
    api.release.set()


# --- a project that sends through them -------------------------------------------------------

def smtp_delivery(port: int, **extra: object) -> str:
    options = {"timeout": 0.5, "max_attempts": 2, "retry_delay": 0, **extra}
    lines = "".join(f"    {k}: {v}\n" for k, v in options.items())
    return (f"backend: smtp\nsmtp:\n    host: 127.0.0.1\n    port: {port}\n"
            f"    security: none\n{lines}")


def postmark_delivery(api: PostmarkApi, **extra: object) -> str:
    # Long enough that a loaded machine answers in time; a test of the timeout sets its own.
    options = {"timeout": 2, "max_retries": 1, "backoff": 0, **extra}
    lines = "".join(f"    {k}: {v}\n" for k, v in options.items())
    return (f"backend: postmark\npostmark:\n    api_key: {API_KEY}\n"
            f"    base_url: {api.base_url}\n{lines}")


def ledger(settings: Settings) -> dict[str, tuple[str, str | None]]:
    """Each recipient's (status, last error) in the newest edition."""
    with Store.peek(settings.state_location()) as state:
        (edition, *_) = state.editions.recent(1)
        return {d.address: (d.status, d.error) for d in state.ledger.deliveries(edition.id)}


def statuses(settings: Settings) -> dict[str, str]:
    return {address: status for address, (status, _) in ledger(settings).items()}


def send(config: Path, **options: object) -> pipeline.SendReport:
    return pipeline.send(load_settings(config), **options)
