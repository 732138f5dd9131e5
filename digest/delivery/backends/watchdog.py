"""A deadline for each stage of an SMTP session, kept by one thread for the whole session.

smtplib bounds each read, not a reply as a whole: a server that trickles a reply a byte at a
time keeps every read short and the stage alive for ever. fetch's `Watch` bounds an HTTP
request as a whole the same way (its sockets shut at the deadline, by a thread that serves
every request); SMTP has a stage per message, so one `Watchdog` thread serves every stage of
a backend, re-armed for each: arming and disarming are a lock and a notify, where a thread
started per message would cost more than sending it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

_local = threading.local()


def current_stage() -> Watchdog | None:
    """The watchdog of the stage running in this thread, if one is."""
    return getattr(_local, "stage", None)


class Watchdog:
    """Shuts the sockets tracked in a stage when the stage outlives its deadline; the read
    blocked on them then fails at once, and `fired` says why."""

    IDLE = 30.0  # seconds without a stage after which the thread ends (a later one restarts it)

    def __init__(self) -> None:
        self.thread_name = f"smtp-deadline-{id(self):x}"
        self._condition = threading.Condition()
        self._deadline: float | None = None
        self._sockets: list[socket.socket] = []
        self._generation = 0  # of the thread watching; stop() ends it by moving on
        self._thread: threading.Thread | None = None
        self.fired = False

    @contextlib.contextmanager
    def stage(self, seconds: float) -> Iterator[Watchdog]:
        """Run the body within `seconds` as a whole."""
        with self._condition:
            self._deadline = time.monotonic() + seconds
            self._sockets = []
            self.fired = False
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, args=(self._generation,),
                                                daemon=True, name=self.thread_name)
                self._thread.start()
            self._condition.notify()
        _local.stage = self
        try:
            yield self
        finally:
            _local.stage = None
            with self._condition:
                self._deadline = None
                self._sockets = []

    def track(self, sock: socket.socket) -> None:
        """Shut `sock` at the stage's deadline (at once if it has passed)."""
        with self._condition:
            if self.fired:
                _shut(sock)
            else:
                self._sockets.append(sock)

    def stop(self) -> None:
        """End the thread (a later stage starts another)."""
        with self._condition:
            thread, self._thread = self._thread, None
            self._generation += 1
            self._condition.notify_all()
        if thread is not None:
            thread.join()

    def _watch(self, generation: int) -> None:
        with self._condition:
            while self._generation == generation:
                if self._deadline is None:
                    if not self._condition.wait(self.IDLE) and self._deadline is None:
                        self._thread = None  # a backend left open without a send
                        return
                    continue
                remaining = self._deadline - time.monotonic()
                if remaining > 0:
                    self._condition.wait(remaining)
                    continue
                self.fired = True
                self._deadline = None
                for sock in self._sockets:
                    _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
