"""Article text out of documents: plain-text page dumps, Markdown and HTML pages.

Each reader returns an `Article` whose paragraphs are plain text, in reading order.
Page chrome that cannot be told apart from the story without reading it (decks,
captions, promos) is left for the summarizer, which knows what a lead looks like.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

import yaml
from lxml import etree
from lxml.html import HtmlElement
from markdown_it import MarkdownIt
from markdown_it.token import Token

from ..core.errors import SourceError
from ..core.models import Article, pixel_size
from ..core.prose import is_chrome, is_drop_cap, is_prose
from ..core.text import clean, ends_sentence, normalized, similar, word_count, wordset
from .charset import decode, meta_charset

log = logging.getLogger(__name__)

__all__ = ["decode_text", "extract_html", "extract_markdown", "extract_text", "parse_date"]


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


# --- Markdown ----------------------------------------------------------------------------

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


# --- HTML --------------------------------------------------------------------------------

ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|NewsArticle", re.IGNORECASE)
TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+|\s+[|»]\s*|\s*[|»]\s+")
# Elements holding one character and nothing else: drop caps among them.
DROP_CAP_PATH = "//body//*[not(*)][string-length(normalize-space(text())) = 1]"
# Elements whose one letter is a word of its own: a cell, an item, a link, a footnote mark.
NOT_DROP_CAPS = frozenset(
    "td th li dt dd option button label a abbr sup sub code kbd var title script style".split()
)
HEADINGS_TRIED = 5
HOST_WORDS = frozenset({"", "www", "com", "org", "net", "co", "uk", "news"})
# Headings of menus and page furniture that pages mark up as their title or first <h1>.
NAVIGATION_TITLES = frozenset(
    "sections|menu|main menu|navigation|main navigation|site navigation|search|home|homepage"
    "|skip to content|skip to main content|about|about us|subscribe|sign in|log in|account"
    "|my account|close|open menu|top stories|latest news|trending|more|share|advertisement"
    "|breadcrumb|breadcrumbs|you are here".split("|")
)
# "Home › News › …", "Home / World", "News » Local » …": a trail of links, not a headline.
CRUMB_TITLE = re.compile(r"^home\s*[›»>/|]|[›»>].*[›»>]", re.IGNORECASE)
BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by)\s+", re.IGNORECASE)
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
    (`<span class="cap">T</span>he mayor…`, `<span>T</span><p>he mayor…</p>`), which the
    text extractor would leave apart from the word or drop."""
    for element in tree.xpath(DROP_CAP_PATH):
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


def page_metadata(tree: HtmlElement, url: str | None) -> dict[str, str]:
    """Title, author, date, image, site name, description and URL from the page's head."""
    meta = meta_tags(tree)
    linked = json_ld(tree)
    site_name = meta.get("og:site_name") or linked.get("publisher")
    found: dict[str, str | None] = {
        "title": headline(tree, meta, linked, site_name, url or meta.get("og:url")),
        "author": linked.get("author") or person(meta.get("author"))
        or person(meta.get("article:author")) or person(meta.get("dc.creator"))
        or person(meta.get("byl")),
        "date": meta.get("article:published_time") or linked.get("datePublished")
        or meta.get("og:article:published_time") or meta.get("pubdate")
        or meta.get("publishdate") or meta.get("date") or meta.get("dc.date")
        or meta.get("parsely-pub-date") or meta.get("sailthru.date"),
        **lead_image(meta, linked),
        "site_name": site_name,
        "description": meta.get("og:description") or meta.get("description")
        or linked.get("description"),
        "url": url or meta.get("og:url") or first_attr(tree, "//link[@rel='canonical']", "href"),
    }
    found["title"] = clean_title(found["title"], found["site_name"])
    if not plausible(parse_date(found["date"])):
        found["date"] = page_date(tree, found["url"])
    return {key: clean(value) for key, value in found.items() if value and clean(value)}


def headline(tree: HtmlElement, meta: dict[str, str], linked: dict[str, str],
             site_name: str | None, url: str | None) -> str | None:
    """The page's headline: the first of its og:title, JSON-LD headline, twitter:title, <h1>s
    and <title> that is not a menu's heading ("Sections"), a breadcrumb or the site's name;
    the site's name only when nothing else is given."""
    candidates = [
        meta.get("og:title"), linked.get("headline"), meta.get("twitter:title"),
        *(clean(h1.text_content()) for h1 in tree.xpath("//h1")[:HEADINGS_TRIED]),
        first_text(tree, "//head/title"),
    ]
    found = [clean(c) for c in candidates if c and clean(c) and not chrome_title(clean(c))]
    host = (urlsplit(url or "").hostname or "").split(".")
    sites = {site_key(site_name or ""), *(label for label in host if label not in HOST_WORDS)}
    return next((t for t in found if site_key(t) not in sites), found[0] if found else None)


def chrome_title(text: str) -> bool:
    """A menu's heading or a breadcrumb, which pages give where a headline should be."""
    return normalized(text) in NAVIGATION_TITLES or CRUMB_TITLE.search(text) is not None


def site_key(name: str) -> str:
    """A site's name as compared with a title and with the labels of its host name:
    "The Daily Planet" and "Daily Planet" give "dailyplanet"."""
    return normalized(name).removeprefix("the ").replace(" ", "")


def lead_image(meta: dict[str, str], linked: dict[str, str]) -> dict[str, str | None]:
    """The page's lead image, with the size given beside the URL that was picked."""
    candidates = (
        (meta.get("og:image"), meta.get("og:image:width"), meta.get("og:image:height")),
        (linked.get("image"), linked.get("image_width"), linked.get("image_height")),
        (meta.get("twitter:image"), None, None),
    )
    image, width, height = next((c for c in candidates if c[0]), (None, None, None))
    return {"image": image, "image_width": width, "image_height": height}


def meta_tags(tree: HtmlElement) -> dict[str, str]:
    """<meta> contents by lower-cased name/property; the first of each wins."""
    tags: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = element.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), content.strip())
    return tags


def json_ld(tree: HtmlElement) -> dict[str, str]:
    """Headline, author, dates, image, publisher and description from the JSON-LD article."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in json_items(data):
            if ARTICLE_TYPES.search(str(item.get("@type", ""))):
                return linked_fields(item)
    return {}


def json_items(data: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document: top level, lists and @graph."""
    if isinstance(data, list):
        for entry in data:
            yield from json_items(entry)
    elif isinstance(data, dict):
        yield data
        yield from json_items(data.get("@graph", []))


def linked_fields(item: dict[str, Any]) -> dict[str, str]:
    fields = {
        "headline": json_text(item.get("headline")),
        "author": ", ".join(filter(None, map(json_name, as_list(item.get("author"))))) or None,
        "datePublished": json_text(item.get("datePublished") or item.get("dateCreated")),
        **linked_image(as_list(item.get("image"))),
        "publisher": json_name(item.get("publisher")),
        "description": json_text(item.get("description")),
    }
    return {key: value for key, value in fields.items() if value}


def linked_image(images: list[Any]) -> dict[str, str | None]:
    """The first JSON-LD image with a URL, and its width and height when it is an ImageObject."""
    for image in images:
        url = json_url(image)
        if url:
            width, height = (
                (json_number(image.get("width")), json_number(image.get("height")))
                if isinstance(image, dict) else (None, None)
            )
            return {"image": url, "image_width": width, "image_height": height}
    return {}


def json_number(value: Any) -> str | None:
    """800, "800" or {"@type": "QuantitativeValue", "value": 800} as text."""
    if isinstance(value, dict):
        value = value.get("value")
    return str(value) if isinstance(value, int | float | str) else None


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def json_text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def json_name(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    return person(value) if isinstance(value, str) else None


def json_url(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl")
    return value if isinstance(value, str) else None


def person(value: str | None) -> str | None:
    """An author name: no "By " prefix, and not a profile URL."""
    if not value or value.startswith(("http://", "https://", "/")):
        return None
    return BYLINE_PREFIX.sub("", value).strip() or None


def first_text(tree: HtmlElement, path: str) -> str | None:
    found = tree.xpath(path)
    if not found:
        return None
    return clean(found[0].text_content()) or None


def first_attr(tree: HtmlElement, path: str, attribute: str) -> str | None:
    found = tree.xpath(path)
    return found[0].get(attribute) if found else None


def clean_title(title: str | None, site_name: str | None) -> str | None:
    """The headline without the site's name appended ("Headline | Site", "Headline - Site")."""
    if not title:
        return None
    parts = TITLE_SEPARATORS.split(title.strip())
    if len(parts) < 2:
        return title.strip()
    site = normalized(site_name or "").replace(" com", "")
    kept = [p for p in parts if normalized(p).replace(" com", "") != site] if site else parts
    if len(kept) == len(parts) and len(parts[-1].split()) > 4:
        return title.strip()  # a dash inside the headline, not a site suffix
    return max(kept or parts, key=len).strip()


# --- dates -------------------------------------------------------------------------------

ISO_DATE_START = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}")


def parse_date(value: Any) -> datetime | None:
    """A timezone-aware datetime from ISO 8601, RFC 2822, a date or a datetime; else None.

    Times without a zone are taken as UTC, so that every date compares with every other.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, date):
        found = datetime(value.year, value.month, value.day)
    else:
        found = parse_date_text(str(value).strip())
        if found is None:
            return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def parse_date_text(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    match = ISO_DATE_START.match(text)
    try:
        return datetime.fromisoformat(match.group(0)) if match else None
    except ValueError:
        return None


def plausible(moment: datetime | None) -> bool:
    """False for no date and for placeholders such as 0001-01-01, which some CMSs write."""
    from htmldate.settings import MIN_DATE  # slow to import, as trafilatura: HTML only

    return moment is not None and moment.replace(tzinfo=None) >= MIN_DATE


def page_date(tree: HtmlElement, url: str | None) -> str | None:
    """The publication date htmldate finds in a page whose metadata names none.

    It looks at date metadata this module does not name, the day in the URL (/2019/11/18/),
    then <abbr> and <time> elements and date-like text. Its extensive search (every line of
    the page) is left off: it is slow and guesses.
    """
    import htmldate

    return htmldate.find_date(tree, extensive_search=False, original_date=True,
                              outputformat="%Y-%m-%dT%H:%M:%S%z", url=url,
                              deferred_url_extractor=True)
