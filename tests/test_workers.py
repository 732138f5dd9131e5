"""Worker processes: work and its errors come back to the thread that asked; a process
that dies, or a parent that dies, leaves nothing hanging."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from digest.app.workers import Workers
from digest.core.errors import DigestError


def refuse(text: str) -> str:
    raise ValueError(f"refused {text}")


def a_lock() -> threading.Lock:
    return threading.Lock()


def test_work_runs_in_the_processes_and_their_answers_come_back_in_order_of_asking():
    workers = Workers(2)
    try:
        with ThreadPoolExecutor(8) as threads:
            pids = list(threads.map(lambda _: workers(os.getpid), range(40)))
            doubled = list(threads.map(lambda n: workers(pow, n, 2), range(40)))
    finally:
        workers.close()
    assert os.getpid() not in pids and len(set(pids)) <= 2
    assert doubled == [n * n for n in range(40)]


def test_an_error_of_the_work_is_raised_in_the_thread_that_asked_and_the_pool_goes_on():
    workers = Workers(2)
    try:
        with pytest.raises(ValueError, match="refused this"):
            workers(refuse, "this")
        with pytest.raises(DigestError, match="answer could not be sent"):
            workers(a_lock)  # a lock cannot cross to this process
        with pytest.raises(TypeError):
            workers(len, threading.Lock())  # nor to a worker: the work is not sent
        assert workers(os.getpid) != os.getpid()
    finally:
        workers.close()


def loaded(module: str) -> bool:
    return module in sys.modules


def test_modules_to_preload_are_imported_once_before_the_processes_start():
    """With processes, the modules named are imported here first, and the processes have
    them without importing them again; with none, nothing is imported up front."""
    sys.modules.pop("colorsys", None)
    Workers(1, preload=["colorsys"]).close()
    assert not loaded("colorsys")
    workers = Workers(2, preload=["colorsys"])
    try:
        assert loaded("colorsys")
        assert all(workers(loaded, "colorsys") for _ in range(4))
    finally:
        workers.close()


def test_closing_ends_every_process():
    workers = Workers(2)
    processes = [p.process for p in workers._processes]
    assert workers(os.getpid) in {p.pid for p in processes}
    workers.close()
    assert [p.is_alive() for p in processes] == [False, False]
    assert workers(os.getpid) == os.getpid()  # closed: the work runs here


def test_the_processes_end_with_a_parent_killed_outright():
    """A parent killed with SIGKILL cannot stop its workers: they read the end of their
    pipes and end. They hold the write end of a pipe of this test's, which reads its end
    once every one of them is gone."""
    read_end, write_end = os.pipe()
    code = ("import os, signal\nfrom digest.app.workers import Workers\n"
            "workers = Workers(2)\nassert workers(os.getpid) != os.getpid()\n"
            f"os.close({write_end})\n"  # the parent's own copy; the workers keep theirs
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    parent = subprocess.Popen([sys.executable, "-c", code], pass_fds=(write_end,))
    os.close(write_end)
    try:
        assert parent.wait(timeout=60) == -9
        ready, _, _ = select.select([read_end], [], [], 60)
        assert ready and os.read(read_end, 1) == b""  # every copy of the write end closed
    finally:
        os.close(read_end)


def test_work_run_here_runs_one_piece_at_a_time_whatever_the_threads_asking():
    """With no processes, the threads' work is run one piece at a time: none starts while
    another is running, even when each gives way to the other threads as it goes."""
    workers = Workers(1)
    running, peak = [0], [0]
    counting = threading.Lock()

    def work(n: int) -> int:
        with counting:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        for _ in range(50):
            time.sleep(0)  # no wait: gives the interpreter to any thread that wants it
        with counting:
            running[0] -= 1
        return n

    try:
        with ThreadPoolExecutor(8) as threads:
            assert list(threads.map(lambda n: workers(work, n), range(32))) == list(range(32))
    finally:
        workers.close()
    assert peak == [1]


LOADING: list[Workers] = []  # the pool whose answer is being loaded


def turn_held() -> bool:
    """What a `LoadedHere` answer loads as: whether its pool's turn is held meanwhile."""
    return LOADING[0].turn.locked()


class LoadedHere:
    def __reduce__(self) -> tuple[object, tuple[()]]:
        return turn_held, ()


def test_an_answer_from_a_process_is_loaded_in_the_turn_of_the_cpu_work_done_here():
    """A process's answer is read off its pipe by the thread that asked, and loaded (the
    objects built again) holding `turn`, as any other CPU work in this process; nothing
    holds it after."""
    workers = Workers(2)
    LOADING[:] = [workers]
    try:
        assert workers(LoadedHere) is True
        assert not workers.turn.locked()
    finally:
        workers.close()
        LOADING.clear()
