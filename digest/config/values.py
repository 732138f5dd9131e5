"""The kinds of value that several sections share: durations, sizes, header text and addresses.

Each reads what a person writes in YAML ("30m", "10MB") and says in one line what is wrong
with a value it cannot read, so that the error points at the key that holds it.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from ..delivery.addresses import parse_address

DURATION_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
MAX_DURATION = timedelta(days=366)  # every duration in the config; longer is a typo


def parse_duration(value: Any) -> timedelta:
    """Read "30m", "24h", "7d" (or a number of seconds) as a timedelta, from 0 to a year."""
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        match = DURATION_PATTERN.match(str(value))
        if not match:
            raise ValueError(f"{value!r} is not a duration; write it like 30m, 24h or 7d")
        amount, unit = match.groups()
        seconds = float(amount) * DURATION_UNITS[unit]
    if not 0 <= seconds <= MAX_DURATION.total_seconds():  # NaN and infinities fail too
        raise ValueError(f"{value!r} is not a duration from 0 to {MAX_DURATION.days} days")
    return timedelta(seconds=seconds)


def at_least(minimum: timedelta) -> AfterValidator:
    """A duration's lower bound, said in seconds (the sections' own minimums differ)."""

    def check(value: timedelta) -> timedelta:
        if value < minimum:
            raise ValueError(f"must be at least {int(minimum.total_seconds())} seconds")
        return value

    return AfterValidator(check)


Duration = Annotated[timedelta, BeforeValidator(parse_duration)]
Period = Annotated[Duration, at_least(timedelta(minutes=1))]  # a window, an interval


def _no_control_chars(value: Any) -> Any:
    """Text only: anything else goes on to pydantic, which says it is not text."""
    if isinstance(value, str) and re.search(r"[\x00-\x1f\x7f]", value):
        raise ValueError("must not contain line breaks or control characters")
    return value


HeaderText = Annotated[str, BeforeValidator(_no_control_chars)]


def _one_address(value: str) -> str:
    """Checked here, a bad sender or alert address stops the run before anything is sent."""
    parse_address(value)
    return value


AddressText = Annotated[HeaderText, AfterValidator(_one_address)]  # one "Name <user@host>"


def parse_size(value: Any) -> int:
    """Read "10MB", "512KB" (or a number of bytes) as bytes."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]i?B|B)?\s*", str(value), re.I)
    if not match:
        raise ValueError(f"{value!r} is not a size; write it like 10MB or 512KB")
    unit = (match.group(2) or "B").upper().replace("I", "")
    return int(float(match.group(1)) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[unit])
