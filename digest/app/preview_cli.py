"""`digest preview`: the digest that would be sent now, written to a file or served live.
Imported whenever `digest` starts: the pipeline and the preview server when it runs."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.errors import UsageError
from ..select import summary_line
from .cli_context import Context
from .cli_errors import reports_errors
from .cli_output import TerminalProgress, open_in_browser


@click.command()
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
