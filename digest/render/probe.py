"""The probe that measures an edition for fit.py: the HTML template runs once over every
story in full and every story as a link, and `Tracked` notes where the output stands as the
template reaches each story, quote and link; `InFull` stops the stories in full once no
layout could show a later one so; `Output` turns those offsets into bytes.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any, overload

from ..core.models import Digest, Section
from .layouts import MORE_STORIES


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
