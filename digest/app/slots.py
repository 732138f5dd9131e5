"""Send times ("slots"): the local times of day in the newsletter's time zone, as instants.

Pure functions of the schedule and a given moment, so that daylight-saving transitions can be
tested without waiting for them. A local time that does not exist on a day (the clocks jump
over it) is sent at the same offset past the jump; one that exists twice is sent once, at
its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from ..config import WEEKDAYS, ScheduleConfig


@dataclass(frozen=True, order=True)
class Slot:
    moment: datetime  # aware, UTC
    local: datetime  # the wall-clock time it stands for, in the schedule's zone
    several_a_day: bool = False

    @property
    def key(self) -> str:
        """The edition this slot sends: its local date, and its time when there are several."""
        day = self.local.date().isoformat()
        return f"{day} {self.local.strftime('%H:%M:%S')}" if self.several_a_day else day

    def __str__(self) -> str:
        return self.local.strftime("%Y-%m-%d %H:%M:%S %Z" if self.local.second else
                                   "%Y-%m-%d %H:%M %Z")


def _clock_time(text: str) -> time:
    parts = [int(p) for p in text.split(":")]
    return time(*parts)


def resolve_local(day: date, at: time, schedule: ScheduleConfig) -> datetime:
    """The instant a wall-clock time stands for on a day, DST gaps and folds resolved."""
    zone = schedule.zone
    local = datetime.combine(day, at, tzinfo=zone)  # fold=0: the first of two occurrences
    as_utc = local.astimezone(UTC)
    if as_utc.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        # In a gap, fold=0 gives the offset from before the jump: the instant lands past it.
        return as_utc.astimezone(zone)
    return local


def slots_on(day: date, schedule: ScheduleConfig, at: str | None = None) -> list[Slot]:
    """The day's send times, or only the one configured as `at` ("07:00")."""
    if WEEKDAYS[day.weekday()] not in schedule.days:
        return []
    several = len(schedule.at) > 1
    result = []
    for text in schedule.at if at is None else (at,):
        local = resolve_local(day, _clock_time(text), schedule)
        result.append(Slot(local.astimezone(UTC), local, several))
    return sorted(result)


def _days_around(now: datetime, schedule: ScheduleConfig, step: int) -> Iterator[date]:
    today = now.astimezone(schedule.zone).date()
    for offset in range(0, 8 * step, step):
        yield today + timedelta(days=offset)


def latest_slot(now: datetime, schedule: ScheduleConfig) -> Slot | None:
    """The last send time at or before `now` (within the past week)."""
    for day in _days_around(now, schedule, -1):
        due = [s for s in slots_on(day, schedule) if s.moment <= now]
        if due:
            return due[-1]
    return None


def next_slot(now: datetime, schedule: ScheduleConfig, at: str | None = None) -> Slot | None:
    """The first send time strictly after `now` (within the next week); with `at`, the first
    of that configured time of day."""
    for day in _days_around(now, schedule, 1):
        upcoming = [s for s in slots_on(day, schedule, at) if s.moment > now]
        if upcoming:
            return upcoming[0]
    return None


def slots_between(start: datetime, end: datetime, schedule: ScheduleConfig) -> list[Slot]:
    """Every send time in (start, end], oldest first."""
    found = []
    day = start.astimezone(schedule.zone).date()
    last = end.astimezone(schedule.zone).date()
    while day <= last:
        found += [s for s in slots_on(day, schedule) if start < s.moment <= end]
        day += timedelta(days=1)
    return found
