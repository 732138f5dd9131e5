"""`type: feed`: an RSS, Atom or JSON feed, from a URL (conditional GET) or a local file."""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import model_validator

from ..core.errors import SourceError
from ..core.files import read_regular
from ..core.models import Article, Reason, Story
from ..core.sanitize import clamp_story
from ..core.text import clean
from ..core.urls import canonical_url
from .base import (
    MAX_FILE_BYTES,
    FetchContext,
    Fetched,
    HttpUrl,
    Seen,
    Source,
    SourceOptions,
    conditional_get,
    story_id,
)
from .page import EXTRACTOR

if TYPE_CHECKING:  # the parsers (lxml, feedparser) load when a feed is read, not with config
    from ..fetch.entries import EntryNotes, FeedEntry

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, "
               "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
TEASER_WORDS = 120
TEASER_END = re.compile(r"(…|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading[^.]*)\W*$", re.I)
# Where TEASER_END is looked for: the end of the text, as the pattern, tried at every
# offset, would read on to the end from each ellipsis in it.
TEASER_TAIL = 200


class FeedOptions(SourceOptions):
    url: HttpUrl | None = None
    path: Path | None = None
    full_text: Literal["auto", "always", "never"] = "auto"

    @model_validator(mode="after")
    def _one_location(self) -> FeedOptions:
        if (self.url is None) == (self.path is None):
            raise ValueError("give the feed's `url` or its local `path` (one of them)")
        return self


def is_teaser(paragraphs: tuple[str, ...]) -> bool:
    """True when an entry carries only the start of its story."""
    if not paragraphs:
        return True
    words = sum(len(p.split()) for p in paragraphs)
    return words < TEASER_WORDS or bool(TEASER_END.search(paragraphs[-1][-TEASER_TAIL:]))


def read_local(path: Path) -> bytes:
    """A feed file's bytes, gunzipped when it is gzip-compressed, with the same size cap."""
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return gunzipped(raw, str(path))


def gunzipped(raw: bytes, where: str) -> bytes:
    """The bytes of a gzip file (a `.xml.gz` on disk, or served as such with no
    Content-Encoding to undo it), within the size cap; other bytes as they are."""
    if raw[:2] != b"\x1f\x8b":
        return raw
    decompressor = zlib.decompressobj(wbits=31)
    try:
        body = decompressor.decompress(raw, MAX_FILE_BYTES + 1)
    except zlib.error as exc:
        raise SourceError(f"{where}: broken gzip data ({exc})") from None
    if len(body) > MAX_FILE_BYTES:
        raise SourceError(f"{where}: larger than {MAX_FILE_BYTES} bytes once decompressed")
    return body


class FeedSource(Source):
    type_name = "feed"
    Options = FeedOptions
    options: FeedOptions

    @property
    def worker_modules(self) -> tuple[str, ...]:
        """What read_feed imports; and the extractor when every entry's page is fetched
        (`always`). With `auto`, whether any entry is a teaser is known only after the parse,
        and a feed of whole stories never needs the extractor: it loads where it is used."""
        return ("digest.fetch.feeds",) + (EXTRACTOR if self.options.full_text == "always" else ())

    def urls(self) -> list[str]:
        return [self.options.url] if self.options.url else []

    def check(self) -> list[str]:
        path = self.options.path
        if path is not None and not self._path(path).is_file():
            return [f"feed file {self._path(path)} does not exist"]
        return []

    def work(self, limit: int) -> int:
        """The feed's parse, and a page for each story it may take when its full text may
        be fetched (teasers with `auto`, whose entries are not known before the parse)."""
        return 1 + (limit if self.options.full_text != "never" else 0)

    def _path(self, path: Path) -> Path:
        return path if path.is_absolute() else self.base_dir / path

    def fetch(self, context: FetchContext) -> Fetched:
        url, validators = self.options.url, ()
        if url is None:
            body, headers, base = read_local(self._path(self.options.path)), {}, None
        else:
            response, validators = conditional_get(context, url, FEED_ACCEPT)
            if response.not_modified:
                return Fetched([], not_modified=True, validators=validators)
            from ..fetch.target import safe  # not with config

            body = gunzipped(response.body, safe(url))  # a message shows no password
            headers, base = response.headers, response.url
        from ..fetch.entries import FeedError  # not .feeds: the parsers load where they parse

        full_text = self.options.full_text if context.pages is not None else "never"
        reach = Reach(context.since, context.now, context.rejects, full_text)
        try:
            feed = context.worker(read_feed, body, headers, base, reach)
        except FeedError as exc:
            raise SourceError(str(exc)) from None
        # The limit counts what the words let through and was not sent already; unsure
        # teasers and rejected entries come too, outside it, for selection to judge.
        every = feed.candidates + feed.unsure + feed.rejected
        seen = context.seen([c.id for c in every]) if every else Seen(set(), set())
        passing, unsure = ([c for c in group if c.id not in seen.sent]
                           for group in (feed.candidates, feed.unsure))
        limit = len(passing) if context.limit is None else context.limit
        taken, over = passing[:limit] + unsure + feed.rejected, passing[limit:]
        known = seen.stored
        # Stored entries past the limit are candidates again, and selection counts them.
        left_out = {Reason.OLDER: feed.older,
                    Reason.SOURCE_LIMIT: sum(c.id not in known for c in over)}
        with context.cpu:
            stories = [make_story(c, self.name) for c in sorted(taken, key=lambda c: c.place)
                       if c.id not in known]
        rejected = {c.id for c in feed.rejected}
        stories = self._with_full_text(stories, context, rejected)
        return Fetched(stories, validators=validators, warning=feed.warning, left_out=left_out)

    def _with_full_text(self, stories: list[Story], context: FetchContext,
                        rejected: set[str]) -> list[Story]:
        mode = self.options.full_text
        if mode == "never" or context.pages is None:
            return stories
        wanted = [s for s in stories if s.url and s.id not in rejected
                  and (mode == "always" or is_teaser(s.paragraphs))]
        articles = context.pages([s.url for s in wanted if s.url]) if wanted else []
        better = {s.id: a for s, a in zip(wanted, articles, strict=True) if a is not None}
        return [merge_article(s, better[s.id]) if s.id in better else s for s in stories]


@dataclass(frozen=True)
class Reach:
    """Which entries an edition can take: published since `since` (any, if None), ranked
    by date (undated ones as of `now`), and whether the include/exclude words reject them."""

    since: datetime | None
    now: datetime
    rejects: Callable[[Story], str | None] | None = None
    full_text: str = "never"  # the source's full_text, "never" when it cannot fetch pages


@dataclass(frozen=True)
class Candidate:
    """An entry that can become a story: its identity, link and date read, its text not."""

    id: str
    link: str | None
    entry: FeedEntry
    place: int = 0  # its place in the feed


@dataclass(frozen=True)
class ReadFeed:
    candidates: list[Candidate]  # newest first, those the include/exclude words let through
    unsure: list[Candidate]  # teasers the words reject until their page is read
    rejected: list[Candidate]  # those the words reject for good
    warning: str | None  # damage salvaged, entries skipped or values left out
    older: int  # entries dated before `since`, left unread

    def __reduce__(self) -> tuple[Callable[..., ReadFeed], tuple[object, ...]]:
        """Pickled as plain tuples: a worker process sends every entry within reach back,
        and tuples pickle and load in a third of the time dataclasses take (each of those
        is rebuilt from its class and a dict of its fields)."""
        from ..fetch.entries import ENTRY_VALUES

        groups = (self.candidates, self.unsure, self.rejected)
        return read_feed_from_tuples, (
            tuple(tuple((c.id, c.link, c.place, *ENTRY_VALUES(c.entry)) for c in group)
                  for group in groups),
            self.warning, self.older)


def read_feed_from_tuples(groups: tuple[tuple[tuple[Any, ...], ...], ...],
                          warning: str | None, older: int) -> ReadFeed:
    """The ReadFeed that `ReadFeed.__reduce__` packed."""
    from ..fetch.entries import FeedEntry

    return ReadFeed(*([Candidate(id_, link, FeedEntry(*values), place)
                       for id_, link, place, *values in group] for group in groups),
                    warning, older)


def read_feed(body: bytes, headers: Mapping[str, str], base: str | None, reach: Reach,
              ) -> ReadFeed:
    """The feed's entries within `reach`, newest first, whether stored already or not:
    which of them are, and which of them are sent, is asked of the state after (this runs
    in a worker process: it is the parse). Entries the include/exclude words reject are
    set apart. Raises FeedError when nothing can be read."""
    from ..fetch.feeds import parse_feed

    feed = parse_feed(body, headers, reach.since)
    notes = feed.notes
    found = {c.id: c for c in (candidate(e, base, notes) for e in feed.entries) if c}
    ranked = sorted((Candidate(c.id, c.link, c.entry, place)
                     for place, c in enumerate(found.values())),
                    key=lambda c: c.entry.published or reach.now, reverse=True)
    verdicts = {c.id: verdict(c, reach) for c in ranked} if reach.rejects else {}
    return ReadFeed(*([c for c in ranked if verdicts.get(c.id, PASSES) == kind]
                      for kind in (PASSES, UNSURE, REJECTED)),
                    "; ".join(filter(None, (feed.damage, notes.report()))) or None,
                    notes.older)


PASSES, UNSURE, REJECTED = "passes", "unsure", "rejected"


def verdict(found: Candidate, reach: Reach) -> str:
    """What the include/exclude words say of the entry: it passes; it is rejected, its text
    being final (no page will be fetched for it); or, rejected on a teaser whose page will
    be fetched, unsure until selection reads the full text."""
    story = make_story(found, "")
    if reach.rejects is None or reach.rejects(story) is None:
        return PASSES
    fetched = found.link and (reach.full_text == "always"
                              or (reach.full_text == "auto" and is_teaser(story.paragraphs)))
    return UNSURE if fetched else REJECTED


def candidate(entry: FeedEntry, base: str | None, notes: EntryNotes) -> Candidate | None:
    """The entry with its identity; None, counted in `notes`, for one with no title or
    identity."""
    from ..fetch.htmltext import html_to_paragraphs

    link = entry_link(entry, base, notes)
    if not (link or entry.id):
        notes.skip("with no link or id")
        return None
    if not title_of(entry, ()) and not html_to_paragraphs(entry.content):
        notes.skip("with no title or text")
        return None
    identity = story_id("guid", entry.id) if entry.id else story_id("url", link or "")
    return Candidate(identity, link, entry)


def title_of(entry: FeedEntry, paragraphs: tuple[str, ...]) -> str | None:
    # Feeds often escape a title's entities twice ("Monday&amp;#039;s"): decode them once.
    return html.unescape(entry.title or "") or (paragraphs[0][:120] if paragraphs else None)


def make_story(found: Candidate, source: str) -> Story:
    """The entry's story, its text read from the entry's HTML."""
    from ..fetch.htmltext import html_to_paragraphs

    entry = found.entry
    paragraphs = html_to_paragraphs(entry.content)
    return clamp_story(Story(
        id=found.id, source=source, title=clean(title_of(entry, paragraphs) or ""),
        url=found.link, published=entry.published, paragraphs=paragraphs,
        author=entry.author, image=entry.image, image_size=entry.image_size,
    ))


def entry_link(entry: FeedEntry, base: str | None, notes: EntryNotes) -> str | None:
    """The entry's link made canonical; one that is no URL at all ("http://[::1") is left
    out, and counted in `notes`."""
    if not entry.link:
        return None
    try:
        return canonical_url(entry.link, base)
    except ValueError:
        notes.drop("link")
        return None


def merge_article(story: Story, article: Article) -> Story:
    """The story with its page's full text, when the page gave more than the entry."""
    page_words = sum(len(p.split()) for p in article.paragraphs)
    entry_words = sum(len(p.split()) for p in story.paragraphs)
    if page_words <= entry_words:
        return story
    image = story if story.image else article  # the entry's image, with its size, comes first
    return replace(
        story, published=story.published or article.published, paragraphs=article.paragraphs,
        author=story.author or article.author, image=image.image, image_size=image.image_size,
    )


SOURCE = FeedSource
