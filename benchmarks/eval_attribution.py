"""Score quote finding and speaker attribution against PolNeAR's hand-made attributions.

    python benchmarks/eval_attribution.py [EVAL_DIR] [--split dev|holdout|all] [--limit N]
        [--json] [--show-errors N] [--by-evidence] [--write-floors]

EVAL_DIR holds polnear-train/; it defaults as in eval_summarizer.py, whose scoring (quote
matching, speaker rightness) is imported. Gold, kept independent of the summarizer's code:
- the first annotator's file by name; paragraphs = the lines after the title line.
- quotes: each stretch of 4+ words in quote marks (curly or straight double, doubled
  apostrophes) inside a Content span (first to last fragment, widened by an adjacent mark),
  less title-case stretches (titles of works); nested attributions: the shorter Content wins;
  a speaker the Content itself names for its quote, outside its own Source and Cue, is the
  speaker ("“…,” Lee said, according to the Sun": Lee, whose words the quote reproduces),
  but a pronoun there does not replace a named Source.
- kind of the Source's head phrase (cut at a comma, "(", "who", and a preposition unless it
  follows a bare title: "Secretary of State John Kerry"): none, pronoun, organisation (head is
  a body word or an acronym), name (a capitalised head, not a title), else description.
- speaker: name -> the longest run of capitalised words of the body (not the title-case
  headline) ending in its surname, with the first name most often written with it (titles
  and party words left out); pronoun, description -> that of the nearest preceding name
  Source (approximate), when it is in the same paragraph or the one before; unknown when
  there is none or it is further back, where other people are named between and it was
  seldom whom the pronoun meant (see NEAR_PARAGRAPHS; `--any-distance` takes it at any
  distance, the gold used before);
  organisation -> the head phrase less "the"; none -> null.
Splits: holdout = every fifth article in name order, dev = the rest. Floors: exit 1 when a full
dev run falls below benchmarks/attribution_floors.json. --by-evidence: how often the speaker
each class of the resolver's evidence (finder, mention, how a pronoun or description was tied)
names is right, taken by the resolver or not; what the resolver's scores are set from.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from eval_summarizer import HONORIFICS, default_folder, match_quotes, speaker_right, tokens

from digest.core.models import Quote, Story
from digest.core.text import restore
from digest.summarize import attributed_quotes, summarize
from digest.summarize.evidence import Candidate, decide

KINDS = ("name", "pronoun", "description", "organisation", "none")
EXACT = ("name", "organisation", "none")  # kinds whose gold speaker is not approximate
FLOORS = Path(__file__).with_name("attribution_floors.json")
MARKS = re.compile(r"''|[“”\"]")
WORD = re.compile(r"\S+")
PREPOSITION = re.compile(r"\s(?:of|for|at|from|with|in|on|to|about|inside|near|within|by)\s")
PRONOUNS = frozenset("i me my we us our you he him his she her they them their it its who "
                     "whom which that".split())
BODIES = frozenset(
    "campaign committee department house party agency office court council government ministry "
    "association news times post reuters press network administration foundation institute "
    "university commission bureau board group center centre fund company corporation inc pac "
    "senate congress journal tribune magazine poll police service staff team".split())
TITLES = HONORIFICS | frozenset(
    "spokesman spokeswoman spokesperson chairman chairwoman chair leader speaker candidate "
    "nominee attorney strategist adviser advisor director manager aide founder executive host "
    "anchor former presidential democratic democrat republican gop independent us american "
    "state defense treasury homeland security labor energy commerce education interior house "
    "senate congressman congresswoman reporter correspondent columnist editor analyst "
    "economist pollster commissioner assemblyman assemblywoman councilman councilwoman actor "
    "actress businessman businesswoman author activist lawmaker pastor bishop archbishop "
    "cardinal rabbi imam journalist officer alderman alderwoman recorder advocate counsel "
    "filmmaker staff ag sheriff".split())
LEADING = frozenset(  # capitalised words that open a sentence before a name: "But Jeb Bush"
    "the a an but and or so yet if when while as after before since then now even see for also "
    "still in on at by with from like unlike though although because this that these those both "
    "only just here there meanwhile instead asked said says told during under over about "
    "according despite".split())
NOT_NAMES = TITLES | LEADING
DETERMINERS = frozenset("a an the his her their its one another".split())
GROUPS = frozenset("democrats republicans americans conservatives liberals voters".split())
ABBREVIATIONS = frozenset("mr mrs ms dr sen rep gov lt gen col sgt jr sr st rev prof".split())
# A speaker named inside another's Content, right after the quote or before it: "“…,” Lee
# said, according to the Sun" reproduces Lee's words, whoever reported them.
SAYS = (r"(?:said|says|told|tells|wrote|writes|added|adds|explained|recalled|replied|remarked"
        r"|declared|stated|insisted|argued|noted|warned|asked)")
NESTED_AFTER = re.compile(
    rf"[\s,’'”\"]*(?:(?P<np>[^,;:“”\"\n]{{1,80}}?)\s+{SAYS}\b|{SAYS}\s+(?P<inverted>[^,;:“”\"\n]{{1,80}}))")
NESTED_BEFORE = re.compile(
    rf"(?:^|[.;]\s+)(?P<np>[^,;:“”\"\n]{{1,80}}?)\s+{SAYS}\b[^“\"\n]{{0,40}}?[:,]?\s*[“\"]?$")
SENTENCE_END = re.compile(r"\b(?P<word>[\w’']+)\.(?:\s|$)")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
NEAR_PARAGRAPHS = 1  # how many paragraph breaks a pronoun's named Source may be back


@dataclass
class Gold:
    text: str
    start: int
    mention: str | None
    kind: str
    source_at: int = -1
    speaker: str | None = None  # resolved; None for kind none, or unknown


def read_ann(path: Path) -> tuple[dict[str, list[tuple[int, int]]], list[dict[str, str]]]:
    """Spans (id -> fragments) and attributions (role -> span id) of a brat file."""
    spans, events = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        ident, _, rest = line.partition("\t")
        if re.fullmatch(r"T\d+", ident) and rest:
            offsets = rest.split("\t")[0].partition(" ")[2]
            spans[ident] = [(int(a), int(b)) for a, b in (f.split() for f in offsets.split(";"))]
        elif re.fullmatch(r"E\d+", ident):
            events.append(dict(role.split(":", 1) for role in rest.split()))
    return spans, events


def stretches(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each quoted stretch in text[start:end]; a paragraph may reopen one."""
    if before := re.search(r"(?:''|[“\"])$", text[max(start - 2, 0) : start]):
        start -= len(before.group())
    after = MARKS.match(text, end)
    end += len(after.group()) if after and after.group() != "“" else 0
    found, open_at = [], None
    for mark in MARKS.finditer(text, start, end):
        if open_at is None:
            open_at = None if mark.group() == "”" else mark.end()
        elif text[mark.start() - 1] == "\n":
            continue  # the quote goes on in a new paragraph
        elif mark.group() == "“":
            open_at = mark.end()
        else:
            found.append((open_at, mark.start()))
            open_at = None
    return found


def is_quote(stretch: str) -> bool:
    """Four words or more, and not a title of a work (every long word capitalised)."""
    long_words = [w for w in stretch.split() if len(w) > 3 and w[0].isalpha()]
    titled = bool(long_words) and all(w[0].isupper() for w in long_words)
    return len(tokens(stretch)) >= 4 and not titled


def bare(word: str) -> str:
    return re.sub(r"[’'](?:s|ve|re|ll|d|m)$", "", word.strip("“”\"'‘’(),.;:!?"))


def plain(word: str) -> str:
    return bare(word).lower().replace(".", "")


def name_word(word: str) -> bool:
    return bare(word)[:1].isupper() and plain(word) not in NOT_NAMES


def head_phrase(mention: str) -> str:
    """"Jeb Bush, a former governor" -> "Jeb Bush", "a spokesman for Cruz" -> "a spokesman",
    "the nominee, Mitt Romney" -> "Mitt Romney"; "Secretary of State John Kerry" stays."""
    parts = [part.strip() for part in re.split(r",|\s\(|\swho\s", mention + " ")]
    phrase = parts[0] or mention.strip()
    if (len(parts) > 1 and phrase.split()[-1].islower() and 0 < len(parts[1].split()) < 5
            and all(w[:1].isupper() for w in parts[1].split())):
        phrase = parts[1]
    if cut := PREPOSITION.search(phrase):
        words = phrase[: cut.start()].split()
        if not (plain(words[-1]) in TITLES and plain(words[0]) not in DETERMINERS
                and not any(name_word(w) for w in words[:-1])):
            phrase = phrase[: cut.start()]
    return phrase


def kind_of(mention: str | None, text: str) -> str:
    if not mention:
        return "none"
    words = [bare(w) for w in head_phrase(mention).split()] or [""]
    head = words[-1]
    if len(words) == 1 and head.lower() in PRONOUNS:
        return "pronoun"
    if head.lower() in BODIES or (len(head) > 1 and head.isupper() and head.isalpha()):
        return "organisation"
    if not head[:1].isupper() or head.lower() in NOT_NAMES | GROUPS:
        return "description"
    if len(words) == 1 and re.search(rf"\b{re.escape(head.lower())}\b", text):
        return "description"  # a common word opening a sentence: "Officials"
    return "name"


def name_runs(text: str) -> list[list[str]]:
    """Runs of capitalised words, less titles, party words and a sentence's opening word that
    the text also has in lower case ("What Trump" -> "Trump"); 5+ words are not names."""
    lower = set(re.findall(r"\b[a-z]+\b", text))
    runs: list[tuple[bool, list[str]]] = []
    run: list[str] = []
    opens, last_end = False, 0
    for match in WORD.finditer(text + " x"):
        raw, word = match.group(), bare(match.group())
        capital = word[:1].isupper() and re.fullmatch(r"[\w’'.-]+", word)
        if run and (not capital or "\n" in text[last_end : match.start()] or not raw[0].isalpha()):
            runs.append((opens, run))
            run = []
        last_end = match.end()
        if not capital:
            continue
        if not run:
            before = text[: match.start()].rstrip()[-1:]
            opens = before in ("", "\n", ".", "!", "?", ":") or not raw[0].isalpha()
        run.append(word)
        if re.search(r"[,;:”\")’']$|[’']s$", raw) or (
                raw.endswith(".") and len(word) > 1 and word.lower() not in ABBREVIATIONS):
            runs.append((opens, run))
            run = []
    cleaned = []
    for opens, words in runs:
        titled = [i for i, w in enumerate(words[:-1]) if plain(w) in TITLES]
        words = words[titled[-1] + 1 :] if titled else words
        if len(words) > 1 and opens and words[0].lower() in lower:
            words = words[1:]
        while len(words) > 1 and plain(words[0]) in LEADING:
            words = words[1:]
        if len(words) < 5:
            cleaned.append(words)
    return cleaned


def resolve_name(mention: str, runs: list[list[str]]) -> str:
    """The longest run ending in the mention's surname and holding its other names, with the
    first name most often written with that surname."""
    tail: list[str] = []
    for raw in reversed(head_phrase(mention).split()):
        if not name_word(raw) or (tail and re.search(r"[’']s$", raw)):
            break
        tail.insert(0, bare(raw))
    words = tail or [bare(head_phrase(mention).split()[-1])]
    fits = [run for run in runs if run[-1] == words[-1] and set(words) <= set(run)]
    firsts = Counter(run[0] for run in fits if len(run) > 1)
    if not firsts:
        return " ".join(words)
    first = firsts.most_common(1)[0][0]
    return " ".join(max((run for run in fits if run[0] == first), key=len))


def nested_speaker(text: str, a: int, b: int, lo: int, hi: int,
                   own: list[tuple[int, int]]) -> tuple[str, int] | None:
    """(mention, offset) of a speaker the Content [lo, hi) itself names for its quote [a, b),
    outside the attribution's `own` Source and Cue spans: "“…,” Lee said, according to the
    Sun" (Source: the Sun) reproduces Lee's words, and the speaker is whose words these are."""
    close = MARKS.match(text, b)
    found = None if text[b - 1 : b] == "." else (  # "….” He says": a sentence of its own
        NESTED_AFTER.match(text, close.end() if close else b, hi))
    group = ("np" if found["np"] else "inverted") if found else "np"
    if found is None:
        found = NESTED_BEFORE.search(text, lo, max(lo, a - 1))
    if found is None or any(x < found.end() and found.start() < y for x, y in own):
        return None
    mention = found[group].strip()
    for end in SENTENCE_END.finditer(mention):  # "said Dr. Jo Lee. Next…": to the stop
        if plain(end["word"]) not in ABBREVIATIONS and len(end["word"]) > 1:
            mention = mention[: end.end("word")]
            break
    first = mention.split()[0] if mention else ""
    if not (first[:1].isupper() or first.lower() in PRONOUNS) or plain(first) in LEADING:
        return None  # "until Lee said", "But you said": no one's attribution of the quote
    return mention, found.start(group)


def load_gold(text: str, ann: Path, any_distance: bool = False) -> list[Gold]:
    """The article's direct quotes, in order, with their Source's kind and resolved name;
    a pronoun's or a description's is unknown when the nearest named Source before it is
    further back than the paragraph before, unless `any_distance`."""
    spans, events = read_ann(ann)
    runs = name_runs(text.partition("\n")[2])  # the body: a headline's capitals are no name
    names = []  # (offset, resolved name) of every name Source, for pronouns and descriptions
    best: dict[tuple[int, int], tuple[int, Gold]] = {}
    for event in events:
        frags = spans.get(event.get("Source", ""))
        mention = " ".join(text[a:b] for a, b in frags) if frags else None
        offset, kind = (frags[0][0] if frags else -1), kind_of(mention, text)
        own = [span for role in ("Source", "Cue") for span in spans.get(event.get(role, ""), [])]
        if mention and kind == "name":
            names.append((offset, resolve_name(mention, runs)))
        for role, ident in event.items():
            if role.startswith("Content") and ident in spans:
                lo, hi = spans[ident][0][0], spans[ident][-1][1]
                for a, b in stretches(text, lo, hi):
                    if is_quote(text[a:b]) and hi - lo < best.get((a, b), (sys.maxsize,))[0]:
                        said, at = nested_speaker(text, a, b, lo, hi, own) or (mention, offset)
                        if kind == "name" and kind_of(said, text) == "pronoun":
                            said, at = mention, offset  # "Lee replied: “…,” he wrote": Lee
                        best[(a, b)] = (hi - lo, Gold(text[a:b], a, said, kind_of(said, text), at))
    names.sort()
    gold = sorted((entry for _, entry in best.values()), key=lambda entry: entry.start)
    for entry in gold:
        if entry.kind == "organisation":
            entry.speaker = re.sub(r"^the\s+", "", head_phrase(entry.mention or ""), flags=re.I)
        elif entry.kind == "name":
            entry.speaker = resolve_name(entry.mention or "", runs)
        elif entry.kind != "none":  # pronoun, description: approximate
            at, nearest = next(((at, n) for at, n in reversed(names) if at < entry.source_at),
                               (-1, None))
            breaks = len(PARAGRAPH_BREAK.findall(text, max(at, 0), entry.source_at))
            entry.speaker = nearest if any_distance or breaks <= NEAR_PARAGRAPHS else None
    return gold


def figures(row: Counter[str]) -> dict[str, float | int | None]:
    """Counts and rates of a kind. judged: matched with a gold speaker; named: matched with a
    speaker named by the summarizer (gold null included); unresolved: gold speaker unknown."""
    def rate(part: str, whole: str) -> float | None:
        return round(row[part] / row[whole], 4) if row[whole] else None
    return {"gold": row["gold"], "matched": row["matched"], "recall": rate("matched", "gold"),
            "judged": row["judged"], "speaker_accuracy": rate("right", "judged"),
            "named": row["named"], "named_precision": rate("named_right", "named"),
            "abstention": rate("abstained", "judged"), "unresolved": row["unresolved"]}


@dataclass
class Report:
    articles: int = 0
    predicted: int = 0
    seconds: float = 0.0
    rows: dict[str, Counter[str]] = field(default_factory=lambda: {k: Counter() for k in KINDS})
    errors: list[str] = field(default_factory=list)
    classes: dict[str, Counter[str]] = field(default_factory=dict)  # by evidence class

    def add(self, name: str, predicted: list[Quote], gold: list[Gold], dev: bool,
            candidates: list[Candidate | None] | None = None) -> None:
        self.articles += 1
        self.predicted += len(predicted)
        for entry in gold:
            self.rows[entry.kind]["gold"] += 1
        for i, j in match_quotes(predicted, [asdict(g) for g in gold]):
            got, want = predicted[i].speaker, gold[j]
            row = self.rows[want.kind]
            row["matched"] += 1
            if want.kind != "none" and want.speaker is None:
                row["unresolved"] += 1
                continue
            ok = want.speaker is not None and speaker_right(got, want.speaker)
            if candidates is not None:
                self.add_evidence(candidates[i], want)
            row.update(judged=want.speaker is not None, abstained=want.speaker is not None
                       and not got, right=ok, named=bool(got), named_right=ok)
            if dev and not ok and (got or want.speaker):
                self.errors.append(
                    f"{name} {want.text[:60]!r}\n    gold {want.kind} {want.mention!r} -> "
                    f"{want.speaker!r}{'' if want.kind in EXACT else ' (approx.)'}; got {got!r}")

    def add_evidence(self, candidate: Candidate | None, want: Gold) -> None:
        """Count whether the candidate's speaker is right, whether the resolver takes it or not."""
        if candidate is None or not candidate.name.text:
            return
        row = self.classes.setdefault(candidate.evidence, Counter())
        ok = want.speaker is not None and speaker_right(restore(candidate.name.text), want.speaker)
        row.update(named=1, right=ok, taken=decide(candidate) is not None,
                   exact=want.kind in EXACT, exact_right=ok and want.kind in EXACT)

    def totals(self) -> dict[str, Counter[str]]:
        return {"total": sum(self.rows.values(), Counter()),
                "exact": sum((self.rows[k] for k in EXACT), Counter())}

    def summary(self) -> dict[str, float | None]:
        """The floored figures: quote P/R over all quotes, speaker figures over exact kinds."""
        total, exact = self.totals()["total"], figures(self.totals()["exact"])
        return {"quote_precision": round(total["matched"] / max(self.predicted, 1), 4),
                "quote_recall": figures(total)["recall"],
                "speaker_accuracy": exact["speaker_accuracy"],
                "named_precision": exact["named_precision"]}


def candidates_of(story: Story, predicted: list[Quote]) -> list[Candidate | None]:
    """The resolver's candidate for each quote `summarize` gave, found again in order."""
    found, attributor = attributed_quotes(story.paragraphs)
    pairs = list(zip(found, attributor.candidates if attributor else [], strict=False))
    chosen, at = [], 0
    for quote in predicted:
        while at < len(pairs) and pairs[at][0].text != quote.text:
            at += 1
        chosen.append(pairs[at][1] if at < len(pairs) else None)
        at += 1
    return chosen


def evaluate(folder: Path, split: str, limit: int | None, evidence: bool = False,
             any_distance: bool = False) -> Report:
    """Score the split's articles (in name order), each against its first annotator's file."""
    report = Report()
    texts = sorted((folder / "text").glob("*.txt"))
    chosen = [(i, path) for i, path in enumerate(texts)
              if split == "all" or (i % 5 == 4) == (split == "holdout")]
    for index, path in chosen[:limit]:
        name, text = path.stem, path.read_text(encoding="utf-8")
        ann = sorted((folder / "attributions").glob(f"{name}_*.ann"))[0]
        title, _, body = text.partition("\n")
        story = Story(id=name, source="polnear", title=title.strip(), url=None, published=None,
                      paragraphs=tuple(p.strip() for p in body.splitlines() if p.strip()))
        began = time.perf_counter()
        quotes = list(summarize(story, max_quotes=0).quotes)
        report.seconds += time.perf_counter() - began
        report.add(name, quotes, load_gold(text, ann, any_distance), dev=index % 5 != 4,
                   candidates=candidates_of(story, quotes) if evidence else None)
    return report


def table(report: Report) -> str:
    heads = {"gold": "gold", "matched": "found", "recall": "recall", "judged": "judged",
             "speaker_accuracy": "spk acc", "named": "named", "named_precision": "named P",
             "abstention": "abstain", "unresolved": "unres."}
    lines = [f"{'kind':<14}" + "".join(f"{h:>9}" for h in heads.values())]
    for kind, row in [*report.rows.items(), *report.totals().items()]:
        cells = [figures(row)[key] for key in heads]
        lines.append(f"{kind + (' ~' if kind not in (*EXACT, 'exact') else ''):<14}" + "".join(
            f"{'-':>9}" if c is None else f"{c:>9.3f}" if isinstance(c, float) else f"{c:>9}"
            for c in cells))
    return "\n".join(lines)


def evidence_table(report: Report, least: int = 3) -> str:
    """Named precision of each evidence class with `least` named or more, largest first."""
    lines = [f"{'evidence class':<62}{'named':>7}{'P':>7}{'exact':>7}{'P ex.':>7}{'taken':>7}"]
    for evidence, row in sorted(report.classes.items(), key=lambda item: -item[1]["named"]):
        if row["named"] >= least:
            exact = f"{row['exact_right'] / row['exact']:>7.3f}" if row["exact"] else f"{'-':>7}"
            lines.append(f"{evidence[:61]:<62}{row['named']:>7}{row['right'] / row['named']:>7.3f}"
                         f"{row['exact']:>7}{exact}{row['taken'] / row['named']:>7.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="print N wrong-speaker examples (dev articles only)")
    parser.add_argument("--by-evidence", action="store_true",
                        help="print named precision by class of the resolver's evidence")
    parser.add_argument("--any-distance", action="store_true",
                        help="judge a pronoun or a description against the nearest named "
                        "Source before it however far back (the gold used before)")
    parser.add_argument("--write-floors", action="store_true",
                        help="store this full dev run's figures, rounded down to three "
                        "places, as the floors")
    args = parser.parse_args(argv)
    folder = (args.eval_dir or default_folder()) / "polnear-train"
    if not (folder / "text").is_dir():
        print(f"no PolNeAR data in {folder}; pass EVAL_DIR or set DIGEST_EVAL_DIR",
              file=sys.stderr)
        return 2
    report = evaluate(folder, args.split, args.limit, args.by_evidence, args.any_distance)
    summary = report.summary()
    speed = report.articles / report.seconds if report.seconds else 0.0
    if args.json:
        rows = {**report.rows, **report.totals()}
        print(json.dumps({"split": args.split, "articles": report.articles,
                          "predicted": report.predicted, **summary,
                          "stories_per_second": round(speed, 1),
                          "by_kind": {k: figures(r) for k, r in rows.items()}}, indent=2))
    else:
        print(f"split {args.split}: {report.articles} articles, {report.predicted} quotes found; "
              f"quote precision {summary['quote_precision']:.3f}, "
              f"recall {summary['quote_recall']:.3f}\n{table(report)}")
        print("~ gold speaker approximate (nearest preceding named Source); exact = name + "
              "organisation + none;\n  unres. = matched quotes whose gold speaker is unknown, "
              f"not judged\nsummarizer: {report.articles} stories in {report.seconds:.2f} s, "
              f"{speed:.0f} stories/s")
    if args.by_evidence:
        print("\nby evidence (P: the candidate's speaker right, taken or not; exact: gold "
              f"speaker exact; taken: share the resolver takes)\n{evidence_table(report)}")
    if args.split == "holdout":
        print("holdout scored: measure it only at the end of a change; errors are not shown")
    elif args.show_errors:  # spread over the dev articles
        shown = report.errors[:: max(1, len(report.errors) // args.show_errors)]
        print(f"\n{min(args.show_errors, len(report.errors))} of {len(report.errors)} wrong "
              "speakers (dev articles):", *shown[: args.show_errors], sep="\n  ")
    if args.split != "dev" or args.limit:
        return 0
    if args.write_floors:
        floors = {k: int((v or 0.0) * 1000) / 1000 for k, v in summary.items()}
        FLOORS.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.is_file() else {}
    failures = [key for key, floor in floors.items() if (summary.get(key) or 0.0) < floor]
    for key in failures:
        print(f"below floor: {key} {summary.get(key) or 0.0:.4f} < {floors[key]:.3f}",
              file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
