"""Recipients x ledger x backend: each pending recipient gets the edition once.

Each batch is claimed in the ledger (pending -> sending) before it is handed to the
backend, and its results are recorded (sent / failed) as soon as the backend returns them.
A process killed in between leaves only the batch in flight as `sending`; the next run
sends those again with the same Message-ID, which mail systems use to recognise a copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime

from .backends import Backend, OutgoingMessage
from .config import Newsletter
from .message import build_message, sender_domain
from .models import DeliveryResult, Email, Recipient

RecordResults = Callable[[list[DeliveryResult]], None]
ClaimBatch = Callable[[Sequence[Recipient]], None]


def message_id(edition: str, recipient: str, domain: str) -> str:
    """The same Message-ID for the same edition and recipient, every time it is built."""
    token = hashlib.sha256(f"{edition}\x1f{recipient.lower()}".encode()).hexdigest()[:24]
    return f"<digest.{token}@{domain}>"


def deliver(
    email: Email,
    recipients: Sequence[Recipient],
    backend: Backend,
    newsletter: Newsletter,
    now: Callable[[], datetime],
    *,
    edition: str,
    claim: ClaimBatch | None = None,
    record: RecordResults | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[DeliveryResult]:
    """Send `email` to each recipient in batches the backend accepts; stop between batches
    when `should_stop` says so (the rest stay pending for the next run)."""
    results: list[DeliveryResult] = []
    domain = sender_domain(newsletter)
    size = max(1, backend.max_batch)
    with backend:
        for start in range(0, len(recipients), size):
            if should_stop():
                break
            batch = recipients[start : start + size]
            messages = [
                OutgoingMessage(r, build_message(
                    email, r, newsletter, now(), message_id=message_id(edition, r.email, domain)
                ))
                for r in batch
            ]
            if claim is not None:
                claim(batch)
            outcome = backend.send(messages)
            if record is not None:
                record(outcome)
            results += outcome
    return results
