"""Dates read from text (ISO 8601, RFC 2822) and, when a page's metadata names none, found
in the page by htmldate."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from lxml.html import HtmlElement

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


def plausible(moment: datetime | None) -> bool:
    """False for no date and for placeholders such as 0001-01-01, which some CMSs write."""
    from htmldate.settings import MIN_DATE  # slow to import, as trafilatura: HTML only

    return moment is not None and moment.replace(tzinfo=None) >= MIN_DATE


def page_date(tree: HtmlElement, url: str | None) -> str | None:
    """The publication date htmldate finds in a page whose metadata names none.

    It looks at date metadata this module does not name, the day in the URL (/2019/11/18/),
    then <abbr> and <time> elements and date-like text. Its extensive search (every line of
    the page) is left off: it is slow and guesses.
    """
    import htmldate

    return htmldate.find_date(tree, extensive_search=False, original_date=True,
                              outputformat="%Y-%m-%dT%H:%M:%S%z", url=url,
                              deferred_url_extractor=True)
