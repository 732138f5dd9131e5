"""`schedule:`: when `digest run` sends, read into times, weekdays and a time zone once."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import field_validator

from ..core.options import Strict
from .values import Duration, Period, at_least

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ScheduleConfig(Strict):
    """When `digest run` sends: local times of day, in an IANA time zone, on some weekdays."""

    at: tuple[str, ...] = ("07:00",)
    timezone: str = "UTC"
    days: tuple[str, ...] = WEEKDAYS
    grace: Duration = timedelta(hours=2)
    collect_every: Period | None = None
    # With a PostgreSQL state: how soon a standby `digest run` takes over from a leader that
    # stopped renewing its lease (app/leadership.py).
    failover: Annotated[Duration, at_least(timedelta(seconds=2))] = timedelta(seconds=60)

    @field_validator("at", mode="before")
    @classmethod
    def _times(cls, value: Any) -> Any:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or not values:
            raise ValueError("give a time of day like 07:00, or a list of them")
        for item in values:
            if not isinstance(item, str) or not re.fullmatch(
                r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?", item
            ):
                raise ValueError(f"{item!r} is not a time of day; write it like 07:00 or 07:00:30")
        return tuple(sorted(set(values), key=lambda t: t if len(t) > 5 else t + ":00"))

    @field_validator("days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> Any:
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or not values:
            raise ValueError(f"give weekdays from {', '.join(WEEKDAYS)}")
        days = [str(v).strip().lower()[:3] for v in values]
        unknown = [v for v, d in zip(values, days, strict=True) if d not in WEEKDAYS]
        if unknown:
            raise ValueError(f"unknown weekday {unknown[0]!r}; use {', '.join(WEEKDAYS)}")
        return tuple(d for d in WEEKDAYS if d in days)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone, such as Europe/Berlin") from None
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)
