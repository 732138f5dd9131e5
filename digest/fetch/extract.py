"""Article text out of documents: plain-text page dumps and HTML pages (Markdown is
markdown.py; what a page says of itself, metadata.py; the story's blocks of a page, body.py).

Each reader returns an `Article` whose paragraphs are plain text, in reading order.
Page chrome that cannot be told apart from the story without reading it (decks,
captions, promos) is left for the summarizer, which knows what a lead looks like.
"""

from __future__ import annotations

import re
import threading
from itertools import pairwise

from lxml import etree
from lxml.html import HtmlElement

from ..core.chrome import is_ad_slot
from ..core.errors import SourceError
from ..core.models import Article, pixel_size
from ..core.prose import is_chrome, is_drop_cap, is_prose, with_drop_cap
from ..core.text import clean, ends_sentence, normalized, word_count, wordset
from .body import BLANK_LINES, story_paragraphs
from .charset import decode, meta_charset
from .header import mark_decks
from .metadata import page_metadata, parse_date
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
# Text of a sentence or more, standing loose in the page (a line before a <br>, say).
LOOSE_LINE_PATH = "//body//text()[string-length(normalize-space(.)) > 100]"
LOOSE_AFTER = frozenset("div figure table ul ol section aside header center".split())
# Containers whose own text may stand before their paragraphs ("<div>Share Email<p>The mayor…"),
# which the text extractor runs into one.
CONTAINERS = frozenset("div section article main".split())
INLINE = frozenset("a span em i b strong small time abbr cite q u mark sup sub br img".split())
# Text in a paragraph, or a block right after one, that may be an advertisement's label
# ("Advertisement", "Story continues below"): where a slot parts a paragraph.
AD_WORDS = ("[contains(., 'dvertisement') or contains(., 'DVERTISEMENT') or contains(., 'ontinue')"
            " or contains(., 'ONTINUE')]")
EMPHASIS = frozenset("em i b strong cite q u mark".split())  # a sentence's own words, set apart
AD_TEXTS = etree.XPath(f"//p//text(){AD_WORDS} | //p/following-sibling::*[1]{AD_WORDS}")
# Elements a page marks as its breadcrumbs, by a class, an id or an accessible name
# ("breadcrumb", "entry-crumbs", "td-crumb-container"; not "crumble").
MARKED_CRUMBS = etree.XPath("//body//*[contains(@class, 'rumb') or contains(@id, 'rumb')"
                            " or contains(@aria-label, 'rumb')]")
CRUMB_NAME = re.compile(r"breadcrumb|(?:^|[\s_-])crumbs?(?:$|[\s_-])", re.IGNORECASE)
CRUMB_WORDS = 20
# Class names the text extractor takes for the story's body, when a block has one alone.
POST_CLASSES = frozenset({"post", "entry"})
POST_BLOCKS = etree.XPath("//body//*[@class='post' or @class='entry']")
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
    join_drop_caps(tree)
    drop_ad_slots(tree)
    drop_breadcrumbs(tree)
    unmark_posts(tree)
    wrap_loose_lines(tree)
    wrap_leading_text(tree)
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


def wrap_loose_lines(tree: HtmlElement) -> None:
    """Put a line of prose that follows a block loose, before a line break (`<div
    class="photo">…</div>The mayor said…<br>`), in a paragraph of its own: in a story set as
    lines between <br>s, the text extractor keeps the later lines but drops that first one."""
    for text in tree.xpath(LOOSE_LINE_PATH):
        block = text.getparent()
        following = block.getnext()
        if not text.is_tail or block.tag not in LOOSE_AFTER or following is None:
            continue
        if following.tag == "br":
            paragraph = etree.Element("p")
            paragraph.text, block.tail = block.tail, None
            block.addnext(paragraph)


def wrap_leading_text(tree: HtmlElement) -> None:
    """Put the text a container holds before its first paragraph in a paragraph of its own
    (`<div>Share Facebook Email<p>The mayor said…</p>…`): the text extractor would run it, the
    paragraphs and their sentences into one ("…EmailThe mayor said….The council…"), where a
    browser shows it on a line of its own."""
    containers = (p.getparent() for p in tree.iter("p"))  # read by their paragraphs: few
    for container in dict.fromkeys(c for c in containers if c is not None and c.tag in CONTAINERS):
        if not (container.text and container.text.strip()):
            continue
        paragraph = etree.Element("p")
        paragraph.text, container.text = container.text, None
        for child in list(container):  # the words set inline after it ("<a>Email</a>") too
            if child.tag not in INLINE:
                break
            paragraph.append(child)
        container.insert(0, paragraph)


def drop_breadcrumbs(tree: HtmlElement) -> None:
    """Take out each trail of links the page marks as its breadcrumbs (`class="breadcrumb"`,
    `aria-label="Breadcrumb"`): their separators are often drawn by the style sheet, so the
    text extractor runs the bare section names into the lead ("Business Economy Grocery
    prices…"). A marked element with the story's paragraphs inside is no trail."""
    for trail in MARKED_CRUMBS(tree):
        names = " ".join(trail.get(name, "") for name in ("class", "id", "aria-label"))
        if (CRUMB_NAME.search(names) and trail.getparent() is not None
                and word_count(trail.text_content()) <= CRUMB_WORDS
                and next(trail.iter("p", "h1"), None) is None):
            trail.drop_tree()


def unmark_posts(tree: HtmlElement) -> None:
    """Rename the class of blocks that share the class "post" or "entry" with a sibling: the
    text extractor takes the first block so named for the story's whole body, where a live
    blog names each of its posts so, and would read the first post alone, the page's other
    text (its summary, its headline) after it."""
    for parent in {block.getparent() for block in POST_BLOCKS(tree)}:
        if parent is None:
            continue
        posts = [child for child in parent if child.get("class") in POST_CLASSES]
        for post in posts if len(posts) > 1 else ():
            post.set("class", f"{post.get('class')}-item")


def drop_ad_slots(tree: HtmlElement) -> None:
    """Take out each element that holds an advertisement's label alone, and join the halves
    of a sentence it parted: a label inside a paragraph would be read into the sentence
    ("…in January<span>Advertisement</span> to pay…"), and a block inside one ends the
    paragraph there for the parser (`<p>…in January<div class="ad">…</div> to pay…</p>`),
    whose first half would be read as a paragraph of its own."""
    for found in AD_TEXTS(tree):
        slot = found.getparent() if isinstance(found, str) else found
        if slot is None or not is_ad_slot(slot.text_content()):
            continue
        while (slot.getparent() is not None and slot.getparent().tag not in ("body", "html")
               and is_ad_slot(slot.getparent().text_content())):
            slot = slot.getparent()
        # A word set in italics or bold is the sentence's own ("the show <i>Advertisement</i>").
        if slot.getparent() is None or slot.tag in ("body", "html") or slot.tag in EMPHASIS:
            continue
        parted, after = slot.getprevious(), slot.getnext()
        rest, second = (slot.tail or "").strip(), None  # the sentence's second half
        if not rest and after is not None and after.tag == "p" and not len(after):
            rest, second = (after.text or "").strip(), after
        if (parted is not None and parted.tag == "p" and rest[:1].islower()
                and not ends_sentence(clean(parted.text_content()))):
            append_text(parted, " " + rest)
            slot.tail = None
            if second is not None:
                second.drop_tree()
        slot.drop_tree()


def append_text(element: HtmlElement, text: str) -> None:
    """Add `text` at the end of the element's own text."""
    last = element[-1] if len(element) else None
    if last is None:
        element.text = (element.text or "").rstrip() + text
    else:
        last.tail = (last.tail or "").rstrip() + text


def join_drop_caps(tree: HtmlElement) -> None:
    """Put each drop cap back in its word: a capital alone in an element of its own
    (`<span class="cap">T</span>he mayor…`, `<span>T</span><p>he mayor…</p>`) or drawn as an
    image (`<img alt="T">he mayor…`), which the text extractor would leave apart or drop."""
    for element in tree.xpath(DROP_CAP_PATH):
        image = element.tag == "img"  # <img alt="T">he mayor…: the letter is the image's text
        letter = (element.get("alt", "") if image else element.text or "").strip()
        if not (letter.isupper() and letter.isalpha()) or element.tag in NOT_DROP_CAPS:
            continue
        tail = element.tail or ""
        if image or tail.strip():
            if tail[:1].islower():
                element.tail = with_drop_cap(letter, tail, around(element))
                element.text = None
            elif image and tail[:1].isspace() and tail.lstrip()[:1].islower():
                element.tail = letter + tail  # a letter that is a word: <img alt="A"> man…
            continue
        following = next(element.itersiblings(etree.Element), None)
        texts = following.iter(etree.Element) if following is not None else ()
        node = next((n for n in texts if (n.text or "").strip()), None)
        if node is not None and node.text[0].islower():
            node.text = with_drop_cap(letter, node.text, around(element))
            element.text = ""


def around(element: HtmlElement) -> str:
    """The text of the block around a drop cap: the story it opens."""
    parent = element.getparent()
    block = parent.getparent() if parent is not None else None
    return "" if parent is None else (block if block is not None else parent).text_content()
