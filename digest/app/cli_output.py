"""What commands draw for a person: progress bars on stderr and tables on stdout, with rich
loaded only when there is a terminal to draw on; and a browser opened on a page."""

from __future__ import annotations

import sys
import unicodedata
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from .collect import SourceResult


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
    """Where rich draws tables: the terminal's width on a terminal. Without one, wide enough
    that no cell is cut short: what `plain_table` writes instead, and the tests compare."""
    from rich.console import Console

    return Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)


def open_in_browser(target: str) -> None:
    """Open `target` in the user's browser, or say there is none and where to look."""
    import webbrowser

    if not webbrowser.open(target):
        click.echo(f"digest: no web browser could be started here; open {target} yourself",
                   err=True)
