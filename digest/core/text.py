"""Small text helpers every stage that reads text shares: words, sentences, likeness."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import filterfalse, groupby
from operator import itemgetter

WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
EDGE_MARKS = "\"'“”‘’«»()[]{},.;:!?…—–-*/"  # marks that may open or close a word
# A sentence ends in . ! ? … or :, possibly followed by closing quotes or brackets.
TERMINAL_MARKS = ".!?…:"
CLOSING_MARKS = "\"”’'»)]"
DASHES = "—–―‒"  # em, en, horizontal bar (a credit line's), figure dash; "-" is apart
# Quote marks whose shape says which way they face; straight marks face either way.
OPEN_SHAPES = frozenset("“„«‟‘‚‹")
CLOSE_SHAPES = frozenset("”»’›")
# A double quote mark typed as two single ones, as archives and plain-text sources write it:
# ''…'' (straight), ``…'' (backticks), ‘‘…’’ (curly). A third mark in the run is a quote
# nested at the edge of the outer one: closing it after a word, opening it before one.
DOUBLED_MARK = re.compile(r"(?<!['‘’`])(?:'{2,3}|``|‘‘|’’)(?!['‘’`])")
DOUBLED_AS = {"''": '"', "``": "“", "‘‘": "“", "’’": "”"}
UPPER = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
INVISIBLE = "\u00ad\u200b\u2060\ufeff"  # soft hyphen, zero-width space, word joiner, BOM
DOT = "\u2024"  # stands in for an abbreviation's period, so "Mr. Trump" is not two sentences


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The abbreviations that can end a sentence: a letter's ("U.S.", "D.C."), a company's, a
# suffix's, a state's ("Tamarac, Fla."); a title's never does ("Mr. And Mrs. Lee").
ENDING_ABBREVIATIONS = wordset(
    "Inc Co Corp Ltd Jr Sr etc Calif Fla Ill Mass Mich Minn Wash Ariz Colo Conn Okla Tenn Wis"
)
# Short words whose period does not end a sentence (single letters never do: "U.S."), unless
# a sentence's opening word follows one that can (`ends_sentence_before`).
ABBREVIATIONS = ENDING_ABBREVIATIONS | wordset(
    """Mr Mrs Ms Dr St Sen Rep Gov Gen Lt Col Cmdr Capt Adm Sgt Maj Prof Rev Hon No Nos Fig
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ave Blvd Mt Ft vs approx Pres"""
)
# Capitalised words that open sentences and begin no name: after an abbreviation that ends
# a sentence, they say it ended ("…to leave the U.S. While in office, Lee said…"), where a
# name or a title does not ("U.S. Rep. Jo Lee", "Washington, D.C. Mayor Lee"). Not "A" nor
# "I" (initials); never after "v." ("Lee v. The State").
SENTENCE_OPENERS = wordset(
    """The He She It They We His Her Its Their This That These Those There Then While When
    Where If As But And So Yet Still However Meanwhile Although Though Since Because After
    Before During Despite Until In On At For With Without Instead Also Some Many Most Both
    Each Now Later Earlier Asked Thus"""
)
OPENER_AFTER = re.compile(rf"\s+(?:{'|'.join(sorted(SENTENCE_OPENERS))})\b(?![\-'’.])")
# Nouns ending as adverbs do ("-ly"), which may stand before a verb as its subject's noun:
# "the French daily said", "The Hill family said".
NOUNS_IN_LY = wordset("daily weekly monthly quarterly family ally assembly rally supply monopoly")
# A sentence break: . ! ? … (then closing marks) and space before a capital or an opening mark.
SENTENCE_ENDS = ".!?…"
SENTENCE_BREAK = re.compile(rf"[{SENTENCE_ENDS}][\"”’')\]]*\s+(?=[\"“‘'(]?[{UPPER}0-9]|$)")
# What comparing and counting words drop, but for "_" (a word character), taken out first.
NOT_WORD_OR_SPACE = re.compile(r"[^\w\s]+")
# The same for ASCII text, as a table of bytes (apostrophes deleted apart): a regex of \w
# tests every character at great cost, and str.translate looks each one up in a dict.
ASCII_NOT_WORD = bytes(
    c if chr(c).isalnum() or chr(c).isspace() else ord(" ") for c in range(256)
)
TYPOGRAPHIC_MARKS = "“”‘«»„—–…"  # the marks that keep most English text from being ASCII
SPARE_TOKENS = 4  # split off by has_spoken_words for the tokens that are no words ("—")
PLAIN_WORDS_TRIED = 3  # by may_be_in
LOOK_BACK = 64  # characters read at a time by last_visible
STEM_CHARS = 5  # letters of a word kept by word_stems, which its forms share


def clean(text: str) -> str:
    """Collapse runs of white space into single spaces, and drop the invisible characters
    that split words ("Palest\u00adinian", typeset with soft hyphens) for names and quotes."""
    if not text.isascii():
        for char in INVISIBLE:
            if char in text:
                text = text.replace(char, "")
    return " ".join(text.split())


def join_doubled_marks(text: str) -> str:
    """`text` with each double quote mark typed as two single marks made one double mark, so
    that ''…'' is read as "…" and never as two quotes in single marks around the text
    between them ("…,'' she said. ''…")."""
    if "''" not in text and "``" not in text and "‘‘" not in text and "’’" not in text:
        return text
    return DOUBLED_MARK.sub(doubled_mark, text)


def doubled_mark(match: re.Match[str]) -> str:
    """The double mark a run of two single marks stands for; with a third, which side the
    nested single mark is on: before the double one when it closes ("…no.'''")."""
    run = match.group()
    if len(run) == 2:
        return DOUBLED_AS[run]
    before = match.string[match.start() - 1 : match.start()]
    after = match.string[match.end() : match.end() + 1]
    return "\"'" if after.isalnum() and not before.isalnum() else "'\""


def word_count(text: str) -> int:
    """How many words `text` has; contractions and hyphenated words count as one.

    As many as WORD finds, but most tokens ("said", "“We", "Paris,”") are letters and
    digits, maybe between marks, one word each, counted without the regex; those with no
    marks at all ("said") are told apart without a Python step each.
    """
    tokens = text.split()
    marked = list(filterfalse(str.isalnum, tokens))
    count = len(tokens) - len(marked)
    for token in marked:
        count += 1 if token.strip(EDGE_MARKS).isalnum() else len(WORD.findall(token))
    return count


def offsets(text: str, chars: str) -> list[int]:
    """Where each of `chars` stands in `text`, in order.

    What the regex of a character class finds, but many times faster for a few characters
    that a text has few of, as str.find skips through it.
    """
    found: list[int] = []
    for char in chars:
        if char in text:
            at = text.find(char)
            while at >= 0:
                found.append(at)
                at = text.find(char, at + 1)
    found.sort()
    return found


def last_visible(text: str, lo: int, hi: int) -> str:
    """The last character of text[lo:hi] that is not white space; "" when there is none.

    Read back from `hi` a little at a time: `text[lo:hi].strip()` copies the whole span,
    which, asked once for each quotation of a long paragraph, costs the square of its length.
    """
    while hi > lo:
        start = max(lo, hi - LOOK_BACK)
        tail = text[start:hi].rstrip()
        if tail:
            return tail[-1]
        hi = start
    return ""


def blank(text: str, lo: int, hi: int) -> bool:
    """True when text[lo:hi] is empty or white space, read as `last_visible` reads."""
    return not last_visible(text, lo, hi)


def inside(spans: Sequence[tuple[int, ...]], offset: int) -> bool:
    """True when `offset` falls in one of `spans`, (start, end, …) in order and apart: found
    by bisection, where comparing with every span costs the square of their number."""
    at = bisect_right(spans, offset, key=itemgetter(0)) - 1
    return at >= 0 and offset < spans[at][1]


def ends_sentence(text: str) -> bool:
    """True when `text` ends like a sentence (terminal mark, maybe inside quotes)."""
    body = text.rstrip().rstrip(CLOSING_MARKS)
    return body != "" and body[-1] in TERMINAL_MARKS


def abbreviation_periods() -> re.Pattern[str]:
    """A period, not of an ellipsis, after a whole word that is one letter or an abbreviation.

    The words are looked for behind each period, one look-behind per word length, so that
    a scan only stops at periods.
    """
    whole = r"(?<![^\W_])"  # nothing alphanumeric before the word
    behind = [rf"(?<={whole}[^\W\d_]\.)"]
    for _, group in groupby(sorted(ABBREVIATIONS, key=len), key=len):
        behind.append(rf"(?<={whole}(?:{'|'.join(sorted(group))})\.)")
    return re.compile(rf"\.(?!\.)(?:{'|'.join(behind)})")


ABBREVIATION_PERIOD = abbreviation_periods()


def shadow(text: str) -> str:
    """`text` with abbreviation periods replaced by DOT, offsets unchanged."""
    parts: list[str] = []
    start = 0
    for match in ABBREVIATION_PERIOD.finditer(text):
        at = match.start()
        if text[at - 1].isalpha() and not ends_sentence_before(text, at):
            # ([^\W\d_] also takes a few numerals, such as "²")
            parts.append(text[start:at])
            start = at + 1
    return DOT.join([*parts, text[start:]]) if parts else text


def ends_sentence_before(text: str, at: int) -> bool:
    """True when the abbreviation's period at `at` ends a sentence too: a word that opens
    sentences, and no name, comes next ("…the U.S. While in office, …")."""
    if OPENER_AFTER.match(text, at + 1) is None:
        return False
    start = at
    while start and text[start - 1].isalpha():
        start -= 1
    word = text[start:at]  # "S" of "U.S.", "s" of "Lee’s." (read as a letter's period)
    return word in ENDING_ABBREVIATIONS or (len(word) == 1 and word != "v")


def restore(text: str) -> str:
    """`text` with its abbreviation periods back."""
    return text.replace(DOT, ".")


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping abbreviations ("Mr.", "U.S.", "Jan.") whole."""
    masked = shadow(text)
    parts: list[str] = []
    start = 0
    for match in SENTENCE_BREAK.finditer(masked):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


def has_spoken_words(text: str, count: int) -> bool:
    """True when `text` has `count` words or more as a reader counts them: "U.S.-backed"
    and "don't" are one word each, a dash standing alone is none."""
    tokens = text.split(maxsplit=count + SPARE_TOKENS)  # quotes are long: split what is needed
    rest = tokens.pop() if len(tokens) > count + SPARE_TOKENS else ""
    for token in tokens:
        # A word is a token with a letter or digit; most are one between marks, seen at once.
        if token.strip(EDGE_MARKS).isalnum() or any(c.isalnum() for c in token):
            count -= 1
            if count <= 0:
                return True
    return has_spoken_words(rest, count) if rest else count <= 0


def normalized(text: str) -> str:
    """Lower-case letters, digits and single spaces: the form texts are compared in."""
    text = text.lower()
    if not text.isascii():
        text = blanked(text.replace("’", ""), TYPOGRAPHIC_MARKS)
        if not text.isascii():
            text = text.replace("'", "").replace("_", " ")
            return " ".join(NOT_WORD_OR_SPACE.sub(" ", text).split())
    return " ".join(text.encode("ascii").translate(ASCII_NOT_WORD, b"'").decode("ascii").split())


def word_stems(text: str, longer_than: int, skip: frozenset[str] = frozenset()) -> frozenset[str]:
    """The first STEM_CHARS letters of the words of `text` longer than `longer_than` characters
    and not in `skip` ("rescued", "rescuers" → "rescu"): the words a headline shares with its
    story's first paragraph, in whatever form."""
    return frozenset(word[:STEM_CHARS] for word in normalized(text).split()
                     if len(word) > longer_than and word not in skip)


def may_be_in(text: str, normal: str) -> bool:
    """False when `normalized(text) in normal` cannot be, as a plain word of `text` is missing.

    A word of ASCII letters and digits between marks is itself in lower case in
    `normalized(text)`, so it must be in `normal` too; a few such words rule out most texts.
    """
    tried = 0
    for token in text.split():
        core = token.strip(EDGE_MARKS)
        if core.isascii() and core.isalnum():
            if core.lower() not in normal:
                return False
            tried += 1
            if tried == PLAIN_WORDS_TRIED:
                break
    return True


def blanked(text: str, marks: str) -> str:
    """`text` with each of `marks` made a space, offsets unchanged."""
    for mark in marks:
        if mark in text:
            text = text.replace(mark, " ")
    return text


def similar(a: str, b: str, threshold: float = 0.8) -> bool:
    """True when one text is (nearly) the other: same words, or one contains the other."""
    na, nb = normalized(a), normalized(b)
    if not na or not nb:
        return False
    if na == nb or (len(na) > 20 and len(nb) > 20 and (na in nb or nb in na)):
        return True
    sa, sb = set(na.split()), set(nb.split())
    return len(sa & sb) / max(len(sa), len(sb)) >= threshold


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of `words` as a whole word after a space, the word in group 1.

    Search `" " + text` with it to find a word at the start. Opening with one literal
    character lets the regex engine skip ahead many times faster than a class such as \\W
    would; the words are a trie, so that each space is tried fast.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return re.compile(rf" ({trie_pattern(trie)})\b")


def trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + trie_pattern(child) for char, child in sorted(node.items())
                if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


def plural(count: int, singular: str, several: str | None = None) -> str:
    """"1 attempt", "3 attempts"; `several` for a plural not made with an s."""
    return f"{count} {singular if count == 1 else several or singular + 's'}"
