"""`digest collect` and `digest sources import`: what the sources give, fetched now or
read from an OPML file. Imported whenever `digest` starts: the pipeline when a command runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..core.errors import UsageError
from ..select import summary_line
from .cli_context import Context, quiet_start
from .cli_errors import reports_errors
from .cli_output import TerminalProgress, print_table


@click.command()
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


@click.group()
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
