"""Fitting an edition under Gmail's clipping limit, sized by measurement.

Reductions come in a fixed order, each saving a little more room: first the quotes go, the
last quoted story's first; then whole stories become links under "More stories", the last
first; the list shows at most `MORE_STORIES` links and says how many more were left out;
last, links leave the list, the last first. `layout(digest, steps)` is the digest after
that many reductions.

The fewest reductions that fit are found without compiling MJML again and again: the HTML
template runs once over a probe (every story in full, and every story again as a link), and
`Tracked` reads off how many bytes of MJML each story, quote and link adds, as the template
reaches it, whatever the template looks like. The MJML size of any layout then follows by
arithmetic (`Sizes`). The probe stops rendering stories in full once those before, without
their quotes, pass the budget (`InFull`): no layout shows a later one in full (its HTML is at
least its MJML, the same premise as `reachable`), and the links stop the list's cap after
it; the layouts that would need them are not looked at. A first compile, of the layout a
guessed HTML-to-MJML ratio picks, measures the HTML of one layout near the answer; any
other's is estimated from it by the difference in MJML (`near`). So a render compiles once
when everything fits, else twice, and takes the best layout that fitted by then; more only
while none has fitted.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload

from ..core.models import Digest, Section, Summary

MORE_STORIES = 50  # links at most under "More stories"; the rest are counted, not listed
# HTML bytes per byte of MJML a layout adds to or takes from one compiled near it, taken on
# the side that overestimates its HTML: at least GROWING or the compiled layout's own
# ratio for what it adds, SHRINKING of that ratio for what it takes (ours: about 1.2 on
# average, 1.12 to 1.15 a story; a template whose stories are mostly wrapper, far more).
GROWING = 1.15
SHRINKING = 0.9
# HTML bytes a section adds, at most, when a layout shows one more than the one compiled
# (ours: about 1,600; its MJML, a few dozen bytes, says little of it).
SECTION = 2_000


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


class Tracked(Sequence[Any]):
    """A sequence a template loops over that notes, for its first loop, the output offset
    at which the template reaches each item, and where it leaves the last one. `stop`,
    told each such offset and whether it is the last, says if the loop ends there."""

    def __init__(self, items: Sequence[Any], offset: Callable[[], int],
                 stop: Callable[[int, bool], bool] = lambda offset, last: False) -> None:
        self.items = tuple(items)
        self.offset = offset
        self.stop = stop
        self.marks: list[int] = []
        self.done = False  # the first loop ran to its end (or to `stop`)

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        return self.items[index]

    def __iter__(self) -> Iterator[Any]:
        first = not self.marks
        for item in self.items:
            if first:
                mark = self.offset()
                if self.stop(mark, False):
                    break
                self.marks.append(mark)
            yield item
        if first:
            self.marks.append(self.offset())
            self.stop(self.marks[-1], True)
            self.done = True

    def spans(self, to_bytes: dict[int, int]) -> list[int]:
        """The bytes each item added (zeros for those the template never looped over)."""
        if not self.done:
            return [0] * len(self.items)
        sizes = [to_bytes[b] - to_bytes[a] for a, b in itertools.pairwise(self.marks)]
        return sizes + [0] * (len(self.items) - len(sizes))


class InFull:
    """Stops the probe's stories in full once those before, without their quotes, pass
    `limit` characters (each at least a byte): no layout can show a later one in full,
    so it is not rendered in full, and the list of links stops `cap` stories after it.
    A template that shows the stories out of the digest's order is never stopped."""

    def __init__(self, limit: int, quote_loops: list[Tracked], cap: int) -> None:
        self.limit, self.quote_loops, self.cap = limit, quote_loops, cap
        self.chars = 0
        self.stories = 0  # rendered in full so far, in the digest's order
        self.start: int | None = None  # where the story being rendered began
        self.in_order = True
        self.passed = False

    def section(self, first: int) -> Callable[[int, bool], bool]:
        """`Tracked.stop` of a section's stories, the first at position `first`."""
        positions = itertools.count(first)
        return lambda offset, last: self.story(offset, None if last else next(positions))

    def story(self, offset: int, position: int | None) -> bool:
        """The story before, if any, ended at `offset`; the one at `position` (None: none)
        begins there unless the limit is passed."""
        if self.start is not None:
            quotes = self.quote_loops[self.stories].marks
            self.chars += offset - self.start - (quotes[-1] - quotes[0] if quotes else 0)
            self.stories, self.start = self.stories + 1, None
        self.passed = self.passed or self.chars > self.limit
        if position is not None and not self.passed:
            self.in_order = self.in_order and position == self.stories
            self.start = offset if self.in_order else None
        return self.passed

    def links(self) -> Callable[[int, bool], bool]:
        """`Tracked.stop` of the links: at most `cap` after the last story in full."""
        listed = itertools.count(1)
        return lambda offset, last: (not last and next(listed) > self.stories + self.cap
                                     and self.passed)


class Output:
    """Template output read chunk by chunk: its length so far is the offset `Tracked`
    notes, in characters; `to_bytes` turns such offsets into UTF-8 byte offsets."""

    def __init__(self) -> None:
        self.size = 0
        self.text = ""

    def read(self, chunks: Iterator[str]) -> str:
        parts = []
        for chunk in chunks:
            parts.append(chunk)
            self.size += len(chunk)
        self.text = "".join(parts)
        return self.text

    def to_bytes(self, offsets: set[int]) -> dict[int, int]:
        """Each character offset's byte offset, encoding each stretch between them once."""
        found, done, count = {}, 0, 0
        for offset in sorted(offsets):
            count += len(self.text[done:offset].encode())
            found[offset], done = count, offset
        return found


def probe(digest: Digest, output: Output, limit: int,
          cap: int = MORE_STORIES) -> tuple[Digest, Tracked, list[Tracked], list[Tracked], InFull]:
    """The digest with every story in full and every story's quotes tracked, the tracked
    list of every story as a link, the tracked loops (sections' stories, quotes), and what
    stops them past `limit` (`InFull`)."""
    offset = lambda: output.size  # noqa: E731 - read at each step of the template's loops
    quote_loops: list[Tracked] = []
    story_loops: list[Tracked] = []
    in_full = InFull(limit, quote_loops, cap)
    sections = []
    for section in digest.sections:
        summaries = []
        for summary in section.summaries:
            quote_loops.append(Tracked(summary.quotes, offset))
            summaries.append(replace(summary, quotes=quote_loops[-1]))
        first = len(quote_loops) - len(summaries)
        story_loops.append(Tracked(summaries, offset, in_full.section(first)))
        sections.append(Section(section.title, story_loops[-1]))  # type: ignore[arg-type]
    links = Tracked(digest.summaries, offset, in_full.links())
    return replace(digest, sections=tuple(sections)), links, story_loops, quote_loops, in_full


@dataclass
class Sizes:
    """What the probe measured: its MJML size, and each story's, quote set's and link's;
    their running totals make any layout's size a few additions."""

    total: int
    stories: list[int]  # in full, quotes included
    quotes: list[int]  # a story's quotes together
    links: list[int]
    quoted: list[int]  # positions of the stories that have quotes
    sections: list[int]  # the position of each section's first story
    cut: int | None = None  # stories measured in full, when `InFull` stopped the rest
    running: dict[str, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        def running(values: Iterable[int]) -> list[int]:
            return list(itertools.accumulate(values, initial=0))

        self.running = {"stories": running(self.stories), "quotes": running(self.quotes),
                        "links": running(self.links),
                        "quoted": running(self.quotes[i] for i in self.quoted)}

    @classmethod
    def measured(cls, output: Output, links: Tracked, story_loops: list[Tracked],
                 quote_loops: list[Tracked], in_full: InFull) -> Sizes:
        loops = [links, *story_loops, *quote_loops]
        to_bytes = output.to_bytes({mark for loop in loops for mark in loop.marks})
        stories = [size for loop in story_loops for size in loop.spans(to_bytes)]
        quotes = [sum(loop.spans(to_bytes)) for loop in quote_loops]
        quoted = [i for i, loop in enumerate(quote_loops) if len(loop)]
        firsts = list(itertools.accumulate((len(loop) for loop in story_loops[:-1]), initial=0))
        return cls(len(output.text.encode()), stories, quotes, links.spans(to_bytes), quoted,
                   firsts, in_full.stories if in_full.passed else None)

    def head(self, count: int) -> Sizes:
        """The sizes of the first `count` stories, at least those measured in full."""
        return Sizes(self.total - sum(self.stories[count:]) - sum(self.links[count:]),
                     self.stories[:count], self.quotes[:count], self.links[:count],
                     [i for i in self.quoted if i < count],
                     [i for i in self.sections if i < count], self.cut)

    def start(self) -> int:
        """The fewest steps after which every story in full was measured so: the layouts
        before show one that `InFull` found cannot be in full."""
        if self.cut is None:
            return 0
        return len(self.quoted) + len(self.stories) - self.cut

    def markup(self, summaries: Sequence[Summary]) -> int:
        """The fewest bytes a measured story in full adds besides its title, lead and
        quotes: the template's own markup, about."""
        count = len(self.stories) if self.cut is None else self.cut
        return max(0, min((size - quotes - len(s.lead.encode()) - len(s.story.title.encode())
                           for size, quotes, s in zip(self.stories[:count], self.quotes[:count],
                                                      summaries[:count], strict=True)),
                          default=0))

    def least_in_full(self) -> int:
        """The MJML of every measured story in full without its quotes: when that is
        within the budget, a story after them might be in full too."""
        return sum(self.stories) - sum(self.quotes)

    def shown(self, steps: int) -> int:
        """How many stories `layout(digest, steps)` shows in full."""
        return len(self.stories) - min(len(self.stories), max(0, steps - len(self.quoted)))

    def sections_shown(self, steps: int) -> int:
        return bisect.bisect_left(self.sections, self.shown(steps))

    def mjml(self, steps: int, cap: int = MORE_STORIES) -> int:
        """The MJML size of `layout(digest, steps)`, by arithmetic. A section, heading or
        list that the layout drops still counts: the estimate errs on the large side."""
        count, quoted, run = len(self.stories), len(self.quoted), self.running
        shown = self.shown(steps)
        listed = max(0, min(cap, count - shown) - max(0, steps - quoted - count))
        if shown == count:  # the quotes of the last `steps` quoted stories went
            unquoted = run["quoted"][quoted] - run["quoted"][quoted - min(steps, quoted)]
        else:  # every story's quotes went; those of the stories still in full count
            unquoted = run["quotes"][shown]
        return (self.total - (run["stories"][count] - run["stories"][shown]) - unquoted
                - run["links"][shown] - (run["links"][count] - run["links"][shown + listed]))

    @staticmethod
    def fewest_steps(estimate: Callable[[int], float], budget: int, last: int,
                     skip: Container[int] = (), start: int = 0) -> int:
        """The fewest steps in [start, last], but those in `skip`, whose estimated size is
        within `budget`, else last + 1. Each step need not save room (a link can take more
        than the story it replaces), so every one is looked at."""
        return next((k for k in range(start, last + 1)
                     if k not in skip and estimate(k) <= budget), last + 1)


def near(html: int, steps: int, sizes: Sizes) -> Callable[[int], float]:
    """An estimate of any layout's HTML size from one layout compiled near it (`steps`
    reductions made `html` bytes of HTML): only the difference is estimated, so what the
    MJML sizes miss mostly cancels out; a section that comes back is counted apart."""
    mjml, sections = sizes.mjml(steps), sizes.sections_shown(steps)
    ratio = html / max(1, mjml)
    growing, shrinking = max(GROWING, ratio), max(1.0, ratio * SHRINKING)

    def estimate(other: int) -> float:
        change = sizes.mjml(other) - mjml
        more_sections = max(0, sizes.sections_shown(other) - sections)
        return html + change * (growing if change > 0 else shrinking) + more_sections * SECTION

    return estimate
