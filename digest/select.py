"""Which collected stories go into an edition: recency, never twice, ordering, size."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from .models import Story


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
) -> list[Story]:
    """The stories for an edition, newest first.

    A story counts from its published time, or from when it was first seen when it has none;
    stories of `ageless_sources` count as recent whatever their age.
    """
    chosen: dict[str, Story] = {}
    for story in stories:
        if story.id in already_sent or story.id in chosen:
            continue
        moment = aware(story.published or first_seen.get(story.id, now))
        if story.source not in ageless_sources and moment < since:
            continue
        chosen[story.id] = story

    def newest_first(story: Story) -> float:
        return -aware(story.published or first_seen.get(story.id, now)).timestamp()

    per_source: dict[str, int] = {}
    result = []
    for story in sorted(chosen.values(), key=newest_first):
        count = per_source.get(story.source, 0)
        if count >= max_per_source.get(story.source, max_stories):
            continue
        per_source[story.source] = count + 1
        result.append(story)
        if len(result) == max_stories:
            break
    return result
