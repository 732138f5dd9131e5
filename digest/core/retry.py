"""One retry policy for every outside call: fetching sources, the email APIs and SMTP.

A policy says how many tries a call gets, how long to wait before each retry (exponential
backoff with jitter, so that many clients that failed together do not retry together), the
longest single wait, and what to do with a server's `Retry-After`: honour it when it is
within the cap, give up at once when it asks for longer.
"""

from __future__ import annotations

import email.utils
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC


@dataclass(frozen=True)
class RetryPolicy:
    """`attempts` tries in all (the first included); the wait before retry n (from 0) is drawn
    from the upper half of min(cap, backoff * 2**n)."""

    attempts: int = 3
    backoff: float = 1.0
    cap: float = 300.0
    jitter: Callable[[], float] = field(default=random.random, compare=False)

    def delay(self, retry: int, retry_after: float | None = None) -> float | None:
        """Seconds to wait before retry number `retry` (0 for the first retry), or None when
        the tries are spent or the server asked for a wait longer than `cap`."""
        if retry + 1 >= self.attempts:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.cap else None
        ceiling = min(self.cap, self.backoff * 2**retry)
        return ceiling / 2 + ceiling / 2 * self.jitter()

    def too_long(self, retry_after: float | None) -> bool:
        """True when a server asks for a wait longer than this policy accepts."""
        return retry_after is not None and retry_after > self.cap


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """A `Retry-After` header as seconds from `now` (a Unix time): a number or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, moment.timestamp() - now)
