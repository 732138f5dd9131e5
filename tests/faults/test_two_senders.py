"""Two senders on one edition (the second on another host, after the first's lock was lost):
a sender whose claim finds its next recipients taken stops before sending them, so nobody
gets the edition twice. The second sender is a real second connection to the same state."""

from __future__ import annotations

import pytest

from digest.app import pipeline
from digest.config import load_settings
from digest.core.errors import StateError
from digest.core.models import DeliveryStatus
from digest.store import Store

from ..projects import use_state, write_project


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
