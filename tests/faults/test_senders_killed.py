"""Three `digest send` processes share one edition of 10,000 recipients in PostgreSQL,
through a real SMTP server on 127.0.0.1; one is killed (SIGKILL) mid-way. The other two take
over its batch when their own queue runs dry and finish the edition: every recipient gets it
exactly once, but for the killed sender's message in flight, which is `unknown` (the server
may have it) and is not sent again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller

from digest.core.models import DeliveryStatus

from ..projects import people, use_state, write_project
from .conftest import smtp_delivery

READERS = 10_000
KILL_AFTER = 3_000  # messages the server has taken in all before one sender is killed
STORY = "Harbour ferry runs again\n\nThe harbour ferry runs again from Monday, the port said.\n"


class Sink:
    """An SMTP server's handler that keeps only who got a copy."""

    def __init__(self) -> None:
        self.copies: Counter[str] = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            self.copies.update(envelope.rcpt_tos)
        return "250 2.0.0 Ok: queued"

    def total(self) -> int:
        with self.lock:
            return sum(self.copies.values())


class _Controller(Controller):
    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@pytest.fixture
def sink():
    handler = Sink()
    controller = _Controller(handler, hostname="127.0.0.1", port=0, decode_data=False)
    controller.start()
    yield handler, controller.port
    controller.stop()


def sender(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(config), "send", "--json"],
        cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def until(condition, limit: float = 120) -> None:
    """Poll `condition` until it holds (the senders run on their own clocks)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def sent_by(url: str, pid: int) -> int:
    with psycopg.connect(url) as db:
        return db.execute("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'"
                          " AND owner LIKE %s", (f"%:{pid}:%",)).fetchone()[0]


def test_a_sender_killed_mid_way_costs_at_most_its_message_in_flight(tmp_path, sink, pg_url):
    handler, port = sink
    (tmp_path / "samples").mkdir()
    (tmp_path / "samples" / "ferry.txt").write_text(STORY)
    config = write_project(tmp_path, smtp_delivery(port, timeout=30), READERS)
    use_state(config, pg_url)

    senders = [sender(config) for _ in range(3)]
    victim = senders[0]
    until(lambda: handler.total() >= KILL_AFTER and sent_by(pg_url, victim.pid) > 0)
    os.kill(victim.pid, signal.SIGKILL)
    victim.communicate(timeout=30)
    for survivor in senders[1:]:
        _, err = survivor.communicate(timeout=180)
        assert survivor.returncode == 0, err

    with psycopg.connect(pg_url) as db:
        assert db.execute("SELECT COUNT(*) FROM editions").fetchone()[0] == 1
        rows = db.execute("SELECT address, status, owner FROM deliveries").fetchall()
    statuses = Counter(status for _, status, _ in rows)
    in_doubt = [address for address, status, _ in rows if status == DeliveryStatus.UNKNOWN]
    assert len(rows) == READERS
    assert set(statuses) <= {DeliveryStatus.SENT, DeliveryStatus.UNKNOWN}, statuses
    assert len(in_doubt) <= 1  # the killed sender's one message in flight, at most
    assert all(f":{victim.pid}:" in owner for address, _, owner in rows if address in in_doubt)
    sent = {address for address, status, _ in rows if status == DeliveryStatus.SENT}
    assert {a: handler.copies[a] for a in sent} == dict.fromkeys(sent, 1)
    assert all(handler.copies[a] <= 1 for a in in_doubt)
    assert set(handler.copies) <= set(people(READERS))
    assert all(sent_by(pg_url, s.pid) > 0 for s in senders)  # all three shared the work
