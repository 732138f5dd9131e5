"""Point at the template line behind invalid MJML.

mjml-python says only that the markup is malformed ("unexpected end of stream"), not where.
Here the MJML is rendered again, chunk by chunk, noting which template and line wrote each
chunk; a tag check finds the first unbalanced MJML tag; its chunk names the template line.
This runs only after a failure, so it costs nothing on a good render.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from types import FrameType, GeneratorType
from typing import Any

import jinja2


class TagCheck(HTMLParser):
    """Finds the first MJML tag (`mjml`, `mj-*`) that closes nothing open or is never closed.

    HTML inside `mj-text` is left alone: MJML passes it through as it is.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[tuple[str, tuple[int, int]]] = []
        self.problem: tuple[str, tuple[int, int]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.startswith("mj"):
            self.open.append((tag, self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """`<mj-all ... />` opens nothing."""

    def handle_endtag(self, tag: str) -> None:
        if not tag.startswith("mj") or self.problem:
            return
        if self.open and self.open[-1][0] == tag:
            self.open.pop()
        elif any(name == tag for name, _ in self.open):
            # Closing an outer tag: the tag opened last was never closed.
            name, position = self.open[-1]
            self.problem = (f"<{name}> is never closed", position)
        else:
            self.problem = (f"</{tag}> closes nothing open", self.getpos())

    def first_problem(self, mjml: str) -> tuple[str, tuple[int, int]] | None:
        self.feed(mjml)
        self.close()
        if self.problem is None and self.open:
            name, position = self.open[-1]
            self.problem = (f"<{name}> is never closed", position)
        return self.problem


def innermost_frame(generator: GeneratorType) -> FrameType | None:
    """The frame that produced the last chunk: includes run as nested generators."""
    while generator.gi_frame is not None:
        frame = generator.gi_frame
        inner = generator.gi_yieldfrom or frame.f_locals.get("gen")  # Jinja's include loop
        if not isinstance(inner, GeneratorType) or inner.gi_frame is None:
            return frame
        generator = inner
    return None


def traced_render(template: jinja2.Template, context: dict[str, Any]) -> Iterator[
    tuple[str, str, int]
]:
    """The template's output as (chunk, template file, template line)."""
    generator = template.root_render_func(template.new_context(context))
    for chunk in generator:
        frame = innermost_frame(generator)
        source = frame and frame.f_globals.get("__jinja_template__")
        if frame is None or source is None:
            yield chunk, template.filename or template.name or "?", 0
        else:
            yield chunk, source.filename or source.name, source.get_corresponding_lineno(
                frame.f_lineno
            )


def template_line(filename: str, near: int, tag: str) -> int:
    """The line of `tag` in a template file. Jinja knows the line of each expression, not of
    the text between them, so a chunk of text maps to the line of the expression before it:
    the tag is on the first line from there on that holds it."""
    try:
        lines = Path(filename).read_text(encoding="utf-8").splitlines()
    except OSError:
        return near
    return next((number for number in range(max(near, 1), len(lines) + 1)
                 if tag in lines[number - 1]), near)


def locate_mjml_problem(template: jinja2.Template, context: dict[str, Any]) -> str | None:
    """ "file:line (what is wrong)" for the first unbalanced MJML tag, or None if all balance."""
    chunks = list(traced_render(template, context))
    mjml = "".join(chunk for chunk, _, _ in chunks)
    found = TagCheck().first_problem(mjml)
    if found is None:
        return None
    what, (line, column) = found
    offset = sum(len(text) + 1 for text in mjml.split("\n")[: line - 1]) + column
    tag = mjml[offset:].split(">", 1)[0].split()[0]  # "<mj-text" or "</mj-column"
    start = 0
    for chunk, filename, near in chunks:
        start += len(chunk)
        if start > offset:
            return f"{filename}:{template_line(filename, near, tag)} ({what})"
    return None
