"""Statuses are counted in one place."""

from digest.core.models import DeliveryStatus, EditionStatus, SendStatus, tally


def test_tally_counts_every_status_even_when_none_is_there() -> None:
    counts = tally(["sent", DeliveryStatus.SENT, "failed"])
    assert counts == {DeliveryStatus.PENDING: 0, DeliveryStatus.SENDING: 0,
                      DeliveryStatus.SENT: 2, DeliveryStatus.FAILED: 1,
                      DeliveryStatus.DEFERRED: 0, DeliveryStatus.UNKNOWN: 0,
                      DeliveryStatus.SUPPRESSED: 0}


def test_suppressed_recipients_leave_an_edition_sent() -> None:
    assert EditionStatus.of(tally(["sent", "suppressed"])) is EditionStatus.SENT
    assert SendStatus.of(tally(["failed", "suppressed"])) is SendStatus.FAILED


def test_a_send_is_sent_partial_or_failed_by_its_failures() -> None:
    assert SendStatus.of(tally(["sent", "sent"])) is SendStatus.SENT
    assert SendStatus.of(tally(["sent", "failed"])) is SendStatus.PARTIAL
    assert SendStatus.of(tally(["failed", "failed"])) is SendStatus.FAILED
    assert SendStatus.of(tally([])) is SendStatus.SENT


def test_nobody_sent_is_never_partial() -> None:
    assert SendStatus.of(tally(["failed", "deferred"])) is SendStatus.DEFERRED
    assert SendStatus.of(tally(["sent", "deferred", "unknown"])) is SendStatus.DEFERRED
    assert SendStatus.of(tally(["failed", "unknown"])) is SendStatus.UNKNOWN
    assert SendStatus.of(tally(["sent", "failed", "failed"])) is SendStatus.PARTIAL


def test_an_edition_is_resumed_while_anyone_is_pending_and_retried_while_deferred() -> None:
    assert EditionStatus.of(tally(["sent", "pending", "deferred"])) is EditionStatus.SENDING
    assert EditionStatus.of(tally(["sent", "sending"])) is EditionStatus.SENDING
    assert EditionStatus.of(tally(["sent", "deferred", "unknown"])) is EditionStatus.DEFERRED
    assert EditionStatus.of(tally(["sent", "unknown", "failed"])) is EditionStatus.UNKNOWN
    assert EditionStatus.of(tally(["failed", "failed"])) is EditionStatus.FAILED
    assert EditionStatus.of(tally(["failed", "sent"])) is EditionStatus.PARTIAL
    assert EditionStatus.of(tally(["sent"])) is EditionStatus.SENT


def test_a_send_with_recipients_still_pending_or_in_flight_is_not_sent() -> None:
    assert SendStatus.of(tally(["sent", "pending"])) is SendStatus.INTERRUPTED
    assert SendStatus.of(tally(["sent", "sending", "deferred"])) is SendStatus.INTERRUPTED
