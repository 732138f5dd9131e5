"""Which candidate stories go into an edition, and the rule that left out each of the others.

The rules apply in this order and the first that applies decides (`Reason`): already sent
(the same id or canonical URL), older than `since`, the source's include/exclude words, the
same story as a newer one kept from another source, over the source's `max_stories`, over
`max_stories`. Every step is linear in the number of candidates: near-duplicates are looked
for only among the stories that share one of a few rare words, never by comparing every pair.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain

from .core.models import Decision, Reason, Selection, Story
from .core.urls import canonical_url


def aware(moment: datetime) -> datetime:
    """Treat a naive datetime as UTC, so that all comparisons are between aware times."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Keywords:
    """A source's include and exclude words, compiled once: whole words, in any case, over
    the title and the text. A story must have one include word (if any) and no exclude word."""

    include: re.Pattern[str] | None
    exclude: re.Pattern[str] | None

    @classmethod
    def of(cls, include: Sequence[str], exclude: Sequence[str]) -> Keywords | None:
        """The compiled filters, or None when there are no words (nothing to check)."""
        if not include and not exclude:
            return None
        return cls(_words(include), _words(exclude))

    def rejects(self, story: Story) -> str | None:
        """Why the story fails the filters, or None when it passes."""
        text = "\n".join((story.title, *story.paragraphs))
        if self.include is not None and not self.include.search(text):
            return "has none of the include words"
        found = self.exclude.search(text) if self.exclude is not None else None
        return f"has the exclude word {found.group().lower()!r}" if found else None


def _words(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


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
    filters: Mapping[str, Keywords | None] | None = None,
    after_digest: bool = False,
    uncollected: Mapping[Reason, int] | None = None,
) -> Selection:
    """Every candidate, newest first, with what was decided for it; the kept ones make the
    edition, each with the other sources that had it.

    A story counts from its published time, or from when it was first seen when it has none;
    stories of `ageless_sources` count as recent whatever their age. A story already sent
    (by id or by canonical URL) never comes again. `after_digest` says that `since` is the
    last digest's time, for the words of the summary; `uncollected` counts the entries
    that collection left out before they became stories, for the summary too.
    """
    unique: dict[str, Story] = {}
    for story in stories:
        unique.setdefault(story.id, story)
    moments = {i: aware(s.published or first_seen.get(i, now)) for i, s in unique.items()}
    ordered = sorted(unique.values(), key=lambda s: -moments[s.id].timestamp())
    urls = [canonical_url(s.url) if s.url else None for s in ordered]
    filters = filters or {}
    verdicts: list[tuple[Reason, str]] = []
    survivors: list[int] = []
    for index, story in enumerate(ordered):
        moment, keywords, url = moments[story.id], filters.get(story.source), urls[index]
        if story.id in already_sent:
            verdicts.append((Reason.SENT, "in an earlier edition"))
        elif url is not None and url in sent_urls:
            verdicts.append((Reason.SENT, "its URL was in an earlier edition"))
        elif story.source not in ageless_sources and moment < since:
            dated = "published" if story.published else "first seen"
            verdicts.append((Reason.OLDER, f"{dated} {stamp(moment)}, before {stamp(since)}"))
        elif keywords is not None and (rejected := keywords.rejects(story)):
            verdicts.append((Reason.FILTERED, rejected))
        else:
            verdicts.append((Reason.KEPT, ""))
            survivors.append(index)

    copies = find_copies([ordered[i] for i in survivors], [urls[i] for i in survivors])
    also_in: dict[int, list[str]] = {}
    per_source: dict[str, int] = {}
    kept = 0
    stand_in: dict[int, int] = {}  # a story's position -> the copy that took its place
    for position, index in enumerate(survivors):
        story = ordered[index]
        original = copies[position]
        if original is not None:
            original = stand_in.get(original, original)
        if original is not None and verdicts[survivors[original]][0] is not Reason.KEPT:
            # The newer copy went over its source's limit: this one may take its place.
            stand_in[copies[position]] = position
            original = None
        if original is not None:
            first = ordered[survivors[original]]
            verdicts[index] = (Reason.DUPLICATE, f"the same story as {first.title!r} "
                                                 f"({first.source})")
            others = also_in.setdefault(survivors[original], [])
            if story.source != first.source and story.source not in others:
                others.append(story.source)
            continue
        limit = max_per_source.get(story.source, max_stories)
        if per_source.get(story.source, 0) >= limit:
            verdicts[index] = (Reason.SOURCE_LIMIT, f"max_stories {limit} for {story.source}")
        elif kept >= max_stories:
            verdicts[index] = (Reason.LIMIT, f"max_stories {max_stories}")
        else:
            per_source[story.source] = per_source.get(story.source, 0) + 1
            kept += 1
    decisions = tuple(
        Decision(story, reason, why, tuple(also_in.get(i, ())) if reason is Reason.KEPT else ())
        for i, (story, (reason, why)) in enumerate(zip(ordered, verdicts, strict=True)))
    return Selection(decisions, since, now, after_digest, uncollected or {})


def stamp(moment: datetime) -> str:
    return aware(moment).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


# How each reason reads in the summary line, and in what order.
LEFT_OUT = {
    Reason.OLDER: "older than {older}",
    Reason.SENT: "already sent",
    Reason.FILTERED: "filtered by include/exclude",
    Reason.DUPLICATE: "duplicate{s}",
    Reason.SOURCE_LIMIT: "over their source's max_stories",
    Reason.LIMIT: "over max_stories",
}


def summary_line(selection: Selection, kept_words: str = "in the edition") -> str:
    """One line: how many stories are in the edition and, by rule, how many were left out."""
    counts = selection.counts
    kept = counts[Reason.KEPT]
    older = ("the last digest" if selection.after_digest
             else duration(selection.now - selection.since))
    line = f"{kept} {'story' if kept == 1 else 'stories'} {kept_words}"
    left = [f"{counts[r]} {words.format(older=older, s='s' * (counts[r] > 1))}"
            for r, words in LEFT_OUT.items() if counts[r]]
    return line + ("; left out: " + ", ".join(left) if left else "")


def duration(span: timedelta) -> str:
    """A window as config.yaml writes it: 24h, 90m, 2d, 36h."""
    minutes = round(span.total_seconds() / 60)
    if minutes % (24 * 60) == 0 and minutes >= 48 * 60:
        return f"{minutes // (24 * 60)}d"
    return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"


WORD = re.compile(r"[^\W_]+", re.UNICODE)
KEYS = 10  # rare words a story is filed under
RECENT = 16  # of the stories filed under one word, how many (the nearest in time) are looked at
MIN_SHARED = 3  # how many of those words a copy shares at least (all, when a story has fewer)


# Every ASCII character that is not a letter or a digit, as a space: in ASCII text, the words
# `WORD` finds are what splitting on these leaves, found in a fraction of the time (bytes
# translate by a table, a tenth of the time str.translate takes by a dict).
ASCII_GAPS = bytes(c if chr(c).isalnum() else 32 for c in range(128)) + b" " * 128


# Characters outside ASCII that news text is full of and that are no part of a word (quote
# marks, dashes, the ellipsis, no-break spaces, bullets): as spaces, most text becomes ASCII
# and takes the fast way above, with the same words.
TYPOGRAPHY = "\u2018\u2019\u201c\u201d\u2011\u2013\u2014\u2022\u2026\xa0\u200c"


def _tokens(text: str, limit: int | None = None) -> frozenset[str]:
    lowered = text.lower()
    if not lowered.isascii():
        for mark in TYPOGRAPHY:
            lowered = lowered.replace(mark, " ")
    words = (lowered.encode("ascii").translate(ASCII_GAPS).decode("ascii").split()
             if lowered.isascii() else WORD.findall(lowered))
    return frozenset(words[:limit] if limit else words)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared) if a and b else 0.0


def _same(title: frozenset[str], opening: frozenset[str],
          other: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Copies: a near-identical title and opening, or (syndicated wire copy is often
    retitled) a near-identical long opening alone."""
    shared = _jaccard(opening, other[1])
    return (shared >= 0.6 and _jaccard(title, other[0]) >= 0.8) or (
        shared >= 0.9 and len(opening) >= 20)


def find_copies(stories: Sequence[Story], urls: Sequence[str | None]) -> list[int | None]:
    """For each story, the position of an earlier story it repeats (the first one), or None.

    Copies are the same canonical URL, or a near-identical title and opening. Both tests
    need the openings to share most of their words, so each story is filed under the rarest
    words of its opening that some other story also has (rare in this set of stories), and
    is compared only with the most recent stories filed under those words.
    """
    openings = [_tokens(" ".join(s.paragraphs[:3]), limit=60) for s in stories]
    titles: dict[int, frozenset[str]] = {}  # made when a story is first compared

    def title(index: int) -> frozenset[str]:
        found = titles.get(index)
        if found is None:
            found = titles[index] = _tokens(stories[index].title)
        return found

    frequency: Counter[str] = Counter()
    for opening in openings:
        frequency.update(opening)
    # Words by rarity (how many stories have them, then alphabetically), those no other story
    # has last (they can find nothing); sorted by the built-in keys, no function per word.
    by_rarity = sorted(frequency)
    by_rarity.sort(key=frequency.__getitem__)
    unique = sum(count == 1 for count in frequency.values())
    rank = {w: i for i, w in enumerate(by_rarity[unique:] + by_rarity[:unique])}
    result: list[int | None] = []
    by_url: dict[str, int] = {}
    by_word: dict[str, list[int]] = {}
    for index, (opening, url) in enumerate(zip(openings, urls, strict=True)):
        match = by_url.get(url) if url else None
        if match is not None:
            result.append(match)
            continue
        keys = [w for w in sorted(opening, key=rank.__getitem__)[:KEYS] if frequency[w] > 1]
        if keys:
            near = Counter(chain.from_iterable(by_word[w][-RECENT:] for w in keys
                                               if w in by_word))
            least = min(MIN_SHARED, len(keys))
            match = next((i for i in sorted(near) if near[i] >= least
                          and _same(title(index), opening, (title(i), openings[i]))), None)
        result.append(match)
        if match is not None:
            continue
        if url:
            by_url[url] = index
        for word in keys:
            by_word.setdefault(word, []).append(index)
    return result
