"""Recipients x ledger x backend: each pending recipient gets the edition once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from .backends import Backend, OutgoingMessage
from .config import Newsletter
from .message import build_message
from .models import DeliveryResult, Email, Recipient

RecordResult = Callable[[DeliveryResult], None]


def deliver(
    email: Email,
    recipients: Sequence[Recipient],
    backend: Backend,
    newsletter: Newsletter,
    now: Callable[[], datetime],
    record: RecordResult | None = None,
) -> list[DeliveryResult]:
    """Send `email` to each recipient, recording each result as soon as it is known."""
    results: list[DeliveryResult] = []
    with backend:
        for recipient in recipients:
            message = build_message(email, recipient, newsletter, now())
            for result in backend.send([OutgoingMessage(recipient, message)]):
                if record is not None:
                    record(result)
                results.append(result)
    return results
