"""`digest summarize`: the title, lead and quotes of stories given as files or URLs,
without a config if there is none. Imported whenever `digest` starts: the summarizer when it
runs."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Any

import click

from ..core.errors import SourceError
from .cli_context import Context
from .cli_errors import reports_errors


@click.command()
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
