"""Every store over one engine's `Database`: what SQLite and PostgreSQL engines are made of."""

from __future__ import annotations

from .sql import Database, SqlEditions, SqlHealth, SqlHttpCache, SqlStories
from .sql_coordination import SqlLeases, SqlRateLimits, SqlWebhookTokens
from .sql_ledger import SqlLedger
from .sql_readers import SqlSubscribers, SqlSuppressions


class SqlEngine:
    """The stores over one engine's `Database`."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.stories = SqlStories(db)
        self.http_cache = SqlHttpCache(db)
        self.editions = SqlEditions(db)
        self.ledger = SqlLedger(db)
        self.health = SqlHealth(db)
        self.suppressions = SqlSuppressions(db)
        self.subscribers = SqlSubscribers(db)
        self.leases = SqlLeases(db)
        self.rate_limits = SqlRateLimits(db)
        self.webhook_tokens = SqlWebhookTokens(db)

    def close(self) -> None:
        self._db.close()
