"""The sign-up limits (`RateLimit`) on each engine's state, on the test's clock: a sliding
window across a fixed window's end, and keys kept only as HMACs with the app's secret."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from digest.store import Store
from digest.web.signup import RateLimit

from ..conftest import Clock

HOUR = timedelta(hours=1)
SECRET = "s3cret-for-rate-limits"


def hits(limit: RateLimit, key: str, times: int) -> list[bool]:
    return [limit.allow(key) for _ in range(times)]


def test_a_burst_before_a_window_ends_still_counts_after_it(state_at):
    clock = Clock(datetime(2026, 11, 28, 6, 59, 59, tzinfo=UTC))  # 1 s before the hour
    with Store.open(state_at) as state:
        limit = RateLimit("signup-client", 5, HOUR, state.rate_limits, clock, SECRET)
        assert hits(limit, "1.2.3.4", 6) == [True] * 5 + [False]
        clock.moment = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)  # a new fixed window
        assert hits(limit, "1.2.3.4", 1) == [False]  # the last hour's 5 still count
        clock.moment += HOUR / 2  # half of them: 2.5 of the 5 places
        assert hits(limit, "1.2.3.4", 4) == [True] * 3 + [False]
        clock.moment += HOUR / 2  # this window's 3, whole
        assert hits(limit, "1.2.3.4", 3) == [True] * 2 + [False]
        clock.moment += 2 * HOUR  # nothing in the last hour
        assert hits(limit, "1.2.3.4", 6) == [True] * 5 + [False]


def test_keys_are_kept_as_hmacs_with_the_secret(state_at):
    clock = Clock(datetime(2026, 11, 28, 6, 0, tzinfo=UTC))
    with Store.open(state_at) as state:
        ours = RateLimit("signup-address", 1, HOUR, state.rate_limits, clock, SECRET)
        other = RateLimit("signup-address", 1, HOUR, state.rate_limits, clock, "another")
        assert hits(ours, "ann@example.com", 2) == [True, False]
        assert hits(other, "ann@example.com", 1) == [True]  # another secret, another key
        buckets = {row[0] for row in state._engine._db.rows("SELECT bucket FROM rate_limits")}
    assert len(buckets) == 2
    plain = hashlib.sha256(b"ann@example.com").hexdigest()
    assert all("ann" not in bucket and bucket != plain for bucket in buckets)
