"""HTML fragments (feed entry content) to plain-text paragraphs."""

from __future__ import annotations

import re
from html import unescape

import lxml.html
from lxml import etree

from ..core.text import clean

BLOCK_TAGS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul br".split()
)
SKIP_TAGS = frozenset("script style noscript template iframe object embed svg head".split())


def html_to_paragraphs(html: str) -> tuple[str, ...]:
    """The text of an HTML fragment, one string per block (p, li, h2, br-separated line...)."""
    if not html or not html.strip():
        return ()
    if "<" not in html:  # no tags to parse, but its entities are HTML's all the same
        blocks = re.split(r"\n\s*\n", unescape(html) if "&" in html else html)
        return tuple(p for p in map(clean, blocks) if p)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ()
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = clean("".join(current))
        if text:
            paragraphs.append(text)
        current.clear()

    def walk(element: etree._Element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIP_TAGS:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if element.text and isinstance(element.tag, str):
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    walk(root)
    flush()
    return tuple(paragraphs)
