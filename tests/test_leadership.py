"""The lease of the leading `digest run`, on each engine, with the clock given: who leads,
when the leader renews, when it stops leading, when a standby takes over."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta

import pytest

from digest.app.leadership import Leadership
from digest.app.lock import LockedError
from digest.app.pipeline import utc_now
from digest.store import Store

from .conftest import Clock

FAILOVER = timedelta(seconds=60)


@pytest.fixture
def pair(state_at, clock):
    """Two runners' leaderships on one state (as on two hosts), on one clock."""
    with Store.open(state_at) as first, Store.open(state_at) as second:
        yield (Leadership(first.leases, FAILOVER, clock, "host-a", 11, clock),
               Leadership(second.leases, FAILOVER, clock, "host-b", 22, clock))


def test_one_leads_and_the_other_is_told_who(pair, clock):
    a, b = pair
    assert a.wait_for_lead(threading.Event(), wait=False)
    assert a.leading() and not b.leading()
    with pytest.raises(LockedError, match=r"already running \(digest run on host-a \(pid 11\), "
                                          r"its lease until 06:00:40 UTC\); .* pass --wait"):
        b.wait_for_lead(threading.Event(), wait=False)


def test_the_leader_renews_every_third_of_the_failover(pair, clock):
    a, _ = pair
    a.attempt()
    first = a.lease
    clock.moment += FAILOVER / 3 - timedelta(seconds=1)
    a.beat()
    assert a.lease == first  # not due yet
    clock.moment += timedelta(seconds=1)
    a.beat()
    assert a.lease.expires_at == clock.moment + FAILOVER * 2 / 3
    assert a.lease.taken_at == first.taken_at


def test_a_leader_that_stops_renewing_stops_leading_before_anyone_may_take_over(pair, clock):
    a, b = pair
    a.attempt()
    renewed = clock.moment
    expires = a.lease.expires_at
    clock.moment = expires - FAILOVER / 6 - timedelta(microseconds=1)
    assert a.leading()
    clock.moment += timedelta(microseconds=1)
    assert not a.leading()  # it steps down here ...
    assert b.attempt().holder == a.holder  # ... while its lease still holds
    clock.moment = expires - timedelta(microseconds=1)
    assert b.attempt() is not None
    clock.moment = expires
    assert b.attempt() is None and b.leading()  # taken over ...
    assert expires + b.poll - renewed < FAILOVER  # ... within the failover, asked every F/6


def test_a_standby_takes_over_once_the_lease_runs_out(pair, clock, caplog):
    a, b = pair
    a.attempt()
    stop = threading.Event()

    def later(seconds: float) -> None:  # a standby's wait, on the test's clock
        clock.moment += timedelta(seconds=seconds)

    stop.wait = later  # type: ignore[method-assign]
    with caplog.at_level(logging.INFO, "digest.run"):
        assert b.wait_for_lead(stop)
    assert clock.moment == datetime(2026, 11, 28, 6, 0, 40, tzinfo=UTC)  # 4 asks of 10 s
    assert [r.getMessage() for r in caplog.records] == [
        "standing by: digest run on host-a (pid 11) leads; taking over within 60 s if it "
        "stops renewing its lease",
        "leading from digest run on host-a (pid 11), whose lease ran out; a standby takes "
        "over within 60 s if this one stops"]


def test_a_stale_leader_is_refused_and_stands_down(pair, clock, caplog):
    a, b = pair
    a.attempt()
    clock.moment = a.lease.expires_at  # a was paused past its lease
    assert b.attempt() is None
    clock.moment += FAILOVER / 3
    with caplog.at_level(logging.WARNING, "digest.run"):
        a.beat()
    assert a.lease is None and not a.leading() and b.leading()
    assert caplog.messages == ["lost the lead to digest run on host-b (pid 22); standing by"]


def test_a_clean_stop_frees_the_lead_at_once(pair, clock):
    a, b = pair
    a.attempt()
    a.release()
    assert not a.leading()
    assert b.attempt() is None


def test_a_leader_cut_off_from_the_state_keeps_its_expiry_then_stops(state_at, clock: Clock,
                                                                     caplog):
    state = Store.open(state_at)
    a = Leadership(state.leases, FAILOVER, clock, "host-a", 11, clock)
    a.attempt()
    expires = a.lease.expires_at
    state.close()  # every query now fails
    clock.moment += FAILOVER / 3
    with caplog.at_level(logging.ERROR, "digest.run"):
        a.beat()
        clock.moment += FAILOVER / 6
        a.beat()  # the same fault: logged once
    assert a.lease.expires_at == expires
    assert [m.split(": ")[0] for m in caplog.messages] == ["cannot renew the lead"]
    assert not a.leading()  # F/2 after its last renewal, F/6 before its lease ends
    with Store.open(state_at) as back:
        a.leases = back.leases  # the state answers again, and nobody took over
        a.beat()
        assert a.leading() and a.lease.expires_at == clock.moment + FAILOVER * 2 / 3


def test_the_failover_is_read_from_the_config_and_checked(write_config):
    from digest.config import load_settings
    from digest.core.errors import ConfigError

    base = "newsletter:\n  from: news@example.com\nschedule:\n"
    assert load_settings(write_config(base + "  at: '07:00'\n")).schedule.failover == FAILOVER
    assert load_settings(write_config(base + "  failover: 2s\n")).schedule.failover == (
        timedelta(seconds=2))
    with pytest.raises(ConfigError, match=r"schedule.failover: .*at least 2 seconds"):
        load_settings(write_config(base + "  failover: 1s\n"))


def test_a_standby_leads_at_its_next_ask_once_the_leader_gives_up(pair, clock, caplog):
    a, b = pair
    a.attempt()
    stop = threading.Event()

    def later(seconds: float) -> None:
        clock.moment += timedelta(seconds=seconds)
        a.release()  # a clean stop, while b waits

    stop.wait = later  # type: ignore[method-assign]
    with caplog.at_level(logging.INFO, "digest.run"):
        assert b.wait_for_lead(stop)
    assert clock.moment == datetime(2026, 11, 28, 6, 0, 10, tzinfo=UTC)
    assert caplog.messages[-1] == ("leading from digest run on host-a (pid 11), which gave it "
                                   "up; a standby takes over within 60 s if this one stops")




class Ticking:
    """The renewing thread's `done` event on the test's clock: the clock moves in steps of
    100 ms; the lead is taken at `take_at`, and once it is, every step checks that the leader
    still leads, until `end`."""

    def __init__(self, leader: Leadership, clock: Clock, take_at: datetime, end: datetime,
                 ) -> None:
        self.leader, self.clock, self.take_at, self.end = leader, clock, take_at, end
        self.gaps: list[datetime] = []
        self.taken = False

    def advance(self, span: timedelta) -> None:
        target = min(self.clock.moment + span, self.end)
        while self.clock.moment < target:
            self.clock.moment += timedelta(milliseconds=100)
            if self.clock.moment == self.take_at:
                assert self.leader.attempt() is None
                self.taken = True
            elif self.taken and not self.leader.leading():
                self.gaps.append(self.clock.moment)

    def wait(self, seconds: float) -> bool:
        self.advance(timedelta(seconds=seconds))
        return self.clock.moment >= self.end


@pytest.mark.parametrize("latency", [timedelta(0), timedelta(seconds=1)])
def test_a_healthy_leader_never_steps_down_whenever_it_took_the_lead(state_at, clock, latency):
    """Wherever the lead is taken between two of the renewing thread's checks, and with each
    renewal taking `latency` in the database, every renewal lands before the step-down point."""
    with Store.open(state_at) as state:
        leader = Leadership(state.leases, FAILOVER, clock, "host-a", 11, clock)
        acquire = state.leases.acquire
        ticking: Ticking

        def slow(*args: object) -> object:
            ticking.advance(latency)  # the leader's sends go on while the database answers
            return acquire(*args)

        leader.leases.acquire = slow  # type: ignore[method-assign]
        for tenths in range(1, 101, 3):  # the lead taken 0.1 s to 10 s after a check
            take_at = clock.moment + timedelta(milliseconds=100 * tenths)
            ticking = Ticking(leader, clock, take_at, take_at + FAILOVER * 3)
            leader._renew(ticking)  # type: ignore[arg-type]
            assert ticking.gaps == [], f"stepped down with the lead taken at {take_at}"
            leader.release()


def test_hosts_whose_clocks_disagree_still_have_one_leader(state_at):
    """The lease is timed by the state's clock (the server's on PostgreSQL): a standby whose
    clock runs an hour ahead does not think the leader's lease ran out, and a leader whose
    clock is a year behind still leads for as long as its own clock says it renewed."""
    behind = Clock(utc_now() - timedelta(days=365))
    ahead = Clock(utc_now() + timedelta(hours=1))
    with Store.open(state_at) as first, Store.open(state_at) as second:
        a = Leadership(first.leases, FAILOVER, behind, "host-a", 11)
        b = Leadership(second.leases, FAILOVER, ahead, "host-b", 22)
        assert a.attempt() is None and a.leading()
        assert b.attempt().holder == a.holder and not b.leading()
        behind.moment += FAILOVER / 2 - timedelta(microseconds=1)
        ahead.moment += FAILOVER / 2
        assert a.leading() and b.attempt().holder == a.holder
        behind.moment += timedelta(microseconds=1)
        assert not a.leading()  # 2F/3 - F/6 after it asked, by its own clock
        a.release()
        assert b.attempt() is None and b.leading()
