"""The SQLite engine: the five stores over one connection to the state file."""

from __future__ import annotations

from pathlib import Path

from .sql_engine import SqlEngine
from .sqlite_db import open_database, peek_database


class SqliteEngine(SqlEngine):
    """The state in one SQLite file. `open` creates or migrates it; `peek` never writes."""

    @classmethod
    def open(cls, path: Path) -> SqliteEngine:
        return cls(open_database(path))

    @classmethod
    def peek(cls, path: Path) -> SqliteEngine:
        return cls(peek_database(path))
