"""Where the state is: a SQLite file's path or a PostgreSQL URL, told apart without
importing either engine's driver (psycopg is slow to import, and `digest status` on SQLite
never needs it)."""

from __future__ import annotations

from pathlib import Path

Location = Path | str  # a SQLite file, or a postgresql:// URL


def is_url(location: object) -> bool:
    """Whether a state location is a PostgreSQL URL (else it is a SQLite file's path)."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))
