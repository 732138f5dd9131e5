"""Speakers of quotes in invented news stories in styles the development corpus lacks.

    python benchmarks/probe_speakers.py [--show]

benchmarks/speaker_probe_stories.json holds the stories (wire copy, UK and Commonwealth
papers, business, courts, sports, science, tech, local news, features and obituaries,
interviews, statements and credit lines, families sharing a surname), each quote with the
speaker a careful reader gives it: the fullest name the story writes, or null where the
reader could not tell (an unnamed witness, two people it could be). All their text is made
up. `kind` says how the story points at the speaker nearest the quote: name, surname, title
(a title and surname), pronoun, description, organisation, credit (a line after the quote),
continued (a later quote of the same speaker's with no attribution of its own), before and
after (the speaker named in a sentence of its own), none.

Scoring as in eval_summarizer.py: a quote is found when a predicted quote's token bag
matches it (F1 >= 0.8); a found quote's speaker is right when every token of the gold name is
in it, or when both are null. Right = right / found; precision = right names / named.
A quote left open at a paragraph's end and running on in the next is one quote, as the
quote finder reads it; quotes of fewer than four words are never taken (MIN_QUOTE_WORDS),
so the few in the stories count as not found. The stories a rule could not yet tell apart
stay in, so that the count says what is open.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from eval_summarizer import speaker_right, speakers_given

STORIES = Path(__file__).with_name("speaker_probe_stories.json")


@dataclass
class Row:
    """The counts of one style or one kind of mention."""

    gold: int = 0
    found: int = 0
    right: int = 0
    named: int = 0
    named_right: int = 0

    def cells(self) -> str:
        right = self.right / self.found if self.found else 0.0
        precision = self.named_right / self.named if self.named else 0.0
        return (f"right {right:.3f} ({self.right}/{self.found})  precision {precision:.3f} "
                f"({self.named_right}/{self.named})  found {self.found}/{self.gold}")


@dataclass
class Tables:
    total: Row = field(default_factory=Row)
    styles: dict[str, Row] = field(default_factory=lambda: defaultdict(Row))
    kinds: dict[str, Row] = field(default_factory=lambda: defaultdict(Row))
    wrong: list[str] = field(default_factory=list)
    extra: int = 0

    def add(self, story: dict, predicted: str | None, gold: dict, found: bool) -> None:
        rows = (self.total, self.styles[story["style"]], self.kinds[gold["kind"]])
        want = gold["speaker"]
        ok = speaker_right(predicted, want) if want else predicted is None
        for row in rows:
            row.gold += 1
            row.found += found
            row.right += found and ok
            row.named += found and predicted is not None
            row.named_right += found and predicted is not None and ok
        if not found:
            self.wrong.append(f"missed {story['name'][:34]:34} {gold['text'][:60]!r}")
        elif not ok:
            self.wrong.append(f"{gold['kind']:12} {story['name'][:34]:34} gold={want!r} "
                              f"got={predicted!r} {gold['text'][:50]!r}")


def score(stories: list[dict]) -> Tables:
    tables = Tables()
    for story in stories:
        given, extra = speakers_given(story)
        tables.extra += extra
        for gold, found, predicted in given:
            tables.add(story, predicted, gold, found)
    return tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the quotes got wrong")
    args = parser.parse_args()
    stories = json.loads(STORIES.read_text(encoding="utf-8"))["stories"]
    tables = score(stories)
    print(f"invented stories: {len(stories)}, quotes {tables.total.gold}, "
          f"found but not quotes {tables.extra}")
    print(f"{'all':14} {tables.total.cells()}")
    for title, rows in (("by style", tables.styles), ("by kind of mention", tables.kinds)):
        print(title)
        for key, row in sorted(rows.items(), key=lambda item: -item[1].gold):
            print(f"  {key:12} {row.cells()}")
    if args.show:
        print(*tables.wrong, sep="\n")


if __name__ == "__main__":
    main()
