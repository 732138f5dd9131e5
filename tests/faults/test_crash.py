"""`kill -9` a 200-recipient `digest send` at 20 random moments, finish with plain reruns, then
one `--resend-unknown`: everyone has the edition, and a second copy exists only for those
that were unknown before that resend, with the same Message-ID as the first.

Half the kills land while the server holds its answer to a message (SMTP) or a request (an
API) it has already accepted: the unit in flight. The others land once the server has seen
a random number of further units, wherever the process then is.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from digest.config import load_settings
from digest.store import Store

from ..projects import people, write_project
from .conftest import postmark_delivery, smtp_delivery

PEOPLE = 200
KILLS = 20
BATCH = 2  # recipients per API request


def start(config: Path, *options: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(config), "send", *options],
        cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for(event: threading.Event, process: subprocess.Popen[str]) -> bool:
    """Wait until `event` is set (True) or the process ends on its own (False)."""
    while process.poll() is None:
        if event.wait(0.01):
            return True
    return event.is_set()


class Server:
    """What the crash test needs of a server: units seen, and holding one."""

    def __init__(self, handler: object, units: Callable[[], int], step: int) -> None:
        self.handler = handler
        self.units = units
        self.step = step  # the most units a run goes on for before its kill

    def kill_at(self, process: subprocess.Popen[str], rng: random.Random) -> bool:
        """Kill the process at a random moment of its run; False if it ended first."""
        handler = self.handler
        handler.held.clear()
        handler.release.clear()
        target = self.units() + rng.randint(1, self.step)
        if rng.random() < 0.5:
            handler.hold_at = target  # mid-unit: the server has it, the sender does not know
            reached = handler.held
        else:
            handler.hold_at = None
            reached = threading.Event()

            def watch() -> None:
                while process.poll() is None and self.units() < target:
                    if handler.release.wait(0.001):
                        return
                reached.set()

            threading.Thread(target=watch, daemon=True).start()
        killed = wait_for(reached, process)
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        handler.hold_at = None
        handler.release.set()
        return killed


def crash_then_finish(config: Path, server: Server, seed: int) -> set[str]:
    """Run the send with KILLS kills, then plain reruns until nothing is pending or deferred;
    return who was unknown before the one `--resend-unknown`, which this then runs."""
    rng = random.Random(seed)
    kills = sum(server.kill_at(start(config), rng) for _ in range(KILLS))
    assert kills == KILLS, "every kill lands before the send is over"
    settings = load_settings(config)
    for _ in range(5):
        finished = start(config)
        _, err = finished.communicate(timeout=120)
        assert "Traceback" not in err, err
        with Store.peek(settings.path(settings.state.path)) as state:
            (edition,) = state.editions.recent(5)
            rows = state.ledger.deliveries(edition.id)
        if not {"pending", "deferred", "sending"} & {d.status for d in rows}:
            break
    assert {d.status for d in rows} <= {"sent", "unknown"}
    in_doubt = {d.address for d in rows if d.status == "unknown"}
    resend = start(config, "--resend-unknown")
    _, err = resend.communicate(timeout=120)
    assert resend.returncode == 0, err
    with Store.peek(settings.path(settings.state.path)) as state:
        assert {d.status for d in state.ledger.deliveries(edition.id)} == {"sent"}
    return in_doubt


def assert_once_but_in_doubt(copies: Counter[str], ids: dict[str, set[str]],
                             in_doubt: set[str]) -> None:
    assert set(copies) == set(people(PEOPLE))  # every recipient has the edition
    twice = {address for address, count in copies.items() if count > 1}
    assert twice <= in_doubt  # a second copy only for those in doubt ...
    assert max(copies.values()) <= 2
    assert all(len(found) == 1 for found in ids.values())  # ... with the same Message-ID


def test_smtp_sigkill_at_random_moments(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port, timeout=10), PEOPLE)
    server = Server(handler, lambda: len(handler.received), 10)
    in_doubt = crash_then_finish(config, server, seed=16)
    assert_once_but_in_doubt(handler.copies(), handler.message_ids(), in_doubt)
    assert 0 < len(in_doubt) <= KILLS  # one message in flight at most, per kill


def test_api_sigkill_at_random_moments(tmp_path, postmark):
    config = write_project(tmp_path, postmark_delivery(postmark, timeout=10, batch_size=BATCH),
                           PEOPLE)
    in_doubt = crash_then_finish(config, Server(postmark, lambda: postmark.requests, 4),
                                 seed=61)
    assert_once_but_in_doubt(postmark.copies(), postmark.message_ids(), in_doubt)
    assert 0 < len(in_doubt) <= KILLS * BATCH  # one request in flight at most, per kill
