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

The layouts are in `layouts.py`, the probe in `probe.py`; the sizes and estimates here.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field

from ..core.models import Summary
from .layouts import MORE_STORIES
from .probe import InFull, Output, Tracked

# HTML bytes per byte of MJML a layout adds to or takes from one compiled near it, taken on
# the side that overestimates its HTML: at least GROWING or the compiled layout's own
# ratio for what it adds, SHRINKING of that ratio for what it takes (ours: about 1.2 on
# average, 1.12 to 1.15 a story; a template whose stories are mostly wrapper, far more).
GROWING = 1.15
SHRINKING = 0.9
# HTML bytes a section adds, at most, when a layout shows one more than the one compiled
# (ours: about 1,600; its MJML, a few dozen bytes, says little of it).
SECTION = 2_000


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
