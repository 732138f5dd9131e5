"""Render speed and size: a digest of real stories (tests/fixtures/digest) rendered to an Email.

Prints the median time of a whole render (cleaning, Jinja to MJML, MJML to HTML, the text
part), of the MJML compile alone for reference, and the HTML and text sizes. Target: a
40-story render <= 10 ms, its HTML under Gmail's clipping limit (102 KB).

    python benchmarks/bench_render.py [--stories 40] [--runs 200] [--no-images]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from mjml import mjml2html

from digest.render.renderer import Renderer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for the tests' sample data
from tests.sample_digest import NEWSLETTER, sample_digest


def median_ms(run: Callable[[], object], runs: int) -> float:
    """The median wall time of `runs` calls, after a few to warm up, without GC pauses."""
    for _ in range(5):
        run()
    times = []
    gc.disable()
    try:
        for _ in range(runs):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stories", type=int, default=40)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--no-images", action="store_true", help="stories without lead images")
    args = parser.parse_args()

    digest = sample_digest(args.stories, images=not args.no_images)
    renderer = Renderer.create()
    email = renderer.render(digest, NEWSLETTER)
    mjml = renderer.mjml(renderer.context(digest, NEWSLETTER))
    full = len(mjml2html(mjml).encode())
    html = len(email.html.encode())

    print(f"{args.stories} stories, {args.runs} runs")
    print(f"render (clean + Jinja + MJML + text): median "
          f"{median_ms(lambda: renderer.render(digest, NEWSLETTER), args.runs):.2f} ms  "
          "target <= 10 ms")
    print(f"MJML compile alone:                   median "
          f"{median_ms(lambda: mjml2html(mjml), args.runs):.2f} ms")
    print(f"HTML {html:,} bytes (budget {renderer.budget:,}), text {len(email.text.encode()):,} "
          "bytes")
    if html < full:
        print(f"  shrunk to fit from {full:,} bytes: "
              f"{email.html.count('<blockquote')} quotes kept, "
              f"{email.text.count('Read more: ')} stories in full, the rest as links")


if __name__ == "__main__":
    main()
