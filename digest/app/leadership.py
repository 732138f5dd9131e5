"""One leading `digest run` among the hosts sharing a PostgreSQL state: a lease row.

The lease `run` (store `leases`) names its holder (host, pid and a random part: one process)
and when it expires. With F = `schedule.failover`:

- the leader renews it every F/3, to expire 2F/3 later; its renewing thread checks every
  F/12, so a renewal is made by 5F/12 after the last one at the latest, F/12 before the
  leader would step down (below): a healthy leader never pauses for want of a renewal;
- a standby asks every F/6 and takes it once it has expired: so the lease of a leader that
  died, was SIGKILLed, lost the network or hangs passes on within 2F/3 + F/6 < F of its last
  renewal, and the new leader starts with the catch-up (a due send within `schedule.grace`,
  an edition left half sent);
- the lease's times are the state's (the database server's clock on PostgreSQL), so a
  standby's host clock does not decide when the leader's lease has run out; the leader
  counts as leading only until 2F/3 - F/6 after it asked for its last renewal that worked,
  by its own clock: the server set the expiry 2F/3 after it received that request, later
  still, so however the hosts' clocks disagree, the leader stops F/6 before anyone may take
  over. One that cannot renew in time (the database unreachable, its renewing thread held
  up) stops sending (between batches) and scheduling then;
- a leader stopped by SIGTERM or Ctrl-C gives the lease up, so a standby leads at its next ask.

The lease is a row rather than an advisory lock's session, whose end the server learns only by
TCP keepalives, on their own timing: here every time comes from a clock the tests can set.
Should two processes ever act at once (a leader paused longer than its margin), the ledger
still sends each recipient once: each claim moves only recipients still waiting.

What the database answers, for the lease (`LeaseStore.acquire`):
- the lease, ours: done: we lead until 2F/3 - F/6 after we asked, by our clock;
- the lease, another's: not ours: a standby waits; a leader has lost it and stops at once;
- a StateError (server unreachable, restarting, out of connections; or a lost COMMIT, whose
  outcome is unknown): retry later. A standby asks again at its next turn; a leader keeps the
  step-down point of its last renewal known to have worked, so it stops then unless a later
  renewal works. A fault that will not heal (a wrong password) repeats, logged once.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime, timedelta

from ..core.background import in_background
from ..core.errors import StateError
from ..store import Lease
from ..store.shared_stores import LeaseStore
from .lock import LockedError
from .pipeline import Clock, utc_now

log = logging.getLogger("digest.run")
RUN = "run"  # the lease of the leading runner


def describe(lease: Lease) -> str:
    return f"digest run on {lease.host} (pid {lease.pid})"


def seconds(span: timedelta) -> str:
    return f"{span.total_seconds():g} s"


class Leadership:
    """This process's side of the lease `run`: take it, renew it, know whether it leads."""

    def __init__(self, leases: LeaseStore, failover: timedelta, clock: Clock = utc_now,
                 host: str | None = None, pid: int | None = None,
                 lease_clock: Clock | None = None) -> None:
        self.leases = leases
        self.clock = clock  # this process's: when to renew, until when it leads
        self.lease_clock = lease_clock  # the lease's times; None: the state's own (tests set it)
        self.host = host or socket.gethostname()
        self.pid = os.getpid() if pid is None else pid
        self.holder = f"{self.host}:{self.pid}:{secrets.token_hex(4)}"
        self.failover = failover
        self.renew_every = failover / 3
        self.ttl = failover * 2 / 3
        self.poll = failover / 6  # a standby's asks; also the margin
        self.check = failover / 12  # the renewing thread's checks: well inside the margin
        self.lease: Lease | None = None  # ours, as last renewed
        self.asked = datetime.min  # by `clock`: when the renewal that gave `lease` was asked
        self._fault: str | None = None  # the last database error logged

    def leading(self) -> bool:
        """Whether this process leads now: it holds the lease, short of its margin."""
        return self.lease is not None and self.clock() < self.steps_down()

    def steps_down(self) -> datetime:
        """When this process stops leading unless it renews, by its own clock."""
        return self.asked + self.ttl - self.poll

    def attempt(self) -> Lease | None:
        """Take or renew the lease: None when it is ours now, else the holder's lease.
        A StateError when the database does not answer (see the module docstring)."""
        asked = self.clock()
        now = None if self.lease_clock is None else self.lease_clock()
        lease = self.leases.acquire(RUN, self.holder, self.host, self.pid, self.ttl, now)
        self._fault = None
        if lease.holder == self.holder:
            self.asked, self.lease = asked, lease
            return None
        self.lease = None
        return lease

    def beat(self) -> None:
        """The leader's renewal, when due (its thread calls this every F/12)."""
        if self.lease is None or self.clock() < self.asked + self.renew_every:
            return
        try:
            other = self.attempt()
        except StateError as exc:
            self._logged(exc, "cannot renew the lead: %s; stepping down at %s unless a "
                         "renewal works by then", self.steps_down().isoformat())
            return
        if other is not None:
            log.warning("lost the lead to %s; standing by", describe(other))

    def wait_for_lead(self, stop: threading.Event, wait: bool = True) -> bool:
        """Take the lead, standing by until the holder's lease expires with `wait` (else a
        LockedError); False when `stop` is set first."""
        seen: Lease | None = None
        while not stop.is_set():
            try:
                other = self.attempt()
            except StateError as exc:
                if not wait:
                    raise
                self._logged(exc, "cannot reach the lease: %s; asking again every %s",
                             seconds(self.poll))
                stop.wait(self.poll.total_seconds())
                continue
            if other is None:
                log.info("leading%s; a standby takes over within %s if this one stops",
                         self._after(seen), seconds(self.failover))
                return True
            if not wait:
                raise LockedError(f"digest run is already running ({describe(other)}, its "
                                  f"lease until {other.expires_at:%H:%M:%S} UTC); wait for "
                                  "it to finish, or pass --wait")
            if seen is None or seen.holder != other.holder:
                log.info("standing by: %s leads; taking over within %s if it stops renewing "
                         "its lease", describe(other), seconds(self.failover))
            seen = other
            stop.wait(self.poll.total_seconds())
        return False

    def _after(self, seen: Lease | None) -> str:
        """Whom this process took the lead from, and how, for the log."""
        if seen is None or self.lease is None:
            return ""
        ran_out = self.lease.taken_at >= seen.expires_at
        how = "whose lease ran out" if ran_out else "which gave it up"
        return f" from {describe(seen)}, {how}"

    def release(self) -> None:
        """Give the lease up (a clean stop), so a standby leads at its next ask."""
        if self.lease is not None:
            self.lease = None
            with suppress(StateError):  # unreachable: it expires on its own
                self.leases.release(RUN, self.holder)

    @contextmanager
    def renewing(self) -> Iterator[Leadership]:
        """A thread renewing the lease while this process leads; released on the way out."""
        try:
            with in_background(self._renew, "digest-lease"):
                yield self
        finally:
            self.release()

    def _renew(self, done: threading.Event) -> None:
        while not done.wait(self.check.total_seconds()):
            self.beat()

    def _logged(self, exc: StateError, message: str, *args: object) -> None:
        """Log a database fault once, not at every ask while it lasts."""
        if str(exc) != self._fault:
            self._fault = str(exc)
            log.error(message, exc, *args)

