"""Recipients x ledger x backend: each pending recipient gets the edition once.

The backend names each unit (one message with SMTP, a file or the console; one request
with an API) just before it goes out, and that unit alone is taken in the ledger (pending
or deferred -> sending, by the `claim` hook); each result (sent, failed, deferred, unknown)
is handed to the `record` hook the moment the backend knows it, which writes it with the
next unit's take, in one transaction. A process killed mid-send leaves as `sending` the unit
in flight alone (sent or not, its result not written): the sender that takes over marks it
unknown and does not send it again unless asked (`digest send --resend-unknown`), with the
same Message-ID, by which a copy is recognised.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from itertools import islice

from ..config import Newsletter
from ..core.models import DeliveryResult, Email, Recipient
from .backends.base import AttemptHook, Backend, BackendError, Outgoing, ResultHook
from .message import Composer
from .personalize import edition_of, personalize, sender_domain


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
    recipients: Iterable[Recipient],
    backend: Backend,
    newsletter: Newsletter,
    now: Callable[[], datetime],
    *,
    edition: str,
    claim: AttemptHook | None = None,
    record: ResultHook | None = None,
    should_stop: Callable[[], bool] = lambda: False,
) -> list[DeliveryResult]:
    """Send `email` to each recipient in batches the backend accepts, `claim`ing each unit as
    it goes out and `record`ing each result; stop between batches when `should_stop` says so
    (the rest stay pending for the next run). `recipients` is read a batch at a time, so
    it may claim them from a shared queue as it goes."""
    results: list[DeliveryResult] = []
    size = max(1, backend.max_batch)
    remaining = iter(recipients)
    try:
        with backend:
            while not should_stop():
                batch = list(islice(remaining, size))
                if not batch:
                    break
                prepared = prepare(email, batch, newsletter, now(), edition)
                results += backend.send(prepared, on_result=record, on_attempt=claim)
    except BackendError as exc:
        exc.results = results + exc.results
        raise
    return results


def rehearse(
    email: Email, recipients: Sequence[Recipient], newsletter: Newsletter, now: datetime
) -> None:
    """Build every recipient's message as it would go out, and send nothing: a dry run."""
    prepared = prepare(email, recipients, newsletter, now, f"dry-run:{now.isoformat()}")
    composer = Composer(prepared.edition)
    for copy in prepared:
        composer.message(copy)
