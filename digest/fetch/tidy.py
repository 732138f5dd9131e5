"""A page's tree put in the shape the text extractor reads right, before it reads it: drop
caps joined to their words, advertisements' slots and breadcrumbs taken out, a live blog's
posts not taken for the story's body, loose lines and text a container holds before its
paragraphs set as paragraphs of their own. Each is a fix to a markup that would run page
chrome into the lead, or leave part of it out."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from ..core.chrome import is_ad_slot
from ..core.prose import ONE_LETTER_WORDS, joins, with_drop_cap
from ..core.sections import SECTION_WORDS, SECTIONS
from ..core.text import clean, ends_sentence, word_count

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
CRUMB_PARTS = 2  # a trail links two places at least
# A sentence's end: a word's last letter before a stop ("…the parks office said."), not an
# initial's ("U.S.").
SENTENCE_STOP = re.compile(r"[^\W\d_]{2}[.!?;](?:\s|$)")
# Class names the text extractor takes for the story's body, when a block has one alone.
POST_CLASSES = frozenset({"post", "entry"})
POST_BLOCKS = etree.XPath(
    f"//body//*[{' or '.join(f'@class={name!r}' for name in sorted(POST_CLASSES))}]"
)
# The same names in the page's source, whose tags and attributes may be in capitals
# (`<DIV CLASS='entry'>`, which the parser reads as `class`).
POST_NAMES = re.compile(
    rf"""class\s*=\s*["']?(?:{'|'.join(sorted(POST_CLASSES))})["'\s>]""", re.IGNORECASE
)


def tidy(tree: HtmlElement, source: str) -> None:
    """Put the page's tree in shape for the text extractor, in place. `source` is the page's
    HTML: a fix whose markup it lacks is not looked for in the tree, which costs more."""
    join_drop_caps(tree)
    drop_ad_slots(tree)
    if "rumb" in source:
        drop_breadcrumbs(tree)
    if POST_NAMES.search(source):
        unmark_posts(tree)
    wrap_loose_lines(tree)
    wrap_leading_text(tree)


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
    `aria-label="Breadcrumb"`, or each crumb so marked: `<span class="entry-crumb">`): their
    separators are often drawn by the style sheet, so the text extractor runs the bare
    section names into the lead ("Business Economy Grocery prices…"). Only a trail is taken
    out (`is_trail`): a class may name crumbs for the layout ("story crumbs-hidden") of a
    block that holds the story, and an element inside a paragraph is the sentence's."""
    trails: list[list[HtmlElement]] = []
    crumbs: dict[HtmlElement, list[HtmlElement]] = {}  # marked one by one, by their parent
    for element in MARKED_CRUMBS(tree):
        names = " ".join(element.get(name, "") for name in ("class", "id", "aria-label"))
        parent = element.getparent()
        if (not CRUMB_NAME.search(names) or parent is None
                or any(above.tag == "p" for above in element.iterancestors())):
            continue
        if len(trail_parts([element])) >= CRUMB_PARTS:
            trails.append([element])
        else:
            crumbs.setdefault(parent, []).append(element)
    root = tree.getroottree().getroot()
    for trail in [*trails, *crumbs.values()]:  # a trail inside one taken out is gone with it
        if trail[0].getroottree().getroot() is root and is_trail(trail):
            for element in trail:
                element.drop_tree()


def trail_parts(elements: list[HtmlElement]) -> list[HtmlElement]:
    """The crumbs of a trail: its list items, or else its links."""
    items = [item for element in elements for item in element.iter("li")]
    if len(items) >= CRUMB_PARTS:
        return items
    return [link for element in elements for link in element.iter("a")]


def is_trail(elements: list[HtmlElement]) -> bool:
    """Whether marked elements are a trail of links: two crumbs at least, holding most of its
    few words, with no sentence's stop and no paragraph or headline inside; or a crumb with
    no links whose few words all name sections ("Business Economy")."""
    text = " ".join(clean(element.text_content()) for element in elements)
    words, parts = word_count(text), trail_parts(elements)
    if SENTENCE_STOP.search(text) or any(next(e.iter("p", "h1"), None) is not None
                                         for e in elements):
        return False
    if len(parts) < CRUMB_PARTS:
        return 0 < words <= SECTION_WORDS and all(word.lower() in SECTIONS
                                                  for word in text.split())
    return (words <= CRUMB_WORDS
            and 2 * sum(word_count(part.text_content()) for part in parts) > words)


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
                put_back_apart(element, letter)
            continue
        following = next(element.itersiblings(etree.Element), None)
        texts = following.iter(etree.Element) if following is not None else ()
        node = next((n for n in texts if (n.text or "").strip()), None)
        if node is not None and node.text[0].islower():
            node.text = with_drop_cap(letter, node.text, around(element))
            element.text = ""


def put_back_apart(image: HtmlElement, letter: str) -> None:
    """Put back the letter of an image set apart from the text after it by a space or a new
    line (`<img alt="T"> he mayor…`, `<img alt="A"> man…`): a drop cap when the letter is a
    word ("A", "I") or makes one with the word after it ("The"); an icon's letter before a
    label of its own (`<img alt="P"> listen to this story`) is none, left out with its image."""
    tail = image.tail or ""
    rest, context = tail.lstrip(), around(image)
    if letter in ONE_LETTER_WORDS or joins(letter, rest, context):
        image.tail = tail[:len(tail) - len(rest)] + with_drop_cap(letter, rest, context)


def around(element: HtmlElement) -> str:
    """The text of the block around a drop cap: the story it opens."""
    parent = element.getparent()
    block = parent.getparent() if parent is not None else None
    return "" if parent is None else (block if block is not None else parent).text_content()
