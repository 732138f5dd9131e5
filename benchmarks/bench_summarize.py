"""Speed of the summarizer and of extraction plus summarizing.

    python benchmarks/bench_summarize.py [EVAL_DIR] [--rounds 7] [--processes 2]
                                         [--skip-speed | --skip-command] [--against DIR]

Prints medians over the rounds:
- stories/s summarizing already-extracted text of about 800 words, on one core, for two
  sets of stories: typical news, and quote-heavy news (target: 1,000 typical stories/s);
- the same for typical stories two and four times as long (each made of the next one or
  three typical stories' text after its own), with the time a word takes against the
  800-word stories' (target: linear in length, about 1.0x);
- with `--against DIR` (the root folder of another checkout of digest), that checkout's
  summarizer timed in the same process, rounds interleaved, and the ratio of the two in
  CPU time (the fair figure while others share the machine);
- pages/s of the whole command `digest summarize --json` over real news pages (HTML read,
  extracted and summarized, start to exit) with N worker processes, against the same
  command on one core (`--jobs 1`) in the same interleaved rounds (target: >= 1.7x on two
  cores), with each round's ratio, the CPU time of both, and how much of a core the
  one-process runs had: below 90%, other work shared the cores and the ratio is noisy.

The typical stories are the news and magazine pages in EVAL_DIR/pages, extracted, with their
titles; the quote-heavy ones are the human-made bodies of the articles in EVAL_DIR/articles,
which were picked for their many quotes and verbs of saying (a median of 8 quotes a story,
against 4 for the typical set). Both are cut to about 800 words, from articles of 700 words
or more. The summarizer keeps nothing from one story to the next, so timing the same stories
round after round is fair. The pages timed with extraction are the raw pages of
EVAL_DIR/articles. EVAL_DIR defaults as for eval_summarizer.py.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import importlib
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from eval_summarizer import default_folder

from digest.core.models import Story
from digest.fetch.extract import extract_html
from digest.summarize import summarize

ROOT = Path(__file__).resolve().parent.parent
STORY_WORDS = 800
MIN_WORDS = 700
PASSES = 3  # over the stories in each round's timing, so that it lasts long enough to time
LENGTHS = (2, 4)  # times the typical stories' length, to see that time grows linearly
AGAINST = "digest_against"  # the name the other checkout's package is loaded under
Summarizer = Callable[[Story], object]


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


def typical_stories(folder: Path) -> list[Story]:
    """The news and magazine pages of EVAL_DIR/pages of 700 words or more, extracted."""
    stories = []
    for key, entry in json.loads((folder / "evaldata-en-subset.json").read_text()).items():
        html = gzip.decompress((folder / "html" / f"{entry['file']}.gz").read_bytes())
        article = extract_html(html)
        if sum(len(p.split()) for p in article.paragraphs) >= MIN_WORDS:
            stories.append(Story(id=key, source="bench", title=article.title or "", url=None,
                                 published=None,
                                 paragraphs=about_800_words("\n\n".join(article.paragraphs))))
    return stories


def quote_heavy_stories(truth: dict[str, dict]) -> list[Story]:
    """The article bodies of EVAL_DIR/articles of 700 words or more."""
    return [
        Story(id=key, source="bench", title="", url=None, published=None,
              paragraphs=about_800_words(entry["articleBody"]))
        for key, entry in truth.items()
        if len(entry["articleBody"].split()) >= MIN_WORDS
    ]


def longer(stories: list[Story], times: int) -> list[Story]:
    """Each story followed by the text of the next `times - 1` stories: as many stories,
    `times` as long, each still written as news is (its own names, quotes and leads)."""
    return [
        Story(id=f"{story.id}x{times}", source="bench", title=story.title, url=None,
              published=None,
              paragraphs=tuple(p for k in range(times)
                               for p in stories[(at + k) % len(stories)].paragraphs))
        for at, story in enumerate(stories)
    ]


def against(root: Path) -> Summarizer:
    """The `summarize` of the checkout at `root`, its package loaded under another name
    (its modules import each other relatively), so both versions run in one process."""
    spec = importlib.util.spec_from_file_location(
        AGAINST, root / "digest" / "__init__.py",
        submodule_search_locations=[str(root / "digest")])
    if spec is None or spec.loader is None:
        raise SystemExit(f"no digest package in {root}")
    package: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[AGAINST] = package
    spec.loader.exec_module(package)
    return importlib.import_module(f"{AGAINST}.summarize").summarize


def stories_per_second(stories: list[Story], rounds: int, versions: dict[str, Summarizer]
                       ) -> dict[str, tuple[list[float], list[float]]]:
    """Stories/s of each version over `rounds` passes, wall clock and process CPU time, the
    versions taking turns within each round (each round's order the reverse of the last);
    each turn starts with no garbage left by the one before, whose collection is its own."""
    speeds: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in versions}
    for summarizer in versions.values():
        for story in stories:
            summarizer(story)  # warm up caches and imports
    for round_ in range(rounds):
        names = list(versions)[:: 1 if round_ % 2 == 0 else -1]
        for name in names:
            summarizer = versions[name]
            gc.collect()  # what the turn before left in cycles is not collected in this one
            started, started_cpu = time.perf_counter(), time.process_time()
            for _ in range(PASSES):
                for story in stories:
                    summarizer(story)
            count = PASSES * len(stories)
            speeds[name][0].append(count / (time.perf_counter() - started))
            speeds[name][1].append(count / (time.process_time() - started_cpu))
    return speeds


def report_speed(label: str, stories: list[Story], rounds: int,
                 versions: dict[str, Summarizer]) -> float:
    """Prints the medians of each version for one set of stories (and, with two versions,
    the ratio of their CPU-time medians); returns this checkout's median CPU-time speed."""
    words = statistics.mean(sum(len(p.split()) for p in s.paragraphs) for s in stories)
    speeds = stories_per_second(stories, rounds, versions)
    for name, (wall, cpu) in speeds.items():
        which = f" ({name})" if name else ""
        print(f"summarize, {label}{which}: {statistics.median(wall):,.0f} stories/s wall clock, "
              f"{statistics.median(cpu):,.0f} stories/s CPU time (one core, {len(stories)} "
              f"stories of {words:.0f} words on average, median of {rounds} rounds)")
    mine = statistics.median(speeds["this checkout" if len(speeds) > 1 else ""][1])
    if len(speeds) > 1:
        other = statistics.median(speeds["against"][1])
        ratios = sorted(a / b for a, b in zip(speeds["this checkout"][1], speeds["against"][1],
                                              strict=True))
        print(f"  this checkout / against, CPU time: {mine / other:.3f}x (each round's: "
              f"{ratios[0]:.3f}x to {ratios[-1]:.3f}x)")
    return mine


def report_lengths(stories: list[Story], rounds: int, versions: dict[str, Summarizer],
                   base: float) -> None:
    """Speed on stories `LENGTHS` times as long, and the time a word takes against the
    typical stories' (`base`: their stories/s in CPU time)."""
    for times in LENGTHS:
        speed = report_speed(f"typical news, {times}x as long", longer(stories, times), rounds,
                             versions)
        print(f"  time a word takes against the 800-word stories: {base / (speed * times):.2f}x "
              "(linear: 1.00x)")


@dataclass(frozen=True)
class Command:
    """One run of the command: wall seconds, and CPU seconds of it and its workers."""

    wall: float
    cpu: float


def command(pages: list[Path], jobs: int) -> Command:
    """`digest summarize --json --jobs N` over `pages`, from start to exit, run in the
    project's folder (so it reads config.yaml's summarizer options, as a user's run would)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "digest", "summarize", "--json", "--jobs", str(jobs),
                    *map(str, pages)], check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Command(wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


def whole_command(pages: list[Path], rounds: int, processes: int
                  ) -> tuple[list[Command], list[Command]]:
    """The runs with one process and with `processes`, rounds interleaved (each round's
    order the reverse of the last), after one untimed run of each to warm the disk cache."""
    command(pages, 1)
    command(pages, processes)
    one: list[Command] = []
    many: list[Command] = []
    for round_ in range(rounds):
        pair = [(one, 1), (many, processes)]
        for into, jobs in pair[:: 1 if round_ % 2 == 0 else -1]:
            into.append(command(pages, jobs))
    return one, many


def report_command(pages: int, one: list[Command], many: list[Command], processes: int,
                   load: tuple[float, float]) -> None:
    """The medians, the ratio of each round, and whether the machine was busy meanwhile."""
    one_rate = pages / statistics.median(run.wall for run in one)
    many_rate = pages / statistics.median(run.wall for run in many)
    ratios = sorted(a.wall / b.wall for a, b in zip(one, many, strict=True))
    print(f"digest summarize over {pages} pages (extract + summarize, whole command): "
          f"{many_rate:,.1f} pages/s with {processes} processes, {one_rate:,.1f} with one: "
          f"{many_rate / one_rate:.2f}x (target >= 1.7x; median of {len(one)} rounds)")
    print(f"  wall: {statistics.median(r.wall for r in many):.2f} s against "
          f"{statistics.median(r.wall for r in one):.2f} s; CPU of the command and its "
          f"workers: {statistics.median(r.cpu for r in many):.2f} s against "
          f"{statistics.median(r.cpu for r in one):.2f} s")
    print(f"  each round's ratio: {ratios[0]:.2f}x to {ratios[-1]:.2f}x, median "
          f"{statistics.median(ratios):.2f}x")
    # Alone on its core, the one-process command runs all the time it waits for: less says
    # that others took turns on the cores. The kernel shares the cores among sessions
    # (autogroup) before processes, so while another session is busy the N processes share
    # about what one would get, and the ratio says less than the code can do.
    share = statistics.median(run.cpu / run.wall for run in one)
    cores = statistics.median(run.cpu / run.wall for run in many)
    print(f"  the one-process runs had {share:.0%} of a core, the {processes}-process runs "
          f"{cores:.2f} cores; load average (1 minute) {load[0]:.2f} before, {load[1]:.2f} "
          f"after, on {os.cpu_count()} cores"
          + ("; NOISY: other work shared the cores" if share < 0.9 or cores < processes * 0.75
             else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--skip-speed", action="store_true",
                        help="only the whole command, not the one-core summarizer speed")
    parser.add_argument("--skip-command", action="store_true",
                        help="only the one-core summarizer speed, not the whole command")
    parser.add_argument("--against", type=Path,
                        help="the root folder of another checkout of digest, whose summarizer "
                             "is timed alongside in the same process")
    args = parser.parse_args(argv)
    folder = args.eval_dir or default_folder()
    if not (folder / "articles" / "ground-truth.json").is_file():
        print(f"no articles in {folder}; pass EVAL_DIR or set DIGEST_EVAL_DIR", file=sys.stderr)
        return 2
    truth = json.loads((folder / "articles" / "ground-truth.json").read_text(encoding="utf-8"))
    versions: dict[str, Summarizer] = {"": summarize}
    if args.against is not None:
        versions = {"this checkout": summarize, "against": against(args.against.resolve())}
    if not args.skip_speed:
        typical = typical_stories(folder / "pages")
        base = report_speed("typical news", typical, args.rounds, versions)
        report_speed("quote-heavy news", quote_heavy_stories(truth), args.rounds, versions)
        report_lengths(typical, args.rounds, versions, base)
    if args.skip_command:
        return 0
    folder = folder / "articles"
    with tempfile.TemporaryDirectory() as scratch:
        pages = []
        for copy in range(3):  # enough work that starting the command is not most of it
            for key in truth:
                page = Path(scratch) / f"{key}-{copy}.html"
                page.write_bytes(gzip.decompress((folder / "html" / f"{key}.html.gz")
                                                 .read_bytes()))
                pages.append(page)
        load_before = os.getloadavg()[0]
        one, many = whole_command(pages, args.rounds, args.processes)
        report_command(len(pages), one, many, args.processes,
                       (load_before, os.getloadavg()[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
