"""The `digest` group: its shared options, and every command registered on it.

Thin commands: parse arguments, call the pipeline, print, map errors to exit codes. Each
family of commands is a module of its own (`*_cli.py`); what they print with is in
`cli_output`, what they share in `cli_context`.

Exit codes: 0 ok, 1 partial failure, 2 usage or config error, 3 nothing could be done.

Each command imports what it uses when it runs: cron starts `digest` every few minutes, and
`--help` or `status` should not wait for the libraries of collecting, rendering or sending.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from .. import __version__
from . import (
    check_cli,
    collect_cli,
    explain_cli,
    logs,
    preview_cli,
    readers_cli,
    send_cli,
    state_cli,
    summarize_cli,
)
from .cli_context import Context
from .cli_errors import reports_errors


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


main.add_command(collect_cli.collect)
main.add_command(collect_cli.sources)
main.add_command(preview_cli.preview)
main.add_command(send_cli.send)
main.add_command(send_cli.run)
main.add_command(send_cli.status)
main.add_command(summarize_cli.summarize)
main.add_command(check_cli.check)
main.add_command(state_cli.migrate)
main.add_command(state_cli.state)
readers_cli.install(main, reports_errors)
main.add_command(explain_cli.command(reports_errors))
