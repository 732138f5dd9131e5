"""The filters the templates call, registered by `Renderer.create`: prose wrapped for the
text part, an image's shown size, a story's byline and a quote's attribution.
"""

from __future__ import annotations

import functools
import re

import jinja2

from ..core.models import Quote, Summary

TEXT_WIDTH = 76


@functools.lru_cache(maxsize=8)
def line_pattern(width: int) -> re.Pattern[str]:
    """Up to `width` characters ending before a space, else one longer word on its own."""
    return re.compile(rf"(.{{1,{max(width, 1)}}})(?: |$)|(\S+)(?: |$)")


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "") -> str:
    """Wrap prose for the text part at spaces only, so words and URLs stay whole.

    The greedy fill of textwrap.fill (break_long_words and break_on_hyphens off) done by
    one regular expression, at a tenth of the cost: a render wraps hundreds of paragraphs.
    """
    lines = line_pattern(width - len(indent)).findall(" ".join(text.split()))
    return "\n".join(indent + (line or word) for line, word in lines)


def image_height(size: tuple[int, int] | None, width: int) -> int | None:
    """The height of an image of `size` shown `width` pixels wide (None when unknown)."""
    return max(1, round(width * size[1] / size[0])) if size else None


def image_width(size: tuple[int, int] | None, column: int) -> int | None:
    """How wide an image of `size` is shown in a column `column` pixels wide: its own width
    when narrower (a thumbnail is never stretched), else the column's; None when unknown."""
    return min(size[0], column) if size else None


@jinja2.pass_context
def byline(context: jinja2.runtime.Context, summary: Summary) -> str:
    """ "Source · 19 Nov, 14:05 · also in Other, Another", in the edition's time zone; the
    date carries its year when that is not the edition's."""
    story = summary.story
    parts = [story.source]
    if story.published:
        edition = context["digest"].date
        published = story.published.astimezone(edition.tzinfo)
        same_year = published.year == edition.year
        parts.append(published.strftime("%-d %b, %H:%M" if same_year else "%-d %b %Y, %H:%M"))
    if summary.also_in:
        parts.append("also in " + ", ".join(summary.also_in))
    return " · ".join(parts)


def attribution(quote: Quote) -> str:
    """ "Speaker, role", either part alone, or nothing."""
    return ", ".join(filter(None, (quote.speaker, quote.role)))
