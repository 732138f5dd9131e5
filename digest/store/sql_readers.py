"""The readers' side in SQL both engines run: the suppression list with the providers' events,
and the confirmed subscribers. Addresses are keyed lower-cased, kept as written."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..core.models import SuppressionReason
from .reader_stores import Subscriber, Suppression
from .sql import CHUNK, Tables, iso


class SqlSuppressions(Tables):
    def add(self, address: str, reason: SuppressionReason, origin: str, now: datetime) -> bool:
        with self._db.transaction() as db:
            return db.execute(
                "INSERT INTO suppressions (recipient, address, reason, origin, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (address.lower(), address, reason, origin, iso(now)),
            ).rowcount > 0

    def remove(self, address: str) -> bool:
        with self._db.transaction() as db:
            return db.execute("DELETE FROM suppressions WHERE recipient = ?",
                              (address.lower(),)).rowcount > 0

    def listed(self, addresses: Iterable[str]) -> set[str]:
        given = list(addresses)
        found: set[str] = set()
        for start in range(0, len(given), CHUNK):
            chunk = [a.lower() for a in given[start : start + CHUNK]]
            marks = ",".join("?" * len(chunk))
            found.update(row[0] for row in self._db.rows(
                f"SELECT recipient FROM suppressions WHERE recipient IN ({marks})", chunk))
        return {a for a in given if a.lower() in found}

    def get(self, address: str) -> Suppression | None:
        found = self._select("WHERE recipient = ?", (address.lower(),))
        return found[0] if found else None

    def all(self) -> list[Suppression]:
        return self._select()

    def _select(self, where: str = "", params: tuple[str, ...] = ()) -> list[Suppression]:
        rows = self._db.rows("SELECT address, reason, origin, created_at FROM suppressions"
                             f" {where} ORDER BY created_at, rowid", params)
        with self._db.decoding():
            return [Suppression(address, SuppressionReason(reason), origin,
                                datetime.fromisoformat(created))
                    for address, reason, origin, created in rows]

    def record_event(self, provider: str, event_id: str, address: str, kind: str,
                     now: datetime) -> bool:
        with self._db.transaction() as db:
            return db.execute(
                "INSERT INTO mail_events (provider, event_id, recipient, kind, at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (provider, event_id, address.lower(), kind, iso(now)),
            ).rowcount > 0

    def count_events(self, address: str, kind: str, since: datetime) -> int:
        rows = self._db.rows("SELECT COUNT(*) FROM mail_events WHERE recipient = ? AND kind = ?"
                             " AND at >= ?", (address.lower(), kind, iso(since)))
        return int(rows[0][0])


class SqlSubscribers(Tables):
    def add(self, address: str, name: str | None, now: datetime) -> bool:
        with self._db.transaction() as db:
            return db.execute(
                "INSERT INTO subscribers (recipient, address, name, confirmed_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (address.lower(), address, name, iso(now)),
            ).rowcount > 0

    def remove(self, address: str) -> bool:
        with self._db.transaction() as db:
            return db.execute("DELETE FROM subscribers WHERE recipient = ?",
                              (address.lower(),)).rowcount > 0

    def all(self) -> list[Subscriber]:
        rows = self._db.rows("SELECT address, name, confirmed_at FROM subscribers"
                             " ORDER BY confirmed_at, rowid")
        with self._db.decoding():
            return [Subscriber(address, name, datetime.fromisoformat(confirmed))
                    for address, name, confirmed in rows]
