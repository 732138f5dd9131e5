"""Speed of the summarizer and of extraction plus summarizing.

    python benchmarks/bench_summarize.py [EVAL_DIR] [--rounds 7] [--processes 2]

Prints medians over the rounds:
- stories/s summarizing already-extracted text of about 800 words, on one core;
- pages/s extracting (HTML) and summarizing real news pages with N processes.

The texts are the articles in EVAL_DIR/articles (defaults as for eval_summarizer.py):
their human-made bodies cut to about 800 words, and their raw pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from multiprocessing import Pool
from pathlib import Path

from eval_summarizer import default_folder

from digest.extract import extract_html
from digest.models import Story
from digest.summarize import summarize

STORY_WORDS = 800
MIN_WORDS = 700


def about_800_words(body: str) -> tuple[str, ...]:
    """The first paragraphs of an article body, up to about 800 words."""
    kept: list[str] = []
    count = 0
    for paragraph in (p for p in body.split("\n\n") if p.strip()):
        if count >= STORY_WORDS:
            break
        kept.append(paragraph)
        count += len(paragraph.split())
    return tuple(kept)


def stories_per_second(stories: list[Story], rounds: int) -> tuple[float, float]:
    """Median stories/s over `rounds` passes, wall clock and process CPU time."""
    wall, cpu = [], []
    for story in stories:
        summarize(story)  # warm up caches and imports
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        for story in stories:
            summarize(story)
        wall.append(len(stories) / (time.perf_counter() - started))
        cpu.append(len(stories) / (time.process_time() - started_cpu))
    return statistics.median(wall), statistics.median(cpu)


def extract_and_summarize(page: tuple[str, bytes]) -> int:
    key, html = page
    article = extract_html(html)
    story = Story(id=key, source="bench", title=article.title or "", url=None, published=None,
                  paragraphs=article.paragraphs)
    return len(summarize(story).quotes)


def pages_per_second(pages: list[tuple[str, bytes]], rounds: int, processes: int) -> float:
    rates = []
    with Pool(processes) as pool:
        pool.map(extract_and_summarize, pages[:processes])  # start the workers
        for _ in range(rounds):
            started = time.perf_counter()
            pool.map(extract_and_summarize, pages, chunksize=1)
            rates.append(len(pages) / (time.perf_counter() - started))
    return statistics.median(rates)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    folder = (args.eval_dir or default_folder()) / "articles"
    if not (folder / "ground-truth.json").is_file():
        print(f"no articles in {folder}; pass EVAL_DIR or set DIGEST_EVAL_DIR", file=sys.stderr)
        return 2
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    stories = [
        Story(id=key, source="bench", title="", url=None, published=None,
              paragraphs=about_800_words(entry["articleBody"]))
        for key, entry in truth.items()
        if len(entry["articleBody"].split()) >= MIN_WORDS
    ]
    words = statistics.mean(sum(len(p.split()) for p in s.paragraphs) for s in stories)
    wall, cpu = stories_per_second(stories, args.rounds)
    print(f"summarize: {wall:,.0f} stories/s wall clock, {cpu:,.0f} stories/s CPU time "
          f"(one core, {len(stories)} stories of {words:.0f} words on average, "
          f"median of {args.rounds} rounds)")
    pages = [(key, gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()))
             for key in truth]
    rate = pages_per_second(pages, args.rounds, args.processes)
    print(f"extract + summarize: {rate:,.1f} pages/s with {args.processes} processes "
          f"({len(pages)} pages, median of {args.rounds} rounds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
