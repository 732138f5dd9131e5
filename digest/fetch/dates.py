"""Dates read from text, as feeds and pages give them: ISO 8601, RFC 2822, or a date
that starts with one. A module of its own so that reading a feed does not load what reading
a page needs (lxml.html, the page-chrome word lists)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

ISO_DATE_START = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}")


def parse_date(value: Any) -> datetime | None:
    """A timezone-aware datetime from ISO 8601, RFC 2822, a date or a datetime; else None.

    Times without a zone are taken as UTC, so that every date compares with every other.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, date):
        found = datetime(value.year, value.month, value.day)
    else:
        found = parse_date_text(str(value).strip())
        if found is None:
            return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def parse_date_text(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    match = ISO_DATE_START.match(text)
    try:
        return datetime.fromisoformat(match.group(0)) if match else None
    except ValueError:
        return None
