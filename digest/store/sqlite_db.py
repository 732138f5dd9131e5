"""SQLite connections for the state: opened to write (WAL, migrated) or to peek (read-only).

The schema version is `PRAGMA user_version`. A file from release 0.1 (version 0, tables
present) counts as version 1. A file newer than this code refuses to open and is left as
it is. Peeking never writes: an older file is read through a migrated copy in memory, and
the file itself is migrated by the next command that writes (`collect`, `send`, `run`).

Only a path where no file exists starts a new state, and it is made whole beside the path
and then linked into place, so a state file is never seen half made. Whatever else is at the
path must be a digest state in good order (`files.check_state_file`, then the tables and
`PRAGMA integrity_check`) before anything is written to it; otherwise the command stops with a
StateError and the file is left byte for byte as it was (no WAL switch, no migration).

What SQLite answers, here and for every query the stores run later (`Database`):
- done: the statement ran; a write transaction committed.
- retry later: "database is locked" after the 30 s busy timeout (another writer), a full
  disk ("database or disk is full"), a disk I/O error: a StateError, the transaction rolled
  back, nothing half written; the command stops, and a send stops sending.
- failed for good: a damaged file ("database disk image is malformed", "file is not a
  database"), a read-only file or folder: a StateError saying what to do with the file.
- unknown: none; SQLite's commit is atomic, so a transaction is in the file or not at all.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

from ..core.errors import StateError
from ..core.models import DeliveryStatus, EditionStatus
from .files import MOVE_AWAY, check_state_file, check_writable
from .migrations import LATEST, MIGRATIONS
from .sql import Table, Writer

RELEASE_0_1 = 1  # the schema of the files written before the schema had a version
OUR_TABLES = frozenset({"stories", "editions", "deliveries"})  # in every version, 0.1 on
BUSY_TIMEOUT = 30  # seconds a writer waits for another one

# What to do about each kind of SQLite error (the primary result code's name).
ADVICE = {
    "CORRUPT": f"the file is damaged; {MOVE_AWAY}",
    "NOTADB": f"the file is damaged; {MOVE_AWAY}",
    "FULL": "the disk is full; free some space and run again",
    "IOERR": "the disk failed to read or write it; check the disk and its free space, "
             "then run again",
    "READONLY": "give this user write access to the file and its folder",
    "CANTOPEN": "check that its folder exists and this user may read and write there",
    "PERM": "give this user write access to the file and its folder",
    "BUSY": "another digest is writing to it; run again when it is done",
    "LOCKED": "another digest is writing to it; run again when it is done",
}


# What SQLite or the sqlite3 module raise about a file: text that is not UTF-8 is damage.
SqliteFault = sqlite3.Error | UnicodeDecodeError
SQLITE_FAULTS = (sqlite3.Error, UnicodeDecodeError)


def one_line(text: object, limit: int = 160) -> str:
    """An error's words on one short line: they may quote the damaged bytes themselves."""
    return " ".join(str(text).split())[:limit]


def state_error(path: Path, doing: str, exc: SqliteFault) -> StateError:
    """One line: the file, what failed, SQLite's words (cut short) and what to do."""
    kind = (getattr(exc, "sqlite_errorname", None) or "").removeprefix("SQLITE_").split("_")[0]
    words = one_line(exc)
    if isinstance(exc, UnicodeDecodeError) or "decode to UTF-8" in words:
        kind, words = "CORRUPT", "a stored text is not UTF-8"
    advice = ADVICE.get(kind)
    return StateError(f"{path}: {doing}: {words}" + (f"; {advice}" if advice else ""))


def _rollback(connection: sqlite3.Connection) -> None:
    """Undo an open transaction; SQLite may have rolled it back already (a full disk)."""
    if connection.in_transaction:
        with suppress(sqlite3.Error):
            connection.execute("ROLLBACK")


@contextmanager
def transaction(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction, taken at once so two writers queue instead of failing later."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
        connection.execute("COMMIT")
    except BaseException:
        _rollback(connection)
        raise


class Database:
    """One connection, with the two things the stores do with it; any SQLite error on the
    way is a StateError naming the file."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path

    @contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        try:
            yield
        except SQLITE_FAULTS as exc:
            raise state_error(self.path, doing, exc) from None

    @contextmanager
    def decoding(self) -> Iterator[None]:
        """Values read back that do not parse mean bytes changed under SQLite's feet."""
        try:
            yield
        except (ValueError, KeyError, TypeError) as exc:
            raise StateError(f"{self.path}: the state file is damaged (a stored value does "
                             f"not read back: {one_line(exc)}); {MOVE_AWAY}") from None

    skip_locked = ""  # one writer at a time: BEGIN IMMEDIATE

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with self._errors("cannot read the state"):
            return self.connection.execute(sql, params).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._errors("cannot write the state"), transaction(self.connection) as connection:
            yield connection

    def catalog(self) -> dict[str, Table]:
        names = [row[0] for row in self.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: Table(
            columns=tuple(row[1] for row in self.rows(f"PRAGMA table_info({name})")),
            references=frozenset(row[2] for row in self.rows(
                f"PRAGMA foreign_key_list({name})")),
            order="rowid") for name in names}

    def continue_ids(self, writer: Writer, table: str, column: str) -> None:
        """SQLite numbers a new row after the highest rowid by itself."""

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


def verified_version(connection: sqlite3.Connection, path: Path) -> int:
    """The schema version of a file checked to be a digest state in good order."""
    version = schema_version(connection, path)
    tables = sorted(row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"))
    if OUR_TABLES - set(tables):
        found = f"tables {', '.join(tables[:5])}" if tables else "no tables"
        raise StateError(f"{path}: a SQLite database with {found}, not a digest state; "
                         f"point state.path at the state file, or {MOVE_AWAY}")
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check(3)")]
    for table, statuses in (("editions", EditionStatus), ("deliveries", DeliveryStatus)):
        known = ", ".join(f"'{status}'" for status in statuses)
        if problems == ["ok"] and connection.execute(
                f"SELECT 1 FROM {table} WHERE status NOT IN ({known}) LIMIT 1").fetchone():
            problems = [f"a status in {table} that digest never writes"]
    if problems != ["ok"]:
        lines = [line for p in problems for line in p.splitlines() if not line.startswith("*")]
        raise StateError(f"{path}: the state file is damaged ({(lines or problems)[0]}); "
                         f"{MOVE_AWAY}")
    return version


def migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Bring the schema to the latest version, all steps in one transaction."""
    with transaction(connection):
        # read again under the write lock: another process may have just migrated the file
        for migration in MIGRATIONS[schema_version(connection, path):]:
            for statement in migration.for_engine("sqlite"):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {migration.number}")


def _connect(path: Path, mode: str) -> sqlite3.Connection:
    """A connection that never creates the file (mode `rw` or `ro`). Reading a WAL file
    needs its -shm beside it; where this user cannot make one and no writer has (no -wal),
    the file is read as it is on disk."""
    fixed = mode == "ro" and not os.path.exists(f"{path}-wal") and not os.access(
        path.parent, os.W_OK)
    return sqlite3.connect(f"file:{quote(str(path))}?mode={mode}{'&immutable=1' * fixed}",
                           uri=True, isolation_level=None, timeout=BUSY_TIMEOUT)


def _create(path: Path) -> None:
    """A new state at `path`: migrated beside it, then linked into place unless another
    process got there first (then theirs is used)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StateError(f"{path.parent}: cannot create the state folder: {exc.strerror}; "
                         "create it, or point state.path at a folder this user may write"
                         ) from None
    check_writable(path)
    fresh = path.with_name(f".{path.name}.{os.getpid()}.new")
    try:
        connection = _connect(fresh, "rwc")
        try:
            migrate(connection, path)
        finally:
            connection.close()
        with suppress(FileExistsError):
            os.link(fresh, path)
    except SQLITE_FAULTS as exc:
        raise state_error(path, "cannot create the state", exc) from None
    except OSError as exc:
        raise StateError(f"{path}: cannot create the state: {exc.strerror}; "
                         "check the free space and the folder's permissions") from None
    finally:
        with suppress(OSError):
            fresh.unlink()


@contextmanager
def _left_as_found(path: Path) -> Iterator[None]:
    """On a refusal, remove the -wal and -shm files SQLite made beside a file it could not
    use (when there were none before and the -wal holds nothing), so the file is left as it
    was found."""
    wal, shm = (f"{path}-wal", f"{path}-shm")
    found = os.path.lexists(wal) or os.path.lexists(shm)
    try:
        yield
    except StateError:
        if not found and (not os.path.exists(wal) or os.path.getsize(wal) == 0):
            for sibling in (wal, shm):
                with suppress(OSError):
                    os.unlink(sibling)
        raise


def open_database(path: Path) -> Database:
    """Open the state to read and write, creating it or migrating it when needed."""
    if not check_state_file(path):
        _create(path)
        check_state_file(path)
    check_writable(path)
    connection: sqlite3.Connection | None = None
    with _left_as_found(path):
        try:
            connection = _connect(path, "rw")
            # checked before WAL is switched on, which would rewrite the file's header
            version = verified_version(connection, path)
            connection.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL: a commit survives the process being killed (what the ledger
            # guards against); only a power cut may lose the last few, at a fraction of
            # the cost.
            connection.execute("PRAGMA synchronous=NORMAL")
            if version < LATEST:
                migrate(connection, path)
        except (StateError, *SQLITE_FAULTS) as exc:
            raise _refused(connection, path, "cannot open the state database", exc) from None
    return Database(connection, path)


def peek_database(path: Path) -> Database:
    """Open the state read-only, creating nothing: no file reads as an empty state, and a
    file that is not a state in good order is refused as `open_database` refuses it."""
    connection: sqlite3.Connection | None = None
    with _left_as_found(path):
        try:
            if check_state_file(path):
                connection = _connect(path, "ro")
                if verified_version(connection, path) < LATEST:
                    connection = _migrated_copy(connection, path)
            else:
                connection = _migrated_copy(None, path)
            connection.execute("PRAGMA query_only = ON")
        except (StateError, *SQLITE_FAULTS) as exc:
            raise _refused(connection, path, "cannot read the state database", exc) from None
    return Database(connection, path)


def _refused(connection: sqlite3.Connection | None, path: Path, doing: str,
             exc: StateError | SqliteFault) -> StateError:
    """The connection closed, and the error as a StateError."""
    if connection is not None:
        connection.close()
    return exc if isinstance(exc, StateError) else state_error(path, doing, exc)


def _migrated_copy(stored: sqlite3.Connection | None, path: Path) -> sqlite3.Connection:
    """An older file (or none) copied into memory and migrated there, so peeking reads it
    with the current schema and never writes to it."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    if stored is not None:
        stored.backup(memory)
        stored.close()
    migrate(memory, path)
    return memory


def migrate_file(path: Path) -> tuple[int, int]:
    """`digest migrate` on a file: its schema version before and after (0: no file yet)."""
    before = 0
    if check_state_file(path):
        with _left_as_found(path):
            connection = _connect(path, "ro")
            try:
                before = verified_version(connection, path)
            except SQLITE_FAULTS as exc:
                raise state_error(path, "cannot read the state database", exc) from None
            finally:
                connection.close()
    open_database(path).close()
    return before, LATEST
