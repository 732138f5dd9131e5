"""The layouts an edition can take while it is fitted under Gmail's clipping limit (fit.py):
the reductions, in their fixed order, and which stories each layout shows in full, which as
links, and how many it leaves out. `layout(digest, steps)` is the digest after that many
reductions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..core.models import Digest, Section, Summary

MORE_STORIES = 50  # links at most under "More stories"; the rest are counted, not listed


@dataclass(frozen=True)
class Layout:
    """What the email shows in full (some stories perhaps without quotes), what as links,
    and how many stories it leaves out."""

    sections: tuple[Section, ...]
    more: tuple[Summary, ...] = ()
    left_out: int = 0


def steps_possible(digest: Digest, cap: int = MORE_STORIES) -> int:
    """How many reductions `layout` can make: every story's quotes, every story, every link."""
    summaries = digest.summaries
    return sum(bool(s.quotes) for s in summaries) + len(summaries) + min(cap, len(summaries))


def reachable(digest: Digest, budget: int, markup: int, cap: int = MORE_STORIES) -> int:
    """How many stories any layout can show, at most: a story is in full only when every
    story before it is, so once the first stories' titles and leads and `markup` bytes
    each pass the budget, no later one is in full, and only a list of links follows them."""
    summaries = digest.summaries
    total = 0
    for index, summary in enumerate(summaries):
        total += markup + len(summary.lead.encode()) + len(summary.story.title.encode())
        if total > budget:
            return min(len(summaries), index + 1 + cap)
    return len(summaries)


def within(digest: Digest, count: int) -> Digest:
    """The digest's first `count` stories, in their sections."""
    if count >= len(digest.summaries):
        return digest
    sections, left = [], count
    for section in digest.sections:
        if left > 0:
            sections.append(Section(section.title, section.summaries[:left]))
        left -= len(section.summaries)
    return replace(digest, sections=tuple(s for s in sections if s.summaries))


def layout(digest: Digest, steps: int, cap: int = MORE_STORIES, beyond: int = 0) -> Layout:
    """The digest after `steps` reductions; `beyond` stories after its own are left out."""
    summaries = digest.summaries
    quoted = [i for i, s in enumerate(summaries) if s.quotes]
    unquoted = set(quoted[max(0, len(quoted) - steps):])
    linked = min(len(summaries), max(0, steps - len(quoted)))
    shown = len(summaries) - linked
    listed = max(0, min(cap, linked) - max(0, steps - len(quoted) - len(summaries)))
    sections, index = [], 0
    for section in digest.sections:
        kept = []
        for summary in section.summaries:
            if index < shown:
                kept.append(replace(summary, quotes=()) if index in unquoted else summary)
            index += 1
        if kept:
            sections.append(Section(section.title, tuple(kept)))
    more = summaries[shown:shown + listed]
    return Layout(tuple(sections), more, linked - listed + beyond)
