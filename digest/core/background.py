"""A loop run in a thread of its own for as long as a block runs: what keeps a lease alive
while the work it covers goes on (a send's batch, a runner's lead)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def in_background(loop: Callable[[threading.Event], None], name: str) -> Iterator[None]:
    """Run `loop(done)` in a daemon thread until the block ends; then `done` is set and the
    thread joined, so no pass of the loop outlives the block."""
    done = threading.Event()
    thread = threading.Thread(target=loop, args=(done,), name=name, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
