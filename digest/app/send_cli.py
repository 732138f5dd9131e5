"""`digest send`, `digest run` and `digest status`: an edition delivered now, on schedule,
and how each recipient's delivery went. Imported whenever `digest` starts: the pipeline and
the scheduler when a command runs, and `status` never loads the pipeline."""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from collections.abc import Iterator

import click

from ..core.errors import ConfigError, DigestError, UsageError
from ..core.models import DeliveryStatus, Recipient, SendStatus
from ..select import summary_line
from . import logs
from .cli_context import Context, quiet_start
from .cli_errors import reports_errors
from .cli_output import TerminalProgress, print_table
from .send_outcome import UNSETTLED, describe, send_json, unsettled_lines


def parse_recipient(value: str) -> Recipient:
    from ..delivery.addresses import clean_name, parse_address

    try:
        address = parse_address(value)
    except ValueError as exc:
        raise UsageError(f"--to: {exc}") from None
    return Recipient(email=address.addr_spec, name=clean_name(address.display_name))


@click.command()
@click.option("--dry-run", is_flag=True, help="Build and check every message; contact nobody.")
@click.option("--to", "to", multiple=True, metavar="EMAIL",
              help="Test send to this address only (repeatable); records nothing as sent.")
@click.option("--force", is_flag=True, help="Send a new edition even if today's was sent.")
@click.option("--if-due", is_flag=True,
              help="Send only if a scheduled send time has come (within schedule.grace) and its "
                   "edition is not out yet: for cron and systemd timers.")
@click.option("--wait", is_flag=True, help="If another send is running, wait for it to end "
              "(SQLite; with PostgreSQL senders share the edition).")
@click.option("--resend-unknown", is_flag=True,
              help="Send again to the recipients whose delivery is unknown (see `digest "
                   "status`), with the same Message-ID.")
@click.option("--strict", is_flag=True,
              help="Exit 1 when any source failed, even if every recipient got the edition "
                   "(as config `strict: true`).")
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.pass_obj
@reports_errors
def send(obj: Context, dry_run: bool, to: tuple[str, ...], force: bool, if_due: bool,
         wait: bool, resend_unknown: bool, strict: bool, as_json: bool) -> None:
    """Build today's digest and deliver it through the configured backend.

    Exit 0 when the edition reached every recipient (a failed source is reported, not
    counted, unless --strict), 1 when some recipients were not reached."""
    with json_on_error() if as_json else contextlib.nullcontext():
        _send(obj, dry_run, to, force, if_due, wait, resend_unknown, strict, as_json)


@contextlib.contextmanager
def json_on_error() -> Iterator[None]:
    """A DigestError still prints the JSON object `--json` promises, then its line and code."""
    try:
        yield
    except DigestError as exc:
        problems = exc.problems if isinstance(exc, ConfigError) else [str(exc)]
        click.echo(json.dumps({"status": "error", "problems": problems}, indent=2))
        raise


def _send(obj: Context, dry_run: bool, to: tuple[str, ...], force: bool, if_due: bool,
          wait: bool, resend_unknown: bool, strict: bool, as_json: bool) -> None:
    quiet_start()
    from . import health, pipeline, scheduler

    settings = obj.settings
    if strict:
        settings = settings.model_copy(update={"strict": True})
    recipients = [parse_recipient(value) for value in to]
    if if_due and (dry_run or to or force):
        raise UsageError("--if-due cannot be combined with --dry-run, --to or --force")
    if resend_unknown and (dry_run or to or force or if_due):
        raise UsageError("--resend-unknown cannot be combined with --dry-run, --to, --force "
                         "or --if-due")
    if if_due:
        report = scheduler.send_if_due(settings, wait=wait)
        if report is None:
            click.echo(json.dumps({"status": "not_due", "problems": []}) if as_json else
                       "Not due: no scheduled send time is waiting for its digest.")
            return
    else:
        with TerminalProgress(len(settings.sources), not as_json) as progress:
            report = pipeline.send(settings, dry_run=dry_run, force=force, to=recipients,
                                   wait=wait, on_source_done=progress.source_done,
                                   on_delivered=progress.delivered,
                                   resend_unknown=resend_unknown)
        if not (dry_run or to):
            health.after_send(settings, report, pipeline.utc_now)
    for line in unsettled_lines(report):
        click.echo(line, err=True)
    if as_json:
        click.echo(json.dumps(send_json(report), indent=2))
    else:
        if report.selection is not None:
            click.echo(summary_line(report.selection))
        click.echo(describe(report, settings))
    sys.exit(report.exit_code)


@click.command()
@click.option("--once", is_flag=True,
              help="Send the digest if a send time is due, then exit (for cron or timers).")
@click.option("--wait", is_flag=True, help="If another runner holds the lock, wait for it.")
@click.pass_obj
@reports_errors
def run(obj: Context, once: bool, wait: bool) -> None:
    """Run the scheduler: send daily at schedule.at in schedule.timezone, until stopped.

    Collects every schedule.collect_every when set. SIGTERM or Ctrl-C stops it cleanly.
    """
    from . import scheduler

    settings = obj.settings
    logs.at_least(logging.INFO)
    sys.exit(scheduler.run(settings, once=once, wait=wait))


@click.command()
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many recent editions to show.")
@click.option("--json", "as_json", is_flag=True,
              help="Print every edition with every recipient's outcome as JSON.")
@click.pass_obj
@reports_errors
def status(obj: Context, limit: int, as_json: bool) -> None:
    """Show recent editions and how each recipient's delivery went."""
    quiet_start()
    from .status import COLUMNS, table_rows
    from .status import status as recent_editions  # not the pipeline: cron runs this often

    editions = recent_editions(obj.reading_settings, limit)
    if as_json:
        click.echo(json.dumps({"editions": editions}, indent=2, ensure_ascii=False))
        return
    if not editions:
        click.echo("No digest has been sent yet.")
        return
    print_table(COLUMNS, table_rows(editions))
    for e in editions:
        for r in e["recipients"]:
            if r["status"] in UNSETTLED:
                click.echo(f"edition {e['id']}: {r['status']}: {r['email']}: {r['error']}")
    for e in editions:
        if e["status"] == SendStatus.INTERRUPTED:
            sent = e["counts"][DeliveryStatus.SENT]
            total = sum(e["counts"].values())
            click.echo(f"Edition {e['id']} was interrupted after {sent} of {total} recipients; "
                       "the next `digest send` sends it to the rest.")
    if any(e["counts"][DeliveryStatus.UNKNOWN] for e in editions):
        click.echo("Unknown: they may have received it. `digest send --resend-unknown` sends "
                   "the newest edition to them again, with the same Message-ID.")
