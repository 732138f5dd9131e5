"""Article extraction: throughput and token F1 against human ground truth.

Runs `digest.fetch.extract.extract_html` and trafilatura's own `extract` (the floor to match) on
the real news pages of the evaluation set (`articles/html/*.html.gz` with
`articles/ground-truth.json`), and prints pages per second and mean token F1 for both, and
on how many pages digest found a publication date.

    python benchmarks/bench_extract.py [EVAL_DIR]   (default: $DIGEST_EVAL_DIR or ../shared/eval)
"""

from __future__ import annotations

import gzip
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from digest.fetch.extract import extract_html

ROOT = Path(__file__).resolve().parent.parent
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def tokens(text: str) -> list[str]:
    """The evaluation's normalisation: lower-case, plain quotes, letters/digits/spaces only."""
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).lower()
    return re.sub(r"[^\w\s]|_", " ", text).split()


def f1(predicted: str, gold: str) -> float:
    p, g = Counter(tokens(predicted)), Counter(tokens(gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def ours(html: str) -> str:
    return "\n\n".join(extract_html(html).paragraphs)


def trafilatura_alone(html: str) -> str:
    return trafilatura.extract(html) or ""


def measure(name: str, extract: Callable[[str], str], pages: list[tuple[str, str]]) -> None:
    scores, seconds = [], []
    for html, gold in pages:
        started = time.perf_counter()
        text = extract(html)
        seconds.append(time.perf_counter() - started)
        scores.append(f1(text, gold))
    print(f"{name:20} {len(pages) / sum(seconds):6.1f} pages/s  median "
          f"{statistics.median(seconds) * 1000:5.1f} ms/page  token F1 mean "
          f"{statistics.mean(scores):.3f}  median {statistics.median(scores):.3f}")


def main() -> None:
    default = os.environ.get("DIGEST_EVAL_DIR", str(ROOT.parent / "shared" / "eval"))
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else default) / "articles"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [
        (gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode(
            "utf-8", errors="replace"), item["articleBody"])
        for key, item in sorted(truth.items())
    ]
    print(f"{len(pages)} pages, one process")
    for name, extract in (("digest extract_html", ours), ("trafilatura alone", trafilatura_alone)):
        extract(pages[0][0])  # warm-up: imports and caches
        measure(name, extract, pages)
    dated = sum(extract_html(html).published is not None for html, _ in pages)
    print(f"digest extract_html: a publication date on {dated} of {len(pages)} pages")


if __name__ == "__main__":
    main()
