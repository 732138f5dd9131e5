"""Leads and titles of invented pages in the markup of sites outside the evaluation set.

    python benchmarks/probe_leads.py [--set first|second|all] [--show]

Two sets: benchmarks/lead_probe_pages.json, the first, holds the pages of regional US papers,
UK, Canadian and Nordic papers, wire copy, magazines, think tanks, press releases, WordPress,
Arc, Brightspot, Drupal, AMP, JSON-LD only and live blogs; lead_probe_pages2.json, the
second, written before the rules it measures, holds others: Ghost, Substack, Medium,
Squarespace, Wix, Blogger, Joomla, Next.js, Nuxt, Gatsby, Hugo, Jekyll, newsletter archives,
press-release wires, government and university pages, match reports, local TV, paywalls,
AMP, print views, and pages whose first paragraph is a caption, a byline, a reading time, a
cookie notice or a note. Each page has the lead and headline a reader gives it.
All their text is made up. A lead is right as in eval_summarizer.py (its first 10 tokens);
a title when it is the headline. The pages a rule could not yet tell apart stay in, so
that the count says what is still open (`--show` lists them); a class once fixed keeps a
fixture of its own among the tests (tests/fixtures/leadshapes).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from eval_summarizer import lead_right

from digest.core.models import Story
from digest.fetch.extract import extract_html
from digest.summarize import summarize

SETS = {"first": ("lead_probe_pages.json",), "second": ("lead_probe_pages2.json",),
        "all": ("lead_probe_pages.json", "lead_probe_pages2.json")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, default="first", help="which pages to read")
    parser.add_argument("--show", action="store_true", help="list the pages got wrong")
    args = parser.parse_args()
    here = Path(__file__).parent
    pages = [page for name in SETS[args.set]
             for page in json.loads((here / name).read_text(encoding="utf-8"))["pages"]]
    leads = titles = 0
    for page in pages:
        article = extract_html(page["html"], url=f"https://www.example.com/{page['name']}")
        lead = summarize(Story(id=page["name"], source="probe", title=article.title or "",
                               url=None, published=None, paragraphs=article.paragraphs)).lead
        lead_ok, title_ok = lead_right(lead, page["lead"]), article.title == page["title"]
        leads += lead_ok
        titles += title_ok
        if args.show and not lead_ok:
            print(f"lead  {page['name']:32} got={lead[:90]!r}")
        if args.show and not title_ok:
            print(f"title {page['name']:32} got={article.title!r}")
    count = len(pages)
    print(f"invented pages ({args.set} set): lead {leads}/{count}, title {titles}/{count}")


if __name__ == "__main__":
    main()
