"""Deadlines for a piece of network work as a whole: a `Watch` holds one, and the sockets the
work uses are shut when it passes (a read blocked on them then returns at once).

Sockets bound each read, not a reply as a whole: a server that trickles an answer a byte at a
time keeps every read short and the work alive for ever. One watchdog thread keeps every
watch's deadline, whichever thread the work runs in (HTTP requests, SMTP stages): starting a
timer thread for each would cost more than a request to a nearby server or an SMTP message
(about 0.7 ms, most of it waiting for the new thread). The work's sockets find their watch
through a thread-local (`current_watch`).
"""

from __future__ import annotations

import heapq
import itertools
import os
import socket
import threading
import time
from contextlib import suppress

_local = threading.local()


class Watch:
    """One request's deadline and the sockets it uses; at the deadline they are shut."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._fired = False
        self._done = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def __enter__(self) -> Watch:
        _local.watch = self
        WATCHDOG.arm(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        with self._lock:
            self._done = True
        _local.watch = None

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    @property
    def fired(self) -> bool:
        """True once the sockets were shut: a body read since may have been cut short."""
        return self._fired

    @property
    def expired(self) -> bool:
        return self._fired or self.remaining() <= 0

    @property
    def done(self) -> bool:
        """True once the request left the watch: its deadline no longer matters."""
        return self._done

    def track(self, sock: socket.socket) -> None:
        """Shut `sock` at the deadline (at once if it has passed)."""
        with self._lock:
            if self._fired:
                _shut(sock)
            else:
                self._sockets.append(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self._fired = True
            for sock in self._sockets:
                _shut(sock)


class Watchdog:
    """The one thread that expires every watch at its deadline: the watches wait in a heap,
    earliest first; the thread sleeps until the first one's deadline, or until an earlier
    one is armed. A watch whose request is done is dropped when it comes up."""

    IDLE = 30.0  # seconds with no watch after which the thread ends (arming restarts it)

    def __init__(self) -> None:
        self._start()
        os.register_at_fork(after_in_child=self._start)  # a forked child has no such thread

    def _start(self) -> None:
        self._condition = threading.Condition()
        self._heap: list[tuple[float, int, Watch]] = []
        self._order = itertools.count()  # breaks ties between equal deadlines
        self._thread: threading.Thread | None = None

    def arm(self, watch: Watch) -> None:
        """Expire `watch` at its deadline (at once if that has passed)."""
        with self._condition:
            heapq.heappush(self._heap, (watch.deadline, next(self._order), watch))
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, daemon=True,
                                                name="deadlines")
                self._thread.start()
            elif self._heap[0][2] is watch:
                self._condition.notify()

    def _watch(self) -> None:
        with self._condition:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    if not self._condition.wait(self.IDLE) and not self._heap:
                        self._thread = None
                        return
                    continue
                remaining = self._heap[0][0] - time.monotonic()
                if remaining > 0:
                    self._condition.wait(remaining)
                    continue
                heapq.heappop(self._heap)[2]._expire()


WATCHDOG = Watchdog()


def current_watch() -> Watch | None:
    return getattr(_local, "watch", None)


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
