"""A sender's hold on an edition's recipients, and what a sender that is gone leaves behind.

A recipient's row: `pending` (or `deferred`) and free -> claimed by a sender (still waiting,
with its name and a lease) -> `sending` (taken, only by the sender whose lease is live) ->
`sent`, `failed`, `deferred` or `unknown`. A sender renews its leases as it works and gives
back what it claimed and did not send when it ends. When a sender is gone (its process or
host, or its lease lapsed), what it had claimed and not taken goes back to the queue, and
what it had taken (`sending`) becomes `unknown`: it may have gone out, so it is never sent
again unless asked (`digest send --resend-unknown`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..core.background import in_background
from ..core.errors import DigestError
from ..core.models import OUTSTANDING, DeliveryResult, DeliveryStatus
from ..store import Delivery, Location, Store
from .lock import SendGuard

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
IN_FLIGHT = ("the run ended while this message was being handed over; it may have gone out: "
             "`digest send --resend-unknown` sends it again")


def settle_in_flight(state: Store, now: datetime, alive: Callable[[str], bool]) -> None:
    """What a sender that is gone had in flight, in any edition (a send, a retry of deferred
    recipients, a resend), may have gone out: it becomes unknown, never resent by itself;
    what it had claimed and not taken is free again. A sender is gone when `alive` says so
    or when its lease lapsed. An edition whose last result a sender recorded just before
    it ended gets its outcome too."""
    for owner in {owner for _, owner in state.ledger.leases(now)}:
        if not alive(owner):  # asked once a sender, however many editions it holds
            state.ledger.expire(owner)
    stale = {edition.id for edition in state.editions.stale()}
    for edition_id in state.ledger.lapse(now, IN_FLIGHT) | stale:
        state.editions.finish(edition_id)


@dataclass
class Lease:
    """One sender's hold on the recipients of an edition it claimed: renewed every third of
    its length by a thread of its own (`renewing`) while the sender delivers, even while a
    backend call takes longer than the lease, so only a sender whose process stopped or
    froze, or whose host was lost, lets it lapse; one held up longer gets back, when it
    goes on, what no other sender took meanwhile."""

    state: Store
    edition_id: int
    owner: str
    length: timedelta
    clock: Clock
    claimed: datetime | None = field(default=None)  # when the last claim was asked

    def claim(self, limit: int | None,
              statuses: Sequence[DeliveryStatus] = OUTSTANDING) -> list[Delivery]:
        """The next free recipients, held by this sender from now on."""
        self.renew()
        self.claimed = now = self.clock()
        return self.state.ledger.claim(self.edition_id, self.owner, now, now + self.length,
                                       limit, statuses)

    def others(self, moment: datetime | None = None) -> bool:
        """Whether other senders hold recipients of the edition with a live lease at
        `moment` (by default, when this one last claimed): what they hold may come free
        (they end, stall or are lost)."""
        moment = moment or self.claimed or self.clock()
        return any(edition == self.edition_id and owner != self.owner
                   for edition, owner in self.state.ledger.leases(moment))

    def renew(self, state: Store | None = None) -> None:
        (state or self.state).ledger.renew(self.edition_id, self.owner,
                                           self.clock() + self.length)

    @contextmanager
    def renewing(self, location: Location, sender: SendGuard) -> Iterator[Lease]:
        """Renew every third of the lease from a thread, on a store of its own opened on the
        state at `location`, until the block ends; first make sure the other
        senders still see `sender` alive (`SendGuard.keep`). A database error there is
        logged and the next renewal tried: the sender meets the same error and stops."""
        def renew(done: threading.Event) -> None:
            own: Store | None = None  # opened once, at the first renewal, then kept
            try:
                while not done.wait(self.length.total_seconds() / 3):
                    try:
                        sender.keep()
                        own = own or Store.open(location)
                        self.renew(own)
                    except DigestError as exc:
                        log.warning("edition %s: cannot renew the lease: %s",
                                    self.edition_id, exc)
            finally:
                if own is not None:
                    own.close()

        with in_background(renew, "digest-send-lease"):
            yield self

    def take(self, addresses: Sequence[str], results: Sequence[DeliveryResult] = ()) -> int:
        """Record `results` (of the unit sent last) and move held recipients about to go out
        to `sending`, in one write; how many of them this sender still held (a lapsed lease
        holds none)."""
        return self.state.ledger.record_and_take(self.edition_id, results, addresses,
                                                 self.clock(), self.owner)
