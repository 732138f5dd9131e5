"""The story's paragraphs out of a page's tree: trafilatura's extraction read block by block,
without the headline and decks above the story; and, when the fast extraction missed the
story, the page's JSON-LD text, trafilatura's slower extraction or the prose of the page's
app data in its place."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from ..core.prose import is_chrome, is_prose
from ..core.text import clean, word_count
from .metadata import app_state_texts, linked_body

BLANK_LINES = re.compile(r"\n[ \t]*\n")
LINE_BREAKS = re.compile(r"\s*\n\s*")  # JSON-LD text parts its paragraphs by one or two
GLUED_MIN_WORDS = 8
# A fast extraction with fewer words of story prose than this missed the story: try others.
THIN_STORY_WORDS = 60
BLOCK_TAGS = frozenset({"p", "head", "list", "quote"})
NESTING = BLOCK_TAGS | {"div"}
SET_ABOVE = frozenset({"quote"})  # blocks a page may set above the story's text
# HTML's blocks as trafilatura names them; containers of blocks all count as a "div".
AS_BLOCK = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "head"),
    **dict.fromkeys(("ul", "ol"), "list"),
    **dict.fromkeys(("section", "article", "main", "body"), "div"),
    "blockquote": "quote",
}
# "(CNN)President": a dateline run into the first word by the page's markup.
GLUED_PARENTHESIS = re.compile(r"\)(?=[A-Z][a-z])")


def story_paragraphs(tree: HtmlElement, url: str | None, title: str | None
                     ) -> tuple[str, ...]:
    """The story's paragraphs by trafilatura's fast extraction, or, when that leaves little
    but chrome (a newsletter's greeting, a photo's caption: the story was missed or lives
    in the page's data), by the first of the page's JSON-LD `articleBody`, trafilatura's
    slower extraction (its other algorithms) and the prose of the data a script-drawn page
    embeds for its app that holds more of a story. A short story
    that was found (a brief) is only ever replaced by more of itself."""
    found = extracted(tree, url, title, fast=True)
    if story_words(found, title, THIN_STORY_WORDS) >= THIN_STORY_WORDS:
        return found
    linked = linked_body(tree) or ""
    first = next((p for p in found if is_prose(p) and not is_chrome(p, title)), None)
    for fallback in (
        lambda: tuple(p for p in map(clean, LINE_BREAKS.split(linked)) if p),
        lambda: extracted(tree, url, title, fast=False),
        lambda: tuple(p for p in app_state_texts(tree, title) if is_prose(p)),
    ):
        paragraphs = fallback()
        more = story_words(paragraphs, title) > max(story_words(found, title), THIN_STORY_WORDS)
        if more and (first is None or first in paragraphs):
            return paragraphs
    return found


def extracted(tree: HtmlElement, url: str | None, title: str | None, *, fast: bool
              ) -> tuple[str, ...]:
    import trafilatura

    document = trafilatura.bare_extraction(
        tree, url=url, fast=fast, include_comments=False, include_tables=False,
        with_metadata=False,
    )
    body = getattr(document, "body", None)
    return tuple(body_paragraphs(body, title)) if body is not None else ()


def story_words(paragraphs: tuple[str, ...], title: str | None, enough: int | None = None
                ) -> int:
    """Words in paragraphs of prose that are not chrome (how much of a story they hold),
    counted up to `enough`."""
    count = 0
    for text in paragraphs:
        if enough is not None and count >= enough:
            break
        if is_prose(text) and not is_chrome(text, title):
            count += word_count(text)
    return count


def body_paragraphs(body: etree._Element, title: str | None) -> list[str]:
    """Paragraph texts of trafilatura's body, without the headline and decks above the story.

    Headings before the first paragraph of prose are the page's headline, kicker and
    deck. Text sharing a heading with the headline ("Headline<br>First paragraph", or
    glued to it) is kept as a paragraph. Quotes before it (a pull quote, a post quoted
    from elsewhere) are set above the story, and left out when a paragraph of prose follows
    them; a story of quotes alone keeps them.
    """
    lines_read: list[tuple[bool, str]] = []  # (above the story, line)
    started = False
    for tag, lines in body_blocks(body):
        if tag == "head" and not started:
            lines = after_title(lines, title)
        for line in lines:
            above = not started and tag in SET_ABOVE
            started = started or (is_prose(line) and not above)
            lines_read.append((above, line))
    return [line for above, line in lines_read if not (started and above)]


def after_title(lines: list[str], title: str | None) -> list[str]:
    """The lines of a heading that follow the headline in it (none when it has no headline)."""
    for index, line in enumerate(lines):
        if title and line.startswith(title):
            rest = line[len(title) :].strip()
            glued = [rest] if word_count(rest) >= GLUED_MIN_WORDS else []
            return glued + lines[index + 1 :]
    return []


def body_blocks(body: etree._Element, within: str | None = None
                ) -> Iterator[tuple[str, list[str]]]:
    """(tag, lines) for each block of the extracted body: paragraphs and list items (p),
    headings (head) and quotes (quote; `within` one, its paragraphs too). trafilatura's
    own output names them p, head, list/item and quote; its slower fallback gives HTML (div,
    h2, ul/li, blockquote), read the same way."""
    for element in body:
        tag = AS_BLOCK.get(element.tag, element.tag)
        if tag == "list":
            for item in element:
                if item.tag in ("item", "li"):
                    yield within or "p", text_lines(item)
        elif tag in ("quote", "div") and any(AS_BLOCK.get(c.tag, c.tag) in NESTING
                                             for c in element):
            yield from body_blocks(element, "quote" if tag == "quote" else within)
        elif tag in BLOCK_TAGS or tag == "div":
            yield within or ("p" if tag == "div" else tag), text_lines(element)
        if element.tail and element.tail.strip():  # loose text after a block is a block too
            yield within or "p", [line for line in map(clean, element.tail.split("\n")) if line]


def text_lines(element: etree._Element) -> list[str]:
    """The element's text, one entry per line: trafilatura keeps <br> as <lb/>."""
    for line_break in element.iter("lb", "br"):
        line_break.tail = "\n" + (line_break.tail or "")
    text = GLUED_PARENTHESIS.sub(") ", "".join(element.itertext()))
    return [line for line in map(clean, text.split("\n")) if line]
