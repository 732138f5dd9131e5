"""`digest run`: send at the configured local times, collect in between, never twice.

The `schedule` library drives the periodic collection; the send times are computed by
`slots` (DST-correct, testable with any clock) and the ledger in the state decides whether
a send time's edition is already out. So a restart, a second runner or a hand-made
`digest send` never sends an edition twice, and a missed send time is either caught up
within `schedule.grace` or reported as skipped, never passed over in silence.
"""

from __future__ import annotations

import logging
import math
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import FrameType

import schedule

from . import pipeline
from .config import Settings
from .errors import DigestError
from .lock import FileLock
from .slots import Slot, latest_slot, next_slot, slots_between
from .store import Store

log = logging.getLogger("digest.run")
LOOKBACK = timedelta(days=7)  # how far back missed send times are reported
MAX_NAP = 60.0  # seconds: wake at least this often, so clock jumps are noticed


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
    _reported: set[str] = field(default_factory=set)

    def tick(self, wait: bool = True) -> pipeline.SendReport | None:
        """Send the edition that is due, if any; report send times missed beyond the grace."""
        now = self.clock()
        with Store.open(self.settings.path(self.settings.state.path)) as state:
            due, missed = due_slot(self.settings, state, now)
        for slot in missed:
            if slot.key not in self._reported:
                self._reported.add(slot.key)
                log.warning(
                    "skipped the digest of %s: nothing was running at that time and the "
                    "grace period (%s) is over", slot, self.settings.schedule.grace,
                )
        if due is None:
            return None
        report = self.send(
            self.settings, clock=self.clock, edition_key=due.key, wait=wait,
            collect_first=self.settings.schedule.collect_every is None,
            should_stop=self.stop.is_set,
        )
        log.info("%s", describe_run(report, self.next_send(self.clock())))
        return report

    def collect(self) -> None:
        try:
            collection = pipeline.collect_and_store(self.settings, self.clock)
        except DigestError as exc:
            log.error("collection failed: %s", exc)
            return
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

    def run_forever(self) -> None:
        """Until SIGTERM or SIGINT: send when due, collect every `collect_every`."""
        jobs = schedule.Scheduler()
        every = self.settings.schedule.collect_every
        if every is not None:
            jobs.every(max(1, int(every.total_seconds()))).seconds.do(self._guarded, self.collect)
        log.info("running; next send %s", self.next_send(self.clock()))
        while not self.stop.is_set():
            self._guarded(self.tick)
            jobs.run_pending()
            self.stop.wait(self._nap(jobs))

    def _nap(self, jobs: schedule.Scheduler) -> float:
        """Seconds until the next send time or collection, whichever comes first."""
        now = self.clock()
        upcoming = next_slot(now, self.settings.schedule)
        until_send = (upcoming.moment - now).total_seconds() if upcoming else math.inf
        until_job = jobs.idle_seconds if jobs.jobs else math.inf
        return max(0.0, min(until_send, until_job if until_job is not None else math.inf,
                            MAX_NAP))

    def _guarded(self, job: Callable[[], object]) -> None:
        """A failing job is logged and the runner goes on (schedule would let it escape)."""
        try:
            job()
        except DigestError as exc:
            log.error("%s", exc)


def send_if_due(settings: Settings, *, wait: bool = False) -> pipeline.SendReport | None:
    """`digest send --if-due`: the scheduler's decision, once, without the runner lock."""
    return Runner(settings).tick(wait=wait)


def plural(count: int, singular: str, several: str | None = None) -> str:
    return f"{count} {singular if count == 1 else several or singular + 's'}"


def describe_run(report: pipeline.SendReport, next_send: str) -> str:
    """The one log line of a scheduled send."""
    sent = sum(r.status == "sent" for r in report.results)
    failed = sum(r.status == "failed" for r in report.results)
    parts = [f"edition {report.day}: {report.status}",
             f"{plural(report.stories, 'story', 'stories')}, {sent} sent, {failed} failed"]
    if report.sources:
        sources_failed = sum(s.status == "error" for s in report.sources)
        parts.append(f"{plural(len(report.sources), 'source')} collected"
                     + (f" ({sources_failed} failed)" if sources_failed else ""))
    return "; ".join([*parts, f"next send {next_send}"])


def run(settings: Settings, *, once: bool = False, wait: bool = False) -> int:
    """`digest run`: hold the runner lock for the life of the process. Returns an exit code."""
    runner = Runner(settings)
    state_path = settings.path(settings.state.path)
    with FileLock(state_path.with_name("run.lock"), "digest run").acquire(wait):
        previous = _stop_on_signals(runner.stop)
        try:
            if once:
                report = runner.tick()
                if report is None:
                    log.info("nothing due; next send %s", runner.next_send(runner.clock()))
                    return 0
                return report.exit_code
            runner.run_forever()
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
