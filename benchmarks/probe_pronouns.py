"""Who said it, on invented political news that stresses resolving the speaker's mention.

    python benchmarks/probe_pronouns.py [--show]

benchmarks/pronoun_probe_stories.json holds the stories (US and international politics, all
names made up): pronoun chains across paragraphs, two or three people of one gender in play,
a pronoun after a paragraph about someone else, one surname for two people (spouses, a father
and daughter, "Mr. Lee" and "Mrs. Lee"), a surname alone long after the full name, names with
particles, suffixes, hyphens, two surnames, family name first and single names, nicknames in
quote marks, a speaker first met as an object, titles with and without a name, bodies that
speak, quotes told to other outlets, a paraphrase then a bare quote, quotes inside quotes.
Each quote has the speaker a careful reader gives it (the fullest name the story writes, or
null where no reader could tell) and the kind of mention that names it. A quote is found as
in eval_summarizer.py (token-bag F1 >= 0.8). A speaker is right when it holds every word of
the gold name but titles and "the", and no suffix (Jr., III) the gold lacks; a null speaker
is right where the gold is null. Precision: right among the quotes given a name.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from eval_summarizer import HONORIFICS, SUFFIXES, speakers_given, tokens

STORIES = Path(__file__).with_name("pronoun_probe_stories.json")
KINDS = ("name", "surname", "pronoun", "description", "organisation", "none")


def speaker_right(got: str | None, gold: str | None) -> bool:
    """Null for null; otherwise every word of the gold name and no suffix it lacks."""
    if gold is None or got is None:
        return gold is None and got is None
    wanted = {t for t in tokens(gold) if t not in HONORIFICS and t != "the" and len(t) > 1}
    have = set(tokens(got))
    return wanted <= have and have & SUFFIXES <= wanted


def main(path: Path = STORIES, doc: str = __doc__) -> None:
    """Score the stories in path: by kind of mention, quotes found, right and precision."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the quotes got wrong")
    args = parser.parse_args()
    stories = json.loads(path.read_text(encoding="utf-8"))["stories"]
    rows: dict[str, Counter[str]] = {kind: Counter() for kind in (*KINDS, "gold null", "all")}
    for entry in stories:
        for want, found, got in speakers_given(entry)[0]:
            ok = found and speaker_right(got, want["speaker"])
            keys = [want["kind"], "all"] + (["gold null"] if want["speaker"] is None else [])
            for key in keys:
                rows[key].update(quotes=1, found=found, right=ok,
                                 named=got is not None, named_right=ok and got is not None)
            if args.show and not ok:
                where = "not found" if not found else f"got {got!r}"
                print(f"{entry['name']:28} {want['kind']:12} want {want['speaker']!r}, {where}: "
                      f"“{want['text'][:60]}”")
    print(f"{'mention':14} {'quotes':>6} {'found':>6} {'right':>6} {'named':>6} {'precision':>9}")
    for kind, row in rows.items():
        if row["quotes"]:
            precision = f"{row['named_right'] / row['named']:.3f}" if row["named"] else "-"
            print(f"{kind:14} {row['quotes']:6} {row['found']:6} "
                  f"{row['right'] / row['quotes']:6.3f} {row['named']:6} {precision:>9}")


if __name__ == "__main__":
    main()
