"""The stores in SQL that SQLite and PostgreSQL both run, over a `Database` that each
engine provides (`sqlite_db`, `postgres_db`): `?` marks a parameter on both."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, Protocol

import orjson

from ..core.models import (
    DeliveryStatus,
    EditionStatus,
    Email,
    Story,
    tally,
)
from ..core.urls import canonical_url
from .interface import Edition, SourceHealth

CHUNK = 500  # ids per `IN (...)`, well under SQLite's limit on bound parameters
FREE = "(owner IS NULL OR lease_until IS NULL OR lease_until < ?)"  # no live lease at ?


def iso(moment: datetime, timespec: str = "seconds") -> str:
    """A moment as UTC text of one fixed width (for its `timespec`): text order is time
    order."""
    return moment.astimezone(UTC).isoformat(timespec=timespec)


STORY_FIELDS = tuple(f.name for f in fields(Story))
# For what orjson refuses (a lone surrogate, an integer past 64 bits): the stored text, or the
# error storing it meets, is then json's. One encoder: json.dumps with an option makes one a call.
ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def story_to_json(story: Story) -> str:
    """The story as stored: orjson writes it in a third of json's time (a first collection
    stores thousands), to JSON that reads back to the same story."""
    # Its fields hold no dataclass: a shallow dict is what asdict's deep copy would give.
    data = {name: getattr(story, name) for name in STORY_FIELDS}
    data["published"] = story.published.isoformat() if story.published else None
    try:
        return orjson.dumps(data).decode()
    except orjson.JSONEncodeError:
        return ENCODE(data)


def story_from_json(text: str) -> Story:
    """A stored story (orjson reads the JSON that `story_to_json` writes in well under half
    the time of json: choosing an edition reads back every story since the last one)."""
    data = orjson.loads(text)
    data["published"] = datetime.fromisoformat(data["published"]) if data["published"] else None
    data["paragraphs"] = tuple(data["paragraphs"])
    if data.get("image_size"):
        data["image_size"] = tuple(data["image_size"])
    return Story(**data)


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Writer(Protocol):
    """What a write transaction offers: a sqlite3 connection, or PostgreSQL's alike."""

    def execute(self, sql: str, params: Sequence[object] = ()) -> Cursor: ...

    def executemany(self, sql: str, params: Iterable[Sequence[object]]) -> Cursor: ...


@dataclass(frozen=True)
class Table:
    """A table as the engine's catalog tells it, for copying a whole state."""

    columns: tuple[str, ...]
    references: frozenset[str]  # the tables its foreign keys point at
    order: str  # ORDER BY this to read the rows in the order they were written
    identity: tuple[str, ...] = ()  # columns the database numbers itself


class Database(Protocol):
    """One engine's connection (or pool): reads, write transactions, the engine's own
    error for a stored value that does not read back, and its catalog."""

    # What a claim's SELECT ends with so that concurrent claims pass over each other's rows
    # rather than wait for them: "" where write transactions are serial anyway.
    skip_locked: str

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]: ...

    def transaction(self) -> AbstractContextManager[Writer]: ...

    def decoding(self) -> AbstractContextManager[None]: ...

    def catalog(self) -> dict[str, Table]:
        """digest's tables (its schema version's bookkeeping aside), by name."""
        ...

    def continue_ids(self, writer: Writer, table: str, column: str) -> None:
        """After rows came in with their ids, number new rows after the highest."""
        ...

    def close(self) -> None: ...


class Tables:
    def __init__(self, db: Database) -> None:
        self._db = db

    def _moments(self, sql: str, keys: Iterable[str]) -> dict[str, datetime]:
        """`sql` ("SELECT key, moment ... WHERE key IN ({marks})") for every key, in chunks."""
        keys = list(keys)
        found: dict[str, datetime] = {}
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            rows = self._db.rows(sql.format(marks=",".join("?" * len(chunk))), chunk)
            with self._db.decoding():
                found.update((key, datetime.fromisoformat(moment)) for key, moment in rows)
        return found


class SqlStories(Tables):
    def first_seen(self, story_ids: Iterable[str]) -> dict[str, datetime]:
        return self._moments("SELECT id, first_seen FROM stories WHERE id IN ({marks})",
                             story_ids)

    def record(self, stories: Iterable[Story], now: datetime) -> set[str]:
        stories = list(stories)
        known = set(self.first_seen(s.id for s in stories))
        new = [s for s in dict((s.id, s) for s in stories).values() if s.id not in known]
        seen = iso(now)
        with self._db.transaction() as db:
            db.executemany(
                "INSERT INTO stories (id, source, canonical_url, first_seen, data)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(s.id, s.source, s.url and canonical_url(s.url), seen, story_to_json(s))
                 for s in new],
            )
        return {s.id for s in new}

    def stored(self, seen_since: datetime, in_hand: Mapping[str, Story] | None = None,
               ) -> list[Story]:
        in_hand = in_hand or {}
        rows = self._db.rows(
            "SELECT id, data FROM stories WHERE first_seen >= ? ORDER BY first_seen, rowid",
            (iso(seen_since),),
        )
        with self._db.decoding():
            return [in_hand.get(story_id) or story_from_json(data) for story_id, data in rows]

    def sent_urls(self, before_day: str) -> set[str]:
        return {
            row[0]
            for row in self._db.rows(
                "SELECT s.canonical_url FROM stories s"
                " JOIN edition_stories es ON es.story_id = s.id"
                " JOIN editions e ON e.id = es.edition_id"
                " WHERE e.day < ? AND s.canonical_url IS NOT NULL",
                (before_day,),
            )
        }

    def sent_among(self, story_ids: Iterable[str]) -> set[str]:
        ids = list(story_ids)
        found: set[str] = set()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            found.update(row[0] for row in self._db.rows(
                "SELECT DISTINCT story_id FROM edition_stories"
                f" WHERE story_id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def sent_story_ids(self, before_day: str | None = None) -> set[str]:
        sql = "SELECT es.story_id FROM edition_stories es JOIN editions e ON e.id = es.edition_id"
        if before_day is None:
            return {row[0] for row in self._db.rows(sql)}
        return {row[0] for row in self._db.rows(sql + " WHERE e.day < ?", (before_day,))}


class SqlEditions(Tables):
    _COLUMNS = "id, day, created_at, status, subject, preheader, html, text, number"

    def _select(self, where: str = "", params: Sequence[object] = (),
                limit: int | None = 1) -> list[Edition]:
        """The editions `where` picks, newest first; all of them when `limit` is None."""
        sql = f"SELECT {self._COLUMNS} FROM editions {where} ORDER BY id DESC"
        if limit is not None:
            sql, params = sql + " LIMIT ?", (*params, limit)
        rows = self._db.rows(sql, params)
        return [self._edition(*row) for row in rows]

    def _edition(self, edition_id: int, day: str, created: str, status: str, subject: str,
                 preheader: str, html: str, text: str, number: int) -> Edition:
        stories = self._db.rows(
            "SELECT story_id FROM edition_stories WHERE edition_id = ? ORDER BY position",
            (edition_id,),
        )
        with self._db.decoding():
            return Edition(
                id=edition_id,
                day=day,
                created_at=datetime.fromisoformat(created),
                status=EditionStatus(status),
                email=Email(subject=subject, html=html, text=text, preheader=preheader),
                story_ids=tuple(story_id for (story_id,) in stories),
                number=number,
            )

    def _one(self, where: str = "", params: Sequence[object] = ()) -> Edition | None:
        found = self._select(where, params)
        return found[0] if found else None

    def unfinished(self, free_at: datetime | None = None) -> Edition | None:
        if free_at is None:
            return self._one(
                "WHERE id IN (SELECT edition_id FROM deliveries WHERE status IN (?, ?))",
                (DeliveryStatus.PENDING, DeliveryStatus.SENDING))
        return self._one(
            f"WHERE id IN (SELECT edition_id FROM deliveries WHERE status = ? AND {FREE})",
            (DeliveryStatus.PENDING, iso(free_at)))

    def stale(self) -> list[Edition]:
        return self._select(
            "WHERE status = ? AND id NOT IN"
            " (SELECT edition_id FROM deliveries WHERE status IN (?, ?))",
            (EditionStatus.SENDING, DeliveryStatus.PENDING, DeliveryStatus.SENDING), limit=None)

    def deferred(self) -> list[Edition]:
        return self._select("WHERE status = ?", (EditionStatus.DEFERRED,), limit=None)[::-1]

    def in_doubt(self) -> Edition | None:
        return self._one("WHERE id IN (SELECT edition_id FROM deliveries WHERE status = ?)",
                         (DeliveryStatus.UNKNOWN,))

    def last(self, day: str | None = None) -> Edition | None:
        return self._one("WHERE day = ?", (day,)) if day else self._one()

    def last_before(self, day: str) -> Edition | None:
        return self._one("WHERE day < ?", (day,))

    def recent(self, limit: int) -> list[Edition]:
        return self._select(limit=limit)

    def create(
        self,
        *,
        day: str,
        now: datetime,
        email: Email,
        story_ids: Sequence[str],
        recipients: Iterable[tuple[str, str | None]],
        number: int = 0,
    ) -> Edition:
        with self._db.transaction() as db:
            row = db.execute(
                "INSERT INTO editions (day, number, created_at, status, subject, preheader,"
                " html, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (day, number) DO NOTHING RETURNING id",
                (day, number, iso(now), EditionStatus.SENDING, email.subject, email.preheader,
                 email.html, email.text),
            ).fetchone()
            if row is not None:
                edition_id = int(row[0])
                db.executemany(
                    "INSERT INTO edition_stories (edition_id, position, story_id)"
                    " VALUES (?, ?, ?)",
                    [(edition_id, position, s)
                     for position, s in enumerate(dict.fromkeys(story_ids))],
                )
                db.executemany(
                    "INSERT INTO deliveries (edition_id, recipient, address, name, status,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [(edition_id, a.lower(), a, n, DeliveryStatus.PENDING, iso(now))
                     for a, n in recipients],
                )
        # Another sender stored this edition first: its edition is the one sent.
        edition = (self._one("WHERE id = ?", (edition_id,)) if row is not None
                   else self._one("WHERE day = ? AND number = ?", (day, number)))
        assert edition is not None
        return edition

    def finish(self, edition_id: int) -> EditionStatus:
        with self._db.transaction() as db:
            status = EditionStatus.of(tally(row[0] for row in db.execute(
                "SELECT status FROM deliveries WHERE edition_id = ?", (edition_id,)
            ).fetchall()))
            db.execute("UPDATE editions SET status = ? WHERE id = ?", (status, edition_id))
        return status


class SqlHealth(Tables):
    _COLUMNS = ("source, failures, failing_since, last_error, last_success, ended_since,"
                " ended_failures")

    def sources(self) -> list[SourceHealth]:
        rows = self._db.rows(f"SELECT {self._COLUMNS} FROM source_health ORDER BY source")
        with self._db.decoding():
            return [SourceHealth(name, failures, moment(since), error, moment(success),
                                 moment(ended), ended_failures or 0)
                    for name, failures, since, error, success, ended, ended_failures in rows]

    def record(self, outcomes: Iterable[tuple[str, str | None]], now: datetime,
               ) -> list[SourceHealth]:
        outcomes = dict(outcomes)
        with self._db.transaction() as db:
            db.executemany(
                "INSERT INTO source_health (source, failures) VALUES (?, 0) ON CONFLICT DO NOTHING",
                [(name,) for name in outcomes])
            # A run that works ends the streak (kept as the last one ended); one that fails
            # adds to it.
            db.executemany(
                "UPDATE source_health SET ended_since = failing_since,"
                " ended_failures = failures, failures = 0, failing_since = NULL"
                " WHERE source = ? AND failures > 0",
                [(name,) for name, error in outcomes.items() if error is None])
            db.executemany(
                "UPDATE source_health SET last_success = ? WHERE source = ?",
                [(iso(now), name) for name, error in outcomes.items() if error is None])
            db.executemany(
                "UPDATE source_health SET failures = failures + 1, last_error = ?,"
                " failing_since = COALESCE(failing_since, ?) WHERE source = ?",
                [(error, iso(now), name) for name, error in outcomes.items()
                 if error is not None])
        return [h for h in self.sources() if h.source in outcomes]

    def alerted(self, key: str) -> set[str]:
        return {row[0] for row in self._db.rows("SELECT channel FROM alerts WHERE key = ?",
                                                (key,))}

    def record_alert(self, key: str, channel: str, now: datetime) -> None:
        with self._db.transaction() as db:
            db.execute("INSERT INTO alerts (key, channel, at) VALUES (?, ?, ?)"
                       " ON CONFLICT DO NOTHING",
                       (key, channel, iso(now)))


def moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None
