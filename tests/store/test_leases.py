"""The ledger's queue on both engines: claims under a lease, taking a claimed recipient,
renewing, releasing, what a lapsed or ended lease frees, and one edition per key."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta

from digest.core.models import DeliveryResult, DeliveryStatus, Email
from digest.store import Store
from digest.store.migrations import MIGRATIONS

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)
EMAIL = Email(subject="S", html="<p>h</p>", text="t", preheader="p")
PENDING, SENDING = DeliveryStatus.PENDING, DeliveryStatus.SENDING


def readers(count: int) -> list[str]:
    return [f"r{i}@example.com" for i in range(count)]


def edition(store: Store, count: int, day: str = "2026-11-28", number: int = 0) -> int:
    return store.editions.create(day=day, now=NOW, email=EMAIL, story_ids=["a"],
                                 recipients=[(a, None) for a in readers(count)],
                                 number=number).id


def addresses(rows) -> list[str]:
    return [d.address for d in rows]


def test_claims_split_the_queue_in_order_and_only_the_holder_takes(state_at):
    with Store.open(state_at) as store:
        ed = edition(store, 5)
        first = store.ledger.claim(ed, "a", NOW, NOW + LEASE, 2)
        second = store.ledger.claim(ed, "b", NOW, NOW + LEASE, None)
        assert addresses(first) == readers(5)[:2] and addresses(second) == readers(5)[2:]
        assert {d.status for d in first + second} == {PENDING}  # claimed, still waiting
        assert store.ledger.claim(ed, "c", NOW, NOW + LEASE, 10) == []
        assert store.ledger.move(ed, [PENDING], SENDING, NOW, addresses=readers(5)[:3],
                                 holder="a") == 2  # r2 is b's
        assert store.ledger.leases(NOW) == {(ed, "a"), (ed, "b")}
        assert addresses(store.ledger.held(ed, "a")) == readers(5)[:2]


def test_a_lapsed_lease_frees_waiting_rows_and_its_holder_cannot_take_them(state_at):
    with Store.open(state_at) as store:
        ed = edition(store, 3)
        store.ledger.claim(ed, "a", NOW, NOW + LEASE, None)
        store.ledger.move(ed, [PENDING], SENDING, NOW, addresses=[readers(3)[0]], holder="a")
        later = NOW + LEASE + timedelta(seconds=1)
        assert store.ledger.leases(later) == set()
        assert store.ledger.move(ed, [PENDING], SENDING, later, addresses=[readers(3)[1]],
                                 holder="a") == 0
        taken = store.ledger.claim(ed, "b", later, later + LEASE, None)
        assert addresses(taken) == readers(3)[1:]  # the one in flight is not handed on
        assert store.ledger.lapse(later, "gone") == {ed}
        first = store.ledger.deliveries(ed)[0]
        assert (first.status, first.error) == (DeliveryStatus.UNKNOWN, "gone")
        assert store.ledger.renew(ed, "a", later + LEASE) == 0  # a holds nothing now
        assert store.ledger.move(ed, [PENDING], SENDING, later, addresses=[readers(3)[1]],
                                 holder="a") == 0


def test_a_late_renewal_gets_back_what_nobody_took(state_at):
    with Store.open(state_at) as store:
        ed = edition(store, 2)
        store.ledger.claim(ed, "a", NOW, NOW + LEASE, None)
        later = NOW + LEASE + timedelta(seconds=1)
        assert store.ledger.move(ed, [PENDING], SENDING, later, addresses=[readers(2)[0]],
                                 holder="a") == 0  # lapsed: not a's to take now
        assert store.ledger.renew(ed, "a", later + LEASE) == 2
        assert store.ledger.move(ed, [PENDING], SENDING, later, addresses=[readers(2)[0]],
                                 holder="a") == 1
        assert store.ledger.claim(ed, "b", later, later + LEASE, None) == []


def test_renewing_keeps_a_lease_and_releasing_gives_back_the_waiting_rows(state_at):
    with Store.open(state_at) as store:
        ed = edition(store, 3)
        store.ledger.claim(ed, "a", NOW, NOW + LEASE, None)
        store.ledger.move(ed, [PENDING], SENDING, NOW, addresses=[readers(3)[0]], holder="a")
        half = NOW + LEASE / 2
        assert store.ledger.renew(ed, "a", half + LEASE) == 3
        later = NOW + LEASE + timedelta(seconds=1)
        assert store.ledger.claim(ed, "b", later, later + LEASE, None) == []
        assert store.ledger.lapse(later, "gone") == set()  # a's message is live
        assert store.ledger.release(ed, "a") == 2
        assert addresses(store.ledger.claim(ed, "b", later, later + LEASE, None)) == \
            readers(3)[1:]
        assert store.ledger.deliveries(ed)[0].status == SENDING


def test_an_ended_lease_frees_at_once_and_a_move_back_to_waiting_frees_too(state_at):
    with Store.open(state_at) as store:
        ed = edition(store, 3)
        store.ledger.claim(ed, "gone", NOW, NOW + LEASE, None)
        store.ledger.move(ed, [PENDING], SENDING, NOW, addresses=[readers(3)[0]],
                          holder="gone")
        store.ledger.record(ed, [DeliveryResult(readers(3)[1], DeliveryStatus.UNKNOWN)], NOW)
        assert store.ledger.expire("gone") == 2  # the one in flight, the one waiting
        assert store.ledger.lapse(NOW, "gone") == {ed}
        assert store.ledger.move(ed, [DeliveryStatus.UNKNOWN], PENDING, NOW) == 2
        assert addresses(store.ledger.claim(ed, "b", NOW, NOW + LEASE, None)) == readers(3)


def test_a_row_in_flight_without_a_lease_is_in_doubt(state_at):
    """As a sender before leases left it (or one that took without claiming)."""
    with Store.open(state_at) as store:
        ed = edition(store, 2)
        store.ledger.move(ed, [PENDING], SENDING, NOW, addresses=[readers(2)[0]])
        assert store.ledger.lapse(NOW, "gone") == {ed}
        assert [d.status for d in store.ledger.deliveries(ed)] == [DeliveryStatus.UNKNOWN,
                                                                    PENDING]


def test_one_edition_per_key_and_number(state_at):
    with Store.open(state_at) as store:
        first = edition(store, 2)
        again = store.editions.create(day="2026-11-28", now=NOW + LEASE,
                                      email=EMAIL, story_ids=["b"],
                                      recipients=[("other@example.com", None)])
        assert again.id == first and again.story_ids == ("a",)
        assert addresses(store.ledger.deliveries(first)) == readers(2)
        forced = edition(store, 1, number=1)
        assert forced != first and store.editions.last("2026-11-28").number == 1


def test_concurrent_claims_never_share_a_recipient(state_at):
    with Store.open(state_at) as store:
        ed = edition(store, 300)
    got: dict[str, list[str]] = {}

    def sender(name: str) -> None:
        with Store.open(state_at) as own:
            mine = got.setdefault(name, [])
            while batch := own.ledger.claim(ed, name, NOW, NOW + LEASE, 7):
                mine += addresses(batch)

    threads = [threading.Thread(target=sender, args=(f"s{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    claimed = [a for mine in got.values() for a in mine]
    assert sorted(claimed) == sorted(readers(300))


def test_migration_numbers_the_editions_of_each_key_in_the_order_they_were_made(tmp_path):
    path = tmp_path / "state.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:4]:  # a state as the release before several senders left it
        for statement in migration.for_engine("sqlite"):
            db.execute(statement)
    db.execute("PRAGMA user_version = 4")
    for day in ("2026-11-27", "2026-11-28", "2026-11-28"):  # the second one forced
        db.execute("INSERT INTO editions (day, created_at, status, subject, preheader, html,"
                   " text) VALUES (?, ?, 'sent', 's', 'p', 'h', 't')", (day, NOW.isoformat()))
    db.close()
    with Store.open(path) as store:
        assert [(e.day, e.number) for e in store.editions.recent(5)] == [
            ("2026-11-28", 1), ("2026-11-28", 0), ("2026-11-27", 0)]


def test_an_edition_whose_waiting_rows_live_leases_hold_is_not_free_to_resume(state_at):
    with Store.open(state_at) as store:
        older = edition(store, 2, day="2026-11-27")
        assert store.editions.unfinished(free_at=NOW).id == older
        store.ledger.claim(older, "busy", NOW, NOW + LEASE, None)
        assert store.editions.unfinished().id == older  # still being sent
        assert store.editions.unfinished(free_at=NOW) is None  # by someone else
        assert store.editions.unfinished(free_at=NOW + 2 * LEASE).id == older  # lapsed


def test_a_holders_outcome_leaves_a_row_another_sender_claimed_meanwhile_alone(state_at):
    with Store.open(state_at) as store:
        ed = edition(store, 2)
        store.ledger.claim(ed, "late", NOW, NOW + LEASE, None)
        later = NOW + 2 * LEASE  # the lease of "late" lapsed: "b" has its rows now
        store.ledger.claim(ed, "b", later, later + LEASE, None)
        store.ledger.move(ed, [PENDING], SENDING, later, addresses=readers(2), holder="b")
        store.ledger.record(ed, [DeliveryResult(readers(2)[0], DeliveryStatus.SENT)], later,
                            "b")
        store.ledger.record(ed, [DeliveryResult(a, DeliveryStatus.DEFERRED, error="down")
                                 for a in readers(2)], later, "late")
        assert [d.status for d in store.ledger.deliveries(ed)] == [DeliveryStatus.SENT, SENDING]
        store.ledger.record(ed, [DeliveryResult(readers(2)[1], DeliveryStatus.SENT)], later)
        assert store.ledger.deliveries(ed)[1].status == DeliveryStatus.SENT  # no holder: any


def test_an_edition_marked_sending_with_every_recipient_settled_is_stale(state_at):
    with Store.open(state_at) as store:
        ed = edition(store, 2)
        store.ledger.record(ed, [DeliveryResult(readers(2)[0], DeliveryStatus.SENT)], NOW)
        assert store.editions.stale() == []
        store.ledger.record(ed, [DeliveryResult(readers(2)[1], DeliveryStatus.FAILED)], NOW)
        assert [e.id for e in store.editions.stale()] == [ed]
        store.editions.finish(ed)
        assert store.editions.stale() == []
