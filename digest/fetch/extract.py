"""Article text out of documents: plain-text page dumps and HTML pages (Markdown is
markdown.py; what a page says of itself, metadata.py; the page's tree put in shape before it
is read, tidy.py; its header, header.py; the story's blocks of a page, body.py).

Each reader returns an `Article` whose paragraphs are plain text, in reading order.
Page chrome that cannot be told apart from the story without reading it (decks,
captions, promos) is left for the summarizer, which knows what a lead looks like.
"""

from __future__ import annotations

import re
import threading
from itertools import pairwise

from ..core.errors import SourceError
from ..core.models import Article, pixel_size
from ..core.prose import is_chrome, is_drop_cap, is_prose, with_drop_cap
from ..core.text import clean, ends_sentence, normalized, word_count, wordset
from .body import BLANK_LINES, story_paragraphs
from .charset import decode, meta_charset
from .header import mark_decks
from .metadata import page_metadata, parse_date
from .tidy import tidy
from .titles import chrome_title

# --- plain text --------------------------------------------------------------------------

HEADER_LINE = re.compile(r"^(title|url|link|source|date|published|author|by|image)\s*:\s*(.+)$",
                         re.IGNORECASE)
# Words headlines leave out and decks keep: "Korea quits office" / "Pyongyang is pulling out".
DECK_WORDS = wordset("a an the is are was were be been being this these those will would")
WRAP_WIDTH = 50  # lines of hard-wrapped prose are at least this long
# lxml's XPath evaluators are not thread-safe, and trafilatura and lxml.html keep theirs
# module-wide: two threads reading pages at once corrupt the heap (the process aborts, no
# error is raised). So a process reads one page at a time; worker processes read side by side.
READING = threading.Lock()


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
            paragraphs[-1][-1] = with_drop_cap(previous, line, block)
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

    Candidates are short lines that are not sentences, nor a breadcrumb or a menu's heading
    ("Home › News › Local"); a headline drops articles and auxiliaries ("North Korea
    quits…") where a deck keeps them ("Pyongyang is pulling out…"), so the line with fewest
    such words wins, the earliest on a tie.
    """
    candidates: list[tuple[int, int, str]] = []
    for index, text in enumerate(paragraphs):
        if is_prose(text) and not is_chrome(text, None):
            break
        if (is_chrome(text, None) or chrome_title(text) or not 3 <= word_count(text) <= 25
                or text.endswith(".")):
            continue
        deck_words = sum(w in DECK_WORDS for w in normalized(text).split())
        candidates.append((deck_words, index, text))
    return min(candidates)[2] if candidates else None


# --- HTML --------------------------------------------------------------------------------

# Tags that make text a piece of a page, when it has no <html> or <body> of its own.
FRAGMENT_TAGS = re.compile(
    r"<(?:p|div|article|section|main|h[1-6]|blockquote|ul|ol|li|table|figure|pre|span)\b",
    re.IGNORECASE,
)


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
        with READING:
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
    title = meta.get("title")
    tidy(tree, html)
    mark_decks(tree)
    return Article(
        title=title,
        paragraphs=story_paragraphs(tree, url, title),
        author=meta.get("author"),
        published=parse_date(meta.get("date")),
        image=meta.get("image"),
        image_size=pixel_size(meta.get("image_width"), meta.get("image_height")),
        site_name=meta.get("site_name"),
        description=meta.get("description"),
        url=meta.get("url"),
    )
