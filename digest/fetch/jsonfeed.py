"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): items to entries, each value
checked for its type, as JSON can put an object or a number where a string belongs."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from functools import partial
from typing import Any

from ..core.sanitize import one_line
from .entries import (
    ERROR_LENGTH,
    EntryNotes,
    FeedEntry,
    FeedError,
    ParsedFeed,
    fullest,
    read_date,
    read_entries,
    text_value,
    too_old,
)


def parse_json_feed(body: bytes, since: datetime | None = None) -> ParsedFeed:
    """JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1); items published before
    `since` are left out."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FeedError(one_line(f"invalid JSON ({exc})", ERROR_LENGTH)) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FeedError("JSON without an `items` list: not a JSON Feed")
    notes = EntryNotes()
    entries = read_entries(data["items"], partial(json_entry, since=since), notes)
    return ParsedFeed(title=text_value(data.get("title")), entries=entries, notes=notes)


def json_entry(item: Any, notes: EntryNotes, since: datetime | None = None
               ) -> FeedEntry | None:
    """One JSON Feed item; a value of the wrong type is left out and counted in `notes`."""
    if not isinstance(item, dict):
        notes.skip("not an object")
        return None
    published = (read_date(item.get("date_published"), "date_published", notes)
                 or read_date(item.get("date_modified"), "date_modified", notes))
    if too_old(published, since, notes):
        return None

    def text(key: str) -> str | None:
        value = item.get(key)
        if key == "id" and isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # the spec asks for a string; numbers are common and clear
        if value is not None and not isinstance(value, str):
            notes.drop(key)
            return None
        return text_value(value)

    return FeedEntry(
        id=text("id"),
        link=text("url") or text("external_url"),
        title=text("title"),
        published=published,
        author=json_authors(item, notes),
        content=fullest([text("content_html"), text("content_text"), text("summary")]),
        image=text("image") or text("banner_image"),
    )


def json_authors(item: Mapping[str, Any], notes: EntryNotes) -> str | None:
    """The names of `authors` (1.1), else of `author` (1.0), joined with commas."""
    key = "authors" if "authors" in item else "author"
    value = item.get(key)
    if value is None:
        return None
    authors = value if key == "authors" else [value]
    if not isinstance(authors, list):
        notes.drop(key)
        return None
    names = [a.get("name") for a in authors if isinstance(a, dict)]
    if len(names) < len(authors) or not all(isinstance(n, str | None) for n in names):
        notes.drop(key)
    return ", ".join(n.strip() for n in names if isinstance(n, str) and n.strip()) or None
