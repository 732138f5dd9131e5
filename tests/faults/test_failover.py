"""Several hosts on one PostgreSQL state: senders share editions, so a second `digest send`
anywhere runs beside one that runs; runners share a lease, so a second `digest run` stands
by and takes over within `schedule.failover` when the leading runner is killed, finishing
the due edition under the in-doubt rule (the message in flight at the kill is unknown, not
sent again)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from digest.app import pipeline
from digest.app.leadership import Leadership
from digest.config import load_settings
from digest.core.models import DeliveryStatus
from digest.store import Store

from .. import logs
from ..projects import people, use_state, write_project
from .conftest import ledger, smtp_delivery

PEOPLE = 12
HELD = 5  # the message the leader is killed on, while the server holds its answer
FAILOVER = 4  # seconds: the standby takes over 2F/3 to 5F/6 after the last renewal


def digest(config: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(config), *args],
        cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def until(condition, process: subprocess.Popen[str] | None = None, limit: float = 60) -> None:
    """Poll `condition` until it holds (the processes run on their own clocks)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        assert process is None or process.poll() is None, process.communicate()
        time.sleep(0.02)


class Lines:
    """A process's stderr lines as they come, read by a thread of their own."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stderr is not None
        self._thread = threading.Thread(target=self._read, args=(process.stderr,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append(line.rstrip("\n"))

    def saying(self, words: str) -> list[str]:
        return [line for line in self.lines if words in line]

    def all(self) -> list[str]:
        self._thread.join(timeout=30)
        return self.lines


def leading_pid(url: str) -> int | None:
    """The pid of the runner that holds the lease, if any."""
    with psycopg.connect(url) as db:
        row = db.execute("SELECT pid FROM leases WHERE name = 'run'").fetchone()
    return row[0] if row else None


def test_a_second_send_anywhere_runs_beside_a_live_one(tmp_path, pg_url):
    config = write_project(tmp_path, "backend: file\n", 3)
    use_state(config, pg_url)
    settings = load_settings(config)
    with pipeline.send_lock(settings) as other:  # another sender, alive
        assert other.alive(other.owner) and not other.running()
        beside = digest(config, "send")
        _, err = beside.communicate(timeout=120)
        assert beside.returncode == 0, err
    statuses = {status for status, _ in ledger(settings).values()}
    assert len(ledger(settings)) == 3 and statuses == {DeliveryStatus.SENT}


def test_the_standby_runner_takes_over_within_the_failover_when_the_leader_is_killed(
        tmp_path, smtp, pg_url):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port, timeout=30), PEOPLE)
    due = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%H:%M")
    with config.open("a") as out:
        out.write(f"schedule:\n  at: \"{due}\"\n  timezone: UTC\n  failover: {FAILOVER}s\n")
    use_state(config, pg_url)
    handler.hold_at = HELD

    leader = digest(config, "run")
    until(lambda: handler.held.wait(0.01), leader)  # it sends, and the server holds it
    standby = digest(config, "run")  # no --wait: with PostgreSQL, a second runner stands by
    said = Lines(standby)
    until(lambda: said.saying("standing by"), standby)
    assert leading_pid(pg_url) == leader.pid
    os.kill(leader.pid, signal.SIGKILL)
    killed = time.monotonic()
    leader.communicate(timeout=30)
    handler.release.set()  # the server has message HELD; its sender never hears so
    until(lambda: leading_pid(pg_url) == standby.pid, standby)
    assert time.monotonic() - killed <= FAILOVER

    settings = load_settings(config)
    until(lambda: len(handler.received) >= PEOPLE and not any(
        status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING)
        for status, _ in ledger(settings).values()), standby)
    standby.send_signal(signal.SIGTERM)
    standby.wait(timeout=60)
    assert standby.returncode == 0, said.all()
    assert leading_pid(pg_url) is None  # a clean stop gives the lease up

    statuses = {address: status for address, (status, _) in ledger(settings).items()}
    in_doubt = [a for a, status in statuses.items() if status == DeliveryStatus.UNKNOWN]
    assert in_doubt == [people(PEOPLE)[HELD - 1]]  # the server has it; nobody knows
    assert set(statuses.values()) == {DeliveryStatus.SENT, DeliveryStatus.UNKNOWN}
    assert handler.copies() == dict.fromkeys(people(PEOPLE), 1)  # each got it once
    host = socket.gethostname()
    assert [line.split("info: ", 1)[-1] for line in said.all() if "lead" in line][:2] == [
        f"standing by: digest run on {host} (pid {leader.pid}) leads; taking over within "
        f"{FAILOVER} s if it stops renewing its lease",
        f"leading from digest run on {host} (pid {leader.pid}), whose lease ran out; a standby "
        f"takes over within {FAILOVER} s if this one stops"]


def test_run_once_while_another_runner_leads_says_who(tmp_path, pg_url):
    config = write_project(tmp_path, "backend: file\n", 3)
    use_state(config, pg_url)
    with Store.open(pg_url) as state:
        leadership = Leadership(state.leases, timedelta(minutes=10), host="elsewhere", pid=4242)
        assert leadership.attempt() is None
        once = digest(config, "run", "--once")
        _, err = once.communicate(timeout=60)
        assert once.returncode == 3
        assert re.fullmatch(
            r"digest: error: digest run is already running \(digest run on elsewhere \(pid "
            r"4242\), its lease until \d\d:\d\d:\d\d UTC\); wait for it to finish, or pass "
            r"--wait\n", logs.short(err))
        leadership.release()
    free = digest(config, "run", "--once")
    _, err = free.communicate(timeout=120)
    assert free.returncode == 0, err
    assert leading_pid(pg_url) is None


def test_a_leader_that_hangs_loses_the_lead_and_stands_by_when_it_wakes(tmp_path, pg_url):
    config = write_project(tmp_path, "backend: file\n", 3)
    later = (datetime.now(UTC) + timedelta(hours=12)).strftime("%H:%M")  # nothing due
    with config.open("a") as out:
        out.write(f"schedule:\n  at: \"{later}\"\n  timezone: UTC\n  failover: {FAILOVER}s\n")
    use_state(config, pg_url)
    Store.migrate(pg_url)
    leader = digest(config, "run")
    leader_said = Lines(leader)
    until(lambda: leading_pid(pg_url) == leader.pid, leader)
    standby = digest(config, "run")
    said = Lines(standby)
    until(lambda: said.saying("standing by"), standby)

    os.kill(leader.pid, signal.SIGSTOP)  # it hangs: no renewal, but its sessions live on
    stopped = time.monotonic()
    until(lambda: leading_pid(pg_url) == standby.pid, standby)
    assert time.monotonic() - stopped <= FAILOVER
    os.kill(leader.pid, signal.SIGCONT)
    until(lambda: leader_said.saying(f"standing by: digest run on {socket.gethostname()} "
                                     f"(pid {standby.pid}) leads"), leader)
    assert leading_pid(pg_url) == standby.pid  # the woken leader took nothing back

    for process in (leader, standby):
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    assert leader_said.saying("stepped down: this runner no longer holds the lease in time")
