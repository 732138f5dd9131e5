"""Digest -> Email: Jinja2 renders MJML (compiled to HTML by mjml-python) and the text part.

Templates are looked up in the user's `templates_dir` first, then in the packaged defaults,
so a user can override one file (say `partials/story.mjml.j2`) and keep the rest.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from mjml import mjml2html

from .config import Newsletter
from .errors import RenderError
from .models import Digest, Email

HTML_TEMPLATE = "digest.mjml.j2"
TEXT_TEMPLATE = "digest.txt.j2"
TEXT_WIDTH = 76


def packaged_templates() -> Path:
    return Path(str(resources.files("digest.templates")))


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "") -> str:
    """Wrap prose for the text part without breaking words or URLs."""
    return textwrap.fill(
        " ".join(text.split()), width=width, initial_indent=indent, subsequent_indent=indent,
        break_long_words=False, break_on_hyphens=False,
    )


def safe_url(url: str | None) -> str | None:
    """Only absolute http(s) URLs may become links; anything else is dropped."""
    if not url:
        return None
    url = url.strip()
    if re.search(r"[\x00-\x20\x7f\"'<>\\]", url) or not re.match(r"https?://[^/?#]", url, re.I):
        return None
    return url


def one_line(text: str) -> str:
    """Collapse all whitespace and control characters, for headers and single-line fields."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())


@dataclass(frozen=True)
class Renderer:
    """Renders digests with one template environment, built once."""

    env: jinja2.Environment

    @classmethod
    def create(cls, templates_dir: Path | None = None) -> Renderer:
        search = [packaged_templates()]
        if templates_dir is not None:
            if not templates_dir.is_dir():
                raise RenderError(f"templates_dir {templates_dir} is not a folder")
            search.insert(0, templates_dir)
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(p) for p in search]),
            autoescape=lambda name: name is None or not name.endswith(".txt.j2"),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["wrap"] = wrap
        env.filters["safe_url"] = safe_url
        return cls(env)

    def _render(self, name: str, context: dict[str, Any]) -> str:
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise RenderError(f"{exc.filename or exc.name}:{exc.lineno}: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise RenderError(f"template {exc.name} not found") from None
        except jinja2.TemplateError as exc:
            raise RenderError(f"{name}: {exc}") from None

    def render(self, digest: Digest, newsletter: Newsletter) -> Email:
        summaries = digest.summaries
        sources = digest.source_names
        context = {
            "digest": digest,
            "newsletter": newsletter,
            "title": newsletter.title,
            "date": digest.date.strftime("%A, %-d %B %Y"),
            "intro": intro(len(summaries), len(sources)),
        }
        subject = one_line(render_subject(newsletter.subject, context))
        preheader = one_line(preheader_for([s.story.title for s in summaries]))
        context |= {"subject": subject, "preheader": preheader}
        mjml = self._render(HTML_TEMPLATE, context)
        try:
            html = mjml2html(mjml)
        except ValueError as exc:
            raise RenderError(f"{HTML_TEMPLATE}: the template made invalid MJML: {exc}") from None
        text = self._render(TEXT_TEMPLATE, context)
        return Email(subject=subject, html=html, text=text, preheader=preheader)


def render_subject(template: str, context: dict[str, Any]) -> str:
    try:
        return SandboxedEnvironment(undefined=jinja2.StrictUndefined).from_string(template).render(
            context
        )
    except jinja2.TemplateError as exc:
        raise RenderError(f"newsletter.subject: {exc}") from None


def intro(stories: int, sources: int) -> str:
    """ "12 stories from 5 sources" """
    story_word = "story" if stories == 1 else "stories"
    source_word = "source" if sources == 1 else "sources"
    return f"{stories} {story_word} from {sources} {source_word}"


def preheader_for(titles: Sequence[str]) -> str:
    """The inbox preview line: the top story's title, and how many more follow."""
    if not titles:
        return ""
    more = len(titles) - 1
    return titles[0] + (f" — and {more} more" if more else "")
