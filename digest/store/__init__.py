"""The state: stories seen, the HTTP cache, editions and the per-recipient send ledger.

`Store.open(location)` for commands that write (creating or migrating the state),
`Store.peek(location)` for previews, dry runs and `status` (never creates or changes
anything). The location is a SQLite file's path, or a `postgresql://` URL. Either gives
seven small stores: `store.stories`, `store.http_cache`, `store.editions`, `store.ledger`,
`store.health`, `store.suppressions` and `store.subscribers`; and three that several hosts
share: `store.leases`, `store.rate_limits` and `store.webhook_tokens`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import sqlite_db
from .interface import (
    Delivery,
    Edition,
    EditionStore,
    Engine,
    HealthStore,
    HttpCache,
    Ledger,
    SourceHealth,
    StoryStore,
)
from .location import Location, is_url
from .reader_stores import Subscriber, SubscriberStore, Suppression, SuppressionStore
from .shared_stores import Lease, LeaseStore, RateLimitStore, WebhookTokenStore
from .sqlite import SqliteEngine

__all__ = ["Delivery", "Edition", "Lease", "Location", "SourceHealth", "Store", "Subscriber",
           "Suppression", "describe"]

def describe(location: Location) -> str:
    """The state's location to print (a URL without its password)."""
    if not is_url(location):
        return str(location)
    from .postgres_db import where  # PostgreSQL's modules load only for a PostgreSQL state

    return where(str(location))


class Store:
    """An open state, whatever engine keeps it (SQLite or PostgreSQL)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.stories: StoryStore = engine.stories
        self.http_cache: HttpCache = engine.http_cache
        self.editions: EditionStore = engine.editions
        self.ledger: Ledger = engine.ledger
        self.health: HealthStore = engine.health
        self.suppressions: SuppressionStore = engine.suppressions
        self.subscribers: SubscriberStore = engine.subscribers
        self.leases: LeaseStore = engine.leases
        self.rate_limits: RateLimitStore = engine.rate_limits
        self.webhook_tokens: WebhookTokenStore = engine.webhook_tokens

    @classmethod
    def open(cls, location: Location) -> Store:
        if is_url(location):
            from .postgres import PostgresEngine

            return cls(PostgresEngine.open(str(location)))
        return cls(SqliteEngine.open(Path(location)))

    @classmethod
    def peek(cls, location: Location) -> Store:
        if is_url(location):
            from .postgres import PostgresEngine

            return cls(PostgresEngine.peek(str(location)))
        return cls(SqliteEngine.peek(Path(location)))

    @staticmethod
    def migrate(location: Location) -> tuple[int, int]:
        """Bring the state's schema up to this code's: the versions before and after."""
        if is_url(location):
            from .postgres_db import migrate

            return migrate(str(location))
        return sqlite_db.migrate_file(Path(location))

    @contextmanager
    def atomic(self) -> Iterator[Store]:
        """This state's stores in one write transaction: what the block changes is all kept,
        or (an exception, a fault, a crash) none of it."""
        with self._engine.atomic() as engine:
            yield Store(engine)

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
