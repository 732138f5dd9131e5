"""The story's header in a page's tree: the decks (a standfirst, a summary) that pages set
between the headline and the story, made headings before the text is extracted, so that
they are read as the header they are (body.py leaves out the headings above the story) and
not as the story's first paragraph.

A deck is a sentence like the lead, so it is told by its markup, not by its words:
- a class or item property pages give decks ("standfirst", "dek", "subtitle", itemprop
  "description");
- a paragraph of the <header> that holds the headline, above its byline;
- the little text between the headline and a byline set in an element of its own: what stands
  above the byline is the header.
Each is a block of a few sentences at most, with no blocks inside it. A picture's caption set
as a paragraph (in italics, beside the picture) is made a caption, which is left out; a
lead set as a heading with a class that names it ("<h2 class="lead">") is made a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from ..core.credits import byline_name, is_writer_note
from ..core.datelines import DATELINE
from ..core.text import clean, ends_sentence, word_count

DECK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:standfirst|dek|deck|sub-?head(?:line|ing)?|sub-?title|strap-?line|summary"
    r"|excerpt)(?:$|[\s_-])",
    re.IGNORECASE,
)
LEAD_CLASS = re.compile(r"(?:^|[\s_-])(?:lead|lede|intro)(?:$|[\s_-])", re.IGNORECASE)
DECK_PROPERTIES = frozenset({"description", "alternativeheadline", "abstract"})
BYLINE_CLASS = re.compile(r"(?:^|[\s_-])(?:byline|author|authors)(?:$|[\s_-])", re.IGNORECASE)
# Places a byline of another story stands in (a list of related stories, a quote, a link).
ELSEWHERE = frozenset("aside nav footer li figure blockquote a p".split())
INNER_BLOCKS = frozenset("p div section article ul ol table figure h1 header".split())
DECK_WORDS = 60  # a deck or two, not a story
BYLINE_WORDS = 20
MARKED_LEAD_WORDS = 12  # a lead set as a heading is a news sentence, not a heading's few words
LEAD_WORDS = 25  # beside the story's own paragraphs, a paragraph this long is its lead
SET_APART = frozenset("em i small cite".split())  # how pages set a caption in a paragraph


def mark_decks(tree: HtmlElement) -> None:
    """Make each deck of the page a heading (<h2>), and each caption set as a paragraph a
    caption (<figcaption>, which the text extractor leaves out)."""
    for element in decks(tree):
        element.tag = "h2"
    for element in [*captions(tree), *about_writer(tree)]:
        element.tag = "figcaption"
    for element in marked_leads(tree):
        element.tag = "p"


def marked_leads(tree: HtmlElement) -> list[HtmlElement]:
    """Headings that a class names the story's lead ("<h2 class="lead">"): set large, as a
    heading, but sentences of the story, which would be left out with the headings above it.
    A heading that is no sentence (one with no full stop), or a short one ("Here is what we
    know."), stays one."""
    return [heading for heading in tree.iter("h2", "h3", "h4", "h5", "h6")
            if LEAD_CLASS.search(f"{heading.get('class', '')} {heading.get('id', '')}")
            and is_block(heading) and ends_sentence(text := clean(heading.text_content()))
            and word_count(text) >= MARKED_LEAD_WORDS]


def captions(tree: HtmlElement) -> list[HtmlElement]:
    """Paragraphs that are a picture's caption: set in italics or small print, all of their
    text, beside the picture in the same paragraph or in the paragraph after one holding the
    picture alone ("<p><img …></p><p><em>Crews inspect the piers.</em></p>")."""
    found = []
    for paragraph in tree.iter("p"):
        if not all_set_apart(paragraph) or word_count(paragraph.text_content()) > DECK_WORDS:
            continue
        before = paragraph.getprevious()
        pictured = before is not None and before.tag == "p" and picture_alone(before)
        if pictured or next(paragraph.iter("img", "picture"), None) is not None:
            found.append(paragraph)
    return found


def about_writer(tree: HtmlElement) -> list[HtmlElement]:
    """The paragraph below the story's byline that opens with the writer's name ("By Ann
    Hill" above "Ann Hill covers the courts…"): a note about the writer, not the story."""
    headline = next(tree.iter("h1"), None)
    byline = None
    for element in following(headline) if headline is not None else ():
        if is_byline(element):
            byline = element
            break
        if element.tag == "p":  # the story's text: its byline stands above it
            return []
    name = byline_name(clean(byline.text_content())) if byline is not None else None
    paragraph = next((e for e in following(byline) if e.tag == "p"), None) if name else None
    if paragraph is None or not is_writer_note(clean(paragraph.text_content()), name):
        return []
    return [paragraph]


def all_set_apart(paragraph: HtmlElement) -> bool:
    """True when every word of the paragraph is in italics or small print."""
    if not any(child.tag in SET_APART for child in paragraph):
        return False
    loose = [paragraph.text, *(child.tail for child in paragraph)]
    return not any(text and text.strip() for text in loose) and all(
        child.tag in SET_APART or not clean(child.text_content()) for child in paragraph)


def picture_alone(paragraph: HtmlElement) -> bool:
    return (next(paragraph.iter("img", "picture"), None) is not None
            and not clean(paragraph.text_content()))


def decks(tree: HtmlElement) -> list[HtmlElement]:
    """The page's decks: blocks marked as such, in the headline's <header>, or above the
    byline."""
    headers = [h for h in tree.iter("header", "hgroup") if next(h.iter("h1"), None) is not None]
    marked = [innermost(e) for e in tree.iter("p", "div") if marked_deck(e)]
    found = [
        element for element in dict.fromkeys([*marked, *(p for h in headers for p in in_header(h))])
        if is_block(element) and word_count(element.text_content()) <= DECK_WORDS
    ]
    return found + above_byline(tree)


def in_header(header: HtmlElement) -> Iterator[HtmlElement]:
    """The paragraphs of the headline's <header> that are its decks: all but one opening with
    a dateline or, below the byline, one as long as a lead, which is the story begun inside
    the header (its lead)."""
    bylined = False
    for element in header.iterdescendants(etree.Element):
        bylined = bylined or is_byline(element)
        text = clean(element.text_content()) if element.tag == "p" else ""
        if text and not DATELINE.match(text) and not (bylined and word_count(text) >= LEAD_WORDS):
            yield element


def innermost(element: HtmlElement) -> HtmlElement:
    """The block that holds all the text of a marked one, through wrappers with one <div>
    each (`<div class="field--name-subtitle"><div class="field__item">…</div></div>`); one
    with paragraphs inside (a live blog's summary) is no deck."""
    while (len(element) == 1 and element[0].tag == "div"
           and not (element.text or "").strip() and not (element[0].tail or "").strip()):
        element = element[0]
    return element


def is_block(element: HtmlElement) -> bool:
    """A block of text with no blocks inside it."""
    return not any(inner.tag in INNER_BLOCKS for inner in element.iterdescendants())


def marked_deck(element: HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return (DECK_CLASS.search(names) is not None
            or element.get("itemprop", "").lower() in DECK_PROPERTIES)


def above_byline(tree: HtmlElement) -> list[HtmlElement]:
    """The paragraphs between the headline and the byline, when they are few and short: read
    in the page's order, from its first <h1> to the first byline or to more words than a
    deck has. Only a paragraph beside the headline in its container is a deck; where that
    container holds the story too, a paragraph as long as a lead is the story's lead."""
    headline = next(tree.iter("h1"), None)
    above: list[HtmlElement] = []
    words = 0
    if headline is None:
        return []
    for element in following(headline):
        if is_byline(element):  # a paragraph of its own, too ("<p class="byline">")
            return beside_headline(headline, above)
        if element.tag == "p":
            above.append(element)
            words += word_count(element.text_content())
            if words > DECK_WORDS:
                return []
    return []


def beside_headline(headline: HtmlElement, above: list[HtmlElement]) -> list[HtmlElement]:
    """Of the paragraphs above the byline, those in the headline's container, short enough
    for a deck when the story's paragraphs (below the byline) share that container."""
    container = headline.getparent()
    storied = container is not None and any(p not in above for p in container.iterchildren("p"))
    return [p for p in above if is_block(p) and p.getparent() is container
            and not (storied and word_count(p.text_content()) >= LEAD_WORDS)]


def following(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after `element`'s start in the page's order (its own inside it first),
    one at a time."""
    yield from element.iterdescendants(etree.Element)
    node: HtmlElement | None = element
    while node is not None:
        for sibling in node.itersiblings(etree.Element):
            yield sibling
            yield from sibling.iterdescendants(etree.Element)
        node = node.getparent()


def is_byline(element: HtmlElement) -> bool:
    """An element of its own that names the story's writer, above the story: not one of a
    list of other stories, nor sentences about the writer."""
    marked = (element.tag == "address" or element.get("rel") == "author"
              or element.get("itemprop") == "author"
              or BYLINE_CLASS.search(element.get("class", "")) is not None)
    if not marked or any(a.tag in ELSEWHERE for a in element.iterancestors()):
        return False
    text = clean(element.text_content())
    return (is_block(element) and word_count(text) <= BYLINE_WORDS and not ends_sentence(text)
            and bool(element.xpath("following::p")))
