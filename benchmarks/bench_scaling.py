"""Time against input size: does reading a story cost in proportion to its length?

    python benchmarks/bench_scaling.py [--only SUBSTRING] [--limit SECONDS] [--steps 3]

For each shape of input, normal news and hostile text alike, builds it at 1x, 10x and 100x
its base size, runs the stage it exercises (summarizing, HTML to paragraphs, the text,
Markdown and feed readers) and prints the seconds each size took and the ratio of each 10x
step. Work that grows in proportion to the input has a ratio near 10; 100 means quadratic.
A size whose time, judged from the step before, would pass `--limit` is left out ("-").

Every text here is made up for the benchmark: sentences invented for it, repeated.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import itertools
import json
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from digest.core.models import Story
from digest.fetch.extract import extract_text
from digest.fetch.feeds import parse_feed
from digest.fetch.htmltext import html_to_paragraphs
from digest.fetch.markdown import extract_markdown
from digest.sources.base import FetchContext
from digest.sources.feed import FeedOptions, FeedSource
from digest.summarize import summarize

# An invented story: a lead, attributions of every kind, names and roles, pronouns.
NEWS = (
    "The city council of Northbridge voted on Tuesday to close the old harbour bridge for "
    "repairs, a decision that will reroute about 12,000 cars a day for most of next year.",
    "“We cannot keep patching a bridge that was built for horses,” said Mayor Helen Ostrow, "
    "who has pushed for the repairs since she took office.",
    "Engineers found cracks in two of the bridge’s steel supports in March, according to a "
    "report by the Northbridge Transport Authority.",
    "Dr. Samuel Okafor, a structural engineer at Eastfield University, said the cracks were "
    "“serious but not yet dangerous” and that the city had acted in time.",
    "Local shop owners are worried. “Half of my customers come over that bridge,” said Rita "
    "Mendes, who runs a bakery near the harbour. “I don’t know what we will do.”",
    "The council said it would add buses and open a temporary ferry during the works.",
    "“The ferry will run every ten minutes at rush hour,” a council spokesperson told "
    "reporters on Wednesday.",
    "Ostrow said the repairs would cost about $40 million. She added: “It is money we have "
    "to spend, and the sooner we spend it the less it will cost.”",
)
PROSE = " ".join(NEWS)
REPEAT_BELOW = 1.0  # seconds: sizes quicker than this are timed three times


# Words and marks the summarizer reacts to, drawn at random (with a fixed seed) into text
# with every construction it reads at once, to find what the shapes above miss.
VOCABULARY = (
    "“ ” \" ' ‘ ’ « » — – - : ; , . ! ? ( ) [ ] said says told added saying according to in "
    "the words of his her own he she they it a an the man woman mother father statement "
    "report by released spokesperson for of Ann Lee Bob Stone Acme Group Ministry (ABC) "
    "Mr. Dr. U.S. NORTHBRIDGE, that with quoted as called the book Pose actor we will go"
).split()


def mixed(words: int, seed: int = 16) -> str:
    chooser = random.Random(seed)
    return " ".join(chooser.choice(VOCABULARY) for _ in range(words))


@dataclass(frozen=True)
class Case:
    """One shape of input, built at a scale, with the stage it is fed to."""

    name: str
    unit: str  # what one step of scale adds, for the table's reader
    base: int  # units at 1x
    build: Callable[[int], Callable[[], object]]  # units -> the work to time


def story(*paragraphs: str, title: str = "Harbour bridge to close for repairs") -> Story:
    return Story(id="bench", source="bench", title=title, url=None, published=None,
                 paragraphs=paragraphs)


def summarizing(paragraphs: Callable[[int], tuple[str, ...]], **kwargs: str) -> Callable[
        [int], Callable[[], object]]:
    """The work of summarizing a story made of `paragraphs(units)`, both ways: with every
    quote (as `digest summarize --max-quotes 0`) and with the two best (as a digest has)."""
    def build(units: int) -> Callable[[], object]:
        made = story(*paragraphs(units), **kwargs)
        return lambda: (summarize(made, max_quotes=0), summarize(made))
    return build


def repeated(text: str, units: int) -> str:
    return text * units


def news_html(units: int) -> str:
    return "".join(f"<p>{p}</p>" for p in NEWS * units)


def feed_with_entry(units: int) -> bytes:
    """A JSON Feed of one entry whose HTML content is `units` copies of the story."""
    item = {"id": "1", "url": "https://example.com/1", "title": "Bridge",
            "content_html": news_html(units)}
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [item]}).encode()


def feed_to_summary(units: int) -> Callable[[], object]:
    body = feed_with_entry(units)

    def work() -> object:
        entry = parse_feed(body).entries[0]
        return summarize(story(*html_to_paragraphs(entry.content)), max_quotes=0)
    return work


def feed_file_to_summary(units: int) -> Callable[[], object]:
    """A feed file read by the feed source, whose stories are capped, then summarized."""
    folder = Path(tempfile.mkdtemp(prefix="bench-scaling-"))
    atexit.register(shutil.rmtree, folder, True)
    (folder / "feed.json").write_bytes(feed_with_entry(units))
    source = FeedSource("bench", FeedOptions(path=folder / "feed.json", full_text="never"),
                        folder)
    context = FetchContext(http=None, now=datetime.now(UTC))  # type: ignore[arg-type]

    def work() -> object:
        return [summarize(story, max_quotes=0) for story in source.fetch(context).stories]
    return work


def nested_html(units: int) -> str:
    return "<div>" * units + "<p>A paragraph deep inside the page.</p>" + "</div>" * units


CASES = (
    Case("normal story, paragraphs", "8 paragraphs", 4,
         summarizing(lambda n: NEWS * n)),
    Case("normal story, one paragraph", "8 paragraphs' text", 4,
         summarizing(lambda n: (" ".join([PROSE] * n),))),
    Case("quote marks, balanced, one paragraph", "quote", 200,
         summarizing(lambda n: (repeated("“We will go there now,” she said. ", n),))),
    Case("quote marks, alone, one paragraph", 'mark', 200,
         summarizing(lambda n: (repeated('" ', n),))),
    Case("quote marks, glued, one paragraph", 'mark', 200,
         summarizing(lambda n: (repeated('a"', n),))),
    Case("quote marks, curly openers, one paragraph", "mark", 200,
         summarizing(lambda n: (repeated("“word word word word ", n),))),
    Case("quote marks, single, one paragraph", "mark", 200,
         summarizing(lambda n: (repeated("'a b c d' ", n),))),
    Case("quote marks, doubled apostrophes", "quote", 200,
         summarizing(lambda n: (repeated("''We will go there now,'' she said. ", n),))),
    Case("quote marks, apostrophes in a row", "mark", 200,
         summarizing(lambda n: (repeated("'", n),))),
    Case("quote marks, nested in the same marks", "quote", 200,
         summarizing(lambda n: (repeated("“We said “go there now” and left,” she said. ", n),))),
    Case("quote marks, opening each paragraph", "paragraph", 200,
         summarizing(lambda n: ("“We will keep going with this",) * n)),
    Case("quote marks, every paragraph quoted", "paragraph", 200,
         summarizing(lambda n: ("“We will keep going with this,” she said.",) * n)),
    Case("no punctuation, lower case", "1,000 characters", 1,
         summarizing(lambda n: (repeated("word ", 200 * n),))),
    Case("no punctuation, capitalised", "1,000 characters", 1,
         summarizing(lambda n: (repeated("Alpha Beta Gamma Delta Epsilon ", 32 * n),))),
    Case("no punctuation, in quotes", "1,000 characters", 1,
         summarizing(lambda n: ("“" + repeated("word ", 200 * n) + "” she said",))),
    Case('"said", repeated', "500 words", 1,
         summarizing(lambda n: (repeated("said ", 500 * n),))),
    Case('"Smith said", repeated', "500 words", 1,
         summarizing(lambda n: (repeated("Smith said ", 250 * n),))),
    Case('"said Smith,", repeated', "500 words", 1,
         summarizing(lambda n: (repeated("“Words of a quote here,” said Smith, ", 125 * n),))),
    Case("capitalised words, repeated", "500 words", 1,
         summarizing(lambda n: (repeated("Smith ", 500 * n),))),
    Case("capitalised words, one name", "500 words", 1,
         summarizing(lambda n: (repeated("Smith of ", 250 * n) + "Jones said “we go now ok.”",))),
    Case("capitalised words, acronym at the end", "500 words", 1,
         summarizing(lambda n: (repeated("Smith ", 500 * n) + "said (ABC) “we go now ok.”",))),
    Case("capitalised words in quotes, one title", "500 words", 1,
         summarizing(lambda n: ("the “Pose” " + repeated("x" * 50 + " said ", 50 * n),))),
    Case("sentences, repeated", "500 sentences", 1,
         summarizing(lambda n: (repeated("He went. ", 500 * n),))),
    Case("abbreviations, repeated", "500 words", 1,
         summarizing(lambda n: (repeated("Mr. Dr. U.S. ", 166 * n),))),
    Case("dashes, repeated", "500 dashes", 1,
         summarizing(lambda n: (repeated("— ", 500 * n),))),
    Case("participles before quotes, one sentence", "quote", 100,
         summarizing(lambda n: (repeated("Smith rejected it, saying “we go there now” and ", n),))),
    Case('"with X saying", one sentence', "quote", 100,
         summarizing(lambda n: (repeated("with Ann Lee saying “we go there now” and ", n),))),
    Case("statements saying, one sentence", "quote", 100,
         summarizing(lambda n: (repeated("a statement saying “we go there now” and ", n),))),
    Case("spokespeople, one paragraph", "quote", 100,
         summarizing(lambda n: (repeated("“We go there now,” the spokesperson said. ", n),))),
    Case("roles, one paragraph", "quote", 100,
         summarizing(lambda n: (repeated("Minister Ann Lee, the head of the Acme Group, said "
                                         "“we go there now.” ", n),))),
    Case('"according to", one paragraph', "quote", 100,
         summarizing(lambda n: (repeated("According to Ann Lee, “we go there now” ", n),))),
    Case("pronouns, one paragraph", "quote", 100,
         summarizing(lambda n: (repeated("Ann Lee met Bob Stone. “We go there now,” she said. ",
                                         n),))),
    Case("pronouns, nobody named, one paragraph", "quote", 100,
         summarizing(lambda n: (repeated("“We go there now,” she said to a man. ", n),))),
    Case("pronouns, only bodies named, one paragraph", "quote", 100,
         summarizing(lambda n: (repeated("The Acme Group met. “We go there now,” she said. ",
                                         n),))),
    Case("pronouns, one sentence", "quote", 100,
         summarizing(lambda n: (repeated("Ann Lee met Bob Stone and “we go there now,” she "
                                         "said and ", n),))),
    Case("report by, one paragraph", "quote", 100,
         summarizing(lambda n: (repeated("A report by the Acme Group said “we go there now” "
                                         "and the report said “we go there again” ", n),))),
    Case("the ministry, one paragraph", "quote", 100,
         summarizing(lambda n: (repeated("France's foreign ministry met. “We go there now,” "
                                         "the ministry said. ", n),))),
    Case("mixed vocabulary, one paragraph", "1,000 words", 1,
         summarizing(lambda n: (mixed(1000 * n),))),
    Case("mixed vocabulary, paragraphs of 50 words", "1,000 words", 1,
         summarizing(lambda n: tuple(mixed(50, seed) for seed in range(20 * n)))),
    Case("HTML, nested <div>", "100 levels", 1,
         lambda n: lambda: html_to_paragraphs(nested_html(100 * n))),
    Case("HTML, nested <b>", "100 levels", 1,
         lambda n: lambda: html_to_paragraphs("<b>x" * (100 * n))),
    Case("HTML, news paragraphs", "8 paragraphs", 40,
         lambda n: lambda: html_to_paragraphs(news_html(n))),
    Case("plain text file, news", "8 paragraphs", 40,
         lambda n: lambda: extract_text("\n\n".join(NEWS * n))),
    Case("plain text file, one line per word", "word", 1000,
         lambda n: lambda: extract_text("Word\n" * n)),
    Case("plain text file, wrapped lines", "1,000 lines", 1,
         lambda n: lambda: extract_text("a line of text that goes on\n" * (1000 * n))),
    Case("plain text file, one 10 MB line at 100x", "100 KB", 1,
         lambda n: lambda: extract_text("Title: A\n\n" + repeated("words and more ", 6800 * n))),
    Case("Markdown file, one paragraph", "1,000 lines", 1,
         lambda n: lambda: extract_markdown("# A\n\n" + "a line of text goes on\n" * (1000 * n))),
    Case("Markdown file, news", "8 paragraphs", 40,
         lambda n: lambda: extract_markdown("# Bridge\n\n" + "\n\n".join(NEWS * n))),
    Case("feed entry to summary (100 KB at 1x)", "story copy", 80, feed_to_summary),
    Case("feed file to summaries, capped (100 KB at 1x)", "story copy", 80,
         feed_file_to_summary),
)


def timed(work: Callable[[], object]) -> float:
    """Seconds `work` takes, with the garbage collector off, as timeit has it: its passes
    over every object alive make large inputs look slower than the work they cost."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        work()
        return time.perf_counter() - started
    finally:
        gc.enable()


def measure(case: Case, steps: int, limit: float) -> list[float | None]:
    """Seconds at 1x, 10x, 100x…; None where the time would pass `limit`."""
    times: list[float | None] = []
    previous: float | None = None
    for step in range(steps):
        if previous is not None and previous * 15 > limit:
            times.append(None)
            previous = None
            continue
        if step and previous is None:
            times.append(None)
            continue
        work = case.build(case.base * 10**step)
        first = timed(work)  # the best of three where that is quick, as other work interferes
        previous = min([first, *(timed(work) for _ in range(2 if first < REPEAT_BELOW else 0))])
        times.append(previous)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run the cases whose name holds this")
    parser.add_argument("--limit", type=float, default=60.0, help="seconds a size may take")
    parser.add_argument("--steps", type=int, default=3, help="sizes: 1x, 10x, 100x, …")
    args = parser.parse_args(argv)
    sizes = [f"{10**step}x" for step in range(args.steps)]
    ratios = [f"{a}->{b}" for a, b in itertools.pairwise(sizes)]
    print(f"{'input':45}{''.join(f'{s:>10}' for s in sizes)}{''.join(f'{r:>11}' for r in ratios)}")
    worst = 0.0
    for case in CASES:
        if args.only not in case.name:
            continue
        times = measure(case, args.steps, args.limit)
        cells = "".join(f"{t:>9.3f}s" if t is not None else f"{'-':>10}" for t in times)
        steps = []
        for a, b in itertools.pairwise(times):
            if a is None or b is None:
                steps.append(f"{'-':>11}")
                continue
            ratio = b / max(a, 1e-6)
            if a >= 0.001:  # smaller times are mostly the clock's noise
                worst = max(worst, ratio)
            steps.append(f"{ratio:>10.1f}x")
        print(f"{case.name:45}{cells}{''.join(steps)}", flush=True)
    print(f"worst ratio per 10x step (from 1 ms up): {worst:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
