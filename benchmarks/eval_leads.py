"""Score leads and titles on pages of sites the lead rules were not developed on.

    python benchmarks/eval_leads.py [EVAL_DIR] [--holdout] [--show]

EVAL_DIR holds pages/ (html/<file>.gz, trafilatura's evaluation pages: news and magazine
pages of many sites, boilerplate included); it defaults to $DIGEST_EVAL_DIR, else
../shared/eval next to the repository. benchmarks/lead_gold_pages.json gives, by hand, each
article page's true lead (its first ~15 words) and the headlines it may rightly carry;
pages that are no article are marked and skipped.

- lead: right when the first 10 tokens of the predicted lead equal the gold's, with the
  normalisation of eval_summarizer.py (the lead of a page is read as `summarize` gives it).
- title: right when its tokens match one of the page's headlines with a token-bag F1 of
  0.8 or more; a title that is empty, the site's name or a menu's heading is wrong.

Split: the pages in the order of their file names, every fifth held out. Development is
measured by default; `--holdout` measures the held-out pages too, to check a change once
it is made (never to develop one). A rule that helps one split and not the other is a patch.
The run fails (exit 1) when a figure falls below its floor in benchmarks/lead_floors.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from eval_summarizer import LEAD_FLOORS, Tally, bag_f1, default_folder, lead_right, tokens

from digest.core.models import Story
from digest.fetch.extract import extract_html
from digest.summarize import summarize

GOLD = Path(__file__).with_name("lead_gold_pages.json")
HELD_OUT_EVERY = 5
TITLE_F1 = 0.8


@dataclass
class PageScores:
    """Lead and title tallies of one split."""

    leads: Tally = field(default_factory=Tally)
    titles: Tally = field(default_factory=Tally)


def held_out(index: int) -> bool:
    """Every fifth page, in the order of their file names, is held out."""
    return index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1


def title_right(title: str | None, headlines: list[str]) -> bool:
    return bool(title) and any(bag_f1(tokens(title), tokens(h)) >= TITLE_F1 for h in headlines)


def evaluate(folder: Path, *, holdout: bool) -> tuple[PageScores, PageScores]:
    """(development, held out) scores; the held-out ones stay empty unless asked for."""
    gold = sorted(json.loads(GOLD.read_text(encoding="utf-8"))["pages"],
                  key=lambda page: page["file"])
    scores = (PageScores(), PageScores())
    for index, page in enumerate(p for p in gold if p["article"]):
        split = int(held_out(index))
        if split and not holdout:
            continue
        url = None if page["url"].startswith("hard::") else page["url"]
        raw = gzip.decompress((folder / "pages" / "html" / f"{page['file']}.gz").read_bytes())
        article = extract_html(raw, url=url)
        lead = summarize(Story(id=page["file"], source="eval", title=article.title or "",
                               url=None, published=None, paragraphs=article.paragraphs)).lead
        name = page["file"][:28]
        scores[split].leads.add(lead_right(lead, page["lead"]),
                                f"{name:28} gold={page['lead'][:70]!r}\n{'':28} got={lead[:70]!r}")
        scores[split].titles.add(title_right(article.title, page["titles"]),
                                 f"{name:28} gold={page['titles'][0][:60]!r} "
                                 f"got={article.title!r}")
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--holdout", action="store_true",
                        help="measure the held-out pages too (only to check a finished change)")
    parser.add_argument("--show", action="store_true", help="list the misses")
    args = parser.parse_args(argv)
    folder = args.eval_dir or default_folder()
    if not (folder / "pages" / "html").is_dir():
        print(f"no evaluation pages in {folder}; pass EVAL_DIR or set DIGEST_EVAL_DIR",
              file=sys.stderr)
        return 2
    development, held = evaluate(folder, holdout=args.holdout)
    figures: dict[str, float] = {}
    for label, split in (("development", development), ("held out", held)):
        if not split.leads.total:
            continue
        key = "dev" if split is development else "holdout"
        figures[f"pages_{key}_lead"] = split.leads.rate
        figures[f"pages_{key}_title"] = split.titles.rate
        print(f"unseen-site pages, {label}: lead {split.leads.rate:.3f} "
              f"({split.leads.right}/{split.leads.total}), title {split.titles.rate:.3f} "
              f"({split.titles.right}/{split.titles.total})")
        if args.show:
            print("  lead misses:", *split.leads.misses, sep="\n  ")
            print("  title misses:", *split.titles.misses, sep="\n  ")
    floors = json.loads(LEAD_FLOORS.read_text(encoding="utf-8"))
    failures = [key for key, floor in floors.items() if key in figures and figures[key] < floor]
    for key in failures:
        print(f"below floor: {key} {figures[key]:.3f} < {floors[key]:.3f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
