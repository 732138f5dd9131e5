"""Where collection's work runs: CPU-bound work in worker processes, and the state's
questions in the one thread that holds the state.

What each answer means:
- a worker process that dies (killed, out of memory): the pool is broken; that work and
  all later work run in the thread that asked, so the run goes on (logged once).
- an error the work itself raises: raised in the thread that asked, as if run there.
- a question to the state that fails (StateError): raised in the thread that asked (its
  source fails with it); after the sources are done, or on Ctrl-C, asking is an error.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from ..core.errors import DigestError

log = logging.getLogger(__name__)
Answer = TypeVar("Answer")


class StateQuestions:
    """Questions the fetching threads ask of the state, answered in the thread that owns
    it while it waits for the sources (`answer_until`)."""

    def __init__(self) -> None:
        self._asked: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = (
            queue.SimpleQueue())
        self._lock = threading.Lock()
        self._closed = False

    def ask(self, question: Callable[[], Answer]) -> Answer:
        answer: Future[Answer] = Future()
        with self._lock:
            if self._closed:
                raise DigestError("collection stopped")
            self._asked.put((question, answer))
        return answer.result()

    def answer_until(self, futures: Sequence[Future[Any]]) -> None:
        """Answer questions until every future is done; then none is taken any more."""
        for future in futures:
            future.add_done_callback(lambda _: self._asked.put(None))
        left = len(futures)
        try:
            while left:
                item = self._asked.get()
                if item is None:
                    left -= 1
                else:
                    self._answer(*item)
        finally:  # on Ctrl-C, no thread is left waiting for an answer
            with self._lock:
                self._closed = True
            while not self._asked.empty():
                item = self._asked.get()
                if item is not None:
                    item[1].set_exception(DigestError("collection stopped"))

    @staticmethod
    def _answer(question: Callable[[], Any], answer: Future[Any]) -> None:
        try:
            answer.set_result(question())
        except BaseException as exc:  # the asking thread reports it as its source's failure
            answer.set_exception(exc)


class Workers:
    """A Worker over worker processes, forked before any fetching thread starts (so no
    thread's lock is copied held), or running the work here when one process is all
    there is or the pool broke."""

    def __init__(self, count: int) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False
        self._lock = threading.Lock()
        if count > 1:
            self._pool = ProcessPoolExecutor(count, multiprocessing.get_context("fork"))
            self._pool.submit(os.getpid)  # with "fork", the first task starts every process

    def __call__(self, work: Callable[..., Answer], /, *args: Any) -> Answer:
        if self._pool is not None and not self._broken:
            try:
                return self._pool.submit(work, *args).result()
            except BrokenProcessPool:
                with self._lock:
                    if not self._broken:
                        self._broken = True
                        log.warning("a worker process died; collection goes on in this one")
        return work(*args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
