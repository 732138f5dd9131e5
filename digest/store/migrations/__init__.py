"""The schema's history: `NNNN_what.sql` files, applied in order of their number, on every
engine.

To change the schema, add the next file; never edit one that has shipped, since databases in
users' hands were made with it. A file's number is the schema version it leads to. Write it
in SQL both SQLite and PostgreSQL run (TEXT, INTEGER, `ON CONFLICT DO NOTHING`, no
`AUTOINCREMENT`); where the two must differ, put the other engine's version beside it as
`NNNN_what.postgresql.sql` (or `NNNN_what.sqlite.sql`), which that engine runs instead.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable

ENGINES = ("sqlite", "postgresql")
_NAME = re.compile(r"(\d{4})_(\w+?)(?:\.(sqlite|postgresql))?\.sql")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    statements: tuple[str, ...]  # the shared script, or () when each engine has its own
    overrides: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def for_engine(self, engine: str) -> tuple[str, ...]:
        """The statements `engine` runs: its own file's when there is one."""
        return self.overrides.get(engine, self.statements)


def statements(script: str) -> tuple[str, ...]:
    """A script's statements one by one, so they can run inside the caller's transaction
    (`executescript` would commit it first)."""
    found: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            found.append(pending.strip())
            pending = ""
    leftover = [line for line in pending.splitlines() if line.strip()]
    if any(not line.lstrip().startswith("--") for line in leftover):
        raise ValueError(f"unterminated statement: {pending.strip()[:60]}")
    return tuple(found)


def load(folder: Traversable | None = None) -> tuple[Migration, ...]:
    """Every migration in `folder` (the ones shipped with digest), checked to be numbered
    1, 2, 3, ... in order, each with a script for every engine."""
    shared: dict[int, tuple[str, tuple[str, ...]]] = {}
    overrides: dict[int, dict[str, tuple[str, ...]]] = {}
    names: dict[int, str] = {}
    for resource in (folder or files(__name__)).iterdir():
        match = _NAME.fullmatch(resource.name)
        if not match:
            continue
        number, name, engine = int(match[1]), match[2], match[3]
        if names.setdefault(number, name) != name:
            raise RuntimeError(f"migration {number} has two names: {names[number]}, {name}")
        script = statements(resource.read_text(encoding="utf-8"))
        if engine:
            overrides.setdefault(number, {})[engine] = script
        else:
            shared[number] = (name, script)
    found = tuple(Migration(n, names[n], shared.get(n, ("", ()))[1], overrides.get(n, {}))
                  for n in sorted(names))
    if [m.number for m in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {[m.number for m in found]}")
    for migration in found:
        missing = [e for e in ENGINES
                   if migration.number not in shared and e not in migration.overrides]
        if missing:
            raise RuntimeError(f"migration {migration.number} has no script for {missing[0]}")
    return found


MIGRATIONS = load()
LATEST = MIGRATIONS[-1].number
