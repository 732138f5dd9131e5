"""Choosing, the second stage: the candidates of an edition (the stories stored since the
last one, and those just fetched) and what selection decided for each."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from ..config import Settings
from ..core.models import Reason, Selection, Story
from ..select import Keywords, select_stories, summary_line
from ..store import Store
from .edition_keys import edition_day, manual_key, stories_since

log = logging.getLogger("digest.app.pipeline")  # one logger for every stage of a run


def choose(
    settings: Settings, fresh: Sequence[Story], state: Store, now: datetime,
    key: str | None = None, uncollected: Mapping[Reason, int] | None = None,
    in_hand: Mapping[str, Story] | None = None,
) -> Selection:
    """Every candidate of the edition `key` (default: today's) and what selection decided
    for it. The candidates are the stories stored since the last edition, and `fresh` ones;
    `uncollected` counts the entries that the collection of `fresh` did not make stories;
    `in_hand`, stories just stored, by id, which are not read back."""
    day = key or manual_key(settings, now)
    previous = state.editions.last_before(day)
    since = stories_since(settings, previous, now)
    candidates = {s.id: s for s in state.stories.stored(seen_since=since, in_hand=in_hand)}
    candidates.update((s.id, s) for s in fresh)
    stories = list(candidates.values())
    selection = select_stories(
        stories,
        since=since,
        now=now,
        # A story counts from when it was first seen only when it has no date of its own.
        first_seen=state.stories.first_seen(s.id for s in stories if s.published is None),
        already_sent=state.stories.sent_story_ids(before_day=day),
        sent_urls=state.stories.sent_urls(before_day=day),
        ageless_sources={s.name for s in settings.sources if s.ignore_age},
        max_per_source={s.name: s.max_stories for s in settings.sources if s.max_stories},
        max_stories=settings.max_stories,
        filters={s.name: Keywords.of(s.include, s.exclude) for s in settings.sources},
        after_digest=previous is not None,
        uncollected=uncollected or {},
    )
    log.info("%s", summary_line(selection), extra={"left_out": selection.left_out})
    return selection


def next_edition(settings: Settings, state: Store, now: datetime,
                 in_hand: Mapping[str, Story] | None = None) -> Selection:
    """`upcoming`, in a state already open (`in_hand`: as `choose` takes them)."""
    key = manual_key(settings, now)
    if state.editions.last(key) is not None:
        key = edition_day(settings, now + timedelta(days=1))
    return choose(settings, [], state, now, key, in_hand=in_hand)
