"""Article text out of documents: plain-text page dumps and HTML pages (Markdown is
markdown.py; what a page says of itself, metadata.py).

Each reader returns an `Article` whose paragraphs are plain text, in reading order.
Page chrome that cannot be told apart from the story without reading it (decks,
captions, promos) is left for the summarizer, which knows what a lead looks like.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from lxml import etree
from lxml.html import HtmlElement

from ..core.errors import SourceError
from ..core.models import Article, pixel_size
from ..core.prose import is_chrome, is_drop_cap, is_prose
from ..core.text import clean, ends_sentence, normalized, word_count, wordset
from .charset import decode, meta_charset
from .metadata import page_metadata, parse_date

# --- plain text --------------------------------------------------------------------------

HEADER_LINE = re.compile(r"^(title|url|link|source|date|published|author|by|image)\s*:\s*(.+)$",
                         re.IGNORECASE)
BLANK_LINES = re.compile(r"\n[ \t]*\n")
# Words headlines leave out and decks keep: "Korea quits office" / "Pyongyang is pulling out".
DECK_WORDS = wordset("a an the is are was were be been being this these those will would")
WRAP_WIDTH = 50  # lines of hard-wrapped prose are at least this long


def extract_text(text: str) -> Article:
    """A plain-text dump of a page: optional `Key: value` header lines, then blank-line blocks.

    The title is the header's `Title:` or else the headline guessed from the lines
    above the story's first paragraph.
    """
    headers, body = split_header(text.replace("\r\n", "\n").replace("\r", "\n"))
    paragraphs = [p for block in BLANK_LINES.split(body) for p in block_paragraphs(block)]
    title = headers.get("title") or guess_title(paragraphs)
    return Article(
        title=title,
        paragraphs=tuple(paragraphs),
        author=headers.get("author") or headers.get("by"),
        published=parse_date(headers.get("date") or headers.get("published")),
        image=headers.get("image"),
        url=headers.get("url") or headers.get("link") or headers.get("source"),
    )


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Leading `Title: …`/`URL: …` lines, as a dict, and the text after them."""
    headers: dict[str, str] = {}
    lines = text.lstrip("\ufeff\n").split("\n")
    for index, line in enumerate(lines):
        match = HEADER_LINE.match(line.strip())
        if not match:
            return headers, "\n".join(lines[index:])
        headers[match.group(1).lower()] = match.group(2).strip()
    return headers, ""


def block_paragraphs(block: str) -> list[str]:
    """The paragraphs of one blank-line block: wrapped prose joins, stacked title lines don't."""
    lines = [clean(line) for line in block.split("\n") if line.strip()]
    if not lines:
        return []
    longest = max(len(line) for line in lines)
    prose_block = ends_sentence(lines[-1])
    paragraphs = [[lines[0]]]  # each paragraph's lines, joined once at the end
    for previous, line in pairwise(lines):
        if is_drop_cap(previous) and line[0].islower():  # "T" above "he mayor said…"
            paragraphs[-1][-1] += line
        elif continues(previous, line, longest=longest, prose_block=prose_block):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    return [" ".join(joined) for joined in paragraphs]


def continues(previous: str, line: str, *, longest: int, prose_block: bool) -> bool:
    """True when `line` carries on the sentence of `previous` (a wrapped line)."""
    if not line[0].isupper() and not line.startswith(("“", '"', "‘", "'")):
        return True
    # A break before a capital joins only lines wrapped at a width, in a block of prose.
    return prose_block and longest >= WRAP_WIDTH and len(previous) >= 0.6 * longest


def guess_title(paragraphs: list[str]) -> str | None:
    """The headline among the lines above the first paragraph of the story.

    Candidates are short lines that are not sentences; a headline drops articles and
    auxiliaries ("North Korea quits…") where a deck keeps them ("Pyongyang is pulling
    out…"), so the line with fewest such words wins, the earliest on a tie.
    """
    candidates: list[tuple[int, int, str]] = []
    for index, text in enumerate(paragraphs):
        if is_prose(text) and not is_chrome(text, None):
            break
        if is_chrome(text, None) or not 3 <= word_count(text) <= 25 or text.endswith("."):
            continue
        deck_words = sum(w in DECK_WORDS for w in normalized(text).split())
        candidates.append((deck_words, index, text))
    return min(candidates)[2] if candidates else None


# --- HTML --------------------------------------------------------------------------------

# Elements holding one character and nothing else, and images standing for one letter:
# drop caps among them.
DROP_CAP_PATH = (
    "//body//*[not(*)][string-length(normalize-space(text())) = 1]"
    " | //body//img[string-length(normalize-space(@alt)) = 1]"
)
# Elements whose one letter is a word of its own: a cell, an item, a link, a footnote mark.
NOT_DROP_CAPS = frozenset(
    "td th li dt dd option button label a abbr sup sub code kbd var title script style".split()
)
GLUED_MIN_WORDS = 8
BLOCK_TAGS = frozenset({"p", "head", "list", "quote"})
# Tags that make text a piece of a page, when it has no <html> or <body> of its own.
FRAGMENT_TAGS = re.compile(
    r"<(?:p|div|article|section|main|h[1-6]|blockquote|ul|ol|li|table|figure|pre|span)\b",
    re.IGNORECASE,
)
# "(CNN)President": a dateline run into the first word by the page's markup.
GLUED_PARENTHESIS = re.compile(r"\)(?=[A-Z][a-z])")


def decode_text(raw: bytes, charset: str | None = None) -> str:
    """The text of a story's bytes, by what they are (`charset.decode`); `charset` is the one
    the server named, if any."""
    return decode(raw, charset).text


def extract_html(html: str | bytes, url: str | None = None, charset: str | None = None
                 ) -> Article:
    """A web page's article: metadata from its meta tags and JSON-LD, text via trafilatura.

    Bytes are decoded by what they are, `charset` (the server's word) and the page's own
    `<meta charset>` heard first. Garbage in gives an Article with no paragraphs. The only
    error raised is SourceError: for input that is not text, or a page the parsers fail on.
    """
    if not isinstance(html, str | bytes):
        raise SourceError(f"cannot read HTML from a {type(html).__name__}")
    if isinstance(html, bytes):
        html = decode(html, charset, meta_charset(html)).text
    empty = Article(title=None, paragraphs=(), url=url)
    if not html.strip():
        return empty
    try:
        return read_page(html, url) or empty
    except Exception as exc:  # the parsers have no error type of their own; report it as ours
        raise SourceError(f"could not read the page{f' {url}' if url else ''}: {exc}") from exc


def read_page(html: str, url: str | None) -> Article | None:
    """The page's Article, or None when it is not HTML at all."""
    import trafilatura  # slow to import; only HTML sources need it

    tree = trafilatura.load_html(html)
    if tree is None and FRAGMENT_TAGS.search(html):  # a fragment: an article's body alone
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        return None
    meta = page_metadata(tree, url)
    join_drop_caps(tree)
    document = trafilatura.bare_extraction(
        tree, url=url, fast=True, include_comments=False, include_tables=False,
        with_metadata=False,
    )
    body = getattr(document, "body", None)
    title = meta.get("title")
    return Article(
        title=title,
        paragraphs=tuple(body_paragraphs(body, title)) if body is not None else (),
        author=meta.get("author"),
        published=parse_date(meta.get("date")),
        image=meta.get("image"),
        image_size=pixel_size(meta.get("image_width"), meta.get("image_height")),
        site_name=meta.get("site_name"),
        description=meta.get("description"),
        url=meta.get("url"),
    )


def join_drop_caps(tree: HtmlElement) -> None:
    """Put each drop cap back in its word: a capital alone in an element of its own
    (`<span class="cap">T</span>he mayor…`, `<span>T</span><p>he mayor…</p>`) or drawn as an
    image (`<img alt="T">he mayor…`), which the text extractor would leave apart or drop."""
    for element in tree.xpath(DROP_CAP_PATH):
        if element.tag == "img":  # <img alt="T">he mayor…: the letter is the image's text
            letter = element.get("alt", "").strip()
            tail = element.tail or ""
            if letter.isupper() and letter.isalpha() and tail[:1].islower():
                element.tail = letter + tail
            continue
        letter = (element.text or "").strip()
        if not (letter.isupper() and letter.isalpha()) or element.tag in NOT_DROP_CAPS:
            continue
        tail = element.tail or ""
        if tail.strip():
            if tail[0].islower():
                element.tail = letter + tail
                element.text = ""
            continue
        following = next(element.itersiblings(etree.Element), None)
        texts = following.iter(etree.Element) if following is not None else ()
        node = next((n for n in texts if (n.text or "").strip()), None)
        if node is not None and node.text[0].islower():
            node.text = letter + node.text
            element.text = ""


def body_paragraphs(body: etree._Element, title: str | None) -> list[str]:
    """Paragraph texts of trafilatura's body, without the headline and decks above the story.

    Headings before the first paragraph of prose are the page's headline, kicker and
    deck. Text sharing a heading with the headline ("Headline<br>First paragraph", or
    glued to it) is kept as a paragraph.
    """
    paragraphs: list[str] = []
    started = False
    for tag, lines in body_blocks(body):
        if tag == "head" and not started:
            lines = after_title(lines, title)
        for line in lines:
            started = started or is_prose(line)
            paragraphs.append(line)
    return paragraphs


def after_title(lines: list[str], title: str | None) -> list[str]:
    """The lines of a heading that follow the headline in it (none when it has no headline)."""
    for index, line in enumerate(lines):
        if title and line.startswith(title):
            rest = line[len(title) :].strip()
            glued = [rest] if word_count(rest) >= GLUED_MIN_WORDS else []
            return glued + lines[index + 1 :]
    return []


def body_blocks(body: etree._Element) -> Iterator[tuple[str, list[str]]]:
    """(tag, lines) for each block of trafilatura's output: paragraphs, headings, list items."""
    for element in body:
        tag = element.tag
        if tag == "list":
            for item in element.findall("item"):
                yield "p", text_lines(item)
        elif tag == "quote" and any(child.tag in BLOCK_TAGS for child in element):
            yield from body_blocks(element)
        elif tag in BLOCK_TAGS:
            yield tag, text_lines(element)
        if element.tail and element.tail.strip():  # loose text after a block is a block too
            yield "p", [line for line in map(clean, element.tail.split("\n")) if line]


def text_lines(element: etree._Element) -> list[str]:
    """The element's text, one entry per line: trafilatura keeps <br> as <lb/>."""
    for line_break in element.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    text = GLUED_PARENTHESIS.sub(") ", "".join(element.itertext()))
    return [line for line in map(clean, text.split("\n")) if line]


