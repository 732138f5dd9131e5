"""Several hosts on one PostgreSQL state: senders share editions, so a second `digest send`
anywhere runs beside one that runs; the run lock lives in the database, so a standby
`digest run --wait` takes over when the leading runner is killed, finishing the due edition
under the in-doubt rule (the message in flight at the kill is unknown, not sent again)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from digest.app import pipeline
from digest.config import load_settings
from digest.core.models import DeliveryStatus

from ..projects import people, use_state, write_project
from .conftest import ledger, smtp_delivery

PEOPLE = 12
HELD = 5  # the message the leader is killed on, while the server holds its answer


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


def waiting_for_a_lock(url: str) -> bool:
    with psycopg.connect(url) as db:
        return db.execute("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"
                          " AND NOT granted").fetchone()[0] > 0


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


def test_the_standby_runner_takes_over_when_the_leader_is_killed(tmp_path, smtp, pg_url):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port, timeout=30), PEOPLE)
    due = (datetime.now(UTC) - timedelta(minutes=5)).strftime("%H:%M")
    with config.open("a") as out:
        out.write(f"schedule:\n  at: \"{due}\"\n  timezone: UTC\n")
    use_state(config, pg_url)
    handler.hold_at = HELD

    leader = digest(config, "run")
    until(lambda: handler.held.wait(0.01), leader)
    standby = digest(config, "run", "--wait")
    until(lambda: waiting_for_a_lock(pg_url), standby)
    os.kill(leader.pid, signal.SIGKILL)
    leader.communicate(timeout=30)
    handler.release.set()

    settings = load_settings(config)
    until(lambda: len(handler.received) >= PEOPLE and not any(
        status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING)
        for status, _ in ledger(settings).values()), standby)
    standby.send_signal(signal.SIGTERM)
    _, err = standby.communicate(timeout=60)
    assert standby.returncode == 0, err

    statuses = {address: status for address, (status, _) in ledger(settings).items()}
    in_doubt = [a for a, status in statuses.items() if status == DeliveryStatus.UNKNOWN]
    assert in_doubt == [people(PEOPLE)[HELD - 1]]  # the server has it; nobody knows
    assert set(statuses.values()) == {DeliveryStatus.SENT, DeliveryStatus.UNKNOWN}
    assert handler.copies() == dict.fromkeys(people(PEOPLE), 1)  # each got it once
