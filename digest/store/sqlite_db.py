"""SQLite connections for the state: opened to write (WAL, migrated) or to peek (read-only).

The schema version is `PRAGMA user_version`. A file from release 0.1 (version 0, tables
present) counts as version 1. A file newer than this code refuses to open and is left as
it is. Peeking never writes: an older file is read through a migrated copy in memory, and
the file itself is migrated by the next command that writes (`collect`, `send`, `run`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from ..core.errors import StateError
from .migrations import LATEST, MIGRATIONS

RELEASE_0_1 = 1  # the schema of the files written before the schema had a version


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at once so two writers queue instead of failing later."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


class Database:
    """One connection, with the two things the stores do with it."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        return self.connection.execute(sql, params).fetchall()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.connection)

    def close(self) -> None:
        self.connection.close()


def schema_version(connection: sqlite3.Connection, path: Path) -> int:
    """The file's schema version; a StateError if this code is too old to read it."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    if version > LATEST:
        raise StateError(
            f"{path}: the state was written by a newer digest (schema {version}; this one "
            f"knows up to {LATEST}); upgrade digest"
        )
    if version == 0 and connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'editions'"
    ).fetchone():
        return RELEASE_0_1
    return version


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Bring the schema to the latest version, all steps in one transaction."""
    with transaction(connection):
        # read again under the write lock: another process may have just migrated the file
        for migration in MIGRATIONS[schema_version(connection, path):]:
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {migration.number}")


def open_database(path: Path) -> Database:
    """Open the state to read and write, creating it or migrating it when needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, isolation_level=None, timeout=30)
    except (OSError, sqlite3.Error) as exc:
        raise StateError(f"{path}: cannot open the state database: {exc}") from None
    try:
        # checked before WAL is switched on, which would rewrite the header of a newer file
        version = schema_version(connection, path)
        connection.execute("PRAGMA journal_mode=WAL")
        # WAL with NORMAL: a commit survives the process being killed (what the ledger
        # guards against); only a power cut may lose the last few, at a fraction of the cost.
        connection.execute("PRAGMA synchronous=NORMAL")
        if version < LATEST:
            migrate(connection, path)
    except (StateError, sqlite3.Error) as exc:
        connection.close()
        if isinstance(exc, StateError):
            raise
        raise StateError(f"{path}: cannot open the state database: {exc}") from None
    return Database(connection)


def peek_database(path: Path) -> Database:
    """Open the state read-only, creating nothing: no file reads as an empty state."""
    connection: sqlite3.Connection | None = None
    try:
        if path.exists():
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
            if schema_version(connection, path) < LATEST:
                connection = _migrated_copy(connection, path)
        else:
            connection = _migrated_copy(None, path)
        connection.execute("PRAGMA query_only = ON")
    except (StateError, sqlite3.Error) as exc:
        if connection is not None:
            connection.close()
        if isinstance(exc, StateError):
            raise
        raise StateError(f"{path}: cannot read the state database: {exc}") from None
    return Database(connection)


def _migrated_copy(stored: sqlite3.Connection | None, path: Path) -> sqlite3.Connection:
    """An older file (or none) copied into memory and migrated there, so peeking reads it
    with the current schema and never writes to it."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    if stored is not None:
        stored.backup(memory)
        stored.close()
    migrate(memory, path)
    return memory
