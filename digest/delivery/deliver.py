"""Recipients x ledger x backend: each pending recipient gets the edition once.

Each batch is claimed in the ledger (pending -> sending) before it is handed to the
backend, and each result is recorded (sent / failed) the moment the backend knows it. A
process killed mid-batch leaves as `sending` the message in flight (at most one with SMTP,
one request's worth with an API) and those not yet tried; the next run sends them, with the
same Message-ID, which mail systems use to recognise a copy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import datetime

from ..config import Newsletter
from ..core.models import DeliveryResult, Email, Recipient
from .backends.base import Backend, Outgoing
from .message import Composer
from .personalize import edition_of, personalize, sender_domain

RecordResult = Callable[[DeliveryResult], None]
ClaimBatch = Callable[[Sequence[Recipient]], None]


def message_id(edition: str, recipient: str, domain: str) -> str:
    """The same Message-ID for the same edition and recipient, every time it is built."""
    token = hashlib.sha256(f"{edition}\x1f{recipient.lower()}".encode()).hexdigest()[:24]
    return f"<digest.{token}@{domain}>"


def prepare(
    email: Email, recipients: Sequence[Recipient], newsletter: Newsletter, now: datetime,
    edition: str,
) -> Outgoing:
    """The edition dated `now`, and each recipient's own values and Message-ID."""
    domain = sender_domain(newsletter)
    return Outgoing(edition_of(email, newsletter, now), tuple(
        personalize(r, newsletter, message_id(edition, r.email, domain)) for r in recipients))


def deliver(
    email: Email,
    recipients: Sequence[Recipient],
    backend: Backend,
    newsletter: Newsletter,
    now: Callable[[], datetime],
    *,
    edition: str,
    claim: ClaimBatch | None = None,
    record: RecordResult | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[DeliveryResult]:
    """Send `email` to each recipient in batches the backend accepts; stop between batches
    when `should_stop` says so (the rest stay pending for the next run)."""
    results: list[DeliveryResult] = []
    size = max(1, backend.max_batch)
    with backend:
        for start in range(0, len(recipients), size):
            if should_stop():
                break
            batch = recipients[start : start + size]
            prepared = prepare(email, batch, newsletter, now(), edition)
            if claim is not None:
                claim(batch)
            results += backend.send(prepared, on_result=record)
    return results


def rehearse(
    email: Email, recipients: Sequence[Recipient], newsletter: Newsletter, now: datetime
) -> None:
    """Build every recipient's message as it would go out, and send nothing: a dry run."""
    prepared = prepare(email, recipients, newsletter, now, f"dry-run:{now.isoformat()}")
    composer = Composer(prepared.edition)
    for copy in prepared:
        composer.message(copy)
