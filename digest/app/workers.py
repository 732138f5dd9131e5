"""Where collection's work runs: CPU-bound work in worker processes, and the state's
questions in the one thread that holds the state.

What each answer means:
- a worker process that dies (killed, out of memory): the pool is broken; that work and
  all later work run in the thread that asked, so the run goes on (logged once).
- an error the work itself raises: raised in the thread that asked, as if run there; an
  answer that cannot be pickled: a DigestError there.
- this process ending, however it ends (even killed outright): each worker reads the end
  of its pipe and ends too.
- a question to the state that fails (StateError): raised in the thread that asked (its
  source fails with it); after the sources are done, or on Ctrl-C, asking is an error.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import multiprocessing.process
import os
import pickle
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from ..core.errors import DigestError

log = logging.getLogger(__name__)
Answer = TypeVar("Answer")
STOP_SECONDS = 5.0  # a worker still busy this long after the run is done is killed


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
        """Answer questions until every future is done; then none is taken any more. Only
        the last one to be done wakes this thread (each waking costs it the GIL again)."""
        left = [len(futures)]
        counting = threading.Lock()

        def done(_: Future[Any]) -> None:
            with counting:
                left[0] -= 1
                if left[0] == 0:
                    self._asked.put(None)

        if futures:
            for future in futures:
                future.add_done_callback(done)
        else:
            self._asked.put(None)
        try:
            while (item := self._asked.get()) is not None:
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
    there is or a worker died.

    Each process has a pipe of its own; a thread takes an idle process, sends it the work,
    and reads the answer itself. No dispatching thread sits between them, as
    ProcessPoolExecutor's has (a queue, a feeder thread and a result thread per task, on
    both sides): the work's arguments and answer are pickled once each way, and nothing
    else is, so that handing a feed over costs this process little next to parsing it.

    Work run here runs one piece at a time, holding `turn` (which the fetching threads
    take for their own CPU work too): they share one interpreter lock, and dozens of them
    parsing at once hand it to each other at every switch and every call into lxml (each
    hand-over a thread woken), which cost a one-process collection of 200 feeds up to a
    tenth of its CPU (less on a busy machine, where they seldom have two cores)."""

    def __init__(self, count: int, preload: Sequence[str] = ()) -> None:
        """`preload` names modules the work will import: with processes, they are imported
        here first, so that the processes share them rather than each import them."""
        self._idle: queue.SimpleQueue[Process | None] = queue.SimpleQueue()
        self._processes: list[Process] = []
        self._broken = False
        self._lock = threading.Lock()
        # Held by the work running here; the fetching threads' own CPU work takes it too.
        self.turn = threading.Lock()
        if count > 1:
            for module in preload:
                importlib.import_module(module)
            context = multiprocessing.get_context("fork")
            for _ in range(count):
                ours, theirs = context.Pipe()
                # The child closes every parent end it inherits, its own included: when
                # this process ends, however it ends, each worker reads the end of its pipe.
                inherited = [p.connection for p in self._processes] + [ours]
                process = context.Process(target=serve, args=(theirs, inherited),
                                          daemon=True, name="digest-worker")
                process.start()
                theirs.close()
                self._processes.append(Process(process, ours))
                self._idle.put(self._processes[-1])

    def __call__(self, work: Callable[..., Answer], /, *args: Any) -> Answer:
        if self._processes and not self._broken:
            process = self._idle.get()
            if process is None:  # a worker died: every thread waiting here is woken
                self._idle.put(None)
            else:
                try:
                    sent_back = process.exchange(work, args)
                except (EOFError, OSError):
                    self._break()
                except BaseException:  # the work would not pickle: not sent
                    self._idle.put(process)
                    raise
                else:
                    # Free before its answer is loaded, which waits for the turn.
                    self._idle.put(process)
                    with self.turn:
                        answered, answer = pickle.loads(sent_back)
                    if answered:
                        return answer
                    raise answer
        with self.turn:
            return work(*args)

    def _break(self) -> None:
        with self._lock:
            if not self._broken:
                self._broken = True
                log.warning("a worker process died; collection goes on in this one")
                self._idle.put(None)

    def close(self) -> None:
        """Ask each process to end after its work, and wait for it (so that its CPU time
        is counted as this process's children's)."""
        self._broken = True
        self._idle.put(None)  # a thread still waiting for a process runs its work here
        for process in self._processes:
            process.stop()
        self._processes.clear()


@dataclass(frozen=True)
class Process:
    """One worker process and this process's end of its pipe."""

    process: multiprocessing.process.BaseProcess
    connection: Connection
    talking: threading.Lock = field(default_factory=threading.Lock)

    def exchange(self, work: Callable[..., Any], args: tuple[Any, ...]) -> bytes:
        """The pickled answer, (True, the answer) or (False, the exception the work
        raised), read off the pipe holding the process; raises EOFError or OSError when
        the process died. The caller loads it (its objects built again: a feed's entries)
        in the turn of the CPU work done here, not among every fetching thread at once,
        once the process is free for other work."""
        with self.talking:
            self.connection.send((work, args))
            return self.connection.recv_bytes()

    def stop(self) -> None:
        if self.talking.acquire(timeout=STOP_SECONDS):  # not while another thread talks
            with suppress(OSError):
                self.connection.send(None)
            self.talking.release()
        self.process.join(STOP_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def serve(connection: Connection, inherited: list[Connection]) -> None:
    """A worker process: run each work sent, and send back its answer or its exception,
    until told to stop or until the parent's end of the pipe closes."""
    for end in inherited:
        end.close()
    while True:
        try:
            asked = connection.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if asked is None:
            return
        work, args = asked
        try:
            answer: tuple[bool, Any] = (True, work(*args))
        except KeyboardInterrupt:
            return
        except BaseException as exc:  # raised again in the thread that asked
            answer = (False, exc)
        try:
            connection.send(answer)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            connection.send((False, DigestError(f"a worker's answer could not be sent: {exc}")))
