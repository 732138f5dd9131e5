"""Markdown stories: optional YAML front matter, `# Title`, then paragraphs (markdown-it-py)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..core.models import Article
from ..core.text import clean, similar
from .metadata import parse_date

log = logging.getLogger(__name__)

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# CommonMark, plus GFM tables (so that they can be left out, as in pages) and ~~strikethrough~~.
MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
BLOCK_KINDS = {"heading_open": "heading", "paragraph_open": "text"}


def extract_markdown(text: str) -> Article:
    """A Markdown story: optional YAML front matter, `# Title`, then plain-text paragraphs.

    The title is the front matter's, else a heading before the first paragraph. Each
    paragraph, list item, quoted paragraph and later heading is a paragraph; code, tables and
    HTML blocks (embeds, comments) are not story text and are left out.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    meta, text = front_matter(text)
    title = text_field(meta, "title")
    image = text_field(meta, "image")
    paragraphs: list[str] = []
    for kind, inline in markdown_blocks(text):
        plain = inline_text(inline)
        if kind == "heading" and not paragraphs and (title is None or similar(plain, title)):
            title = title or plain or None
            continue
        image = image or first_image(inline)
        if plain:
            paragraphs.append(plain)
    return Article(
        title=title,
        paragraphs=tuple(paragraphs),
        author=text_field(meta, "author"),
        published=parse_date(meta.get("date") or meta.get("published")),
        image=image,
        site_name=text_field(meta, "site_name") or text_field(meta, "source"),
        description=text_field(meta, "description") or text_field(meta, "summary"),
        url=text_field(meta, "url") or text_field(meta, "link"),
    )


def front_matter(text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter (as a dict; empty when absent or unreadable) and the text after it."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as exc:
        log.warning("ignoring unreadable front matter: %s", exc)
        meta = None
    return (meta if isinstance(meta, dict) else {}), text[match.end() :]


def text_field(meta: dict[str, Any], key: str) -> str | None:
    """A front-matter value as text; lists (several authors) are joined with commas."""
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v is not None)
    return str(value).strip() or None


def markdown_blocks(text: str) -> Iterator[tuple[str, Token]]:
    """("heading" | "text", inline token) for each heading and paragraph, in reading order."""
    for opening, inline in pairwise(MARKDOWN.parse(text)):
        if inline.type == "inline" and opening.type in BLOCK_KINDS:
            yield BLOCK_KINDS[opening.type], inline


def inline_text(inline: Token) -> str:
    """The words of a block: links keep their text, code its content; images and tags go."""
    words: list[str] = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return clean("".join(words))


def first_image(inline: Token) -> str | None:
    """The address of the block's first image."""
    found = next((c for c in inline.children or () if c.type == "image"), None)
    source = found.attrGet("src") if found else None
    return str(source) if source else None
