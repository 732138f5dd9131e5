"""The readers' side from the command line: `digest serve`, `digest suppressions …`,
`digest subscribers …`, `digest archive build`, registered by `install`.

These commands only read and write the state; `cli.py` hands in its error reporting, so an
error here is one line and an exit code, as everywhere else. This module is imported
whenever `digest` starts: each command imports the state, the web app or the address
checks when it runs.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import click

from ..core.errors import UsageError
from ..core.models import SuppressionReason

if TYPE_CHECKING:
    from ..config import Settings
    from ..store import Store
    from ..store.reader_stores import Subscriber, Suppression

Wrapper = Callable[[Callable[..., Any]], Callable[..., Any]]


class HasSettings(Protocol):
    """What `cli_context.Context` gives: the settings, with or without delivery secrets."""

    @property
    def settings(self) -> Settings: ...

    @property
    def reading_settings(self) -> Settings: ...


def now() -> datetime:
    return datetime.now(UTC)


@contextmanager
def state(writing: bool) -> Iterator[Store]:
    """The state of the current command's config: opened to write, or peeked at."""
    from ..store import Store

    obj: HasSettings = click.get_current_context().find_root().obj
    settings = obj.reading_settings
    location = settings.state_location()
    with (Store.open(location) if writing else Store.peek(location)) as store:
        yield store


def change_list(address: str, change: Callable[[Store, str], bool], done: str,
                undone: str) -> None:
    """Apply `change` to the checked ADDRESS in the state; say which way it went."""
    email = address_of(address)
    with state(writing=True) as store:
        changed = change(store, email)
    click.echo(f"{email}: {done if changed else undone}")


def address_of(value: str) -> str:
    """An address as given on the command line, checked; UsageError saying what is wrong."""
    from ..delivery.addresses import parse_address

    try:
        return parse_address(value).addr_spec
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def write_csv(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> None:
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(header)
    out.writerows(rows)


def show_list(key: str, columns: tuple[str, ...], rows: list[tuple[object, ...]], empty: str,
              as_json: bool, ensure_ascii: bool = True) -> None:
    """`rows` as JSON objects under `key`, else one tab-separated line each (None as
    nothing), or `empty` when there are none: what `list` prints, as `export`'s columns."""
    if as_json:
        click.echo(json.dumps({key: [dict(zip(columns, row, strict=True)) for row in rows]},
                              indent=2, ensure_ascii=ensure_ascii))
        return
    for row in rows:
        click.echo("\t".join("" if value is None else str(value) for value in row))
    if not rows:
        click.echo(empty)


SUPPRESSION_COLUMNS = ("email", "reason", "origin", "created_at")
SUBSCRIBER_COLUMNS = ("email", "name", "confirmed_at")


def suppression_rows(entries: Sequence[Suppression]) -> list[tuple[object, ...]]:
    return [(e.address, e.reason, e.origin, e.created_at.isoformat()) for e in entries]


def subscriber_rows(found: Sequence[Subscriber]) -> list[tuple[object, ...]]:
    return [(s.address, s.name, s.confirmed_at.isoformat()) for s in found]


@click.group()
def suppressions() -> None:
    """The addresses no edition is sent to: unsubscribed, bounced, complained, or added."""


@suppressions.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def list_suppressions(as_json: bool) -> None:
    """Show every suppressed address, oldest first, with why and who said so."""
    with state(writing=False) as store:
        rows = suppression_rows(store.suppressions.all())
    show_list("suppressions", SUPPRESSION_COLUMNS, rows, "No address is suppressed.", as_json)


@suppressions.command("add")
@click.argument("address")
@click.option("--reason", type=click.Choice([r.value for r in SuppressionReason]),
              default=SuppressionReason.MANUAL.value, show_default=True)
def add_suppression(address: str, reason: str) -> None:
    """Never send to ADDRESS again (until it is removed)."""
    change_list(address, lambda store, email: store.suppressions.add(
        email, SuppressionReason(reason), "cli", now()), "suppressed", "was suppressed already")


@suppressions.command("remove")
@click.argument("address")
def remove_suppression(address: str) -> None:
    """Send to ADDRESS again, when a list names it."""
    change_list(address, lambda store, email: store.suppressions.remove(email),
                "removed", "was not suppressed")


@suppressions.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False, path_type=Path))
def import_suppressions(csv_file: Path) -> None:
    """Suppress every address of a CSV file with an `email` column (and perhaps `reason`,
    as `export` writes it); invalid rows are reported and skipped."""
    from ..delivery.addresses import load_recipients

    rows, problems = load_recipients((), csv_file)
    known = {r.value for r in SuppressionReason}
    added = 0
    with state(writing=True) as store:
        moment = now()
        for row in rows:
            reason = row.fields.get("reason", "")
            added += store.suppressions.add(
                row.email, SuppressionReason(reason if reason in known else "manual"),
                "import", moment)
    click.echo(f"{added} addresses suppressed, {len(rows) - added} were already"
               + (f", {len(problems)} rows skipped" if problems else ""))
    if problems:
        sys.exit(1)


@suppressions.command("export")
def export_suppressions() -> None:
    """Print the list as CSV (email, reason, origin, created_at), for `import` elsewhere."""
    with state(writing=False) as store:
        rows = suppression_rows(store.suppressions.all())
    write_csv(SUPPRESSION_COLUMNS, rows)


@click.group()
def subscribers() -> None:
    """Readers who signed up and confirmed (beside `recipients` and `recipients_file`)."""


@subscribers.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the subscribers as JSON.")
def list_subscribers(as_json: bool) -> None:
    """Show every confirmed subscriber."""
    with state(writing=False) as store:
        rows = subscriber_rows(store.subscribers.all())
    show_list("subscribers", SUBSCRIBER_COLUMNS, rows, "No subscribers yet.", as_json,
              ensure_ascii=False)


@subscribers.command("add")
@click.argument("address")
@click.option("--name", help="The reader's name, for the greeting.")
def add_subscriber(address: str, name: str | None) -> None:
    """Add a subscriber by hand (they are not asked to confirm)."""
    from ..delivery.addresses import clean_name

    change_list(address, lambda store, email: store.subscribers.add(
        email, clean_name(name), now()), "added", "was a subscriber already")


@subscribers.command("remove")
@click.argument("address")
def remove_subscriber(address: str) -> None:
    """Remove a subscriber (to stop all mail to them, suppress the address instead)."""
    change_list(address, lambda store, email: store.subscribers.remove(email),
                "removed", "was not a subscriber")


@subscribers.command("export")
def export_subscribers() -> None:
    """Print the subscribers as CSV (email, name, confirmed_at): a recipients file."""
    with state(writing=False) as store:
        rows = subscriber_rows(store.subscribers.all())
    write_csv(SUBSCRIBER_COLUMNS, rows)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 behind a reverse proxy.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True,
              help="Port to listen on (0: any free one, printed at start).")
def serve(host: str, port: int) -> None:
    """Serve the readers' side at newsletter.base_url: unsubscribes, webhooks, archive."""
    from ..web import app as web_app

    obj: HasSettings = click.get_current_context().find_root().obj
    settings = obj.reading_settings
    if settings.newsletter.signup:  # it mails confirmation links: the delivery secrets too
        settings = obj.settings
    web_app.serve(settings, host, port,
                  lambda where: click.echo(f"digest serve: listening on {where}", err=True))


@click.group()
def archive() -> None:
    """The public archive of past editions and its feed."""


@archive.command("build")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def build_archive(folder: Path) -> None:
    """Write the archive (archive/…/index.html) and feed.xml as static files into FOLDER,
    for hosting without `digest serve`."""
    from ..web.archive import write_archive

    obj: HasSettings = click.get_current_context().find_root().obj
    settings = obj.reading_settings
    if not settings.archive.public:
        raise UsageError("archive.public is false in config.yaml: the archive is not public")
    if settings.newsletter.base_url is None:
        raise UsageError("the archive needs newsletter.base_url in config.yaml: where it is "
                         "hosted (the feed's links are absolute)")
    with state(writing=False) as store:
        try:
            count = write_archive(settings, store, folder, settings.newsletter.base_url)
        except OSError as exc:
            raise UsageError(f"{folder}: cannot write the archive: {exc.strerror or exc}"
                             ) from None
    click.echo(f"{count} editions written to {folder}")


COMMANDS: tuple[click.Command, ...] = (serve, suppressions, subscribers, archive)


def install(main: click.Group, reports_errors: Wrapper) -> None:
    """Add these commands to `main`, each leaf's errors reported by `reports_errors`."""

    def wrap(command: click.Command) -> None:
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                wrap(sub)
        elif command.callback is not None:
            command.callback = reports_errors(command.callback)

    for command in COMMANDS:
        wrap(command)
        main.add_command(command)
