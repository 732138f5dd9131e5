"""The watchdog under fetch's requests: one thread shuts each watch's sockets at that
watch's own deadline, whatever the order the watches were armed in, and never after the
request left its watch. Real sockets (connected pairs); the only wait is the deadline."""

from __future__ import annotations

import socket
import time
from contextlib import ExitStack

from digest.core.deadlines import Watch


def test_each_watch_is_cut_at_its_own_deadline_and_a_finished_one_never():
    late_pair, finished_pair, soon_pair = pairs = [socket.socketpair() for _ in range(3)]
    now = time.monotonic()
    late, finished, soon = Watch(now + 30), Watch(now + 0.1), Watch(now + 0.3)
    try:
        with ExitStack() as running:
            running.enter_context(late).track(late_pair[0])
            with finished:
                finished.track(finished_pair[0])
            running.enter_context(soon).track(soon_pair[0])
            assert soon_pair[0].recv(1) == b""  # blocked until the watchdog shut it
            assert time.monotonic() - now >= 0.3
            assert soon.fired and not late.fired and not finished.fired
            assert late_pair[0].send(b"x") == 1  # the late one's socket is still open
            assert finished_pair[0].send(b"x") == 1
    finally:
        for pair in pairs:
            for sock in pair:
                sock.close()
