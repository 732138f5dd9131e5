"""A sender keeps its lease for as long as it delivers, also while one backend call takes
longer than the lease (a real SMTP server that holds its answer): another sender that looks
meanwhile finds the message in flight still held, not in doubt."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import psycopg

from digest.app import pipeline, send_lease
from digest.config import load_settings
from digest.core.models import DeliveryStatus, SendStatus
from digest.store import Store

from ..projects import people, use_state, write_project
from .conftest import HOLD_LIMIT, smtp_delivery, statuses


def test_a_sender_renews_its_lease_while_a_backend_call_outlasts_it(
        tmp_path, state_at, clock, smtp):
    handler, port = smtp
    handler.hold_at = 1  # the server holds its answer to the first message
    config = write_project(tmp_path, smtp_delivery(port, timeout=HOLD_LIMIT) + "lease: 3s\n", 2)
    use_state(config, state_at)
    settings = load_settings(config)
    start, lease = clock(), settings.delivery.lease
    assert lease == timedelta(seconds=3)
    reports: list[pipeline.SendReport] = []
    sender = threading.Thread(target=lambda: reports.append(pipeline.send(settings, clock=clock)))
    sender.start()
    try:
        assert handler.held.wait(HOLD_LIMIT)
        clock.moment += lease * 2 / 3
        deadline = time.monotonic() + 10 * lease.total_seconds()
        with Store.open(settings.state_location()) as other:
            while not other.ledger.leases(start + lease + timedelta(seconds=1)):
                assert time.monotonic() < deadline, "the lease was not renewed"
                time.sleep(0.05)
            clock.moment += lease * 2 / 3  # past the lease as first claimed
            send_lease.settle_in_flight(other, clock(), lambda owner: True)
            assert statuses(settings)[people(2)[0]] == DeliveryStatus.SENDING
    finally:
        handler.release.set()
        sender.join(HOLD_LIMIT)
    assert reports[0].status == SendStatus.SENT
    assert statuses(settings) == dict.fromkeys(people(2), DeliveryStatus.SENT)


PRESENCE = ("locktype = 'advisory' AND granted AND database ="
            " (SELECT oid FROM pg_database WHERE datname = current_database())")


def presences(url: str) -> int:
    """How many advisory locks sessions of the database hold now."""
    with psycopg.connect(url, autocommit=True) as db:
        return db.execute(f"SELECT COUNT(*) FROM pg_locks WHERE {PRESENCE}").fetchone()[0]


def test_a_sender_whose_database_session_was_lost_is_seen_alive_again(
        tmp_path, pg_url, clock, smtp):
    handler, port = smtp
    handler.hold_at = 1
    config = write_project(tmp_path, smtp_delivery(port, timeout=HOLD_LIMIT) + "lease: 3s\n", 2)
    use_state(config, pg_url)
    settings = load_settings(config)
    reports: list[pipeline.SendReport] = []
    sender = threading.Thread(target=lambda: reports.append(pipeline.send(settings, clock=clock)))
    sender.start()
    try:
        assert handler.held.wait(HOLD_LIMIT)
        assert presences(pg_url) == 1
        with psycopg.connect(pg_url, autocommit=True) as db:  # as a server restart does
            db.execute(f"SELECT pg_terminate_backend(pid) FROM pg_locks WHERE {PRESENCE}")
        deadline = time.monotonic() + 10 * settings.delivery.lease.total_seconds()
        while presences(pg_url) == 0:
            assert time.monotonic() < deadline, "the sender's lock was not taken again"
            time.sleep(0.05)
    finally:
        handler.release.set()
        sender.join(HOLD_LIMIT)
    assert reports[0].status == SendStatus.SENT
