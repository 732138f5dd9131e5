"""Feed bytes -> entries: RSS 0.9x/1.0/2.0 and Atom (XML), and JSON Feed 1.0/1.1.

Well-formed XML takes the fast path (fastfeedparser, lxml underneath). Anything else goes
to feedparser, whose tolerant parser salvages what it can; the damage is then reported.
A body whose declared charset lies about it is read in the charset it really has.

One bad entry never costs the feed (see entries.py); JSON Feed is read in jsonfeed.py.
Entries published before `since` are left unread: a run reads what it can still use.
"""

from __future__ import annotations

import calendar
import pyexpat
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any

import fastfeedparser
from lxml import etree

from ..core.models import pixel_size
from ..core.sanitize import one_line
from .charset import decode
from .contenttype import header_charset
from .entries import (
    ENTRY_ERRORS,
    ERROR_LENGTH,
    EntryNotes,
    FeedEntry,
    FeedError,
    ParsedFeed,
    fullest,
    read_date,
    read_entries,
    text_value,
    too_old,
)
from .jsonfeed import parse_json_feed

__all__ = ["EntryNotes", "FeedEntry", "FeedError", "ParsedFeed", "parse_feed"]

XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"']", re.I)
UTF8_XML = "application/xml; charset=utf-8"
LIBXML2_TEXT_LIMIT = 10_000_000  # bytes of one text node, without its huge_tree option
HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html[\s>])", re.I | re.S)


def parse_feed(body: bytes, headers: Mapping[str, str] | None = None,
               since: datetime | None = None) -> ParsedFeed:
    """Parse a feed of any supported format; entries published before `since` are left
    out. Raises FeedError when nothing can be read."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    if not body.strip():
        raise FeedError("empty response")
    content_type = headers.get("content-type", "")
    if "json" in content_type or body.lstrip()[:1] == b"{":
        return parse_json_feed(body, since)
    if HTML_START.match(body[:2048]):
        raise FeedError("an HTML page, not a feed (is the URL a feed's address?)")
    if well_formed_utf8(body, content_type):
        charset_note = damage = None
    else:
        body, content_type, charset_note = honest_charset(body, content_type)
        headers["content-type"] = content_type
        damage = malformed(body)
    if damage is not None:
        return parse_tolerant(body, headers, damage, charset_note, since)
    try:
        parsed = fastfeedparser.parse(body, include_tags=False)
    except ValueError:
        return parse_tolerant(body, headers, None, charset_note, since)
    notes = EntryNotes()
    return ParsedFeed(
        title=text_value(parsed.feed.get("title")),
        entries=read_entries(parsed.entries, partial(entry_from_fast, since=since), notes),
        damage=charset_note,
        notes=notes,
    )


def well_formed_utf8(body: bytes, content_type: str) -> bool:
    """True for well-formed XML that is UTF-8 and says so, or names no charset: the common
    feed. Expat, reading it as UTF-8, checks both at once (a byte sequence that is not
    UTF-8 is not well-formed to it), so the body is read once, not decoded and then read."""
    declared = _declared_charset(body, content_type)
    if declared is not None and declared.lower().replace("_", "-") not in ("utf-8", "utf8"):
        return False
    return expat_accepts(body)


def expat_accepts(body: bytes) -> bool:
    """Whether expat finds the body well-formed; False, for libxml2 to decide, for a body
    that could hold a text node past libxml2's limit, which expat has not."""
    if len(body) > LIBXML2_TEXT_LIMIT:
        return False
    try:
        pyexpat.ParserCreate().Parse(body, True)
    except (pyexpat.ExpatError, ValueError):
        return False
    return True


def malformed(body: bytes) -> str | None:
    """What is wrong with XML that is not well-formed; None for well-formed XML. Expat
    tells first, in a third of the time libxml2 takes to build a tree; when it finds fault
    (or knows not the encoding, or the body is past its reach), libxml2, which reads as
    fastfeedparser does, decides."""
    if expat_accepts(body):
        return None
    try:
        etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        return one_line(f"malformed XML ({exc})", ERROR_LENGTH)
    return None


def honest_charset(body: bytes, content_type: str) -> tuple[bytes, str, str | None]:
    """The body as UTF-8 when its declared charset is missing or lies, with a note saying so.

    Returns the body, the content type to parse it with, and the note (None when the body
    was fine). What the body really is, is decided by `charset.decode`.
    """
    decoded = decode(body, _declared_charset(body, content_type))
    if decoded.note is None:
        return body, content_type, None
    return _relabel(decoded.text.encode("utf-8")), UTF8_XML, decoded.note


def _relabel(body: bytes) -> bytes:
    """Set the XML declaration's encoding to UTF-8 (the body has been made UTF-8)."""
    return XML_DECLARATION.sub(lambda m: m.group(0).replace(m.group(1), b"utf-8"), body, count=1)


def _declared_charset(body: bytes, content_type: str) -> str | None:
    match = XML_DECLARATION.match(body[:512])
    if match:
        return match.group(1).decode("ascii")
    return header_charset(content_type)


def parse_tolerant(
    body: bytes, headers: Mapping[str, str], damage: str | None, charset_note: str | None,
    since: datetime | None = None,
) -> ParsedFeed:
    """feedparser, for bodies that are not well-formed XML (loaded here: most feeds are
    well-formed, and a worker process that never meets a broken one never pays for it)."""
    import feedparser

    parsed = feedparser.parse(
        body,
        response_headers={"content-type": headers.get("content-type", "application/xml")},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.entries and not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        reason = damage or problem or "no feed elements"
        raise FeedError(one_line(f"not a readable feed ({reason})", ERROR_LENGTH))
    if parsed.get("bozo") and damage is None:
        damage = one_line(f"{type(parsed.bozo_exception).__name__}: {parsed.bozo_exception}",
                          ERROR_LENGTH)
    found = [n for n in (damage, charset_note) if n]
    if damage:
        found[0] = f"{damage}; read {len(parsed.entries)} entries"
    notes = EntryNotes()
    return ParsedFeed(
        title=text_value(parsed.feed.get("title")),
        entries=read_entries(parsed.entries, partial(entry_from_feedparser, since=since),
                             notes),
        damage="; ".join(found) or None,
        notes=notes,
    )


def _content_values(entry: Mapping[str, Any]) -> list[Any]:
    return [c.get("value") for c in entry.get("content") or [] if isinstance(c, Mapping)]


def _image(entry: Mapping[str, Any]) -> tuple[str | None, tuple[int, int] | None]:
    """The entry's first image, and its size when the feed gives it (media:content does)."""
    for key in ("media_content", "media_thumbnail", "enclosures"):
        for item in entry.get(key) or []:
            url = item.get("url") or item.get("href")
            kind = item.get("type") or "image/"
            if url and str(kind).startswith("image/"):
                return str(url), pixel_size(item.get("width"), item.get("height"))
    return None, None


def feed_entry(entry: Mapping[str, Any], published: datetime | None) -> FeedEntry:
    """An entry of either parser (both use feedparser's keys), with its date already read."""
    image, size = _image(entry)
    return FeedEntry(
        id=text_value(entry.get("id")),
        link=text_value(entry.get("link")),
        title=text_value(entry.get("title")),
        published=published,
        author=text_value(entry.get("author")),
        content=fullest([*_content_values(entry), entry.get("description"),
                          entry.get("summary")]),
        image=image,
        image_size=size,
    )


def entry_from_fast(entry: Mapping[str, Any], notes: EntryNotes, since: datetime | None = None
                    ) -> FeedEntry | None:
    published = read_date(entry.get("published") or entry.get("updated"), "date", notes)
    return None if too_old(published, since, notes) else feed_entry(entry, published)


def _struct_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    except (*ENTRY_ERRORS, OSError):  # a year past what the platform's clock can hold
        return None


def entry_from_feedparser(entry: Mapping[str, Any], notes: EntryNotes,
                          since: datetime | None = None) -> FeedEntry | None:
    published = _struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
    if published is None and (entry.get("published") or entry.get("updated")):
        notes.drop("date")
    return None if too_old(published, since, notes) else feed_entry(entry, published)
