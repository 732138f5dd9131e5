"""An edition's ledger, driven: recipients claimed from the edition's queue a batch at a
time under a lease, each unit taken just before it goes out and each result recorded with
the next take (one write a unit, not two: a unit whose result is not written yet stays
`sending`, in doubt if the process dies), deferred recipients retried or given up on, and
what a backend error leaves behind.
`pipeline.send` decides which edition; this delivers it, alone or beside other senders.

What the ledger answers a sender, and what it does then:
- a claim gives a batch (done: send it) or nothing (the queue is empty or held by live
  senders: take over the batches of senders gone meanwhile; while live senders still hold
  some, wait until they end or a third of `delivery.lease` passed, and claim again, so
  that the batch of a sender that stalls or whose host is lost is taken over when its
  lease lapses; then end);
- a take moves every recipient asked for (done: they go out) or fewer (failed for good for
  this sender: its lease lapsed and another sender has them; it stops, sending none, and
  gives back what it had taken and certainly not sent: this take, and copies waiting for a
  retry after a temporary refusal);
- a database error (`StateError`, see `store/postgres_db.py`) stops the send: what it had
  taken stays `sending` and is unknown to whoever takes over, what it had claimed goes back
  to the queue when its lease ends.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta

from ..config import Settings
from ..core.errors import StateError
from ..core.models import OUTSTANDING, DeliveryResult, DeliveryStatus, Recipient, tally
from ..delivery.backends.base import BackendError, Sleep, UnavailableError
from ..delivery.backends.registry import make_backend
from ..delivery.deliver import deliver
from ..delivery.message import Personal
from ..store import Delivery, Edition, Store
from .lock import SendGuard
from .send_lease import Clock, Lease, settle_in_flight

log = logging.getLogger(__name__)

DeliveredHook = Callable[[int, int], None]  # (recipients done, recipients to do), for progress


def retry_deferred(
    settings: Settings, state: Store, key: str, force: bool, recipients: Sequence[Recipient],
    clock: Clock, should_stop: Callable[[], bool], sender: SendGuard, sleep: Sleep = time.sleep,
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
                                         should_stop, None, sender, sleep)
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
    sender: SendGuard, sleep: Sleep = time.sleep,
) -> tuple[list[DeliveryResult], BackendError | None]:
    """Deliver an edition to its recipients still to send (pending and deferred) that no
    other sender holds, claiming them a batch at a time as `sender` and recording each step
    in the ledger; deferred ones past `delivery.give_up_after` fail instead. When the queue
    runs dry, the batches of senders gone meanwhile are taken over; while live senders
    still hold some, it waits (`sleep`) and claims again, so it ends only when none is left
    (or `should_stop`).

    `recipients` (from the config now) give back the CSV fields of those the ledger names.
    """
    configured = {r.email.lower(): r for r in recipients}
    total = len(state.ledger.undelivered(edition.id)) if on_delivered is not None else 0
    edition_tag = f"{edition.id}:{edition.day}:{edition.created_at.isoformat()}"
    owner = sender.owner
    lease = Lease(state, edition.id, owner, settings.delivery.lease, clock)
    backend = make_backend(settings.delivery, settings.path)
    given_up: list[DeliveryResult] = []
    done = 0
    mine: set[str] = set()  # the recipients this send has taken
    settled: set[str] = set()  # those of them whose result is known
    unrecorded: list[DeliveryResult] = []  # known, written with the next take (`record`)

    def queue() -> Iterator[Recipient]:
        """The recipients to send to, claimed a batch at a time as the backend needs them."""
        while not should_stop():
            flush()  # the last batch's last results, before the queue is asked again
            batch = lease.claim(backend.max_batch)
            if not batch:
                settle_in_flight(state, clock(), sender.alive)
                batch = lease.claim(backend.max_batch)
            if not batch:
                return
            late = give_up(settings, state, edition, batch, owner, clock())
            given_up.extend(late)
            failed = {r.recipient for r in late}
            batch = skip_suppressed(state, edition, [d for d in batch if d.address not in failed],
                                    owner, clock())
            yield from (configured.get(d.address.lower()) or Recipient(d.address, d.name)
                        for d in batch)

    def claim(copies: Sequence[Personal]) -> None:
        """Take the copies about to go out; stop, sending none of them, when some are no
        longer this sender's: its lease lapsed and another sender took them. What this
        sender took and is sure it did not send (this take, copies waiting for a retry
        after a refusal) goes back to the queue first: it is not in doubt."""
        wanted = [copy.recipient.email for copy in copies]
        fresh = [a for a in wanted if a.lower() not in mine]
        again = [a for a in wanted if a.lower() in mine]  # a retry within this run: ours
        moved = lease.take(fresh, unrecorded)
        unrecorded.clear()
        if again:
            lease.take(again)
        if moved < len(fresh):
            lease.renew()  # over what is still this sender's, to give it back
            state.ledger.move(edition.id, [DeliveryStatus.SENDING], DeliveryStatus.PENDING,
                              clock(), addresses=[*fresh, *(mine - settled)], holder=owner)
            raise StateError(
                f"edition {edition.id}: {len(fresh) - moved} of the next recipients are no "
                "longer this sender's (its lease lapsed: it was held up longer than "
                "delivery.lease): another digest send has them; this one stops so that "
                "nobody gets the edition twice")
        mine.update(a.lower() for a in fresh)

    def record(results: Sequence[DeliveryResult]) -> None:
        """Keep a unit's results until the next unit is taken, to write both at once (the
        unit stays `sending` until then: in doubt, should the process die meanwhile), or
        until the backend returns (`flush`)."""
        nonlocal done
        unrecorded.extend(results)
        settled.update(result.recipient.lower() for result in results)
        done += len(results)
        if on_delivered is not None:
            on_delivered(done, total)

    def flush() -> None:
        if unrecorded:
            state.ledger.record(edition.id, unrecorded, clock(), owner)
            unrecorded.clear()

    def wait() -> None:
        """Until no other sender holds a live lease on the edition (it ended, or its lease
        lapsed), or a third of the lease passed (to take over from one gone meanwhile),
        asking every second, so that a stop is heard and the send ends soon after them."""
        for _ in range(max(1, int(lease.length.total_seconds() / 3))):
            if should_stop() or not lease.others(clock()):
                return
            sleep(1)

    try:
        with lease.renewing(settings.state_location(), sender):
            results: list[DeliveryResult] = []
            while True:
                more, error = attempted(lambda: deliver(
                    edition.email, queue(), backend, settings.newsletter, clock,
                    edition=edition_tag, claim=claim, record=record, should_stop=should_stop))
                flush()
                results += more
                if error is not None or should_stop() or not lease.others():
                    break
                wait()
            if isinstance(error, UnavailableError):  # nothing more gets through now: retry later
                lease.claim(None, [DeliveryStatus.PENDING])
                later = [DeliveryResult(d.address, DeliveryStatus.DEFERRED, error=str(error))
                         for d in state.ledger.held(edition.id, owner)
                         if d.status in (DeliveryStatus.PENDING, DeliveryStatus.SENDING)]
                state.ledger.record(edition.id, later, clock(), owner)
                results += later
            elif error is not None:  # credentials or config: what was taken never went out
                state.ledger.move(edition.id, [DeliveryStatus.SENDING], DeliveryStatus.PENDING,
                                  clock(), holder=owner)
    finally:
        try:
            flush()  # what the backend settled before an error that is not a BackendError
        finally:
            state.ledger.release(edition.id, owner)
    return given_up + results, error


def skip_suppressed(
    state: Store, edition: Edition, batch: list[Delivery], owner: str, now: datetime,
) -> list[Delivery]:
    """Recipients of a claimed batch who are on the suppression list (whatever list named
    them, and even when they left after the edition was made) become `suppressed`, never
    sent; the rest of the batch."""
    listed = state.suppressions.listed(d.address for d in batch)
    if listed:
        state.ledger.move(edition.id, OUTSTANDING, DeliveryStatus.SUPPRESSED, now,
                          addresses=listed, holder=owner)
    return [d for d in batch if d.address not in listed]


def attempted(
    run: Callable[[], list[DeliveryResult]],
) -> tuple[list[DeliveryResult], BackendError | None]:
    """What a delivery settled, and the BackendError that stopped it, if one did."""
    try:
        return run(), None
    except BackendError as exc:
        return exc.results, exc


def give_up(
    settings: Settings, state: Store, edition: Edition, batch: Sequence[Delivery],
    owner: str, now: datetime,
) -> list[DeliveryResult]:
    """Fail the deferred recipients of a batch `owner` claimed when the edition is older
    than `delivery.give_up_after`."""
    limit = settings.delivery.give_up_after
    if now - edition.created_at < limit:
        return []
    late = [DeliveryResult(d.address, DeliveryStatus.FAILED,
                           error=f"gave up after {duration_text(limit)}: {d.error}")
            for d in batch if d.status == DeliveryStatus.DEFERRED]
    state.ledger.record(edition.id, late, now, owner)
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
