"""The state: stories seen, the HTTP cache, editions and the per-recipient send ledger.

`Store.open(path)` for commands that write (creating or migrating the file), `Store.peek(path)`
for previews, dry runs and `status` (never creates or changes anything). Either gives six
small stores: `store.stories`, `store.http_cache`, `store.editions`, `store.ledger`,
`store.suppressions` and `store.subscribers`.
"""

from __future__ import annotations

from pathlib import Path

from .interface import (
    Delivery,
    Edition,
    EditionStore,
    Engine,
    HttpCache,
    Ledger,
    StoryStore,
    Subscriber,
    SubscriberStore,
    Suppression,
    SuppressionStore,
)
from .sqlite import SqliteEngine

__all__ = ["Delivery", "Edition", "Store", "Subscriber", "Suppression"]


class Store:
    """An open state, whatever engine keeps it (SQLite today)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self.stories: StoryStore = engine.stories
        self.http_cache: HttpCache = engine.http_cache
        self.editions: EditionStore = engine.editions
        self.ledger: Ledger = engine.ledger
        self.suppressions: SuppressionStore = engine.suppressions
        self.subscribers: SubscriberStore = engine.subscribers

    @classmethod
    def open(cls, path: Path) -> Store:
        return cls(SqliteEngine.open(path))

    @classmethod
    def peek(cls, path: Path) -> Store:
        return cls(SqliteEngine.peek(path))

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
