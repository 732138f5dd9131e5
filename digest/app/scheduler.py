"""`digest run`: send at the configured local times, collect in between, never twice.

One `schedule.Scheduler` holds every job of the runner: the catch-up on start, a send job for
each configured time of day and, with `schedule.collect_every`, the collect job. schedule
decides when to wake and runs the jobs that are due; a send job asks `tick()` what is due, and
the ledger decides what is sent: `slots` names the edition of the latest send time, and an
edition already in the ledger is not sent again. So a restart, a second runner or a hand-made
`digest send` never sends an edition twice, and a missed send time is either caught up within
`schedule.grace` or reported as skipped, never passed over in silence.

A job that raises does not end `digest run`: a DigestError is logged in one line, anything
else with its traceback, and the next job runs; a send job that failed tries again after
RETRY_AFTER (the grace then decides whether its send time is still due). KeyboardInterrupt and
SystemExit are not caught.

The jobs' next run times come from `slots` (DST-correct, as aware UTC instants) and an
injectable clock, not from schedule's own (`timed_jobs.py` says why).
"""

from __future__ import annotations

import logging
import math
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from types import FrameType

from ..config import Settings
from ..core.errors import DigestError
from ..core.models import DeliveryStatus, SendStatus
from ..core.text import plural
from ..store import Store
from ..store.location import is_url
from . import health, pipeline
from .leadership import Leadership
from .lock import run_lock
from .slots import Slot, latest_slot, next_slot, slots_between
from .timed_jobs import ClockScheduler

log = logging.getLogger("digest.run")
LOOKBACK = timedelta(days=7)  # how far back missed send times are reported
MAX_NAP = 60.0  # seconds: wake at least this often, so clock jumps are noticed
RETRY_AFTER = timedelta(minutes=5)  # a send job that raised tries again after this


def due_slot(settings: Settings, state: Store, now: datetime) -> tuple[Slot | None, list[Slot]]:
    """The send time whose edition should go out now, if any, and the send times missed
    beyond the grace period (oldest first) that have no edition."""
    schedule_config = settings.schedule
    latest = latest_slot(now, schedule_config)
    if latest is None:
        return None, []
    previous = state.editions.last()
    if previous is not None:
        start = max(previous.created_at, now - LOOKBACK)
        missed = [s for s in slots_between(start, now, schedule_config)
                  if state.editions.last(s.key) is None]
    else:  # a new installation has missed nothing before today
        today = now.astimezone(schedule_config.zone).date()
        missed = [latest] if latest.local.date() == today else []
    due = None
    if missed and missed[-1] == latest and now - latest.moment <= schedule_config.grace:
        due = missed.pop()
    return due, missed


@dataclass
class Runner:
    """The long-running scheduler. `clock` and `wait` are injectable for tests."""

    settings: Settings
    clock: pipeline.Clock = pipeline.utc_now
    stop: threading.Event = field(default_factory=threading.Event)
    send: Callable[..., pipeline.SendReport] = pipeline.send
    wait: Callable[[float], object] | None = None  # default: wait on `stop`, so a signal wakes it
    leading: Callable[[], bool] = lambda: True  # False once another host's runner may lead
    max_nap: float = MAX_NAP
    _reported: set[str] = field(default_factory=set)
    _failing: set[str] = field(default_factory=set)  # the jobs whose last run raised

    def tick(self, wait: bool = True) -> pipeline.SendReport | None:
        """Finish an edition whose send was cut short or failed, if any; then send the edition
        that is due, if any; report send times missed beyond the grace."""
        with Store.open(self.settings.state_location()) as state:
            unfinished = state.editions.unfinished()
            due, missed = due_slot(self.settings, state, self.clock())
        for slot in missed:
            if slot.key not in self._reported:
                self._reported.add(slot.key)
                log.warning(
                    "skipped the digest of %s: nothing was running at that time and the "
                    "grace period (%s) is over", slot, self.settings.schedule.grace,
                )
        report = None
        if unfinished is not None:  # its recipients still wait, whatever the time of day
            report = self._send(unfinished.day, wait)
            if report.status is SendStatus.INTERRUPTED or self._should_stop():
                return report  # cut short, or the lead lost meanwhile: the due one waits
            with Store.open(self.settings.state_location()) as state:
                due, _ = due_slot(self.settings, state, self.clock())
        report = self._send(due.key, wait) if due is not None else report
        self.check_missed()
        return report

    def check_missed(self) -> None:
        """Alert once for each edition that has reached nobody by `alerts.grace`."""
        with Store.open(self.settings.state_location()) as state:
            health.check_missed(self.settings, state, self.clock)

    def _send(self, key: str, wait: bool) -> pipeline.SendReport:
        """Send (or resume) the edition `key`, and log the run's one line."""
        report = self.send(
            self.settings, clock=self.clock, edition_key=key, wait=wait,
            collect_first=self.settings.schedule.collect_every is None,
            should_stop=self._should_stop,
        )
        log.info("%s", describe_run(report, self.next_send(self.clock())))
        health.after_send(self.settings, report, self.clock)
        return report

    def _should_stop(self) -> bool:
        """Stopping, or no longer leading: a send stops between batches."""
        return self.stop.is_set() or not self.leading()

    def collect(self) -> None:
        collection = pipeline.collect_and_store(self.settings, self.clock)
        failed = len(collection.failed)
        log.info(
            "collected %s from %s%s; next send %s",
            plural(sum(r.new for r in collection.reports), "new story", "new stories"),
            plural(len(collection.reports), "source"), f" ({failed} failed)" if failed else "",
            self.next_send(self.clock()),
        )

    def next_send(self, now: datetime) -> str:
        slot = next_slot(now, self.settings.schedule)
        return str(slot) if slot else "none (no send days configured)"

    def jobs(self) -> ClockScheduler:
        """The catch-up on start, a send job for each time of day, and the collect job when
        `collect_every` is set. Each send job runs `tick()`, which asks the ledger what is due."""
        config = self.settings.schedule
        jobs = ClockScheduler(self.clock)
        catch_up = "the catch-up on start"
        jobs.add(catch_up, partial(self._retry, catch_up), self.guarded(catch_up, self.tick),
                 at_once=True)
        for at in config.at:
            name = f"the send at {at} {config.timezone}"
            jobs.add(name, partial(self._next_send, at, name), self.guarded(name, self.tick))
        grace = self.settings.alerts.grace
        jobs.add("the missed-digest check", partial(self._after_grace, grace),
                 self.guarded("the missed-digest check", self.check_missed))
        if config.collect_every is not None:
            every = max(config.collect_every, timedelta(seconds=1))
            jobs.add("collection", lambda now: now + every,
                     self.guarded("collection", self.collect))
        return jobs

    def _retry(self, name: str, now: datetime) -> datetime | None:
        """A failed send job runs again RETRY_AFTER later (the grace then decides whether its
        send time is still due); a catch-up that went well is done."""
        return now + RETRY_AFTER if name in self._failing else None

    def _after_grace(self, grace: timedelta, now: datetime) -> datetime | None:
        """The next send time plus `grace` that is still to come."""
        slot = next_slot(now - grace, self.settings.schedule)
        return slot.moment + grace if slot else None

    def _next_send(self, at: str, name: str, now: datetime) -> datetime | None:
        """When the send job for the time of day `at` is next due."""
        slot = next_slot(now, self.settings.schedule, at)
        return self._retry(name, now) or (slot.moment if slot else None)

    def run_forever(self) -> None:
        """Until SIGTERM or SIGINT (or the lead is lost): catch up a missed send, then run the
        jobs as they fall due."""
        jobs = self.jobs()
        log.info("running; next send %s", self.next_send(self.clock()))
        while not self._should_stop():
            jobs.run_pending()
            (self.wait or self.stop.wait)(self._nap(jobs))

    def _nap(self, jobs: ClockScheduler) -> float:
        """Seconds until the next job, but at most `max_nap`."""
        idle = jobs.idle_seconds
        return max(0.0, min(math.inf if idle is None else idle, self.max_nap))

    def guarded(self, name: str, job: Callable[[], object]) -> Callable[[], None]:
        """`job`, made safe to run from schedule: its failure is logged (with the traceback
        unless it is a DigestError) and the next job runs; it is skipped once stopping."""

        def run() -> None:
            if self._should_stop():
                return
            self._failing.discard(name)
            try:
                job()
            except Exception as exc:
                self._failing.add(name)
                if isinstance(exc, DigestError):
                    log.error("%s failed: %s", name, exc)
                else:
                    log.exception("%s failed; the runner goes on", name)

        return run


def send_if_due(settings: Settings, *, wait: bool = False) -> pipeline.SendReport | None:
    """`digest send --if-due`: the scheduler's decision, once, without the runner lock."""
    return Runner(settings).tick(wait=wait)


def describe_run(report: pipeline.SendReport, next_send: str) -> str:
    """The one log line of a scheduled send."""
    sent, failed = report.counts[DeliveryStatus.SENT], report.counts[DeliveryStatus.FAILED]
    parts = [f"edition {report.day}: {report.status}",
             f"{plural(report.stories, 'story', 'stories')}, {sent} sent, {failed} failed"]
    if report.sources:
        parts.append(f"{plural(len(report.sources), 'source')} collected"
                     + (f" ({report.sources_failed} failed)" if report.sources_failed else ""))
    return "; ".join([*parts, f"next send {next_send}"])


def run(settings: Settings, *, once: bool = False, wait: bool = False) -> int:
    """`digest run`: lead for the life of the process. Returns an exit code.

    With a SQLite state, the run lock beside it (one host) is held throughout, or refused
    (waited for with `wait`). With a PostgreSQL state, the runners on every host share the
    lease of `leadership`: one leads, the others stand by (`--once` stands by only with
    `wait`) and take over when it stops."""
    runner = Runner(settings)
    location = settings.state_location()
    if not is_url(location):
        with run_lock(settings).acquire(wait):
            # A state that cannot be used does not heal by itself: stop now, with its one
            # line, rather than log the same error at every tick.
            Store.open(location).close()
            return _lead(runner, once, lambda: True)
    with Store.open(location) as state:
        leadership = Leadership(state.leases, settings.schedule.failover)
        runner.leading = leadership.leading
        runner.max_nap = min(MAX_NAP, leadership.poll.total_seconds())
        with leadership.renewing():
            return _lead(runner, once, partial(leadership.wait_for_lead, runner.stop,
                                               wait or not once))


def _lead(runner: Runner, once: bool, lead: Callable[[], bool]) -> int:
    """Run `runner` whenever `lead()` says this process leads (it waits until then, and is
    False when stopped first), until stopped."""
    previous = _stop_on_signals(runner.stop)
    try:
        if once:
            if not lead():
                return 0
            report = runner.tick()
            if report is None:
                log.info("nothing due; next send %s", runner.next_send(runner.clock()))
                return 0
            return report.exit_code
        while not runner.stop.is_set() and lead():
            runner.run_forever()
            if not runner.stop.is_set():
                log.warning("stepped down: this runner no longer holds the lease in time")
        return 0
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _stop_on_signals(stop: threading.Event) -> dict[int, object]:
    """SIGTERM and SIGINT end the loop after the current step; a send checkpoints its ledger."""

    def handle(signum: int, frame: FrameType | None) -> None:
        log.info("stopping (%s): finishing the current step", signal.Signals(signum).name)
        stop.set()

    return {s: signal.signal(s, handle) for s in (signal.SIGTERM, signal.SIGINT)}
