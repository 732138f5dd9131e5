"""Every store over one engine's `Database`: what SQLite and PostgreSQL engines are made of."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from .sql import Cursor, Database, SqlEditions, SqlHealth, SqlStories, Table, Writer
from .sql_coordination import Now, SqlLeases, SqlRateLimits, SqlWebhookTokens, local_now
from .sql_http_cache import SqlHttpCache
from .sql_ledger import SqlLedger
from .sql_readers import SqlSubscribers, SqlSuppressions


class SqlEngine:
    """The stores over one engine's `Database`."""

    lease_clock: Now = staticmethod(local_now)  # the clock the leases' times come from

    def __init__(self, db: Database) -> None:
        self._db = db
        self.stories = SqlStories(db)
        self.http_cache = SqlHttpCache(db)
        self.editions = SqlEditions(db)
        self.ledger = SqlLedger(db)
        self.health = SqlHealth(db)
        self.suppressions = SqlSuppressions(db)
        self.subscribers = SqlSubscribers(db)
        self.leases = SqlLeases(db, type(self).lease_clock)
        self.rate_limits = SqlRateLimits(db)
        self.webhook_tokens = SqlWebhookTokens(db)

    @contextmanager
    def atomic(self) -> Iterator[SqlEngine]:
        """The stores in one write transaction: the block's changes are all kept or none."""
        with self._db.transaction() as writer:
            yield type(self)(Within(self._db, writer))

    def close(self) -> None:
        self._db.close()


class Within:
    """A `Database` whose reads and writes all go into one open write transaction."""

    def __init__(self, db: Database, writer: Writer) -> None:
        self._db, self._writer = db, writer
        self.skip_locked = db.skip_locked

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        cursor: Cursor = self._writer.execute(sql, params)
        return list(cursor.fetchall())

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        yield self._writer  # part of the one open transaction

    def decoding(self) -> AbstractContextManager[None]:
        return self._db.decoding()

    def catalog(self) -> dict[str, Table]:
        return self._db.catalog()

    def continue_ids(self, writer: Writer, table: str, column: str) -> None:
        self._db.continue_ids(writer, table, column)

    def close(self) -> None:
        """The transaction's owner ends it, and the connection stays the engine's."""
