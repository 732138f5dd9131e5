"""What a page says of itself: title, author, date, image and site, from its meta tags,
JSON-LD and headings (dates are read by dates.py, htmldate's when the page gives none)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from lxml.html import HtmlElement

from ..core.text import clean, word_stems
from .dates import parse_date
from .titles import headline, site_keys

ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|NewsArticle", re.IGNORECASE)
BYLINE_PREFIX = re.compile(r"^\s*(?:by|written by)\s+", re.IGNORECASE)
# An app's data: strings as long as a paragraph of prose, not labels, slugs or names; HTML
# inside them is parted at its blocks and its other tags taken out.
STATE_TEXT_CHARS = 80
STATE_STRINGS = 5000  # read at most: a bound, so that a huge state stays cheap
STATE_BLOCK_TAGS = re.compile(r"</?(?:p|br|h[1-6]|li|div|blockquote)\b[^>]*>", re.IGNORECASE)
STATE_TAGS = re.compile(r"<[^>]*>")
# A list telling the headline's news beats a longer one (readers' comments, a writer's bio)
# when it holds a third of its text at least: a story's, not one teaser on its topic.
STATE_SHARE = 3
STEM_MIN_CHARS = 3  # shorter words ("the", "new") tell no story apart


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


def script_data(tree: HtmlElement, kind: str) -> Iterator[tuple[int, Any]]:
    """(number, data) of each `<script type=kind>` on the page whose JSON reads, numbered
    among all the page's scripts; the rest are skipped."""
    for number, script in enumerate(tree.iter("script")):
        if (script.get("type") or "").strip().lower() == kind and script.text:
            try:
                yield number, json.loads(script.text)
            except ValueError:
                continue


def json_ld(tree: HtmlElement) -> dict[str, str]:
    """Headline, author, dates, image, publisher and description from the JSON-LD article."""
    for _, data in script_data(tree, "application/ld+json"):
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


def app_state_texts(tree: HtmlElement, title: str | None = None) -> list[str]:
    """The story's text in the data a script-drawn page embeds for its app (`<script
    type="application/json">`: Next.js's `__NEXT_DATA__`, say), where it is when the page's
    HTML is a shell ("Loading…"): of the long strings of each list of the data (a body's
    blocks, a list of related stories, readers' comments), those of a list whose first
    `tells` the headline's news (as a story's first paragraph does) and that is not much
    shorter than the longest, or else of the longest, in their order, each once, tags taken
    out and HTML paragraphs apart."""
    groups: dict[tuple[int, int], dict[str, None]] = {}  # by script and list
    for number, data in script_data(tree, "application/json"):
        for group, value in json_strings(data):
            for part in STATE_BLOCK_TAGS.split(value) if "<" in value else (value,):
                text = clean(STATE_TAGS.sub("", part))
                if len(text) >= STATE_TEXT_CHARS:
                    groups.setdefault((number, group), {}).setdefault(text)
    headline = word_stems(title or "", STEM_MIN_CHARS)
    longest = max((sum(map(len, group)) for group in groups.values()), default=0)

    def rank(group: dict[str, None]) -> tuple[bool, int]:
        size = sum(map(len, group))
        return STATE_SHARE * size >= longest and tells(headline, next(iter(group))), size

    return list(max(groups.values(), key=rank, default={}))


def tells(headline: frozenset[str], text: str) -> bool:
    """Whether `text` carries half the `headline`'s words at least, and two of them when it
    has two: a story's first paragraph does; one word shared may be the topic of the page's
    other stories."""
    shared = len(headline & word_stems(text, STEM_MIN_CHARS))
    return 2 * shared >= len(headline) > 0 and shared >= min(2, len(headline))


def json_strings(data: Any) -> Iterator[tuple[int, str]]:
    """The strings of a JSON document in their order, each with the number of the list it is
    in (0 for none), at most STATE_STRINGS of them; read with a stack of its own, as an
    app's data may nest deeper than Python's recursion."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    count = lists = 0
    while stack and count < STATE_STRINGS:
        value, group = stack.pop()
        if isinstance(value, str):
            count += 1
            yield group, value
        elif isinstance(value, dict):
            stack.extend((item, group) for item in reversed(list(value.values())))
        elif isinstance(value, list):
            lists += 1
            stack.extend((item, lists) for item in reversed(value))


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


def first_attr(tree: HtmlElement, path: str, attribute: str) -> str | None:
    found = tree.xpath(path)
    return found[0].get(attribute) if found else None


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
