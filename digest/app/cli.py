"""Thin commands: parse arguments, call the pipeline, print, map errors to exit codes.

Exit codes: 0 ok, 1 partial failure, 2 usage or config error, 3 nothing could be done.

Each command imports what it uses when it runs: cron starts `digest` every few minutes, and
`--help` or `status` should not wait for the libraries of collecting, rendering or sending.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .. import __version__
from ..core.errors import ConfigError, DigestError, SourceError, UsageError
from ..core.models import DeliveryStatus, Recipient, SendStatus
from ..select import duration, summary_line
from . import explain_cli, logs, readers_cli, state_cli
from .cli_errors import reports_errors

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from ..config import Settings
    from . import pipeline
    from .collect import SourceResult

log = logging.getLogger("digest")
# The outcomes reported one line each, with the word that starts the line.
UNSETTLED = {DeliveryStatus.FAILED: "error", DeliveryStatus.DEFERRED: "deferred",
             DeliveryStatus.UNKNOWN: "unknown"}


class Context:
    def __init__(self, config: Path, verbose: bool) -> None:
        self.config_path = config
        self.verbose = verbose
        self._settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        """The settings, for a command that may deliver: every secret must be set."""
        if self._settings is None:
            from ..config import load_settings

            self._settings = settled(load_settings(self.config_path))
        return self._settings

    @property
    def reading_settings(self) -> Settings:
        """The settings, for a command that only reads: delivery secrets may be unset."""
        from ..config import load_settings

        return self._settings or settled(load_settings(self.config_path, delivering=False))


def settled(settings: Settings) -> Settings:
    """The settings, once what the command has loaded so far (its modules, the config's
    models, the settings) is set aside from the garbage collector: it lives as long as the
    process, and the collector's full passes would walk all of it again each time the
    command's own work makes objects (a sixth of an all-304 `collect`). The collector is on
    from here (`quiet_start`)."""
    gc.freeze()
    gc.enable()
    return settings


def quiet_start() -> None:
    """For a command that loads the settings before its own work: no pass of the garbage
    collector until they are loaded (`settled`). What it allocates until then (modules,
    the config's models, the settings) is kept for the whole run, and a pass every 700
    allocations would walk it again and again: ≈20 ms of an all-304 `collect`, ≈13 ms of
    `status`. The collector is on again at `settled` (the few hundred objects of cycles
    left by then are kept with the rest), or when the command ends whatever happens (a
    config error)."""
    gc.disable()
    click.get_current_context().call_on_close(gc.enable)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path),
    default=lambda: os.environ.get("DIGEST_CONFIG", "config.yaml"), show_default="./config.yaml",
    help="Config file (or set DIGEST_CONFIG).",
)
@click.option("-v", "--verbose", count=True,
              help="More logging, and tracebacks on errors; -vv adds the libraries' debug lines.")
@click.option("--log-format", type=click.Choice(logs.FORMATS), default="auto",
              show_default=True,
              help="Log lines: auto (short on a terminal, else with an ISO-8601 timestamp), "
                   "text (always timestamped) or json (one object a line).")
@click.version_option(__version__, prog_name="digest")
@click.pass_context
def main(ctx: click.Context, config_path: Path, verbose: int, log_format: str) -> None:
    """digest: a daily email of the news you follow, each story's lead and key quotes."""
    logs.setup_logging(verbose, log_format)
    ctx.obj = Context(config_path, verbose > 0)


class TerminalProgress:
    """Progress bars on stderr for collecting and sending; silent when stderr is no terminal
    or when output must stay machine-readable."""

    def __init__(self, sources: int, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.sources = sources
        self._bar: Progress | None = None
        self._collecting: TaskID | None = None
        self._sending: TaskID | None = None

    def __enter__(self) -> TerminalProgress:
        if self.enabled:  # rich loads only for a terminal to draw on
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                TextColumn("[bold]{task.fields[phase]}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TextColumn("{task.description}"),
                console=Console(stderr=True), transient=True,
            )
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def source_done(self, result: SourceResult) -> None:
        if self._bar is None:
            return
        if self._collecting is None:
            self._collecting = self._bar.add_task("", total=self.sources, phase="Collecting")
        self._bar.update(self._collecting, advance=1, description=result.source.name)

    def delivered(self, done: int, total: int) -> None:
        if self._bar is None:
            return
        if self._sending is None:
            self._sending = self._bar.add_task("", total=total, phase="Sending")
        self._bar.update(self._sending, completed=done)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
@click.pass_obj
@reports_errors
def collect(obj: Context, as_json: bool) -> None:
    """Fetch every source and store new stories, without building or sending a digest."""
    quiet_start()
    from . import pipeline

    settings = obj.settings
    with TerminalProgress(len(settings.sources), not as_json) as progress:
        collection, upcoming = pipeline.collect_for_next(settings,
                                                          on_done=progress.source_done)
    reports = collection.reports
    if as_json:
        click.echo(json.dumps({
            "sources": [{"name": r.name, "status": r.status, "new": r.new, "error": r.error,
                         "pages_failed": r.pages_failed, "seconds": round(r.seconds, 3)}
                        for r in reports],
            "stories": sum(r.new for r in reports),
            "next_edition": {"stories": len(upcoming.kept), "left_out": upcoming.left_out},
        }, indent=2, ensure_ascii=False))
    else:
        print_table(("source", "status", "new", "seconds", "error"),
                    [(r.name, r.status, str(r.new), f"{r.seconds:.2f}", r.error or "")
                     for r in reports])
        click.echo("Next edition: " + summary_line(upcoming, "so far"))
    sys.exit(1 if collection.failed else 0)


@main.group()
def sources() -> None:
    """Manage the list of sources."""


@sources.command("import")
@click.argument("opml_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@reports_errors
def import_sources(opml_file: Path) -> None:
    """Print `sources:` entries for config.yaml from an OPML file of feeds."""
    import yaml

    from .opml import read_opml

    found = read_opml(opml_file)
    if not found:
        raise UsageError(f"{opml_file}: no feeds found (no outline has an xmlUrl)")
    click.echo(yaml.safe_dump({"sources": found}, sort_keys=False, allow_unicode=True), nl=False)
    click.echo(f"digest: {len(found)} feeds; paste them into config.yaml", err=True)


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the preview (default: preview.html beside the state file).")
@click.option("--text", is_flag=True, help="Write the plain-text part instead of the HTML.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
@click.option("--serve", is_flag=True,
              help="Serve a live preview on 127.0.0.1 (desktop, mobile and text) until Ctrl-C.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port for --serve (0: any free port).")
@click.option("--collect", "refresh", is_flag=True,
              help="Fetch every source now, even when collected within collect_every.")
@click.pass_obj
@reports_errors
def preview(obj: Context, out: Path | None, text: bool, open_browser: bool, serve: bool,
            port: int, refresh: bool) -> None:
    """Build the digest that would be sent now and write it to a file, or serve it live.

    Nothing is marked as sent. Sources on the network are fetched (and their stories
    stored, as `collect` does) only when last collected longer ago than
    schedule.collect_every, or 30 minutes; --collect fetches them now. With --serve, every
    reload renders the digest again from the current config, templates and stories.
    """
    from ..delivery.personalize import personalized
    from . import pipeline, preview_server

    settings = obj.reading_settings
    if serve:
        def ready(url: str) -> None:
            click.echo(f"Serving the preview at {url} (Ctrl-C to stop)")
            if open_browser:
                open_in_browser(url)

        with TerminalProgress(len(settings.sources), True) as progress:
            pipeline.collect_due(settings, pipeline.utc_now(), refresh=refresh,
                                 on_done=progress.source_done)
        preview_server.serve(obj.config_path, port, ready)
        return
    with TerminalProgress(len(settings.sources), True) as progress:
        digest, email, _ = pipeline.preview(settings, pipeline.utc_now(), refresh=refresh,
                                            on_done=progress.source_done)
    email = personalized(email, preview_server.preview_recipient(settings), settings.newsletter)
    if digest.selection is not None:  # stdout is the path alone
        click.echo(summary_line(digest.selection) + (
            "" if digest.summaries else ": the preview is empty"), err=True)
    if out is None:
        name = "preview.txt" if text else "preview.html"
        out = settings.path(settings.state.path).parent / name
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(email.text if text else email.html, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"{out}: cannot write the preview: {exc.strerror or exc}") from None
    click.echo(str(out))
    if open_browser:
        open_in_browser(out.resolve().as_uri())


def open_in_browser(target: str) -> None:
    """Open `target` in the user's browser, or say there is none and where to look."""
    import webbrowser

    if not webbrowser.open(target):
        click.echo(f"digest: no web browser could be started here; open {target} yourself",
                   err=True)


def parse_recipient(value: str) -> Recipient:
    from ..delivery.addresses import clean_name, parse_address

    try:
        address = parse_address(value)
    except ValueError as exc:
        raise UsageError(f"--to: {exc}") from None
    return Recipient(email=address.addr_spec, name=clean_name(address.display_name))


@main.command()
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


@main.command()
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


@main.command()
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


def print_table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    """A table on stdout, drawn by rich on a terminal. To a pipe or a log (cron's), the same
    text is written without loading rich: loading it and laying out a table of 200 sources
    takes ≈0.13 s of CPU, a fifth of an all-304 `collect`."""
    if sys.stdout.isatty():
        from rich.table import Table

        table = Table(*columns, box=None)
        for row in rows:
            table.add_row(*row)
        table_console().print(table)
    else:
        click.echo(plain_table(columns, rows))


def cell_width(text: str) -> int:
    """The columns `text` takes in a terminal, as rich counts them: East Asian wide and
    full-width characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF"
               else 1 for c in text)


def plain_table(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """The table as rich prints it without a box to a pipe (each column as wide as its widest
    cell, a space either side of every cell), without loading rich. Unlike rich, a row
    wider than the console stays one line, and brackets and colons in a cell are text, not
    markup or emoji codes."""
    widths = [max(map(cell_width, column)) for column in zip(columns, *rows, strict=True)]
    return "\n".join("".join(f" {cell}{' ' * (width - cell_width(cell))} " for cell, width
                              in zip(line, widths, strict=True)) for line in (columns, *rows))


def table_console() -> Console:
    """Where tables go: the terminal's width on a terminal; in a pipe or a log, wide enough
    that no cell is cut short."""
    from rich.console import Console

    return Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)


def send_json(report: pipeline.SendReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "day": report.day,
        "edition": report.edition,
        "stories": report.stories,
        "recipients": [asdict(r) for r in report.results],
        "sources": [asdict(s) for s in report.sources],
        "left_out": report.selection.left_out if report.selection else None,
        "problems": report.problems,
    }


def unsettled_lines(report: pipeline.SendReport) -> list[str]:
    """One line per recipient not sent; but recipients deferred or in doubt for one reason
    (a server down defers thousands alike) share a line, and an error already reported as
    the send's problem is not repeated. Each failed address has its own line, to act on."""
    groups: dict[tuple[str, str | None, str], list[str]] = {}
    for result in report.results:
        if result.status in UNSETTLED and result.error not in report.problems:
            alone = result.recipient if result.status == DeliveryStatus.FAILED else ""
            groups.setdefault((result.status, result.error, alone), []).append(result.recipient)
    lines = []
    for (status, error, _), recipients in groups.items():
        who = recipients[0] if len(recipients) == 1 else (
            f"{len(recipients)} recipients ({', '.join(recipients[:3])}"
            f"{', …' if len(recipients) > 3 else ''})")
        lines.append(f"digest: {UNSETTLED[DeliveryStatus(status)]}: {who}: {error}")
    return lines


def describe(report: pipeline.SendReport, settings: Settings) -> str:
    sent = report.counts[DeliveryStatus.SENT]
    if report.status == SendStatus.ALREADY_SENT:
        return (f"Today's digest ({report.day}) was already sent; nothing to do "
                "(use --force to send a new edition).")
    if report.status == SendStatus.NOTHING_NEW:
        selection = report.selection
        since = ("since the last digest" if selection and selection.after_digest
                 else f"in the last {duration(settings.window)}")
        return f"No new stories {since}; nothing sent."
    if report.status == SendStatus.INTERRUPTED:
        return (f"Stopped after {sent} recipients; the rest of edition {report.day} goes out "
                "with the next send.")
    if report.status == SendStatus.NONE_IN_DOUBT:
        return "No recipient's delivery is unknown; nothing to send again."
    if report.error_code:
        return (f"Stopped after {sent} recipient{'s' if sent != 1 else ''}: the others are "
                "still to send; fix the error above and send again.")
    if report.status == SendStatus.DRY_RUN:
        return f"Dry run: {report.stories} stories built and checked; nobody was contacted."
    stories = f"{report.stories} {'story' if report.stories == 1 else 'stories'}"
    if sent or not report.results:
        line = f"Sent {stories} to {sent} recipient{'s' if sent != 1 else ''}"
    else:
        line = f"Edition {report.day} ({stories}) reached nobody yet"
    for status, count in report.counts.items():
        if count and status in UNSETTLED:
            line += f"; {count} {status}"
    if report.counts[DeliveryStatus.DEFERRED]:
        line += " (the next send retries the deferred)"
    if settings.delivery.backend == "file":
        line += f" (outbox: {settings.path(settings.delivery.file.outbox)})"
    return line + "."


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--json", "as_json", is_flag=True,
              help="One JSON object per input (JSON Lines when several).")
@click.option("--max-quotes", type=click.IntRange(min=0), default=None,
              help="Key quotes per story, best first; 0 lists every quote in order.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes summarizing many inputs at once (default: one per core).")
@click.pass_obj
@reports_errors
def summarize(obj: Context, inputs: tuple[str, ...], as_json: bool, max_quotes: int | None,
              jobs: int | None) -> None:
    """Summarize stories given as files (.txt, .md, .html) or URLs: title, lead and quotes."""
    def options() -> dict[str, Any]:
        found = summarizer_options(obj)
        return found if max_quotes is None else {**found, "max_quotes": max_quotes}

    from .summarizing import summarize_inputs

    failures = 0
    for value, outcome in summarize_inputs(inputs, options, jobs):
        if isinstance(outcome, SourceError):
            exc = outcome
            failures += 1
            click.echo(f"digest: error: {exc}", err=True)
            if as_json:
                click.echo(json.dumps({"input": value, "error": str(exc)}, ensure_ascii=False))
            continue
        story, summary = outcome
        data = {
            "input": value,
            "title": story.title,
            "lead": summary.lead,
            "quotes": [asdict(q) for q in summary.quotes],
            "url": story.url,
        }
        if as_json:
            click.echo(json.dumps(data, ensure_ascii=False, indent=2 if len(inputs) == 1 else None))
        else:
            click.echo(format_summary(data))
    if failures:
        sys.exit(3 if failures == len(inputs) else 1)


def summarizer_options(obj: Context) -> dict[str, Any]:
    """The config's summarizer options when a config is present; defaults otherwise."""
    if not obj.config_path.exists():
        return {}
    return obj.reading_settings.summarizer.model_dump()


def format_summary(data: dict[str, Any]) -> str:
    lines = [data["title"], "=" * min(len(data["title"]), 76), "", data["lead"]]
    for quote in data["quotes"]:
        who = quote["speaker"] or "unattributed"
        if quote["role"]:
            who += f", {quote['role']}"
        lines += ["", f"  “{quote['text']}”", f"    — {who}"]
    return "\n".join(lines) + "\n"


@main.command()
@click.option("--connect", is_flag=True,
              help="Also try the mail server or API key, each source's URL and the state folder.")
@click.pass_obj
def check(obj: Context, connect: bool) -> None:
    """Validate the config and report every problem found.

    Exit 2 when the config is wrong, 1 when only recipient rows would be skipped (or, with
    --connect, when an item could not be reached)."""
    try:
        from ..config import load_settings

        settings = load_settings(obj.config_path, delivering=connect)
    except ConfigError as exc:
        for problem in exc.problems:
            click.echo(f"digest: error: {problem}", err=True)
        sys.exit(2)
    from . import pipeline

    problems, skipped = pipeline.check(settings)
    for problem in problems:
        click.echo(f"digest: error: {problem}", err=True)
    if problems:
        sys.exit(2)
    if connect:
        from .connect_check import connect_check

        lines = connect_check(settings)
        click.echo("\n".join(map(str, lines)))
        skipped = skipped or [line.item for line in lines if not line.ok]
    if skipped:  # each row was reported as it was read; a send skips them the same way
        sys.exit(1)
    count = len(settings.sources)
    click.echo(f"{obj.config_path}: OK ({count} source{'' if count == 1 else 's'}, "
               f"backend {settings.delivery.backend})")


main.add_command(state_cli.migrate)
main.add_command(state_cli.state)
readers_cli.install(main, reports_errors)
main.add_command(explain_cli.command(reports_errors))
