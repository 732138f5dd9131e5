"""Selection against the number of candidates: is choosing an edition linear?

    python benchmarks/bench_select.py [--sizes 1000 10000 40000] [EVAL_DIR]

Builds candidate sets of each size and prints the µs a candidate that `select_stories`
takes (window, sent, filters, near-duplicate merging, limits), and the ratio to the smallest
size's figure: near 1 is linear, a ratio that grows with the size is not. The target is at
most 200 µs a candidate at 10,000 and at 40,000.

The stories are made of real paragraphs when EVAL_DIR (default: $DIGEST_EVAL_DIR, else
../shared/eval) holds polnear-train/text (2016 election news: the same long words in
thousands of stories, the case that made merging quadratic); else of invented words drawn
from topics. One story in ten is a copy of an earlier one from another source, half of them
retitled. At the smallest size the merging is also checked against comparing every pair.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import string
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from digest.core.models import Reason, Selection, Story
from digest.select import Keywords, _same, _tokens, find_copies, select_stories

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
SOURCES = [f"source-{i}" for i in range(50)]


def default_folder() -> Path:
    if os.environ.get("DIGEST_EVAL_DIR"):
        return Path(os.environ["DIGEST_EVAL_DIR"])
    return Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def real_paragraphs(folder: Path) -> list[str]:
    texts = sorted((folder / "polnear-train" / "text").glob("*.txt"))
    paragraphs = [p.strip() for path in texts
                  for p in path.read_text(encoding="utf-8").split("\n\n")[1:]]
    return [p for p in paragraphs if len(p.split()) >= 8]


def invented_paragraphs(rng: random.Random, count: int = 20_000) -> list[str]:
    """Paragraphs of made-up words: a common vocabulary, and 40 topics of long words that
    thousands of paragraphs share."""
    def word(length: int) -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=length))

    common = [word(rng.randint(2, 7)) for _ in range(3000)]
    topics = [[word(rng.randint(9, 14)) for _ in range(25)] for _ in range(40)]
    paragraphs = []
    for _ in range(count):
        topic = rng.choice(topics)
        words = [rng.choice(topic) if rng.random() < 0.3 else
                 common[min(int(rng.paretovariate(1.1)) - 1, len(common) - 1)]
                 for _ in range(rng.randint(25, 60))]
        paragraphs.append(" ".join(words))
    return paragraphs


def paragraph(sentences: list[str], vocabulary: list[str], rng: random.Random) -> str:
    """Two or three sentences of the corpus, one word in ten swapped for another, so that
    stories that are not copies do not share whole paragraphs."""
    words = " ".join(rng.sample(sentences, rng.randint(2, 3))).split()
    return " ".join(rng.choice(vocabulary) if rng.random() < 0.1 else w for w in words)


def candidates(size: int, paragraphs: list[str], rng: random.Random) -> list[Story]:
    sentences = [s for p in paragraphs for s in p.split(". ") if len(s.split()) >= 5]
    vocabulary = sorted({w for p in paragraphs for w in p.split()})
    stories: list[Story] = []
    for i in range(size):
        published = NOW - timedelta(minutes=rng.randint(0, 30 * 60))
        source = rng.choice(SOURCES)
        if stories and rng.random() < 0.1:
            original = rng.choice(stories[-200:])
            title = original.title if rng.random() < 0.5 else f"Update: {original.title}"
            published = (original.published or NOW) + timedelta(minutes=rng.randint(-180, 180))
            stories.append(Story(f"copy-{i}:{original.id}", source, title,
                                 f"https://copy.example/{i}", published, original.paragraphs))
            continue
        body = tuple(paragraph(sentences, vocabulary, rng) for _ in range(4))
        title = " ".join(rng.choice(sentences).split()[:9])
        stories.append(Story(f"s-{i}", source, title, f"https://news.example/{i}", published,
                             body))
    return stories


def copies_made(selection: Selection) -> int:
    """The copies made whose original is also a candidate that got as far as merging."""
    merging = {d.story.id for d in selection.decisions
               if d.reason not in (Reason.OLDER, Reason.SENT, Reason.FILTERED)}
    return sum(i.startswith("copy-") and i.split(":")[1] in merging for i in merging)


def pairwise_copies(stories: list[Story]) -> int:
    """How many stories repeat an earlier one, found by comparing every pair."""
    titles = [_tokens(s.title) for s in stories]
    openings = [_tokens(" ".join(s.paragraphs[:3]), limit=60) for s in stories]
    found, kept = 0, []
    for i in range(len(stories)):
        if any(_same(titles[i], openings[i], (titles[k], openings[k])) for k in kept):
            found += 1
        else:
            kept.append(i)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 40_000])
    parser.add_argument("--check", type=int, default=1000,
                        help="sizes up to this are also merged by comparing every pair")
    args = parser.parse_args()
    rng = random.Random(18)
    folder = args.eval_dir or default_folder()
    paragraphs = real_paragraphs(folder) if (folder / "polnear-train").is_dir() else []
    print(f"stories from {'real paragraphs' if paragraphs else 'invented words'}")
    paragraphs = paragraphs or invented_paragraphs(rng)
    filters = {s: Keywords.of((), ("sport", "football")) for s in SOURCES[:10]}
    first: float | None = None
    for size in args.sizes:
        stories = candidates(size, paragraphs, rng)
        sent = {s.id for s in stories[: size // 20]}
        gc.collect()
        started = time.process_time()
        selection = select_stories(
            stories, since=NOW - timedelta(hours=24), now=NOW, first_seen={},
            already_sent=sent, ageless_sources={SOURCES[0]}, max_per_source={SOURCES[1]: 5},
            max_stories=40, filters=filters)
        per = (time.process_time() - started) / size * 1e6
        first = first or per
        counts = selection.counts
        print(f"{size:>7} candidates: {per:7.1f} µs a candidate (x{per / first:.2f} the "
              f"first size's); {counts[Reason.DUPLICATE]} duplicates merged of "
              f"{copies_made(selection)} copies made; {counts[Reason.OLDER]} older")
        if size <= args.check:
            merged = sum(c is not None for c in find_copies(stories, [None] * size))
            print(f"{'':>7} every pair compared: {pairwise_copies(stories)} copies; "
                  f"the rare-word index finds {merged}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
