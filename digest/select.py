"""Which collected stories go into an edition: recency, never twice, ordering, size."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime

from .core.models import Story
from .core.urls import canonical_url


def aware(moment: datetime) -> datetime:
    """Treat a naive datetime as UTC, so that all comparisons are between aware times."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def select_stories(
    stories: Iterable[Story],
    *,
    since: datetime,
    now: datetime,
    first_seen: Mapping[str, datetime],
    already_sent: set[str],
    ageless_sources: set[str],
    max_per_source: Mapping[str, int],
    max_stories: int,
    sent_urls: frozenset[str] | set[str] = frozenset(),
) -> list[tuple[Story, tuple[str, ...]]]:
    """The stories for an edition, newest first, each with the other sources that had it.

    A story counts from its published time, or from when it was first seen when it has none;
    stories of `ageless_sources` count as recent whatever their age. A story already sent
    (by id or by canonical URL) never comes again.
    """
    chosen: dict[str, Story] = {}
    for story in stories:
        if story.id in already_sent or story.id in chosen:
            continue
        if sent_urls and story.url and canonical_url(story.url) in sent_urls:
            continue
        moment = aware(story.published or first_seen.get(story.id, now))
        if story.source not in ageless_sources and moment < since:
            continue
        chosen[story.id] = story

    def newest_first(story: Story) -> float:
        return -aware(story.published or first_seen.get(story.id, now)).timestamp()

    per_source: dict[str, int] = {}
    result = []
    for story, also_in in merge_duplicates(sorted(chosen.values(), key=newest_first)):
        count = per_source.get(story.source, 0)
        if count >= max_per_source.get(story.source, max_stories):
            continue
        per_source[story.source] = count + 1
        result.append((story, also_in))
        if len(result) == max_stories:
            break
    return result


WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _tokens(text: str, limit: int | None = None) -> frozenset[str]:
    words = WORD.findall(text.lower())
    return frozenset(words[:limit] if limit else words)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def merge_duplicates(stories: Sequence[Story]) -> list[tuple[Story, tuple[str, ...]]]:
    """The same story from several sources, once: the first copy, and the other sources.

    Copies are the same canonical URL, or a near-identical title and opening (syndicated
    wire copy is often retitled, so a near-identical opening alone also counts).
    """
    kept: list[tuple[Story, list[str]]] = []
    by_url: dict[str, int] = {}
    by_word: dict[str, list[int]] = {}
    signatures: list[tuple[frozenset[str], frozenset[str]]] = []
    for story in stories:
        url = canonical_url(story.url) if story.url else None
        title = _tokens(story.title)
        opening = _tokens(" ".join(story.paragraphs[:3]), limit=60)
        match = by_url.get(url) if url else None
        if match is None:
            candidates = {i for word in title | opening for i in by_word.get(word, ())}
            match = next(
                (i for i in sorted(candidates)
                 if (_jaccard(title, signatures[i][0]) >= 0.8
                     and _jaccard(opening, signatures[i][1]) >= 0.6)
                 or (len(opening) >= 20 and _jaccard(opening, signatures[i][1]) >= 0.9)),
                None,
            )
        if match is not None:
            first, others = kept[match]
            if story.source != first.source and story.source not in others:
                others.append(story.source)
            continue
        index = len(kept)
        kept.append((story, []))
        signatures.append((title, opening))
        if url:
            by_url[url] = index
        for word in _rare(title | opening):
            by_word.setdefault(word, []).append(index)
    return [(story, tuple(others)) for story, others in kept]


def _rare(words: frozenset[str]) -> list[str]:
    """The longest words of a signature: enough to find candidates without comparing all pairs."""
    return sorted(words, key=lambda w: (-len(w), w))[:8]
