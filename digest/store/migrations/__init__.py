"""The schema's history: `NNNN_what.sql` files, applied in order of their number.

To change the schema, add the next file; never edit one that has shipped, since files in
users' hands were made with it. A file's number is the schema version it leads to. Numbers
only grow; one may be missing while the change that owns it is made on another branch (a
state is migrated past every number it has not reached, whatever the gaps).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib.resources import files

_NAME = re.compile(r"(\d{4})_(\w+)\.sql")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    statements: tuple[str, ...]


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


def load() -> tuple[Migration, ...]:
    """Every migration shipped with digest, in order, checked to be numbered from 1, once each."""
    found = []
    for resource in files(__name__).iterdir():
        match = _NAME.fullmatch(resource.name)
        if match:
            found.append(Migration(int(match[1]), match[2],
                                   statements(resource.read_text(encoding="utf-8"))))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if not numbers or numbers[0] != 1 or len(set(numbers)) != len(numbers):
        raise RuntimeError(f"migrations are not numbered from 1, once each: {numbers}")
    return tuple(found)


MIGRATIONS = load()
LATEST = MIGRATIONS[-1].number
