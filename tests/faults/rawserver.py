"""Raw TCP servers on 127.0.0.1 that misbehave at the socket level, for timeout tests."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

Behaviour = Callable[[socket.socket, threading.Event], None]


@contextmanager
def raw_server(behaviour: Behaviour) -> Iterator[str]:
    """Serve each connection with `behaviour(connection, stop)` until the block ends; yields
    the base URL. `stop` is set when the block ends, so a hanging behaviour can return."""
    stop = threading.Event()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    open_connections: list[socket.socket] = []

    def serve() -> None:
        while not stop.is_set():
            try:
                connection = listener.accept()[0]
            except TimeoutError:
                continue
            open_connections.append(connection)
            threading.Thread(target=behaviour, args=(connection, stop), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        for connection in open_connections:
            with suppress(OSError):
                connection.close()
        listener.close()


@contextmanager
def never_accepting() -> Iterator[str]:
    """A listener whose backlog is full: new connections are never accepted (SYNs dropped)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    address = listener.getsockname()
    fillers = []
    for _ in range(8):
        filler = socket.socket()
        filler.setblocking(False)
        with suppress(BlockingIOError):
            filler.connect(address)
        fillers.append(filler)
    try:
        yield f"http://{address[0]}:{address[1]}"
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def silent(connection: socket.socket, stop: threading.Event) -> None:
    """Accept, read the request, never answer."""
    with suppress(OSError):
        connection.recv(65536)
    stop.wait()


def trickle(head: bytes, drip: bytes, every: float) -> Behaviour:
    """Send `head` at once, then `drip` one byte every `every` seconds (each read is quick;
    the whole never ends in time)."""

    def behaviour(connection: socket.socket, stop: threading.Event) -> None:
        with suppress(OSError):
            connection.recv(65536)
            connection.sendall(head)
            for byte in drip:
                if stop.wait(every):
                    return
                connection.sendall(bytes([byte]))
        stop.wait()

    return behaviour


def smtp_trickling(at: str, every: float = 0.2) -> Behaviour:
    """An SMTP server that answers 250 at once to every command before `at` ("greeting", or a
    command: "EHLO", "MAIL", "RCPT"), whose reply it trickles a byte every `every` seconds,
    never ending it."""
    endless = b"250-" + b"x" * 1000

    def behaviour(connection: socket.socket, stop: threading.Event) -> None:
        def drip() -> None:
            for byte in endless:
                if stop.wait(every):
                    return
                connection.sendall(bytes([byte]))

        with suppress(OSError), connection.makefile("rb") as lines:
            if at == "greeting":
                return drip()
            connection.sendall(b"220 ready\r\n")
            for line in lines:
                if line.upper().startswith(at.encode()):
                    return drip()
                connection.sendall(b"250 ok\r\n")
        stop.wait()

    return behaviour
