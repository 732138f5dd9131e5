"""`digest check`: every problem of the config, and with `--connect` whether each outside
service answers. Imported whenever `digest` starts: the config and the pipeline when it
runs."""

from __future__ import annotations

import sys

import click

from ..core.errors import ConfigError
from .cli_context import Context


@click.command()
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
