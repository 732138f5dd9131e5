"""Direct quotations: where they are and which are real quotes (speakers.py says who said them).

Quote marks are read by their surroundings rather than their shape, since pages mix
them freely (a straight mark opening, a curly one closing). A quote left open at the
end of a paragraph continues when the next paragraph opens with a quote mark.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core.text import (
    CLOSE_SHAPES,
    DASHES,
    EDGE_MARKS,
    OPEN_SHAPES,
    UPPER,
    WORD,
    blank,
    has_spoken_words,
    inside,
    offsets,
)

DOUBLE_MARKS = "\"“”„«»‟″"
SINGLE_MARKS = "'‘’‚‹›"
# French writes a space inside its marks ("« Oui »,"): against punctuation, the shape decides.
GUILLEMETS = frozenset("«»‹›")
# What stands before a straight single mark that can open a quote: a space, bracket, dash
# or double mark.
BEFORE_STRAIGHT_OPENER = frozenset(f"([{DASHES}\"“")
# What may stand right before an opening mark, or right after a closing one, but for white
# space, which says more (see `mark_role`).
BEFORE_OPEN = frozenset(f"([{{{DASHES}-/:;,")
AFTER_CLOSE = frozenset(f")]}}{DASHES}-/:;,.!?…")
MIN_QUOTE_WORDS = 4
NAMING_CONTEXT = 40  # characters around a quote that may say it is a name
# A quoted name rather than a quotation: the "one country, two systems" formula.
NAMING_NOUNS = frozenset(
    """campaign slogan tagline motto policy principle formula doctrine framework initiative
    program programme plan movement series show song album book film movie novel episode
    podcast documentary hashtag mantra chant banner sign label category list agreement deal
    act bill law strategy approach model project tour award prize""".split()
)
NAMING_TERMS = (
    "called", "dubbed", "titled", "entitled", "named", "nicknamed", "known as", "the term",
    "the phrase", "the word", "the hashtag", "the slogan", "the motto", "the tagline", "book",
    "film", "movie", "song", "album", "show", "novel", "series", "memoir", "article", "essay",
    "headlined",
)
NAMING_BEFORE = re.compile(rf"\b(?:{'|'.join(NAMING_TERMS)})\s*[,:]?\s*$", re.IGNORECASE)
LONGEST_NAMING_TERM = max(map(len, NAMING_TERMS))
# A capitalised term after a capitalised word is part of a name: "Dr. Paul Song “…”".
NAME_BEFORE_TERM = re.compile(rf"[{UPPER}][\w.]*\s+[{UPPER}][a-z]$")
# "the …", "its …", "South Dakota’s viral …": a quote standing where a name would.
DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|this|that)|\w['’]s)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
# A headline and who wrote it: "Mayor to close the old pier," by Ann Lee of the Courier.
BYLINE = re.compile(rf"\s*by\s+(?:the\s+)?[{UPPER}]")
FOLLOWING_WORDS = re.compile(r"\s*([a-z]+)(?:\s+([a-z]+))?")
SENTENCE_INSIDE = re.compile(r"[.!?]\s")
# A quotation or title inside: “It’s ‘Showtime at the Apollo.’” is a sentence naming a title.
QUOTE_INSIDE = re.compile(r"(?:^|(?<=\s))[‘“\"'][^‘’“”\"']*[’”\"'](?![^\W_])")
# Tokens split off a quotation to look for a lower-case word at once; the last piece holds
# the rest, which can pass for a plain word only when it is one.
TITLE_TOKENS_SEEN = 6
TITLE_MINOR = frozenset(
    "a an the and but or nor for of in on at to by as is from with into vs via".split()
)


@dataclass(slots=True)
class Found:
    """A quotation and where it stands: paragraphs `first`..`last`, offsets in each."""

    text: str
    first: int
    start: int
    last: int
    end: int


def quotations(paragraphs: Sequence[str]) -> list[Found]:
    """Quoted passages that reproduce someone's words (not titles, names or scare quotes)."""
    spans = [quote_spans(text) for text in paragraphs]
    merged = merge_across_paragraphs(paragraphs, spans)
    return [f for f in merged if is_quotation(f, paragraphs)]


def quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each outermost quote in one paragraph.

    `start` is the offset of the opening mark and `end` the offset just past the
    closing one (or the paragraph's length when it runs on).
    """
    if text.isascii() and '"' not in text and "'" not in text:
        return []  # no quote marks of any shape
    doubles = pair_marks(text, DOUBLE_MARKS, is_apostrophe=None)
    if not may_open_single(text):
        return doubles
    singles = [
        span for span in pair_marks(text, SINGLE_MARKS, is_apostrophe=apostrophe)
        if span[2] and not inside(doubles, span[0])
    ]
    if not singles:
        return doubles
    # British style: single marks outside, double marks (if any) nested inside.
    spans = singles + [d for d in doubles if not inside(singles, d[0])]
    return sorted(spans)


def may_open_single(text: str) -> bool:
    """False when every single mark in `text` must be an apostrophe (the common case)."""
    if "‘" in text or "‚" in text or "‹" in text:
        return True
    return "'" in text and any(
        not at or text[at - 1].isspace() or text[at - 1] in BEFORE_STRAIGHT_OPENER
        for at in offsets(text, "'")
    )


def pair_marks(
    text: str, marks: str, is_apostrophe: Callable[[str, int], bool] | None
) -> list[tuple[int, int, bool]]:
    """Pair opening and closing marks; a mark opening inside an open quote ends that one,
    unless the next two marks both close: then it opens a quote nested in the open one,
    written in the same marks (“He said “no” and left,” she said)."""
    roles = [
        (at, mark_role(text, at)) for at in offsets(text, marks)
        if is_apostrophe is None or not is_apostrophe(text, at)
    ]
    spans: list[tuple[int, int, bool]] = []
    opened: int | None = None
    nested = False
    for number, (at, role) in enumerate(roles):
        if nested:
            nested = role == "open"  # the nested quote closes; one opening again is no nest
            if not nested:
                continue
        if role == "open" or (role == "either" and opened is None):
            if opened is not None and closes_twice(roles, number + 1):
                nested = True
                continue
            if opened is not None and at > opened + 1:
                spans.append((opened, at, True))  # a missing closing mark
            opened = at
        elif role in ("close", "either") and opened is not None:
            spans.append((opened, at + 1, True))
            opened = None
    if opened is not None:
        spans.append((opened, len(text), False))
    return spans


def closes_twice(roles: Sequence[tuple[int, str]], number: int) -> bool:
    """True when the marks `number` and `number + 1` both close a quote."""
    following = roles[number : number + 2]
    return len(following) == 2 and all(role == "close" for _, role in following)


def mark_role(text: str, at: int) -> str:
    """"open", "close" or "either", from the characters around the mark and then its shape.

    White space (of any kind: a no-break space too) on one side only decides: an opening
    mark stands against its first word, a closing one against its last, whatever the
    punctuation on the other side (‘…here,“ said Smith’: a comma before a mark that
    closes, a curly mark of the wrong shape); but for a guillemet spaced from its word
    and against punctuation (“enfin »,”), whose shape says.
    """
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    spaced_before, spaced_after = before.isspace(), after.isspace()
    if spaced_before != spaced_after:
        if text[at] in GUILLEMETS and not (after if spaced_before else before).isalnum():
            return "open" if text[at] in OPEN_SHAPES else "close"  # "« Oui »," in French
        return "open" if spaced_before else "close"
    opens = spaced_before or before in BEFORE_OPEN or before in OPEN_SHAPES or before in "\"'"
    closes = spaced_after or after in AFTER_CLOSE or after in CLOSE_SHAPES or after in "\"'"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    shape = text[at]
    if shape in OPEN_SHAPES:
        return "open"
    if shape in CLOSE_SHAPES:
        return "close"
    return "either"


def apostrophe(text: str, at: int) -> bool:
    """True for a single mark that is an apostrophe: North’s, don’t, the Koreas’ talks, ’90s."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    if before.isspace() and after.isdigit():
        return True
    # A plural possessive runs on into lower-case words: "the players’ union".
    return before in "sS" and after == " " and text[at + 2 : at + 3].islower()


def merge_across_paragraphs(
    paragraphs: Sequence[str], spans: list[list[tuple[int, int, bool]]]
) -> list[Found]:
    """Join a quote left open at a paragraph's end to the quote opening the next one."""
    found: list[Found] = []
    carry: Found | None = None
    pieces: list[str] = []  # the carried quote's text, paragraph by paragraph, joined once

    def settle(quote: Found) -> None:
        quote.text = " ".join(pieces)
        found.append(quote)

    for index, (text, paragraph_spans) in enumerate(zip(paragraphs, spans, strict=True)):
        for number, (start, end, closed) in enumerate(paragraph_spans):
            inner = text[start + 1 : end - 1 if closed else end].strip()
            if carry is not None:
                if number == 0 and blank(text, 0, start):
                    carry.last, carry.end = index, end
                    pieces.append(inner)
                    if closed:
                        settle(carry)
                        carry = None
                    continue
                settle(carry)
                carry = None
            if closed:
                found.append(Found(inner, index, start, index, end))
            else:
                carry, pieces = Found("", index, start, index, end), [inner]
        if carry is not None and carry.last < index:
            settle(carry)  # nothing continued it: it ran to its paragraph's end
            carry = None
    if carry is not None:
        settle(carry)
    return found


def is_quotation(found: Found, paragraphs: Sequence[str]) -> bool:
    """Four words or more, and not the title of a work or a quoted name."""
    text = found.text
    if not has_spoken_words(text, MIN_QUOTE_WORDS):
        return False
    if found.first == found.last and is_work_title(text):
        return False
    paragraph = paragraphs[found.first]
    before = paragraph[max(0, found.start - NAMING_CONTEXT) : found.start]
    after = paragraphs[found.last][found.end : found.end + NAMING_CONTEXT]
    if text[-1] == "," and BYLINE.match(after):
        return False
    return not is_quoted_name(before, after)


def is_work_title(text: str) -> bool:
    """Title Case Without Sentences In It: a book, film, show or song ("…the Stars.")."""
    # Most quotations soon have a plain lower-case word, seen at once in their first tokens.
    for token in text.split(maxsplit=TITLE_TOKENS_SEEN):
        core = token.strip(EDGE_MARKS)
        if core.isalpha() and not core[0].isupper() and core.lower() not in TITLE_MINOR:
            return False
    if ("‘" in text or "“" in text or "'" in text or '"' in text) and QUOTE_INSIDE.search(text):
        text = QUOTE_INSIDE.sub(" ", text)  # a title it names is not its own
    major: list[str] = []  # the words a title capitalises; a quotation soon has one that is not
    for match in WORD.finditer(text):
        word = match.group()
        if word[0].isalpha() and word.lower() not in TITLE_MINOR:
            if not word[0].isupper():
                return False
            major.append(word)
    if len(major) < 2 or SENTENCE_INSIDE.search(text) or text.rstrip()[-1:] in "!?;:":
        return False
    return major[0] not in ("I", "We")


def is_quoted_name(before: str, after: str) -> bool:
    """A name put in quotes: called "…", the "…" campaign, the book "…"."""
    # A naming term ends the text but for spaces and a comma or colon: look only at its end.
    end = len(before.rstrip().rstrip(",:").rstrip())
    start = max(0, end - LONGEST_NAMING_TERM)
    if before[start:end].lower().endswith(NAMING_TERMS) and (
        found := NAMING_BEFORE.search(before, start)  # the case-blind regex is slow: it runs
    ) and not NAME_BEFORE_TERM.search(before, 0, found.start() + 2):  # only to check the start
        return True
    following = FOLLOWING_WORDS.match(after)
    if not following or not NAMING_NOUNS.intersection(following.groups()):
        return False
    return DETERMINER_BEFORE.search(before) is not None
