"""schedule's Scheduler and Job on the runner's clock (`digest run`, scheduler.py).

The jobs' next run times come from `slots` (DST-correct, as aware UTC instants) and an
injectable clock, not from schedule's own `every().day.at("07:00", zone)`. Measured on
schedule 1.2.2 with its clock frozen (tests/test_scheduler.py runs the same checks on the
installed version): a job at 02:30 Europe/Berlin or America/New_York runs twice on the day
after the clocks jump forward (01:30 and 02:30 daylight time), and because schedule keeps the
next run as a naive time in the machine's own zone, a job on a machine whose zone falls back
runs at every `run_pending()` through the repeated hour. It also needs pytz (which it does not
declare) and takes no `zoneinfo` zone, reads `datetime.now()` itself so tests cannot move its
clock, and lets a job's exception escape `run_pending()` before the job is rescheduled, so the
job would run again at once. What schedule still does is hold the jobs, order them and run the
due ones; `ClockScheduler` and `TimedJob` replace only its clock and time arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import schedule

if TYPE_CHECKING:
    from . import pipeline


class ClockScheduler(schedule.Scheduler):
    """schedule's Scheduler reading the time from `clock` (aware UTC) for all its jobs."""

    def __init__(self, clock: pipeline.Clock) -> None:
        super().__init__()
        self.clock = clock

    def add(self, name: str, following: Callable[[datetime], datetime | None],
            job: Callable[[], object], *, at_once: bool = False) -> TimedJob:
        """Schedule `job`, due at once or at `following(now)`, and again at `following(now)`
        each time it has run."""
        timed = TimedJob(self, name, following)
        timed.do(job)
        if at_once:
            timed.next_run = self.clock()
        return timed

    @property
    def idle_seconds(self) -> float | None:
        """Seconds until the next job is due (schedule's own reads the machine's clock)."""
        upcoming = [job.next_run for job in self.jobs if job.next_run is not None]
        return (min(upcoming) - self.clock()).total_seconds() if upcoming else None


class TimedJob(schedule.Job):
    """A job due at an aware instant that `following(now)` gives (None: never again)."""

    def __init__(self, scheduler: ClockScheduler, name: str,
                 following: Callable[[datetime], datetime | None]) -> None:
        super().__init__(1, scheduler)
        self.clock = scheduler.clock
        self.name = name
        self.following = following

    def __str__(self) -> str:
        return self.name

    @property
    def should_run(self) -> bool:
        return self.next_run is not None and self.clock() >= self.next_run

    def _schedule_next_run(self) -> None:
        self.next_run = self.following(self.clock())
