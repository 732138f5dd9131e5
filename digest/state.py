"""The SQLite state: stories seen, digest editions and the per-recipient send ledger.

Every write is its own short transaction, so a process killed at any moment leaves the
ledger as it was after the last delivery it recorded.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from .errors import StateError
from .models import DeliveryResult, Email, Story
from .urls import canonical_url

SCHEMA = """
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    canonical_url TEXT,
    first_seen TEXT NOT NULL,
    data TEXT NOT NULL               -- the whole Story as JSON
);
CREATE INDEX IF NOT EXISTS stories_url ON stories(canonical_url);
CREATE TABLE IF NOT EXISTS http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS editions (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    created_at TEXT NOT NULL,
    status TEXT NOT NULL,            -- sending | sent | partial
    subject TEXT NOT NULL,
    preheader TEXT NOT NULL,
    html TEXT NOT NULL,
    text TEXT NOT NULL,
    story_ids TEXT NOT NULL          -- JSON list, in digest order
);
CREATE INDEX IF NOT EXISTS editions_day ON editions(day);
CREATE TABLE IF NOT EXISTS edition_stories (
    edition_id INTEGER NOT NULL REFERENCES editions(id),
    story_id TEXT NOT NULL,
    PRIMARY KEY (edition_id, story_id)
);
CREATE TABLE IF NOT EXISTS deliveries (
    edition_id INTEGER NOT NULL REFERENCES editions(id),
    recipient TEXT NOT NULL,         -- lower-cased address
    address TEXT NOT NULL,
    name TEXT,
    status TEXT NOT NULL,            -- pending | sending | sent | failed
    message_id TEXT,
    error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (edition_id, recipient)
);
"""


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def story_to_json(story: Story) -> str:
    data = asdict(story)
    data["published"] = story.published.isoformat() if story.published else None
    return json.dumps(data, ensure_ascii=False)


def story_from_json(text: str) -> Story:
    data = json.loads(text)
    data["published"] = datetime.fromisoformat(data["published"]) if data["published"] else None
    data["paragraphs"] = tuple(data["paragraphs"])
    if data.get("image_size"):
        data["image_size"] = tuple(data["image_size"])
    return Story(**data)


@dataclass(frozen=True)
class Edition:
    id: int
    day: str
    created_at: datetime
    status: str
    email: Email
    story_ids: tuple[str, ...]


@dataclass(frozen=True)
class Delivery:
    address: str
    name: str | None
    status: str
    message_id: str | None
    error: str | None


class State:
    """A connection to the state file. Use `State.open` (creates) or `State.peek` (read-only)."""

    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._db = connection

    @classmethod
    def open(cls, path: Path) -> State:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, isolation_level=None, timeout=30)
            db.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL: a commit survives the process being killed (what the ledger
            # guards against); only a power cut may lose the last few, at a fraction of the cost.
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StateError(f"{path}: cannot open the state database: {exc}") from None
        return cls(db)

    @classmethod
    def peek(cls, path: Path) -> State:
        """Read the state without creating or changing anything (for previews and dry runs)."""
        if not path.exists():
            return cls(None)
        try:
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
            db.execute("SELECT 1 FROM editions LIMIT 1")
        except sqlite3.Error as exc:
            raise StateError(f"{path}: cannot read the state database: {exc}") from None
        return cls(db)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        assert self._db is not None
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        if self._db is None:
            return []
        return self._db.execute(sql, params).fetchall()

    # stories ---------------------------------------------------------------------------

    def first_seen(self, story_ids: Iterable[str]) -> dict[str, datetime]:
        ids = list(story_ids)
        found: dict[str, datetime] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for story_id, seen in self._rows(
                f"SELECT id, first_seen FROM stories WHERE id IN ({marks})", chunk
            ):
                found[story_id] = datetime.fromisoformat(seen)
        return found

    def record_stories(self, stories: Iterable[Story], now: datetime) -> set[str]:
        """Store stories not stored yet; return the ids of those that are new."""
        stories = list(stories)
        known = set(self.first_seen(s.id for s in stories))
        new = [s for s in dict((s.id, s) for s in stories).values() if s.id not in known]
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO stories (id, source, canonical_url, first_seen, data)"
                " VALUES (?, ?, ?, ?, ?)",
                [(s.id, s.source, s.url and canonical_url(s.url), _iso(now), story_to_json(s))
                 for s in new],
            )
        return {s.id for s in new}

    def known_ids(self, seen_since: datetime) -> frozenset[str]:
        """Ids of the stories first seen since a moment: fetching them again finds nothing new."""
        return frozenset(
            row[0]
            for row in self._rows("SELECT id FROM stories WHERE first_seen >= ?",
                                  (_iso(seen_since),))
        )

    def stored_stories(self, seen_since: datetime) -> list[Story]:
        """Stories first seen since a moment, oldest first."""
        return [
            story_from_json(data)
            for (data,) in self._rows(
                "SELECT data FROM stories WHERE first_seen >= ? ORDER BY first_seen, rowid",
                (_iso(seen_since),),
            )
        ]

    def sent_urls(self, before_day: str) -> set[str]:
        """Canonical URLs of the stories in editions of days before `before_day`."""
        return {
            row[0]
            for row in self._rows(
                "SELECT s.canonical_url FROM stories s"
                " JOIN edition_stories es ON es.story_id = s.id"
                " JOIN editions e ON e.id = es.edition_id"
                " WHERE e.day < ? AND s.canonical_url IS NOT NULL",
                (before_day,),
            )
        }

    # HTTP validators -----------------------------------------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified last seen for a URL, for a conditional GET."""
        rows = self._rows("SELECT etag, last_modified FROM http_cache WHERE url = ?", (url,))
        return rows[0] if rows else (None, None)

    def record_validators(
        self, entries: Iterable[tuple[str, str | None, str | None]], now: datetime
    ) -> None:
        with self._transaction() as db:
            db.executemany(
                "INSERT INTO http_cache (url, etag, last_modified, checked_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
                " last_modified = excluded.last_modified, checked_at = excluded.checked_at",
                [(url, etag, modified, _iso(now)) for url, etag, modified in entries],
            )

    def sent_story_ids(self, before_day: str | None = None) -> set[str]:
        """Stories that were in a delivered edition (of a day before `before_day`, if given)."""
        sql = (
            "SELECT es.story_id FROM edition_stories es JOIN editions e ON e.id = es.edition_id"
        )
        if before_day is None:
            return {row[0] for row in self._rows(sql)}
        return {row[0] for row in self._rows(sql + " WHERE e.day < ?", (before_day,))}

    # editions --------------------------------------------------------------------------

    def _edition(self, row: tuple | None) -> Edition | None:
        if row is None:
            return None
        edition_id, day, created, status, subject, preheader, html, text, story_ids = row
        return Edition(
            id=edition_id,
            day=day,
            created_at=datetime.fromisoformat(created),
            status=status,
            email=Email(subject=subject, html=html, text=text, preheader=preheader),
            story_ids=tuple(json.loads(story_ids)),
        )

    _EDITION_COLUMNS = "id, day, created_at, status, subject, preheader, html, text, story_ids"

    def unfinished_edition(self) -> Edition | None:
        """The newest edition whose sending was interrupted, if any."""
        rows = self._rows(
            f"SELECT {self._EDITION_COLUMNS} FROM editions WHERE status = 'sending'"
            " ORDER BY id DESC LIMIT 1"
        )
        return self._edition(rows[0] if rows else None)

    def last_edition(self, day: str | None = None) -> Edition | None:
        where, params = ("WHERE day = ?", (day,)) if day else ("", ())
        rows = self._rows(
            f"SELECT {self._EDITION_COLUMNS} FROM editions {where} ORDER BY id DESC LIMIT 1",
            params,
        )
        return self._edition(rows[0] if rows else None)

    def recent_editions(self, limit: int) -> list[Edition]:
        """The newest editions first."""
        rows = self._rows(
            f"SELECT {self._EDITION_COLUMNS} FROM editions ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [e for e in map(self._edition, rows) if e is not None]

    def last_edition_before(self, day: str) -> Edition | None:
        rows = self._rows(
            f"SELECT {self._EDITION_COLUMNS} FROM editions WHERE day < ? ORDER BY id DESC LIMIT 1",
            (day,),
        )
        return self._edition(rows[0] if rows else None)

    def create_edition(
        self,
        *,
        day: str,
        now: datetime,
        email: Email,
        story_ids: Sequence[str],
        recipients: Iterable[tuple[str, str | None]],
    ) -> Edition:
        """Store a rendered edition with one pending ledger row per recipient, atomically."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO editions (day, created_at, status, subject, preheader, html, text,"
                " story_ids) VALUES (?, ?, 'sending', ?, ?, ?, ?, ?)",
                (day, _iso(now), email.subject, email.preheader, email.html, email.text,
                 json.dumps(list(story_ids))),
            )
            edition_id = int(cursor.lastrowid or 0)
            db.executemany(
                "INSERT INTO edition_stories (edition_id, story_id) VALUES (?, ?)",
                [(edition_id, s) for s in dict.fromkeys(story_ids)],
            )
            db.executemany(
                "INSERT OR IGNORE INTO deliveries (edition_id, recipient, address, name, status,"
                " updated_at) VALUES (?, ?, ?, ?, 'pending', ?)",
                [(edition_id, a.lower(), a, n, _iso(now)) for a, n in recipients],
            )
        edition = self.last_edition(day)
        assert edition is not None and edition.id == edition_id
        return edition

    def deliveries(self, edition_id: int, status: str | None = None) -> list[Delivery]:
        sql = "SELECT address, name, status, message_id, error FROM deliveries WHERE edition_id = ?"
        params: tuple[object, ...] = (edition_id,)
        if status:
            sql, params = sql + " AND status = ?", (edition_id, status)
        return [Delivery(*row) for row in self._rows(sql + " ORDER BY rowid", params)]

    def claim_deliveries(self, edition_id: int, addresses: Iterable[str], now: datetime) -> None:
        """Mark recipients as handed to the backend, before it is asked to deliver."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE deliveries SET status = 'sending', updated_at = ?"
                " WHERE edition_id = ? AND recipient = ? AND status = 'pending'",
                [(_iso(now), edition_id, a.lower()) for a in addresses],
            )

    def undelivered(self, edition_id: int) -> list[Delivery]:
        """Recipients still to send: pending, and those in flight when a run was cut short."""
        return [d for d in self.deliveries(edition_id) if d.status in ("pending", "sending")]

    def record_deliveries(
        self, edition_id: int, results: Iterable[DeliveryResult], now: datetime
    ) -> None:
        """Store the outcome of a batch, in one transaction."""
        with self._transaction() as db:
            db.executemany(
                "UPDATE deliveries SET status = ?, message_id = ?, error = ?, updated_at = ?"
                " WHERE edition_id = ? AND recipient = ?",
                [(r.status, r.message_id, r.error, _iso(now), edition_id, r.recipient.lower())
                 for r in results],
            )

    def finish_edition(self, edition_id: int) -> str:
        """Mark an edition sent, or partial when some recipient failed, and return the status;
        an edition with recipients still to send stays `sending`, to be resumed."""
        with self._transaction() as db:
            counts = dict(db.execute(
                "SELECT status, COUNT(*) FROM deliveries WHERE edition_id = ? GROUP BY status",
                (edition_id,),
            ).fetchall())
            if counts.get("pending") or counts.get("sending"):
                return "sending"
            status = "partial" if counts.get("failed") else "sent"
            db.execute("UPDATE editions SET status = ? WHERE id = ?", (status, edition_id))
        return status
