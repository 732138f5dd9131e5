"""Reading what `digest` wrote to stderr when that was not a terminal: each line starts with
an ISO-8601 timestamp, then the short form a terminal shows (`digest: error: …`)."""

from __future__ import annotations

import re

STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d ")


def lines(stderr: str) -> list[str]:
    """The lines of `stderr` in their short form: each log line's timestamp checked and cut."""
    return [STAMP.sub("", line) for line in stderr.splitlines()]


def short(stderr: str) -> str:
    """`stderr` as a terminal would have shown it."""
    return "".join(line + "\n" for line in lines(stderr))
