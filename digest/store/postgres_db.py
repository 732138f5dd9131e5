"""PostgreSQL connections for the state (`state.url`): a pool, the schema checked and
migrated on start, every database error a StateError naming the database (never its
password).

The schema is the one numbered migrations SQLite runs (`migrations/`), each applied at most
once and recorded in `schema_version`; all pending ones run in one transaction under an
advisory lock, so hosts starting together migrate once, and a failed step leaves the
database as it was. A database migrated by a newer digest refuses to open.

What PostgreSQL answers, when connecting and for every query the stores run (`Database`):
- done: the statement ran; a write transaction's COMMIT returned.
- retry later: the server cannot be reached or refuses connections for now (connection
  refused, timeout, shutting down or starting: SQLSTATE 08, 57P0x), no pooled connection
  free in time, a serialization failure or deadlock (40001, 40P01: another writer), out of
  disk, memory or connections (53): a StateError, the transaction rolled back, nothing half
  written; the command stops, and a send stops sending.
- failed for good: a wrong password or user (28), no such database (3D000), no rights
  (42501), a database that is not a digest state or is newer than this code, a stored value
  that breaks a constraint (23): a StateError saying what to fix.
- unknown: the connection lost while COMMIT was on its way: the transaction may or may not
  be stored. A StateError says so. For the ledger this is the in-doubt rule's case: the
  recipients claimed stay `sending`, and the next send marks them `unknown`, not sent again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from ..core.errors import StateError
from .migrations import LATEST, MIGRATIONS
from .sql import Cursor, Table

CONNECT_TIMEOUT = 10  # seconds to reach the server
POOL_TIMEOUT = 30  # seconds to wait for a free pooled connection
POOL_SIZE = 4
MIGRATION_LOCK = 0x64696765  # the advisory lock taken while migrating ("dige")
READ_ONLY = "-c default_transaction_read_only=on"
SCHEMA_VERSION = ("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                  " name TEXT NOT NULL, applied_at TEXT NOT NULL)")

RUN_AGAIN = "run again when it is back"
# What to do, by SQLSTATE class (two characters) or by full code.
ADVICE = {
    "08": f"check that PostgreSQL runs there and that state.url names it; {RUN_AGAIN}",
    "57": f"the server is shutting down or starting; {RUN_AGAIN}",
    "53": "the database server is out of disk, memory or connections; free some and run again",
    "40": "another digest wrote the same rows at the same time; run again",
    "28": "check the user and password in state.url (the password from ${ENV})",
    "3D": "create the database (createdb), or point state.url at the right one",
    "42501": "grant this user the rights to create and write tables in the database",
    "25006": "the state was opened read-only",
    "23": "a stored value breaks the schema's rules; restore the database from a backup",
}


# A refused connection carries no SQLSTATE, only the server's words: read them.
CONNECT_REFUSALS = (
    ("password authentication failed", "28"), ("no password supplied", "28"),
    ("role \"", "28"), ("database \"", "3D"), ("the database system is", "57"),
    ("too many clients", "53"), ("remaining connection slots", "53"),
)


def where(url: str) -> str:
    """The database a URL names, to print: user, host, port and name, never the password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://(a URL that does not parse)"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def one_line(text: object, limit: int = 200) -> str:
    return " ".join(str(text).split())[:limit]


def state_error(url: str, doing: str, exc: psycopg.Error) -> StateError:
    """One line: the database, what failed, PostgreSQL's words (cut short), what to do."""
    code = exc.sqlstate or ""
    if not code and isinstance(exc, psycopg.OperationalError):
        code = next((found for words, found in CONNECT_REFUSALS if words in str(exc)), "08")
    advice = ADVICE.get(code) or ADVICE.get(code[:2])
    if isinstance(exc, PoolTimeout):
        advice = f"no database connection came free in {POOL_TIMEOUT} s; {RUN_AGAIN}"
    return StateError(f"{where(url)}: {doing}: {one_line(exc)}"
                      + (f"; {advice}" if advice else ""))


@lru_cache(maxsize=256)
def placeholders(sql: str) -> str:
    """The stores' `?` parameters as psycopg's `%s`."""
    return sql.replace("%", "%%").replace("?", "%s")


class Writer:
    """A write transaction's cursor, taking the stores' SQL as sqlite3 does."""

    def __init__(self, cursor: psycopg.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[object] = ()) -> Cursor:
        return self._cursor.execute(placeholders(sql), params)

    def executemany(self, sql: str, params: Iterable[Sequence[object]]) -> Cursor:
        self._cursor.executemany(placeholders(sql), list(params))
        return self._cursor


class Database:
    """A pool of connections to one database; every error on the way a StateError."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self._pool = ConnectionPool(
            url, min_size=1, max_size=POOL_SIZE, open=False, timeout=POOL_TIMEOUT,
            kwargs=connect_options(read_only), check=ConnectionPool.check_connection,
            name="digest-state")
        try:
            with self._errors("cannot connect to the state database"):
                self._pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except StateError:
            self._pool.close()  # its workers would go on trying to connect
            raise

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as exc:
            raise state_error(self.url, doing, exc) from None

    @contextmanager
    def decoding(self) -> Iterator[None]:
        """A stored value that does not parse: someone wrote the tables by hand."""
        try:
            yield
        except (ValueError, KeyError, TypeError) as exc:
            raise StateError(f"{where(self.url)}: a stored value does not read back "
                             f"({one_line(exc)}); restore the database from a backup"
                             ) from None

    skip_locked = " FOR UPDATE SKIP LOCKED"

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with self._errors("cannot read the state"), self._pool.connection() as connection:
            return connection.execute(placeholders(sql), params).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[Writer]:
        with self._errors("cannot write the state"), self._pool.connection() as connection:
            with connection.cursor() as cursor:
                yield Writer(cursor)
            commit(connection, self.url)

    def catalog(self) -> dict[str, Table]:
        columns: dict[str, list[str]] = {}
        identity: dict[str, list[str]] = {}
        for table, column, numbered in self.rows(
                "SELECT c.table_name, c.column_name, c.is_identity = 'YES'"
                " FROM information_schema.columns c JOIN information_schema.tables t"
                " USING (table_schema, table_name) WHERE c.table_schema = current_schema()"
                " AND t.table_type = 'BASE TABLE' AND c.table_name <> 'schema_version'"
                " ORDER BY c.table_name, c.ordinal_position"):
            columns.setdefault(table, []).append(column)
            if numbered:
                identity.setdefault(table, []).append(column)
        references: dict[str, set[str]] = {}
        for child, parent in self.rows(
                "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint"
                " WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"):
            references.setdefault(child, set()).add(parent)
        return {name: Table(
            columns=tuple(found), references=frozenset(references.get(name, ())),
            order="rowid" if "rowid" in found else ", ".join(found),
            identity=tuple(identity.get(name, ()))) for name, found in columns.items()}

    def continue_ids(self, writer: Writer, table: str, column: str) -> None:
        writer.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                       f" COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)")

    def close(self) -> None:
        self._pool.close()


def commit(connection: psycopg.Connection, url: str) -> None:
    """COMMIT; a connection lost on the way leaves the outcome unknown, and says so."""
    try:
        connection.commit()
    except psycopg.OperationalError as exc:
        if not connection.broken:
            raise
        raise StateError(f"{where(url)}: the connection was lost while committing "
                         f"({one_line(exc)}): whether the write was stored is unknown; "
                         "`digest status` shows what the state holds") from None


def connect_options(read_only: bool) -> dict[str, object]:
    return {"connect_timeout": CONNECT_TIMEOUT, **({"options": READ_ONLY} if read_only else {})}


def connect(url: str, *, read_only: bool = False) -> psycopg.Connection:
    """One connection, outside the pool (to check and migrate before the pool opens)."""
    try:
        return psycopg.connect(url, **connect_options(read_only))  # type: ignore[arg-type]
    except psycopg.Error as exc:
        raise state_error(url, "cannot connect to the state database", exc) from None


def schema_version(connection: psycopg.Connection, url: str) -> int:
    """The database's schema version (0: no digest state yet); a StateError if it is newer
    than this code, or if its tables are not a digest state."""
    tables = connection.execute(
        "SELECT to_regclass('schema_version') IS NOT NULL, to_regclass('stories') IS NOT NULL"
    ).fetchone()
    if not tables or not tables[0]:
        if tables and tables[1]:
            raise StateError(f"{where(url)}: the database has a stories table but no "
                             "schema_version, so it is not a digest state; point state.url "
                             "at another database")
        return 0
    version = int(connection.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version"
                                     ).fetchone()[0])
    if version > LATEST:
        raise StateError(f"{where(url)}: the state was written by a newer digest (schema "
                         f"{version}; this one knows up to {LATEST}); upgrade digest")
    return version


def migrate(url: str) -> tuple[int, int]:
    """Bring the schema to the latest version in one transaction, under an advisory lock so
    that one process migrates at a time; the versions before and after."""
    with connect(url) as connection:
        try:
            with connection.transaction():
                connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                before = schema_version(connection, url)  # read again under the lock
                connection.execute(SCHEMA_VERSION)
                for migration in MIGRATIONS[before:]:
                    for statement in migration.for_engine("postgresql"):
                        connection.execute(statement)  # type: ignore[arg-type]
                    connection.execute(
                        "INSERT INTO schema_version (version, name, applied_at)"
                        " VALUES (%s, %s, %s)", (migration.number, migration.name,
                                                 datetime.now(UTC).isoformat(timespec="seconds")))
        except psycopg.Error as exc:
            raise state_error(url, "cannot migrate the state", exc) from None
    return before, LATEST


def version_of(url: str, *, read_only: bool = True) -> int:
    """The database's schema version, checked as `schema_version` checks it."""
    with connect(url, read_only=read_only) as connection:
        try:
            return schema_version(connection, url)
        except psycopg.Error as exc:
            raise state_error(url, "cannot read the schema version", exc) from None


def open_database(url: str) -> Database:
    """The state to read and write, migrated first when it is older than this code."""
    if version_of(url, read_only=False) < LATEST:
        migrate(url)
    return Database(url)


def peek_database(url: str) -> Database:
    """The state read-only: every connection's transactions are read-only, and a database
    whose schema is not this code's is refused rather than migrated."""
    version = version_of(url)
    if version < LATEST:
        raise StateError(f"{where(url)}: the state's schema is {version}, older than this "
                         f"digest's ({LATEST}); run `digest migrate` first")
    return Database(url, read_only=True)
