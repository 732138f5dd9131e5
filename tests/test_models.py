"""Statuses are counted in one place."""

from digest.core.models import DeliveryStatus, SendStatus, tally


def test_tally_counts_every_status_even_when_none_is_there() -> None:
    counts = tally(["sent", DeliveryStatus.SENT, "failed"])
    assert counts == {DeliveryStatus.PENDING: 0, DeliveryStatus.SENDING: 0,
                      DeliveryStatus.SENT: 2, DeliveryStatus.FAILED: 1}


def test_a_send_is_sent_partial_or_failed_by_its_failures() -> None:
    assert SendStatus.of(tally(["sent", "sent"])) is SendStatus.SENT
    assert SendStatus.of(tally(["sent", "failed"])) is SendStatus.PARTIAL
    assert SendStatus.of(tally(["failed", "failed"])) is SendStatus.FAILED
    assert SendStatus.of(tally([])) is SendStatus.SENT
