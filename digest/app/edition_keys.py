"""Which edition a moment belongs to, and from when its stories count: the day in the
newsletter's time zone, or with several send times a day the latest one's key; and the
edition a send resumes instead of making one."""

from __future__ import annotations

from datetime import datetime

from ..config import Settings
from ..store import Edition, Store
from .slots import latest_slot


def manual_key(settings: Settings, now: datetime) -> str:
    """The edition a hand-made `digest send` belongs to: today's, or with several send times
    a day, the latest one's."""
    if len(settings.schedule.at) > 1:
        slot = latest_slot(now, settings.schedule)
        if slot is not None:
            return slot.key
    return edition_day(settings, now)


def edition_day(settings: Settings, now: datetime) -> str:
    """The date of the edition in the newsletter's own time zone."""
    return now.astimezone(settings.schedule.zone).date().isoformat()


def edition_since(settings: Settings, state: Store, now: datetime) -> datetime:
    """When stories start to count for an edition sent now: the last edition before it, or
    the window back from now."""
    previous = state.editions.last_before(manual_key(settings, now))
    return stories_since(settings, previous, now)


def stories_since(settings: Settings, previous: Edition | None, now: datetime) -> datetime:
    """When stories start to count after the edition `previous`: when it was made, or the
    window back from `now` when there is none."""
    return previous.created_at if previous else now - settings.window


def resumed(state: Store, key: str, now: datetime) -> Edition | None:
    """The edition a send for `key` resumes: the newest one with recipients that no live
    sender holds (cut short, or not all claimed yet), else edition `key` itself while other
    senders are on it. An older edition that live senders hold whole is theirs: this send
    goes on to `key`."""
    free = state.editions.unfinished(free_at=now)
    if free is not None:
        return free
    busy = state.editions.unfinished()
    return busy if busy is not None and busy.day == key else None
