"""A page's headline, among what the page says of itself (its og:title, JSON-LD headline,
twitter:title, <h1>s and <title>): the site's name, a menu's heading, a section's name and
a site's tagline are left out, and so is the site's name added to a headline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..core.chrome import is_label
from ..core.text import clean, normalized, similar

TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—-]|::)\s+|\s+[|»]\s*|\s*[|»]\s+")
DASHES = frozenset("-–—")
TITLE_BYLINE = re.compile(r"by\s+[A-Z]")  # "Headline - by Ann Hill"
HEADINGS_TRIED = 5
HOST_WORDS = frozenset({"", "www", "com", "org", "net", "co", "uk", "news"})
# Words a site adds to its name in titles ("Riverside Weekly Online", "RiversideWeekly.com").
SITE_WORDS = frozenset("online news newspaper magazine daily media digital network com net org "
                       "co uk site website live official".split())
SITE_NAME_WORDS = 6
NAME_LINKS = frozenset({"and", "of", "the", "&", "for", "on", "in", "at"})  # "Courier and Sentinel"
# Headings of menus and page furniture that pages mark up as their title or first <h1>.
NAVIGATION_TITLES = frozenset(
    "sections|menu|main menu|navigation|main navigation|site navigation|search|home|homepage"
    "|skip to content|skip to main content|about|about us|subscribe|sign in|log in|account"
    "|my account|close|open menu|top stories|latest news|trending|more|share|advertisement"
    "|breadcrumb|breadcrumbs|you are here|search results|latest|latest stories|most read"
    "|most popular|related|related stories|related articles|read more|live|watch".split("|")
)
# "Home › News › …", "Home / World", "News » Local » …": a trail of links, not a headline.
CRUMB_TITLE = re.compile(r"^home\s*[›»>/|]|[›»>].*[›»>]", re.IGNORECASE)
# Paths of a site's home page, which a logo links to.
HOME_PATHS = frozenset({"", "/", "/index.html", "/index.php", "./"})
TEXT_CHARS = 80  # a paragraph of the text, not a line of a menu
STORY_PARAGRAPHS = 12
STORY_PATH = "//p[not(ancestor::footer or ancestor::nav)]"
LINES_PATH = (f"//body//text()[string-length(normalize-space()) > {TEXT_CHARS}]"
              "[not(ancestor::footer or ancestor::nav or ancestor::script or ancestor::style)]")
# A headline is borne out by the story's words: at least two of its own, a third of them.
BORNE_OUT_WORDS, BORNE_OUT_SHARE = 2, 3
COMMON_WORDS = frozenset(
    """a an the and or but of in on at to for from with by as is are was were be been it its
    this that these those you your we our he she they his her their not no new news says said
    will can how what why who when where after over into out up about more""".split()
)


def headline(tree: HtmlElement, meta: dict[str, str], linked: dict[str, str],
             sites: frozenset[str]) -> str | None:
    """The page's headline among its og:title, JSON-LD headline, twitter:title, <h1>s and
    <title> (and, on a page with no <h1>, the <h2> above its text): not a menu's heading
    ("Sections"), a breadcrumb or the site's name (the site's name only when nothing else is
    given), and, when they differ, the first that the story's own words bear out (a site's
    tagline, which some pages give as their og:title or <title>, does not), else the first
    that another of them repeats, else the first."""
    headings = [h1 for h1 in tree.xpath("//h1")[:HEADINGS_TRIED] if not is_logo(h1)]
    candidates = [
        meta.get("og:title"), linked.get("headline"), meta.get("twitter:title"),
        *(clean(h1.text_content()) for h1 in headings), first_text(tree, "//head/title"),
    ]
    given = [clean(c) for c in candidates if c and clean(c)]
    parted = any(": " in c or TITLE_SEPARATORS.search(c) for c in given)
    told = story_words(tree, meta, linked) if parted else None  # read only when needed
    titles = [clean_title(c, sites, given[:i] + given[i + 1 :], told or frozenset())
              for i, c in enumerate(given)]
    found = [t for t in titles if t and not chrome_title(t)]
    named = [t for t in found if not names_site(t, sites)]
    above = None if headings else heading_above_text(tree)
    if above and not named:
        return above
    if not named:
        return found[0] if found else None
    if len({normalized(t) for t in named}) == 1 and not above:
        return named[0]
    told = story_words(tree, meta, linked) if told is None else told
    return (next((t for t in [*named, *filter(None, [above])] if borne_out(t, told)), None)
            or next((t for i, t in enumerate(named) if repeated(t, named[:i] + named[i + 1 :])),
                    named[0]))


def is_logo(h1: HtmlElement) -> bool:
    """An <h1> that is the site's logo: a link to its home page and nothing else."""
    links = h1.xpath(".//a[@href]")
    if len(links) != 1 or clean(links[0].text_content()) != clean(h1.text_content()):
        return False
    return urlsplit(links[0].get("href", "")).path in HOME_PATHS


def heading_above_text(tree: HtmlElement) -> str | None:
    """The first <h2> of the page that is no menu's heading, when no paragraph of its text
    comes before it."""
    for h2 in tree.xpath("//body//h2")[:HEADINGS_TRIED]:
        if h2.xpath(f"preceding::p[string-length(normalize-space()) > {TEXT_CHARS}]"):
            return None
        text = clean(h2.text_content())
        if text and not chrome_title(text):
            return text
    return None


def story_words(tree: HtmlElement, meta: dict[str, str], linked: dict[str, str]) -> set[str]:
    """The words of the story's description and first paragraphs (its long lines, on a page
    with no paragraphs: a story set between <br>s), but for small ones and for a page's
    footer and menus (where the site's name is: "© 2026 Riverside Gazette")."""
    paragraphs = [p.text_content() for p in tree.xpath(STORY_PATH)[:STORY_PARAGRAPHS]]
    texts = [meta.get("og:description"), meta.get("description"), linked.get("description"),
             *(paragraphs or map(str, tree.xpath(LINES_PATH)[:STORY_PARAGRAPHS]))]
    return {w for text in texts if text for w in normalized(text).split()} - COMMON_WORDS


def borne_out(title: str, told: set[str]) -> bool:
    """True when the story's words include enough of the title's own."""
    words = set(normalized(title).split()) - COMMON_WORDS
    shared = len(words & told)
    return shared >= BORNE_OUT_WORDS and shared * BORNE_OUT_SHARE >= len(words)


def repeated(title: str, others: list[str]) -> bool:
    return any(similar(title, other) for other in others)


def site_keys(site_name: str | None, url: str | None) -> frozenset[str]:
    """The keys (`site_key`) a site goes by: its given name and the labels of its host name
    ("www.riversideweekly.com" gives "riversideweekly")."""
    host = (urlsplit(url or "").hostname or "").split(".")
    keys = {site_key(site_name or ""), *(label for label in host if label not in HOST_WORDS)}
    return frozenset(key for key in keys if key)


def names_site(text: str, sites: frozenset[str]) -> bool:
    """True when `text` is the site's name, maybe with words sites add to it ("The Riverside
    Weekly Online", "RiversideWeekly.com" for "Riverside Weekly")."""
    words = [w for w in normalized(text).split() if w != "the"]
    if len(words) > SITE_NAME_WORDS:
        return False
    for start in range(len(words)):
        for end in range(start + 1, len(words) + 1):
            if "".join(words[start:end]) in sites:
                return all(w in SITE_WORDS for w in words[:start] + words[end:])
    return False


def chrome_title(text: str) -> bool:
    """A menu's heading, a section's name ("Local News"), a label naming the kind of piece
    ("Letters to the Editor") or a breadcrumb, which pages give where a headline should be."""
    words = normalized(text)
    return (words in NAVIGATION_TITLES or CRUMB_TITLE.search(text) is not None
            or is_label(text) or all(is_label(word) for word in words.split()))


def site_key(name: str) -> str:
    """A site's name as compared with a title and with the labels of its host name:
    "The Daily Planet" and "Daily Planet" give "dailyplanet"."""
    return normalized(name).removeprefix("the ").replace(" ", "")


def clean_title(title: str | None, sites: frozenset[str], others: Sequence[str] = (),
                told: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The headline without the site's name or a section or kind label added ("Headline |
    Site", "Site: Headline", "Update | Headline | News"). A title with a dash or a bar of its
    own that the page gives elsewhere (`others`: og:title, <h1>…) and sets within this one
    is kept whole: the mark is the headline's own ("Mayor quits — and the city reels"). A
    site whose name neither the URL nor the page gives is told by the story's words
    (`told`): a name the story does not bear out, beside a part that it does, is the site's."""
    if not title:
        return None
    title = title.strip()
    name, colon, rest = title.partition(": ")
    if colon and rest and (names_site(name, sites) or unknown_site(name, rest, told)):
        return rest.strip()
    parts = title_parts(title, sites)
    if len(parts) < 2:
        return title
    if any(title in other for other in others) and dashed_headline(title, sites):
        return title
    whole = next((o for o in others if o in title and dashed_headline(o, sites)), None)
    if whole:
        return whole
    kept = [p for p in parts if not names_site(p, sites) and not is_label(p)]
    if any(borne_out(p, told) for p in kept):
        kept = [p for p in kept if in_story(p, told) or not is_name(p)]
    if len(kept) == len(parts) and len(parts[-1].split()) > 4:
        return title  # a dash inside the headline, not a site suffix
    return max(kept or parts, key=len).strip()


def unknown_site(name: str, rest: str, told: frozenset[str] | set[str]) -> bool:
    """True when `name` ("Valley Courier" of "Valley Courier: Headline") is a name of two
    words or more that is not in the story, and `rest` one the story bears out: a speaker
    named before a colon ("Ann Hill: …") is in the story."""
    return (len(name.split()) > 1 and is_name(name) and not in_story(name, told)
            and borne_out(rest, told))


def in_story(name: str, told: frozenset[str] | set[str]) -> bool:
    """True when the story bears `name` out or has its last word: a person of the story,
    though it gives only the surname ("Joe Biden" in a story of "President Biden", "Biden"
    of "Biden - Trump debate"), not a site's name, whose last word is its kind ("Valley
    Notes", "Canal Street Chronicle") and whose first words a story may share by chance."""
    words = normalized(name).split()
    return borne_out(name, told) or (bool(words) and words[-1] in told)


def is_name(text: str) -> bool:
    """A name of a few words, each capitalised but for small ones ("Valley Courier and
    Sentinel"), as a site's is."""
    words = text.split()
    return len(words) <= SITE_NAME_WORDS and all(
        w[:1].isupper() or w[:1].isdigit() or w in NAME_LINKS for w in words)


def title_parts(title: str, sites: frozenset[str]) -> list[str]:
    """The parts of a title between its separators. A dash before a word in lower case is
    the headline's own ("Mayor quits - and the city reels"), unless what follows up to the
    next separator is a site's address or name ("Headline - riverside.com", "- eNCA"), a
    label ("- opinion") or a byline ("- by Ann Hill"): the part goes on."""
    parts: list[str] = []
    start = 0
    for mark in TITLE_SEPARATORS.finditer(title):
        after = TITLE_SEPARATORS.split(title[mark.end() :], maxsplit=1)[0]
        if (mark.group().strip() in DASHES and after[:1].islower()
                and "." not in after.split(" ", 1)[0] and not names_site(after, sites)
                and not is_label(after) and not TITLE_BYLINE.match(after)):
            continue
        parts.append(title[start : mark.start()])
        start = mark.end()
    return [*parts, title[start:]]


def dashed_headline(text: str, sites: frozenset[str]) -> bool:
    """True when `text` is parted by dashes alone, none of its parts the site's name or a
    label: a headline with a dash of its own, when the page gives it so twice. A bar parts
    a page's headlines, never one headline."""
    parts = title_parts(text, sites)
    return (len(parts) > 1 and "|" not in text and "»" not in text and "::" not in text
            and not any(names_site(p, sites) or is_label(p) for p in parts))


def first_text(tree: HtmlElement, path: str) -> str | None:
    found = tree.xpath(path)
    if not found:
        return None
    return clean(found[0].text_content()) or None
