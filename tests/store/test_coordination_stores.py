"""What several hosts share, on each engine, with the clock given: the leases of roles, the
rate-limit counters and the webhook tokens seen."""

from datetime import UTC, datetime, timedelta

import pytest

from digest.core.errors import StateError
from digest.store import Store

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
TTL = timedelta(seconds=40)
A = ("a-host:11:aaaa", "a-host", 11)
B = ("b-host:22:bbbb", "b-host", 22)


def test_a_lease_is_taken_renewed_and_refused_to_others_until_it_expires(state_at):
    with Store.open(state_at) as store:
        leases = store.leases
        assert leases.get("run") is None
        taken = leases.acquire("run", *A, TTL, NOW)
        assert (taken.holder, taken.host, taken.pid) == ("a-host:11:aaaa", "a-host", 11)
        assert (taken.taken_at, taken.expires_at) == (NOW, NOW + TTL)

        later = NOW + timedelta(seconds=20)
        refused = leases.acquire("run", *B, TTL, later)
        assert refused == taken  # b sees who holds it, and until when

        renewed = leases.acquire("run", *A, TTL, later)
        assert (renewed.holder, renewed.taken_at, renewed.expires_at) == (
            A[0], NOW, later + TTL)
        assert leases.get("run") == renewed


def test_an_expired_lease_is_taken_over_and_its_stale_leader_refused(state_at):
    with Store.open(state_at) as store:
        leases = store.leases
        leases.acquire("run", *A, TTL, NOW)
        expired = NOW + TTL
        over = leases.acquire("run", *B, TTL, expired)
        assert (over.holder, over.host, over.pid, over.taken_at) == (B[0], "b-host", 22, expired)

        # The old leader wakes up and renews: refused, and it learns who leads now.
        stale = leases.acquire("run", *A, TTL, expired + timedelta(seconds=1))
        assert stale == over
        assert not leases.release("run", A[0])  # nor can it give away what it lost
        assert leases.get("run") == over


def test_a_released_lease_is_free_at_once(state_at):
    with Store.open(state_at) as store:
        leases = store.leases
        leases.acquire("run", *A, TTL, NOW)
        assert leases.release("run", A[0])
        assert leases.get("run") is None
        soon = NOW + timedelta(seconds=1)
        assert leases.acquire("run", *B, TTL, soon).holder == B[0]
        assert leases.acquire("other", *A, TTL, soon).holder == A[0]  # names apart


def test_one_state_holds_the_lease_for_every_process_that_opens_it(state_at):
    with Store.open(state_at) as first, Store.open(state_at) as second:
        first.leases.acquire("run", *A, TTL, NOW)
        assert second.leases.acquire("run", *B, TTL, NOW).holder == A[0]


def test_a_rate_limit_counts_up_to_its_limit_per_key_and_window(state_at):
    hour = timedelta(hours=1)
    with Store.open(state_at) as first, Store.open(state_at) as second:
        assert [first.rate_limits.hit("client", "k1", 2, NOW, NOW - hour, 0)
                for _ in range(2)] == [True, True]
        assert not second.rate_limits.hit("client", "k1", 2, NOW, NOW - hour, 0)
        assert second.rate_limits.hit("client", "k2", 2, NOW, NOW - hour, 0)  # another key
        assert second.rate_limits.hit("other", "k1", 2, NOW, NOW - hour, 0)  # another limit
        assert second.rate_limits.hit("client", "k1", 2, NOW + hour, NOW, 0)  # next window


def test_the_window_before_counts_by_its_weight(state_at):
    hour = timedelta(hours=1)
    with Store.open(state_at) as first, Store.open(state_at) as second:
        assert all(first.rate_limits.hit("client", "k1", 4, NOW, NOW - hour, 0)
                   for _ in range(4))
        later = NOW + hour
        assert not second.rate_limits.hit("client", "k1", 4, later, NOW, 1)  # all of it
        # Half of it: 2 of 4 places taken, whichever state counts.
        assert [store.rate_limits.hit("client", "k1", 4, later, NOW, 0.5)
                for store in (first, second, first)] == [True, True, False]


def test_old_windows_are_forgotten(state_at):
    hour = timedelta(hours=1)
    with Store.open(state_at) as store:
        store.rate_limits.hit("address", "k1", 3, NOW, NOW - hour, 0)
        store.rate_limits.hit("client", "k2", 3, NOW, NOW - hour, 0)
        later = NOW + 2 * hour
        store.rate_limits.hit("client", "k3", 3, later, later - hour, 1)  # drops k2's
        rows = store._engine._db.rows("SELECT name, bucket, hits FROM rate_limits"
                                      " ORDER BY name, window_start")
    assert rows == [("address", "k1", 1), ("client", "k3", 1)]


def test_a_webhook_token_is_taken_once_until_it_expires(state_at):
    until = NOW + timedelta(minutes=15)
    with Store.open(state_at) as first, Store.open(state_at) as second:
        assert first.webhook_tokens.first_use("mailgun", "tok-1", until, NOW)
        assert not second.webhook_tokens.first_use("mailgun", "tok-1", until, NOW)
        assert second.webhook_tokens.first_use("other", "tok-1", until, NOW)
        # Past its expiry the row goes (the signature is stale by then anyway).
        assert first.webhook_tokens.first_use("mailgun", "tok-1", until, until)


def test_what_an_atomic_block_changes_is_kept_whole_or_not_at_all(state_at):
    until = NOW + timedelta(minutes=15)
    with Store.open(state_at) as store:
        with pytest.raises(StateError), store.atomic() as state:
            assert state.webhook_tokens.first_use("mailgun", "tok-1", until, NOW)
            state.suppressions.record_event("mailgun", "ev-1", "ann@example.com", "bounce",
                                            NOW)
            assert state.suppressions.count_events("ann@example.com", "bounce", NOW) == 1
            state._engine._db.rows("SELECT * FROM no_such_table")  # a fault mid-way
        assert store.suppressions.count_events("ann@example.com", "bounce", NOW) == 0
        with store.atomic() as state:
            assert state.webhook_tokens.first_use("mailgun", "tok-1", until, NOW)
            state.suppressions.record_event("mailgun", "ev-1", "ann@example.com", "bounce",
                                            NOW)
        assert not store.webhook_tokens.first_use("mailgun", "tok-1", until, NOW)
        assert store.suppressions.count_events("ann@example.com", "bounce", NOW) == 1
