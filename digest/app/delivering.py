"""An edition's ledger, driven: who is still to send, each unit claimed as it goes out and
each result recorded, deferred recipients retried or given up on, and what a backend error
leaves behind. `pipeline.send` decides which edition; this delivers it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from ..config import Settings
from ..core.errors import StateError
from ..core.models import OUTSTANDING, DeliveryResult, DeliveryStatus, Recipient, tally
from ..delivery.backends.base import BackendError, UnavailableError
from ..delivery.backends.registry import make_backend
from ..delivery.deliver import deliver
from ..delivery.message import Personal
from ..store import Edition, Store

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
DeliveredHook = Callable[[int, int], None]  # (recipients done, recipients to do), for progress
IN_FLIGHT = ("the run ended while this message was being handed over; it may have gone out: "
             "`digest send --resend-unknown` sends it again")


def settle_in_flight(state: Store, now: datetime) -> None:
    """What a run that died had in flight, in any edition (a send, a retry of deferred
    recipients, a resend), may have gone out: it becomes unknown, never resent by itself.
    Called under the send lock, where no other send can have anything in flight."""
    for edition in state.editions.in_flight():
        state.ledger.move(edition.id, [DeliveryStatus.SENDING], DeliveryStatus.UNKNOWN, now,
                          error=IN_FLIGHT)
        state.editions.finish(edition.id)


def retry_deferred(
    settings: Settings, state: Store, key: str, force: bool, recipients: Sequence[Recipient],
    clock: Clock, should_stop: Callable[[], bool],
) -> tuple[Edition | None, list[str]]:
    """Retry the deferred recipients of earlier editions, so that they never hold up a new one;
    return the edition `key` itself when it waits for deferred recipients (unless `force`),
    for this send to resume, and the errors that stopped a retry."""
    own, problems = None, []
    for waiting in state.editions.deferred():
        if waiting.day == key and not force:
            own = waiting
            continue
        if should_stop():
            break
        results, error = deliver_edition(settings, state, waiting, recipients, clock,
                                         should_stop, None)
        status = state.editions.finish(waiting.id)
        sent = tally(r.status for r in results)[DeliveryStatus.SENT]
        log.info("edition %s: %d deferred recipients retried, %d sent; the edition is %s",
                 waiting.day, len(results), sent, status)
        if error is not None:
            log.warning("edition %s: %s", waiting.day, error)
            problems.append(f"edition {waiting.day}: {error}")
    return own, problems


def deliver_edition(
    settings: Settings, state: Store, edition: Edition, recipients: Sequence[Recipient],
    clock: Clock, should_stop: Callable[[], bool], on_delivered: DeliveredHook | None,
) -> tuple[list[DeliveryResult], BackendError | None]:
    """Deliver an edition to its recipients still to send (pending and deferred), recording
    each step in the ledger; deferred ones past `delivery.give_up_after` fail instead.

    `recipients` (from the config now) give back the CSV fields of those the ledger names.
    """
    given_up = give_up(settings, state, edition, clock())
    skip_suppressed(state, edition, clock())
    configured = {r.email.lower(): r for r in recipients}
    undelivered = [configured.get(d.address.lower(), Recipient(d.address, d.name))
                   for d in state.ledger.undelivered(edition.id)]
    edition_tag = f"{edition.id}:{edition.day}:{edition.created_at.isoformat()}"
    done = 0
    mine: set[str] = set()  # the recipients this send has claimed

    def claim(copies: Sequence[Personal]) -> None:
        """Claim the copies about to go out; stop, sending none of them, when some are no
        longer waiting: another sender (on another host, the lock of this one lost) has
        them. Those this claim did move stay `sending` and are settled as in doubt."""
        wanted = [copy.recipient.email for copy in copies]
        fresh = [a for a in wanted if a.lower() not in mine]
        again = [a for a in wanted if a.lower() in mine]  # a retry within this run: ours
        moved = state.ledger.move(edition.id, OUTSTANDING, DeliveryStatus.SENDING, clock(),
                                  addresses=fresh)
        if again:
            state.ledger.move(edition.id, OUTSTANDING, DeliveryStatus.SENDING, clock(),
                              addresses=again)
        if moved < len(fresh):
            raise StateError(
                f"edition {edition.id}: {len(fresh) - moved} of the next recipients are no "
                "longer waiting: another digest send has them; this one stops so that nobody "
                "gets the edition twice")
        mine.update(a.lower() for a in fresh)

    def record(result: DeliveryResult) -> None:
        nonlocal done
        state.ledger.record(edition.id, [result], clock())
        done += 1
        if on_delivered is not None:
            on_delivered(done, len(undelivered))

    backend = make_backend(settings.delivery, settings.path)
    results, error = attempted(lambda: deliver(
        edition.email, undelivered, backend, settings.newsletter, clock, edition=edition_tag,
        claim=claim, record=record, should_stop=should_stop))
    if isinstance(error, UnavailableError):  # nothing more gets through now: retry later
        left = [d for d in state.ledger.deliveries(edition.id)
                if d.status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING)]
        later = [DeliveryResult(d.address, DeliveryStatus.DEFERRED, error=str(error))
                 for d in left]
        state.ledger.record(edition.id, later, clock())
        results += later
    elif error is not None:  # credentials or config: what was claimed never went out
        state.ledger.move(edition.id, [DeliveryStatus.SENDING], DeliveryStatus.PENDING, clock())
    return given_up + results, error


def skip_suppressed(state: Store, edition: Edition, now: datetime) -> None:
    """Recipients still to send who are on the suppression list (whatever list named them,
    and even when they left after the edition was made) become `suppressed`, never sent."""
    waiting = [d.address for d in state.ledger.undelivered(edition.id)]
    listed = state.suppressions.listed(waiting)
    if listed:
        state.ledger.move(edition.id, OUTSTANDING, DeliveryStatus.SUPPRESSED, now,
                          addresses=listed)


def attempted(
    run: Callable[[], list[DeliveryResult]],
) -> tuple[list[DeliveryResult], BackendError | None]:
    """What a delivery settled, and the BackendError that stopped it, if one did."""
    try:
        return run(), None
    except BackendError as exc:
        return exc.results, exc


def give_up(
    settings: Settings, state: Store, edition: Edition, now: datetime
) -> list[DeliveryResult]:
    """Fail the deferred recipients of an edition older than `delivery.give_up_after`."""
    limit = settings.delivery.give_up_after
    if now - edition.created_at < limit:
        return []
    late = [DeliveryResult(d.address, DeliveryStatus.FAILED,
                           error=f"gave up after {duration_text(limit)}: {d.error}")
            for d in state.ledger.deliveries(edition.id, DeliveryStatus.DEFERRED)]
    state.ledger.record(edition.id, late, now)
    return late


def duration_text(duration: timedelta) -> str:
    """24h, 90m, 3d: a duration as config.yaml writes it (a day as 24h)."""
    seconds = int(duration.total_seconds())
    if seconds > 86400 and seconds % 86400 == 0:
        return f"{seconds // 86400}d"
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
