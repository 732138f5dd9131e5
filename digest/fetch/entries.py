"""What reading a feed gives, whatever its format: entries, and notes on the bad ones.

One bad entry never costs the feed: an entry that cannot be read at all is skipped, a value
of the wrong type or an unreadable date is left out of its entry, and each is counted in
`EntryNotes` for the source's report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from operator import attrgetter
from typing import Any, TypeVar

from .dates import parse_date

ERROR_LENGTH = 160


class FeedError(ValueError):
    """The body is not a feed that can be read at all."""


@dataclass(frozen=True)
class FeedEntry:
    id: str | None
    link: str | None
    title: str | None
    published: datetime | None
    author: str | None
    content: str  # HTML or text: the fullest body the entry carries
    image: str | None = None
    image_size: tuple[int, int] | None = None


# An entry's values in the order FeedEntry takes them: FeedEntry(*ENTRY_VALUES(entry)).
ENTRY_VALUES = attrgetter(*(f.name for f in fields(FeedEntry)))


@dataclass
class EntryNotes:
    """What was wrong with single entries of a feed, for the source's report: the entries
    skipped, counted by reason, and the values left out of the entries kept, by field."""

    total: int = 0
    older: int = 0  # entries left unread for being dated before `since`: no fault of the feed
    skipped: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    def drop(self, name: str) -> None:
        self.dropped[name] += 1

    def report(self) -> str | None:
        """One line, such as "skipped 2 of 14 entries (1 with no link or id, 1 not an
        object); left out a bad `date_published` of 3 entries"; None when all was well."""
        parts = []
        if self.skipped:
            reasons = ", ".join(f"{count} {reason}" for reason, count in self.skipped.items())
            parts.append(f"skipped {self.skipped.total()} of {self.total} entries ({reasons})")
        if self.dropped:
            parts.append("left out a bad " + ", ".join(
                f"`{name}` of {count} {'entry' if count == 1 else 'entries'}"
                for name, count in self.dropped.items()))
        return "; ".join(parts) or None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: list[FeedEntry]
    damage: str | None = None  # what was wrong with a feed that could still be read
    notes: EntryNotes = field(default_factory=EntryNotes)


Item = TypeVar("Item")
# What reading one malformed entry can raise; anything else is a fault of ours.
ENTRY_ERRORS = (TypeError, ValueError, AttributeError, KeyError, IndexError, OverflowError)


def read_entries(
    items: Iterable[Item], read: Callable[[Item, EntryNotes], FeedEntry | None],
    notes: EntryNotes,
) -> list[FeedEntry]:
    """Each item read by `read`; one that cannot be read is skipped and counted in `notes`."""
    entries = []
    for item in items:
        notes.total += 1
        try:
            entry = read(item, notes)
        except ENTRY_ERRORS as exc:
            notes.skip(f"unreadable ({type(exc).__name__})")
            continue
        if entry is not None:
            entries.append(entry)
    return entries


def read_date(value: Any, name: str, notes: EntryNotes) -> datetime | None:
    """A date given as text; one that cannot be read is left out, and counted."""
    if value is None or value == "":
        return None
    try:
        found = parse_date(value) if isinstance(value, str) else None
    except ENTRY_ERRORS:
        found = None
    if found is None:
        notes.drop(name)
    return found


def too_old(published: datetime | None, since: datetime | None, notes: EntryNotes) -> bool:
    """True, counted in `notes`, for an entry dated before `since`; one with no date is
    never too old."""
    old = since is not None and published is not None and published < since
    notes.older += old
    return old


def text_value(value: Any) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def fullest(candidates: Iterable[Any]) -> str:
    texts = [t for t in (text_value(c) for c in candidates) if t]
    return max(texts, key=len, default="")
