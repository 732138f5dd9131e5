"""What several hosts share through the state: leases, rate limits, webhook tokens
(`digest.store.sql_coordination` implements them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol


@dataclass(frozen=True)
class Lease:
    """Who holds a role (the leading runner) and until when, unless they renew it."""

    name: str
    holder: str  # one process: host:pid:random
    host: str
    pid: int
    taken_at: datetime
    expires_at: datetime


class LeaseStore(Protocol):
    """One holder per role across every host, until it stops renewing (app/leadership.py)."""

    def acquire(self, name: str, holder: str, host: str, pid: int, ttl: timedelta,
                now: datetime | None = None) -> Lease:
        """Take the lease `name` when it is free or expired at `now`, or renew it when
        `holder` holds it, to expire `ttl` later; return the lease as it now stands, whoever
        holds it (another holder: not taken, or lost). `now` is the state's own clock unless
        given (tests): the database server's on PostgreSQL, so that hosts whose clocks
        disagree still agree on every lease."""
        ...

    def get(self, name: str) -> Lease | None: ...

    def release(self, name: str, holder: str) -> bool:
        """Give the lease up, if `holder` still holds it (then others may take it at once)."""
        ...


class RateLimitStore(Protocol):
    """Counters per key and window, shared by every web app process."""

    def hit(self, name: str, bucket: str, limit: int, window_start: datetime,
            previous_start: datetime, weight: float) -> bool:
        """Count one event of `bucket` (kept as given: the caller hashes what must not be
        kept in clear) under the limit `name` in the window starting at `window_start`,
        unless that window's count plus `weight` times the count of the window before it
        (starting at `previous_start`) has reached `limit`: whether it was counted. That
        limit's windows before `previous_start` go."""
        ...


class WebhookTokenStore(Protocol):
    """Tokens a provider signs each request with, kept while they are valid."""

    def first_use(self, provider: str, token: str, expires_at: datetime, now: datetime,
                  ) -> bool:
        """Keep `token` until `expires_at`; False when it was kept already (a replay)."""
        ...
