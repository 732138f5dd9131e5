"""What a page says of itself: title, author, date, image and site, from its meta tags,
JSON-LD and headings (dates are read by dates.py, htmldate's when the page gives none)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from ..core.chrome import is_label
from ..core.text import clean, normalized
from .dates import parse_date

ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|NewsArticle", re.IGNORECASE)
TITLE_SEPARATORS = re.compile(r"\s+(?:[|–—-]|::)\s+|\s+[|»]\s*|\s*[|»]\s+")
HEADINGS_TRIED = 5
HOST_WORDS = frozenset({"", "www", "com", "org", "net", "co", "uk", "news"})
# Words a site adds to its name in titles ("Riverside Weekly Online", "RiversideWeekly.com").
SITE_WORDS = frozenset("online news newspaper magazine daily media digital network com net org "
                       "co uk site website live official".split())
SITE_NAME_WORDS = 6
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
BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by)\s+", re.IGNORECASE)


def page_metadata(tree: HtmlElement, url: str | None) -> dict[str, str]:
    """Title, author, date, image, site name, description and URL from the page's head."""
    meta = meta_tags(tree)
    linked = json_ld(tree)
    site_name = meta.get("og:site_name") or linked.get("publisher")
    sites = site_keys(site_name, url or meta.get("og:url"))
    found: dict[str, str | None] = {
        "title": headline(tree, meta, linked, sites),
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
    if not plausible(parse_date(found["date"])):
        found["date"] = page_date(tree, found["url"])
    return {key: clean(value) for key, value in found.items() if value and clean(value)}


def headline(tree: HtmlElement, meta: dict[str, str], linked: dict[str, str],
             sites: frozenset[str]) -> str | None:
    """The page's headline: the first of its og:title, JSON-LD headline, twitter:title, <h1>s
    and <title> that is not a menu's heading ("Sections"), a breadcrumb or the site's name;
    the site's name only when nothing else is given."""
    candidates = [
        meta.get("og:title"), linked.get("headline"), meta.get("twitter:title"),
        *(clean(h1.text_content()) for h1 in tree.xpath("//h1")[:HEADINGS_TRIED]),
        first_text(tree, "//head/title"),
    ]
    titles = (clean_title(clean(c), sites) for c in candidates if c and clean(c))
    found = [t for t in titles if t and not chrome_title(t)]
    return next((t for t in found if not names_site(t, sites)), found[0] if found else None)


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
    """A menu's heading, a section's name ("Local News") or a breadcrumb, which pages give
    where a headline should be."""
    words = normalized(text)
    return (words in NAVIGATION_TITLES or CRUMB_TITLE.search(text) is not None
            or all(is_label(word) for word in words.split()))


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
        "body": json_text(item.get("articleBody")),
    }
    return {key: value for key, value in fields.items() if value}


def linked_body(tree: HtmlElement) -> str | None:
    """The article's text as the page's JSON-LD gives it (`articleBody`), paragraphs apart."""
    return json_ld(tree).get("body")


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


def clean_title(title: str | None, sites: frozenset[str]) -> str | None:
    """The headline without the site's name or a section or kind label added ("Headline |
    Site", "Site: Headline", "Update | Headline | News")."""
    if not title:
        return None
    title = title.strip()
    name, colon, rest = title.partition(": ")
    if colon and rest and names_site(name, sites):
        return rest.strip()
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    kept = [p for p in parts if not names_site(p, sites) and not is_label(p)]
    if len(kept) == len(parts) and len(parts[-1].split()) > 4:
        return title  # a dash inside the headline, not a site suffix
    return max(kept or parts, key=len).strip()


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
