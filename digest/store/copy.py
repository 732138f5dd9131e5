"""`digest state copy`: an installation's whole state from one database to another (SQLite
to PostgreSQL, or back), every table the schema has, ledger included.

The source is only read (an older SQLite file is read through a migrated copy, as `peek`
does); the target is migrated to this code's schema and must hold nothing yet. Every row
goes in one transaction: a copy that fails half-way leaves the target empty. Rows keep
their ids, and each table's rows keep their order.
"""

from __future__ import annotations

from graphlib import TopologicalSorter
from pathlib import Path

from ..core.errors import StateError
from . import postgres_db, sqlite_db
from .location import is_url
from .sql import Database

Location = object  # a SQLite file's Path, or a postgresql:// URL (see digest.store)


def _open(location: Location, *, write: bool) -> Database:
    if is_url(location):
        url = str(location)
        return postgres_db.open_database(url) if write else postgres_db.peek_database(url)
    path = Path(str(location))
    if not write and not sqlite_db.check_state_file(path):
        raise StateError(f"{path}: no state file there; give the path of state.path")
    return sqlite_db.open_database(path) if write else sqlite_db.peek_database(path)


def copy_state(source: Location, target: Location, describe: str) -> dict[str, int]:
    """Copy every table of `source` into the empty state at `target`; rows per table."""
    reader = _open(source, write=False)
    try:
        writer = _open(target, write=True)
        try:
            return _copy(reader, writer, describe)
        finally:
            writer.close()
    finally:
        reader.close()


def _copy(reader: Database, writer: Database, describe: str) -> dict[str, int]:
    have, want = reader.catalog(), writer.catalog()
    # parents before children, so each foreign key finds its row
    tables = [t for t in TopologicalSorter({n: want[n].references for n in want}).static_order()
              if t in have and t in want]
    held = {t: writer.rows(f"SELECT COUNT(*) FROM {t}")[0][0] for t in tables}
    if any(held.values()):
        full = ", ".join(f"{t} {n}" for t, n in sorted(held.items()) if n)
        raise StateError(f"{describe}: already holds a state ({full}); copy into an empty "
                         "database, or move this one away first")
    copied: dict[str, int] = {}
    with writer.transaction() as into:
        for table in tables:
            columns = [c for c in have[table].columns if c in want[table].columns]
            rows = reader.rows(f"SELECT {', '.join(columns)} FROM {table} ORDER BY "
                               f"{have[table].order}")
            if rows:
                into.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                                 f"({', '.join('?' * len(columns))})", rows)
            copied[table] = len(rows)
            for column in want[table].identity:
                writer.continue_ids(into, table, column)
    return copied
