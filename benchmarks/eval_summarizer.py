"""Score the lead finder, the quote finder and speaker attribution against human ground truth.

    python benchmarks/eval_summarizer.py [EVAL_DIR] [--show leads|quotes|speakers]

EVAL_DIR holds articles/ (html/<id>.html.gz, ground-truth.json, quotes-dev.json); it
defaults to $DIGEST_EVAL_DIR, else ../shared/eval next to the repository.

Scoring rules:
- text is normalised: lower case, typographic quotes and apostrophes made plain, every
  character but letters, digits and spaces dropped, spaces collapsed; tokens are words.
- lead: right when the first 10 tokens of the predicted lead equal the first 10 tokens
  of the gold lead (the gold's own length if shorter). Gold = articleBody's first paragraph.
  Lead accuracy is also given for two splits of the articles in the order of their ids:
  every fifth is held out (measured only to check a change, never to develop one), the
  rest is for development. A rule that helps one split and not the other is a patch.
  The run fails (exit 1) when a lead accuracy falls below benchmarks/lead_floors.json.
- quotes: a predicted quote matches a gold quote of the same article when their token bags
  have F1 >= 0.8; matching is one-to-one, best F1 first. Precision = matched predicted /
  all predicted (every quote, max_quotes=0); recall = matched gold / all gold.
- speaker: over matched pairs whose gold speaker is not null, right when every token of the
  gold name appears in the predicted speaker, leaving out honorifics and titles, single
  letter initials and suffixes (Jr., Sr., II, III). Named precision: right of those pairs
  whose predicted speaker is not null.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from digest.core.models import Article, Quote, Story
from digest.fetch.extract import extract_html
from digest.summarize import summarize

LEAD_TOKENS = 10
LEAD_FLOORS = Path(__file__).with_name("lead_floors.json")
MATCH_F1 = 0.8
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof professor president vice sen senator rep representative gov "
    "governor gen general lt col colonel cmdr commander capt captain adm admiral sgt maj major "
    "judge justice sir dame lord lady prince princess king queen rev reverend father sheikh "
    "pope chancellor minister prime secretary ambassador mayor chief coach ceo".split()
)
SUFFIXES = frozenset("jr sr ii iii iv".split())
TYPOGRAPHIC = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'",
                             "’": "'", "‚": "'"})


def normalize(text: str) -> str:
    text = text.lower().translate(TYPOGRAPHIC)
    text = "".join(c for c in " ".join(text.split()) if c.isalnum() or c == " ")
    return " ".join(text.split())


def tokens(text: str | None) -> list[str]:
    return normalize(text or "").split()


def lead_right(predicted: str, gold: str) -> bool:
    want = tokens(gold)[:LEAD_TOKENS]
    return tokens(predicted)[: len(want)] == want


def bag_f1(a: list[str], b: list[str]) -> float:
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    precision, recall = common / len(a), common / len(b)
    return 2 * precision * recall / (precision + recall)


def match_quotes(predicted: list[Quote], gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (predicted, gold) index pairs with token-bag F1 >= 0.8, best F1 first."""
    pairs = []
    for i, quote in enumerate(predicted):
        for j, entry in enumerate(gold):
            f1 = bag_f1(tokens(quote.text), tokens(entry["text"]))
            if f1 >= MATCH_F1:
                pairs.append((f1, i, j))
    used_p, used_g, matched = set(), set(), []
    for _, i, j in sorted(pairs, key=lambda p: -p[0]):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


def speakers_given(entry: dict) -> tuple[list[tuple[dict, bool, str | None]], int]:
    """An invented story of a probe's ("name", "title", "paragraphs", gold "quotes"): each
    gold quote with whether a quote the summarizer found matches it and the speaker given
    (None when it was not found), and how many quotes found match no gold one."""
    probed = Story(id=entry["name"], source="probe", title=entry["title"], url=None,
                   published=None, paragraphs=tuple(entry["paragraphs"]))
    predicted = list(summarize(probed, max_quotes=0).quotes)
    matched = {j: i for i, j in match_quotes(predicted, entry["quotes"])}
    given = [(gold, j in matched, predicted[matched[j]].speaker if j in matched else None)
             for j, gold in enumerate(entry["quotes"])]
    return given, len(predicted) - len(matched)


def speaker_right(predicted: str | None, gold: str) -> bool:
    wanted = [t for t in tokens(gold) if t not in HONORIFICS and t not in SUFFIXES and len(t) > 1]
    return bool(predicted) and set(wanted) <= set(tokens(predicted))


@dataclass
class Tally:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, miss: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(miss)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class QuoteScore:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    speakers: Tally = field(default_factory=Tally)
    named: Tally = field(default_factory=Tally)  # the speakers judged that were named
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    def add(self, key: str, predicted: list[Quote], gold: list[dict]) -> None:
        pairs = match_quotes(predicted, gold)
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.matched += len(pairs)
        hit_p = {i for i, _ in pairs}
        hit_g = {j for _, j in pairs}
        self.false_positives += [f"{key} {q.text[:90]!r}" for i, q in enumerate(predicted)
                                 if i not in hit_p]
        self.false_negatives += [f"{key} {g['text'][:90]!r}" for j, g in enumerate(gold)
                                 if j not in hit_g]
        for i, j in pairs:
            if gold[j]["speaker"]:
                ok = speaker_right(predicted[i].speaker, gold[j]["speaker"])
                miss = (f"{key} gold={gold[j]['speaker']!r} got={predicted[i].speaker!r} "
                        f"{gold[j]['text'][:60]!r}")
                self.speakers.add(ok, miss)
                if predicted[i].speaker:
                    self.named.add(ok, miss)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0


def story(key: str, title: str | None, paragraphs: list[str], url: str | None) -> Story:
    return Story(id=key, source="eval", title=title or "", url=url, published=None,
                 paragraphs=tuple(paragraphs))


def load_articles(folder: Path) -> tuple[dict, list[dict], dict[str, Article]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    dev = json.loads((folder / "quotes-dev.json").read_text(encoding="utf-8"))
    pages = {
        key: extract_html(gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()),
                          url=entry.get("url"))
        for key, entry in truth.items()
    }
    return truth, dev, pages


def body_paragraphs(entry: dict) -> list[str]:
    return [p for p in entry["articleBody"].split("\n\n") if p.strip()]


HELD_OUT_EVERY = 5


def held_out(index: int) -> bool:
    """Every fifth article, in the order of their ids, is held out."""
    return index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1


@dataclass
class Scores:
    lead_pages: Tally = field(default_factory=Tally)
    lead_text: Tally = field(default_factory=Tally)
    # (development, held out) splits of the two lead tallies above
    lead_pages_split: tuple[Tally, Tally] = field(default_factory=lambda: (Tally(), Tally()))
    lead_text_split: tuple[Tally, Tally] = field(default_factory=lambda: (Tally(), Tally()))
    quotes_text: QuoteScore = field(default_factory=QuoteScore)
    quotes_pages: QuoteScore = field(default_factory=QuoteScore)


def evaluate(folder: Path) -> Scores:
    """Leads of all articles (from their pages and from their gold text); quotes of the dev set."""
    truth, dev, pages = load_articles(folder / "articles")
    scores = Scores()
    for index, key in enumerate(sorted(truth)):
        entry = truth[key]
        gold = body_paragraphs(entry)[0]
        title = pages[key].title
        split = int(held_out(index))
        for tallies, paragraphs in (
            ((scores.lead_pages, scores.lead_pages_split[split]), list(pages[key].paragraphs)),
            ((scores.lead_text, scores.lead_text_split[split]), body_paragraphs(entry)),
        ):
            lead = summarize(story(key, title, paragraphs, None)).lead
            for tally in tallies:
                tally.add(lead_right(lead, gold),
                          f"{key[:8]} gold={gold[:70]!r}\n{'':9}got={lead[:70]!r}")
    for item in dev:
        key = item["id"]
        title = pages[key].title
        for score, paragraphs in ((scores.quotes_text, body_paragraphs(truth[key])),
                                  (scores.quotes_pages, list(pages[key].paragraphs))):
            every = summarize(story(key, title, paragraphs, None), max_quotes=0).quotes
            score.add(key[:8], list(every), item["quotes"])
    return scores


def default_folder() -> Path:
    if os.environ.get("DIGEST_EVAL_DIR"):
        return Path(os.environ["DIGEST_EVAL_DIR"])
    return Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--show", choices=["leads", "quotes", "speakers"], action="append",
                        default=[], help="list the misses of one kind")
    args = parser.parse_args(argv)
    folder = args.eval_dir or default_folder()
    if not (folder / "articles" / "ground-truth.json").is_file():
        print(f"no evaluation data in {folder}; pass EVAL_DIR or set DIGEST_EVAL_DIR",
              file=sys.stderr)
        return 2
    scores = evaluate(folder)
    lead_pages, lead_text = scores.lead_pages, scores.lead_text
    text, pages = scores.quotes_text, scores.quotes_pages
    for label, tally, (development, held) in (
        ("extracted pages:", lead_pages, scores.lead_pages_split),
        ("gold body text: ", lead_text, scores.lead_text_split),
    ):
        print(f"lead accuracy, {label} {tally.rate:.3f} ({tally.right}/{tally.total}); "
              f"development {development.rate:.3f} ({development.right}/{development.total}), "
              f"held out {held.rate:.3f} ({held.right}/{held.total})")
    for label, score in (("gold body text", text), ("extracted pages", pages)):
        print(f"quotes, {label}: precision {score.precision:.3f} "
              f"({score.matched}/{score.predicted}), recall {score.recall:.3f} "
              f"({score.matched}/{score.gold}), speaker accuracy {score.speakers.rate:.3f} "
              f"({score.speakers.right}/{score.speakers.total}), named precision "
              f"{score.named.rate:.3f} ({score.named.right}/{score.named.total})")
    floors = json.loads(LEAD_FLOORS.read_text(encoding="utf-8"))
    figures = {"lead_pages": lead_pages.rate, "lead_text": lead_text.rate}
    # the floors of the unseen-site pages are eval_leads.py's
    failures = [key for key, floor in floors.items() if key in figures and figures[key] < floor]
    for key in failures:
        print(f"below floor: {key} {figures[key]:.3f} < {floors[key]:.3f}", file=sys.stderr)
    if "leads" in args.show:
        print("\nlead misses (pages):", *lead_pages.misses, sep="\n  ")
        print("\nlead misses (gold text):", *lead_text.misses, sep="\n  ")
    if "quotes" in args.show:
        print("\nquotes found but not in the gold (gold text):", *text.false_positives,
              sep="\n  ")
        print("\ngold quotes missed (gold text):", *text.false_negatives, sep="\n  ")
        print("\nquotes found but not in the gold (pages):", *pages.false_positives,
              sep="\n  ")
        print("\ngold quotes missed (pages):", *pages.false_negatives, sep="\n  ")
    if "speakers" in args.show:
        print("\nspeaker misses (gold text):", *text.speakers.misses, sep="\n  ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
