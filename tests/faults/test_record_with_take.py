"""A message's result is written with the next message's take, in one transaction: a sender
that dies between sending a message and that write leaves the message `sending`, which the
next send finds unknown and does not send again; one that dies after it leaves the next
message in flight. Either way nobody gets the edition twice. The death is real
(`os._exit` in a `digest send` process, no cleanup run), on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys

import pytest

from digest.app import pipeline
from digest.config import load_settings
from digest.core.models import DeliveryResult, DeliveryStatus
from digest.store import Store

from ..projects import people, use_state, write_project
from .conftest import statuses
from .test_two_senders import OUTBOX, half_sent, names, written

PEOPLE = 6
# A `digest send` that dies at once, running nothing more, when the `done`-th result is
# known (the hook runs as each result comes, before it is written).
DIE_AT = """\
import os, sys
from digest.app import pipeline
from digest.config import load_settings

def die(done: int, total: int) -> None:
    if done == int(sys.argv[2]):
        os._exit(9)

pipeline.send(load_settings(sys.argv[1]), on_delivered=die)
"""


@pytest.mark.parametrize("dies_at", [1, 4, PEOPLE])  # first, mid-run, the last of the batch
def test_a_sender_dead_before_writing_a_result_leaves_it_unknown_and_never_resent(
        tmp_path, state_at, dies_at):
    config = write_project(tmp_path, OUTBOX, PEOPLE)
    use_state(config, state_at)
    died = subprocess.run([sys.executable, "-c", DIE_AT, str(config), str(dies_at)],
                          cwd=tmp_path, capture_output=True, text=True, check=False)
    assert died.returncode == 9, died.stderr
    readers = people(PEOPLE)
    settings = load_settings(config)
    before = statuses(settings)
    # Sent before it: written with the take of the one after; it: sent, not written yet.
    assert [before[a] for a in readers] == (
        ["sent"] * (dies_at - 1) + ["sending"] + ["pending"] * (PEOPLE - dies_at))
    assert written(tmp_path) == names(readers[:dies_at])

    pipeline.send(settings)
    after = statuses(settings)
    in_doubt = readers[dies_at - 1]
    assert after == {a: "unknown" if a == in_doubt else "sent" for a in readers}
    copies = sorted(p.name.split("-")[0] for p in (tmp_path / "outbox").glob("*.eml"))
    assert copies == sorted(names(readers))  # one copy each: the one in doubt not again


def test_a_result_and_the_next_take_are_one_write(tmp_path, state_at, clock):
    """Both land, or neither: a take the lease no longer allows still writes the result of
    the message sent before it, while the row is this sender's."""
    config, edition_id = half_sent(tmp_path, state_at, clock)
    settings = load_settings(config)
    first, second, third = people(3)
    lease = settings.delivery.lease
    with Store.open(settings.state_location()) as state:
        ledger = state.ledger
        ledger.claim(edition_id, "me", clock(), clock() + lease, 2)
        assert ledger.record_and_take(edition_id, [], [first], clock(), "me") == 1
        sent = [DeliveryResult(first, DeliveryStatus.SENT, message_id="<1@x>")]
        assert ledger.record_and_take(edition_id, sent, [second], clock(), "me") == 1
        clock.moment += lease * 2  # held up: its lease lapsed
        done = [DeliveryResult(second, DeliveryStatus.SENT, message_id="<2@x>")]
        assert ledger.record_and_take(edition_id, done, [third], clock(), "me") == 0
        rows = {d.address: d for d in ledger.deliveries(edition_id)}
    assert rows[first].status == rows[second].status == DeliveryStatus.SENT
    assert rows[second].message_id == "<2@x>"
    assert rows[third].status == DeliveryStatus.PENDING  # never taken: free for anyone
