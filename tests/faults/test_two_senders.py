"""Several senders on one edition, each a real connection of its own to the same state: a
sender whose next recipients were taken stops before sending them; a gone sender's batch is
taken over at once, a stalled one's when its lease lapses, its message in flight in doubt;
two senders building one edition store it once."""

from __future__ import annotations

from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from digest.app import pipeline
from digest.app.status import status as recent_editions
from digest.config import load_settings
from digest.core.errors import ConfigError, StateError
from digest.core.models import (
    OUTSTANDING,
    DeliveryResult,
    DeliveryStatus,
    EditionStatus,
    Email,
    SendStatus,
)
from digest.store import Store

from ..projects import people, stop_once_built, use_state, write_project
from .conftest import smtp_delivery, statuses

OUTBOX = "backend: file\nfile:\n  outbox: outbox\n"
GONE = "lost-host:4242:0badc0de"  # a sender whose process is gone: nothing says it is alive
PENDING, SENDING = DeliveryStatus.PENDING, DeliveryStatus.SENDING


def written(folder: Path) -> set[str]:
    """Whose copies the outbox holds (reader0_example.com for reader0@example.com)."""
    return {p.name.split("-")[0] for p in (folder / "outbox").glob("*.eml")}


def names(addresses: list[str]) -> set[str]:
    return {a.replace("@", "_") for a in addresses}


def half_sent(tmp_path: Path, state_at, clock) -> tuple[Path, int]:
    """A project whose edition of 6 readers was made and sent to nobody yet."""
    config = write_project(tmp_path, OUTBOX, 6)
    use_state(config, state_at)
    report = pipeline.send(load_settings(config), clock=clock, should_stop=stop_once_built())
    assert report.status == SendStatus.INTERRUPTED
    return config, report.edition


def test_a_claim_that_finds_its_recipients_taken_stops_the_send(tmp_path, state_at):
    config = write_project(tmp_path, "backend: file\nfile:\n  outbox: outbox\n", 6)
    use_state(config, state_at)
    settings = load_settings(config)
    taken: list[str] = []

    def other_sender_takes_the_rest(done: int, total: int) -> None:
        if taken:
            return
        with Store.open(settings.state_location()) as other:
            edition = other.editions.unfinished()
            rest = [d.address for d in other.ledger.undelivered(edition.id)]
            other.ledger.move(edition.id, [DeliveryStatus.PENDING], DeliveryStatus.SENDING,
                              edition.created_at, addresses=rest)
            taken.extend(rest)

    with pytest.raises(StateError, match="another digest send has them"):
        pipeline.send(settings, on_delivered=other_sender_takes_the_rest)
    written = {p.name.split("-")[0] for p in (tmp_path / "outbox").glob("*.eml")}
    assert taken and len(written) == 6 - len(taken)
    assert not any(address.replace("@", "_") in written for address in taken)


def test_a_gone_senders_batch_is_taken_over_and_its_message_in_flight_is_in_doubt(
        tmp_path, state_at, clock):
    config, edition = half_sent(tmp_path, state_at, clock)
    settings, readers = load_settings(config), people(6)
    with Store.open(settings.state_location()) as gone:
        assert len(gone.ledger.claim(edition, GONE, clock(), clock() + timedelta(hours=1),
                                     3)) == 3
        gone.ledger.move(edition, OUTSTANDING, SENDING, clock(), addresses=readers[:1],
                         holder=GONE)
    report = pipeline.send(settings, clock=clock)  # well within the gone sender's lease
    assert report.status == SendStatus.UNKNOWN
    assert statuses(settings) == {readers[0]: DeliveryStatus.UNKNOWN,
                                  **dict.fromkeys(readers[1:], DeliveryStatus.SENT)}
    assert written(tmp_path) == names(readers[1:])


class Waits:
    """An injected sleep: it moves the clock on, and runs `during` at the first wait."""

    def __init__(self, clock, during=lambda: None) -> None:
        self.clock, self.during, self.seconds = clock, during, 0.0

    def __call__(self, seconds: float) -> None:
        if not self.seconds:
            self.during()
        self.seconds += seconds
        self.clock.moment += timedelta(seconds=seconds)


def test_a_stalled_senders_batch_is_waited_for_and_taken_over_when_its_lease_lapses(
        tmp_path, pg_url, clock):
    config, edition = half_sent(tmp_path, pg_url, clock)
    settings, readers = load_settings(config), people(6)
    lease = settings.delivery.lease
    assert lease == timedelta(seconds=60)
    with pipeline.send_lock(settings) as stalled, Store.open(pg_url) as its_state:
        its_state.ledger.claim(edition, stalled.owner, clock(), clock() + lease, 3)
        its_state.ledger.move(edition, OUTSTANDING, SENDING, clock(), addresses=readers[:1],
                              holder=stalled.owner)
        clock.moment += lease / 2
        shown: list[object] = []
        waits = Waits(clock, lambda: shown.append(
            recent_editions(settings, now=clock())[0]["status"]))
        report = pipeline.send(settings, clock=clock, sleep=waits)
        assert shown == ["sending"]  # its own share sent, it waited for the stalled one's
        assert lease / 2 <= timedelta(seconds=waits.seconds) <= lease
        assert report.status == SendStatus.UNKNOWN
        assert statuses(settings) == {readers[0]: DeliveryStatus.UNKNOWN,
                                      **dict.fromkeys(readers[1:], DeliveryStatus.SENT)}
        assert written(tmp_path) == names(readers[1:])
        # The stalled sender wakes up: what it claimed is no longer its to send.
        assert its_state.ledger.move(edition, OUTSTANDING, SENDING, clock(),
                                     addresses=readers[1:3], holder=stalled.owner) == 0


def test_a_send_waits_for_a_live_senders_batch_and_leaves_it_to_it(tmp_path, pg_url, clock):
    config, edition = half_sent(tmp_path, pg_url, clock)
    settings, readers = load_settings(config), people(6)
    lease = settings.delivery.lease
    with pipeline.send_lock(settings) as busy, Store.open(pg_url) as its_state:
        its_state.ledger.claim(edition, busy.owner, clock(), clock() + lease, 2)

        def it_sends_its_batch() -> None:
            its_state.ledger.record(edition, [DeliveryResult(a, DeliveryStatus.SENT)
                                              for a in readers[:2]], clock())

        waits = Waits(clock, it_sends_its_batch)
        report = pipeline.send(settings, clock=clock, sleep=waits)
    assert waits.seconds == 1  # it ends as soon as the other sender's batch is done
    assert report.status == SendStatus.SENT
    assert statuses(settings) == dict.fromkeys(readers, DeliveryStatus.SENT)
    assert written(tmp_path) == names(readers[2:])


def test_a_send_for_a_new_key_leaves_an_older_edition_live_senders_hold_whole_to_them(
        tmp_path, pg_url, clock):
    config = write_project(tmp_path, OUTBOX, 2)
    use_state(config, pg_url)
    settings = load_settings(config)
    theirs = Email(subject="Yesterday's", html="<p>Y</p>", text="Y", preheader="Y")
    with pipeline.send_lock(settings) as busy, Store.open(pg_url) as its_state:
        older = its_state.editions.create(day="2026-11-27", now=clock(), email=theirs,
                                          story_ids=[], recipients=[(a, None) for a in people(2)])
        its_state.ledger.claim(older.id, busy.owner, clock(), clock() + settings.delivery.lease,
                               None)
        report = pipeline.send(settings, clock=clock, edition_key="2026-11-28",
                               should_stop=stop_once_built())
        assert report.day == "2026-11-28" and report.edition != older.id
        assert report.status == SendStatus.INTERRUPTED
    assert statuses(settings) == dict.fromkeys(people(2), PENDING)  # of the newest edition


def test_an_edition_whose_last_sender_ended_before_marking_it_gets_its_outcome(
        tmp_path, state_at, clock):
    config, edition = half_sent(tmp_path, state_at, clock)
    settings = load_settings(config)
    with Store.open(settings.state_location()) as state:  # results recorded, then it died
        state.ledger.record(edition, [DeliveryResult(a, DeliveryStatus.SENT)
                                      for a in people(6)], clock())
        assert state.editions.last().status == EditionStatus.SENDING
    assert recent_editions(settings, now=clock())[0]["status"] == "sent"
    assert pipeline.send(settings, clock=clock).status == SendStatus.ALREADY_SENT
    with Store.peek(settings.state_location()) as state:
        assert state.editions.last().status == EditionStatus.SENT


def test_two_senders_building_one_edition_store_it_once(tmp_path, state_at, clock):
    config = write_project(tmp_path, OUTBOX, 3)
    use_state(config, state_at)
    settings = load_settings(config)
    theirs = Email(subject="Built first by another sender", html="<p>Theirs</p>",
                   text="Theirs", preheader="Theirs")

    def another_sender_stores_it_first(_result: object) -> None:
        with Store.open(settings.state_location()) as other:
            other.editions.create(day=pipeline.manual_key(settings, clock()), now=clock(),
                                  email=theirs, story_ids=[],
                                  recipients=[(a, None) for a in people(3)])

    report = pipeline.send(settings, clock=clock, on_source_done=another_sender_stores_it_first)
    assert report.status == SendStatus.SENT and len(report.results) == 3
    with Store.peek(settings.state_location()) as state:
        (edition,) = state.editions.recent(10)
    assert edition.email.subject == theirs.subject and edition.id == report.edition
    subjects = {message_from_bytes(p.read_bytes(), policy=policy.default)["Subject"]
                for p in (tmp_path / "outbox").glob("*.eml")}
    assert written(tmp_path) == names(people(3)) and subjects == {theirs.subject}


def test_a_sender_whose_lease_lapsed_and_was_taken_stops_before_sending_more(
        tmp_path, state_at, clock):
    config = write_project(tmp_path, OUTBOX, 6)
    use_state(config, state_at)
    settings = load_settings(config)
    lease = settings.delivery.lease
    taken: list[str] = []

    def held_up_then_overtaken(done: int, total: int) -> None:
        if done != 2:
            return
        clock.moment += lease * 2  # held up longer than its lease: another sender moves in
        with Store.open(settings.state_location()) as other:
            edition = other.editions.unfinished()
            taken.extend(d.address for d in other.ledger.claim(
                edition.id, "other-host:1:cafe", clock(), clock() + lease, None))

    with pytest.raises(StateError, match="its lease lapsed"):
        pipeline.send(settings, clock=clock, on_delivered=held_up_then_overtaken)
    assert taken == people(6)[2:]
    assert written(tmp_path) == names(people(6)[:2])


def test_a_sender_that_stops_gives_back_what_it_took_and_certainly_did_not_send(
        tmp_path, state_at, clock, smtp):
    handler, port = smtp
    readers = people(4)
    handler.rcpt[readers[0]] = "451 4.7.1 Try again later"  # waits for a retry in this run
    config = write_project(tmp_path, smtp_delivery(port), 4)
    use_state(config, state_at)
    settings = load_settings(config)
    lease = settings.delivery.lease

    def held_up_then_overtaken(done: int, total: int) -> None:
        if done != 1:
            return
        clock.moment += lease * 2
        with Store.open(settings.state_location()) as other:
            edition = other.editions.unfinished()
            other.ledger.claim(edition.id, "other-host:1:cafe", clock(), clock() + lease, None)

    with pytest.raises(StateError, match="its lease lapsed"):
        pipeline.send(settings, clock=clock, on_delivered=held_up_then_overtaken)
    assert statuses(settings) == {readers[0]: PENDING, readers[1]: DeliveryStatus.SENT,
                                  readers[2]: PENDING, readers[3]: PENDING}
    with Store.open(settings.state_location()) as state:
        (edition,) = state.editions.recent(1)
        assert state.ledger.lapse(clock() + lease * 3, "gone") == set()  # none in doubt
        assert [d.address for d in state.ledger.claim(
            edition.id, "third:1:beef", clock(), clock() + lease, None)] == [readers[0]]


@pytest.mark.parametrize(("value", "problem"), [
    ("lease: 90s", None), ("lease: 1s", r"delivery\.lease: .*must be at least 3 seconds")])
def test_the_lease_is_read_from_the_config(tmp_path, value, problem):
    config = write_project(tmp_path, OUTBOX + value + "\n", 1)
    if problem is None:
        assert load_settings(config).delivery.lease == timedelta(seconds=90)
    else:
        with pytest.raises(ConfigError, match=problem):
            load_settings(config)
