"""`digest migrate` and `digest state copy`: the state's schema, and moving a state from one
database to another (a SQLite file to PostgreSQL when one host is no longer enough).

Imported whenever `digest` starts: the stores (and their database drivers) are imported
when a command runs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..core.errors import UsageError
from .cli_errors import reports_errors

if TYPE_CHECKING:
    from ..store import Location


@click.command()
@click.pass_obj
@reports_errors
def migrate(obj: Any) -> None:
    """Bring the state's schema up to this digest's (state.path or state.url).

    Commands that write migrate by themselves; with several hosts on one PostgreSQL, run
    this once when upgrading. A state newer than this digest is refused."""
    from ..store import Store, describe

    location = obj.reading_settings.state_location()
    before, after = Store.migrate(location)
    done = f"migrated from schema {before} to {after}" if before < after else (
        f"schema {after}, already the latest")
    click.echo(f"{describe(location)}: {done}")


@click.group()
def state() -> None:
    """The state database as a whole."""


def location(value: str) -> Location:
    """`sqlite:PATH` or a postgresql:// URL, as `--from` and `--to` take them."""
    if value.startswith(("postgresql://", "postgres://")):
        return value
    if value.startswith("sqlite:") and len(value) > len("sqlite:"):
        return Path(value.removeprefix("sqlite:"))
    raise UsageError(f"{value.split('@')[-1]!r}: write a state as sqlite:PATH or "
                     "postgresql://user:password@host:port/database")


@state.command("copy")
@click.option("--from", "source", required=True, metavar="STATE",
              help="Where the state is now: sqlite:PATH or postgresql://… .")
@click.option("--to", "target", required=True, metavar="STATE",
              help="An empty database to copy it to: postgresql://… or sqlite:PATH.")
@reports_errors
def copy(source: str, target: str) -> None:
    """Copy a whole state (stories, editions, the ledger, the HTTP cache, every table) into
    an empty database; the source is only read. Then point state.url or state.path at the
    new one."""
    from ..store import describe
    from ..store.copy import copy_state

    origin, destination = location(source), location(target)
    counts = copy_state(origin, destination, describe(destination))
    rows = ", ".join(f"{table} {count}" for table, count in sorted(counts.items()))
    click.echo(f"copied {describe(origin)} to {describe(destination)}: {rows}")
