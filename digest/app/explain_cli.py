"""`digest explain [URL|ID]`: every candidate story of the edition that would be sent now,
and the rule that kept it or left it out (a table, or `--json`).

The candidates and the decisions are those of `digest preview` (nothing is marked as seen
or sent). `cli.py` hands in its error reporting, so that this module does not import it.
It is imported whenever `digest` starts: the pipeline and rich are imported when it runs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import click

from ..core.models import Decision, Reason, Selection
from ..core.urls import canonical_url
from ..select import stamp, summary_line
from .cli_output import table_console

if TYPE_CHECKING:
    from ..config import Settings

Wrapper = Callable[[Callable[..., Any]], Callable[..., Any]]
SHORT_ID = 12  # characters of a story id shown in the table; enough to name it


class Reading(Protocol):
    @property
    def reading_settings(self) -> Settings: ...


def command(reports_errors: Wrapper) -> click.Command:
    """The `explain` command, its errors reported by the CLI's `reports_errors`."""

    @click.command()
    @click.argument("story", required=False, metavar="[URL|ID]")
    @click.option("--json", "as_json", is_flag=True, help="Print the decisions as JSON.")
    @click.pass_obj
    @reports_errors
    def explain(obj: Reading, story: str | None, as_json: bool) -> None:
        """List each candidate story of the digest that would be sent now and the rule that
        kept or dropped it; with URL or ID, that story alone (exit 1 if it is no candidate)."""
        from . import pipeline

        digest, _, _ = pipeline.preview(obj.reading_settings, pipeline.utc_now())
        selection = digest.selection
        assert selection is not None  # a built digest always carries its selection
        decisions = matching(selection.decisions, story) if story else selection.decisions
        if as_json:
            click.echo(json.dumps(as_data(selection, decisions), indent=2, ensure_ascii=False))
        elif decisions or not story:
            print_table(selection, decisions)
        if story and not decisions:
            click.echo(f"digest: {story} is not a candidate: the candidates are the stories "
                       f"collected since {stamp(selection.since)}", err=True)
            sys.exit(1)

    return explain


def matching(decisions: Sequence[Decision], wanted: str) -> list[Decision]:
    """The candidates `wanted` names: by id (or its start), by URL, or by canonical URL."""
    url = canonical_url(wanted) if wanted.startswith(("http://", "https://")) else None
    return [d for d in decisions
            if d.story.id.startswith(wanted) or (url and d.story.url and (
                d.story.url == wanted or canonical_url(d.story.url) == url))]


def as_data(selection: Selection, decisions: Sequence[Decision]) -> dict[str, Any]:
    return {
        "since": selection.since.isoformat(),
        "since_last_digest": selection.after_digest,
        "summary": summary_line(selection),
        # entries the sources did not make into stories (older, over a source's limit)
        "uncollected": {reason: n for reason, n in selection.uncollected.items() if n},
        "stories": [{
            "id": d.story.id, "source": d.story.source, "title": d.story.title,
            "url": d.story.url,
            "published": d.story.published.isoformat() if d.story.published else None,
            "decision": d.reason, "why": d.why, "also_in": list(d.also_in),
        } for d in decisions],
    }


def print_table(selection: Selection, decisions: Sequence[Decision]) -> None:
    from rich.table import Table

    table = Table("decision", "source", "published", "title", "id", "why", box=None)
    for d in decisions:
        why = d.why or (f"also in {', '.join(d.also_in)}" if d.also_in else "")
        table.add_row(d.reason if d.reason is not Reason.KEPT else "[bold]kept[/]",
                      d.story.source, stamp(d.story.published) if d.story.published else "",
                      d.story.title, d.story.id[:SHORT_ID], why)
    table_console().print(table)
    click.echo(summary_line(selection))
