"""Attribution clauses in text: "Smith said", "said Smith", "according to Smith".

Verbs of saying are found with one scan of a paragraph's words; the noun phrase naming
the speaker is then read back (or on, for "said Smith") to the nearest clause boundary.
Abbreviation periods are expected to be masked already (see `text.shadow`), so every
"." met here ends a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Generic, TypeVar, overload

from ..core.text import (
    CLOSE_SHAPES,
    DASHES,
    DOT,
    NOUNS_IN_LY,
    OPEN_SHAPES,
    SENTENCE_BREAK,
    SENTENCE_ENDS,
    blanked,
    last_visible,
    offsets,
    shadow,
    word_pattern,
    wordset,
)
from .lexicon import (
    AS_TOO,
    INVERTIBLE,
    NOUN_FORMS,
    PARTICIPLES,
    PHRASAL,
    SAID,
    SAYING,
    SUBJECT_PRONOUNS,
    TELL,
)
from .name_words import TITLE_PERIOD, TITLE_WRITTEN
from .runs import NAME_RUN, dateline_end

# Participles are read only before their subject. The present forms that are as often a
# plural noun ("Media reports confirm", "The Lee jokes “…”") as a verb ("…,” reports Corrie
# Driebusch) are read after a subject only where no noun can stand: after a pronoun ("He
# jokes"), which modifies no noun, or right after a quotation ("“…,” Lee jokes").
# Words between a subject and its verb: "Smith also said", "the ministry has since said".
ADVERBS = wordset(
    "also later then has have had since once further again even just still instead would will "
    "is was previously recently himself herself themselves itself"
)
# A verb of saying in the passive ("Lee was asked", "they were told"), whose subject is the
# one spoken to, and the one speaking after it: "… by Park".
PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|get|gets|got)\s+(?:[a-z]+ly\s+)?$")
PASSIVE_CHARS = 24  # as far back as PASSIVE can match
BY_AGENT = re.compile(r"\s+by\s+")
AGENT_END = re.compile(r"\s+(?:whether|if|that|why|how|what|when|where|about|to|for|on|in)\s")
# A comma closing a quotation right before an inverted verb: "a “cautionary tale,” said".
QUOTED_BEFORE = re.compile(r",[”\"’']+\s*$")
QUOTE_CLOSED = re.compile(r"[,?!][”\"’']+\s*$")  # "“…,” |Lee jokes", "“…?” |Lee jokes"
# An article right before a verb of saying makes it an adjective: "a written statement".
ARTICLES = frozenset(("a", "an", "the"))
VERB = word_pattern(SAYING | PARTICIPLES | set(PHRASAL))
# What may stand right before a verb besides a space: the scan reads these as spaces.
BEFORE_WORD = "\n\t\xa0\"'“‘(—–-/["
CLAUSE_MARKS = ".!?;:\"“”«»"
MAX_PHRASE = 200
# What cannot start an inverted subject: "said that…", "said on Tuesday…", "said he…".
NOT_INVERTED = re.compile(
    r"(?:that|on|in|at|to|by|of|from|with|as|last|this|it|he|she|they|we|i|you|there"
    r"|the (?:decision|move)"  # and when or where it was said: "tweeted Sunday after…"
    r"|during|after|before|while|when|today|tonight|yesterday|earlier|later|recently"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)
ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
# "In Dr. Shadlen's words, “…”", "in the words of one critic": another way of "according to".
IN_WORDS = re.compile(
    r"\b[Ii]n\s+(?:(?P<np>[^,.;:!?\"“”]{2,60}?)['’]s?\s+(?:own\s+)?words"
    r"|the\s+words\s+of\s+(?P<of>[^,.;:!?\"“”]{2,60}))\b"
)
# What joins a second verb to the first one's subject: "…, called Omar a … and said".
PREDICATE_GLUE = re.compile(
    r"^\s*(?:,?\s*and\s*|,\s*)?$|^\s*(?:about|to|with|for|on|in|at|of|from|by|over|him|her"
    r"|them|it|reporters|lawmakers)\b"
)
# "called" naming what comes before it: "a group called |Harbor First ran|", not "called
# Lee a liar" nor "called Lee's plan “…”".
NAMING = frozenset(("called", "calls"))
NAMED_AFTER = re.compile(
    rf"\s+{NAME_RUN.pattern}\s+(?!(?:a|an|the|his|her|their|its|one|as|both)\b)[a-z]"
)
# Words opening a clause of saying with no subject of its own: "When asked, …", "As noted".
NO_SUBJECT = AS_TOO
# A subject of its own after a comma, which glues no verb to the one before: "…, Lee".
NEW_SUBJECT = re.compile(r",\s*(?:[A-Z]|(?:he|she|they|we|i)\b)[^,]*$")
# A work's title in a description of who speaks: "the “Pose” actor", "a «Dune» star".
# (Single marks are no clause marks: a 'Dune' star never cuts the description.)
OPENING_QUOTES, CLOSING_QUOTES = OPEN_SHAPES | {'"'}, CLOSE_SHAPES | {'"'}
MAX_TITLE = 40
TITLE_OWNER = re.compile(r"\b(?:the|a|an|his|her|their)\s$", re.IGNORECASE)
TITLE_NOUN = re.compile(r"(?:\s+[a-z][\w\-]*){1,3}\s*")  # "actor", "star previously"
# A title or a nickname in quotes inside an appositive after a name, which the appositive's
# comma closes: "Lee, the self-described “border czar” of the county, said", "Lee, host of
# the podcast “Hard Talk,” said", "Lee, a “super lawyer” in Ohio, said".
APPOSITIVE_OPENING = re.compile(r"[A-Z][\w.’'\-]*,\s+(?:[a-z][\w\-’']*\s+){1,5}$")
APPOSITIVE_CLOSING = re.compile(r"(?:\s+[\w\-’'.]+){0,6}\s*,\s*")
INTRO_TAIL = re.compile(r"[^.!?\"“”]{0,60}?[,:]\s*$|\s*$")
# When or of what the credited spoke, after the role: "— Jane Smith, harbor master, on the
# new ship" (not "– Smith, by contrast, praised it.": no role, but a clause of its own).
CREDIT_OCCASION = r"(?:on|about|after|before|at|in|during|when|while|of|to|speaking)\s"
# Not a verb and its object after a phrase of time or place, a clause of the credited's own
# with no subject: "– Ann Ross, the mayor, on Tuesday rejected that claim", "in reply said he
# would resign" (a clause after "before", "when" or "while" has its subject: "before the
# council voted it down", "while residents jeered him").
OCCASION_CLAUSE = (
    rf"(?:on|about|at|in|during|of|to)\s[^\"“”.!?,;:]*?\b(?:{SAID}|[a-z]{{2,}}ed)"
    r"\s+(?:it|that|this|him|her|them|the|a|an|his|their|its|he|she|they|we)\b"
)
# A credit line, after any dash: "…” — Jane Smith", "…” – Charles Dickens, A Christmas
# Carol", "…” -- Jane Smith", an embedded tweet's "…” — Jane Smith https://t.co/… — Outlet
# (@outlet) May 1, 2024"; a role in lower case only as one phrase that ends the line, as
# "…” ― Jane Smith, harbor master" (not "…” – Smith, by contrast, praised it."); a party tag
# or years in brackets after the name, "…” — Sen. Jo Lee (D-Ore.)"; a work's title in quote
# marks after it, "…” — Jane Smith, “The Old Road”"; an age, "…” — Jane Smith, 42, nurse";
# the role, then when or of what ("…” — Jane Smith, harbor master, on the new ship").
# A credit to no one ("— Anonymous") names no speaker.
UNCREDITED = r"(?:Anonymous|Unknown|Unattributed)\b(?![ \t]+[A-Z])"  # not "Unknown Mortal …"
DASH_ATTRIBUTION = re.compile(
    rf"\s*(?:[{DASHES}]|--?)\s*(?!{UNCREDITED})(?P<name>{NAME_RUN.pattern})"
    rf"(?:\s*\([^()\"“”]{{1,20}}\))?(?:,\s*\d{{1,3}}(?=\s*[,.]?\s*$|,))?"
    rf"(?:,\s*[A-Z][^\"“”.!?{DASHES}]{{0,80}}\s*[,.]?|\s+https?://(?s:.*)|\s*[,.]?"
    rf"|,\s*[\"“«][^\"“”«»]{{1,60}}[\"”»]\s*[,.]?"
    rf"|,\s*[a-z][^\"“”.!?,;:{DASHES}]{{0,60}}(?:,\s*(?!{OCCASION_CLAUSE}){CREDIT_OCCASION}[^\"“”.!?,;:{DASHES}]{{0,60}})?\.?)\s*$"
)

# A state abbreviated and its period, in a party tag or after a place, before the bracket
# or comma closing it: "(D-Md.)", ", R-Tex.,", "Allentown, Pa., said".
PARTY_TAG_STATE = re.compile(r"((?:\b[DRI][-–]|,\s)[A-Z][a-z]{1,4})\.(?=[),])")


T = TypeVar("T")


class lazy(Generic[T]):  # lower case, as the decorator it stands in for
    """A property worked out on first reading and then kept in the instance, as
    functools.cached_property is, without the lock that one takes on each first reading:
    a paragraph's properties are read once each, for every paragraph of every story, by
    one thread."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> lazy[T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> T | lazy[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


# Records made by the dozen for every story: slots keep them cheap to make.
@dataclass(slots=True)
class Verb:
    start: int
    end: int
    word: str


@dataclass(slots=True)
class Attribution:
    """A verb of saying and the noun phrase naming who says it."""

    offset: int
    verb: str
    np: str
    inverted: bool  # "said Smith" rather than "Smith said"
    addressee_at: int | None = None  # where the one told is named: "told |Cook"


VERB_START = attrgetter("start")


class Paragraph:
    """One paragraph, read on demand: masked text, verbs of saying, clause and sentence marks."""

    def __init__(self, text: str, *, titles: bool = True) -> None:
        """`titles` false says the story writes none of the titles TITLE_WRITTEN finds."""
        self.text = masked(text, titles=titles)
        self.opening = dateline_end(self.text)  # clauses are read after it
        self.spans: dict[re.Pattern[str], list[tuple[int, int]]] = {}  # by `occurs`
        self.read_spans: dict[tuple[int, int], list[Attribution]] = {}  # by `attributions`

    @lazy
    def verbs(self) -> list[Verb]:
        """Every verb of saying, participles included."""
        return scan_verbs(self.text)

    @lazy
    def verb_starts(self) -> list[int]:
        return [verb.start for verb in self.verbs]

    def verbs_from(self, lo: int, hi: int) -> list[Verb]:
        """The verbs starting within text[lo:hi]: found by bisection, as a paragraph of many
        quotations asks this once for each of them."""
        starts = self.verb_starts
        return self.verbs[bisect_left(starts, lo) : bisect_left(starts, hi)]

    @lazy
    def participles(self) -> list[Verb]:
        """The verbs of saying that are participles: "saying", "adding"."""
        return [verb for verb in self.verbs if verb.word in PARTICIPLES]

    def first_participle(self, lo: int, hi: int) -> Verb | None:
        """The first participle starting within text[lo:hi]."""
        found = self.participles
        at = bisect_left(found, lo, key=VERB_START)
        return found[at] if at < len(found) and found[at].start < hi else None

    def occurs(self, pattern: re.Pattern[str], lo: int, hi: int) -> bool:
        """True when `pattern` matches within text[lo:hi]; for short patterns whose matches
        never overlap ("that "), found once in the paragraph rather than once per quotation."""
        if pattern not in self.spans:
            self.spans[pattern] = [match.span() for match in pattern.finditer(self.text)]
        spans = self.spans[pattern]
        at = bisect_left(spans, (lo, -1))
        return at < len(spans) and spans[at][1] <= hi

    @lazy
    def marks(self) -> list[int]:
        """Offsets of the sentence and quote marks that bound a clause."""
        return offsets(self.text, CLAUSE_MARKS)

    @lazy
    def starts(self) -> list[int]:
        """Where each sentence starts: after each break, tried at each . ! ? or …"""
        text = self.text
        breaks = (SENTENCE_BREAK.match(text, at) for at in offsets(text, SENTENCE_ENDS))
        return [0, *(match.end() for match in breaks if match)]

    def sentence_start(self, offset: int) -> int:
        """Where the sentence holding `offset` starts."""
        return self.starts[bisect_right(self.starts, offset) - 1]

    def sentence_tail(self, lo: int, hi: int) -> int:
        """Offset after the last sentence break in text[lo:hi]."""
        return max(lo, self.sentence_start(hi))

    def sentence_head(self, lo: int, hi: int) -> int:
        """Offset just past the end of the first sentence in text[lo:hi]."""
        match = SENTENCE_BREAK.search(self.text, lo, hi)
        return match.start() + 1 if match else hi

    def direct_intro(self, lo: int, hi: int) -> bool:
        """True when text[lo:hi] ends by introducing a quote: "Smith said:", "she added,"."""
        last = next((v for v in reversed(self.verbs_from(lo, hi)) if v.end <= hi), None)
        return last is not None and INTRO_TAIL.fullmatch(self.text, last.end, hi) is not None

    def attributions(self, lo: int, hi: int) -> list[Attribution]:
        """Each "X said" / "said X" / "according to X" within text[lo:hi], in order.

        Where one verb reads both ways ("…, said Tyvak would…"), the subject before it
        comes first. Read once for each span, as several finders ask for the same one
        (callers leave the list as it is).
        """
        found = self.read_spans.get((lo, hi))
        if found is None:
            found = self.read_spans[lo, hi] = self.attributions_in(lo, hi)
        return found

    def subject_of_noun_form(self, np: str, start: int) -> bool:
        """True when `np` is the subject of a present form that is a plural noun too: a
        pronoun ("He jokes"), or any phrase right after a quotation ("“…,” Lee jokes"),
        where no noun phrase opens a clause."""
        return np.strip().lower() in SUBJECT_PRONOUNS or (
            QUOTE_CLOSED.search(self.text, max(0, start - 4), start) is not None
        )

    def attributions_in(self, lo: int, hi: int) -> list[Attribution]:
        """What `attributions` gives, read from the text."""
        text = self.text
        found: list[Attribution] = []
        previous_end = lo
        subject = ""
        for verb in self.verbs_from(lo, hi):
            if verb.end > hi or (verb.word in NAMING and NAMED_AFTER.match(text, verb.end)):
                continue  # "a group called Harbor First ran ads": its name, not its words
            if verb.word not in PARTICIPLES and verb.start > lo and (
                text[verb.start - 1].isspace()
            ):
                start = max(previous_end, self.phrase_start(lo, verb.start))
                np = strip_adverbs(text[start : verb.start])
                if verb.word in NOUN_FORMS and not self.subject_of_noun_form(np, start):
                    pass  # "The Lee jokes “…”": a plural noun here, read only before a subject
                elif PASSIVE.search(text, max(start, verb.start - PASSIVE_CHARS), verb.start):
                    # "Lee was asked by Park whether …": Park asks; Lee, asked, says nothing
                    agent = BY_AGENT.match(text, verb.end)
                    np = text[agent.end() : self.phrase_end(agent.end(), hi)] if agent else ""
                    np = AGENT_END.split(np, maxsplit=1)[0]  # "by Park| whether …"
                    if np.strip():
                        found.append(Attribution(verb.start, verb.word, np.strip(), True))
                    else:
                        continue  # "…, who called after the vote was declared, told": one clause
                elif np.strip() and np.rsplit(maxsplit=1)[-1].lower() not in ARTICLES and (
                    np.strip().lower() not in NO_SUBJECT  # "When asked, …": no one's
                ):
                    if subject and PREDICATE_GLUE.match(np) and not NEW_SUBJECT.search(np):
                        np = subject  # "he asked …, called … and said": one subject
                    told = verb.end if verb.word in TELL else None
                    found.append(Attribution(verb.start, verb.word, np, False, told))
                    subject = np
            if verb.word in INVERTIBLE:
                np = text[verb.end : self.phrase_end(verb.end, hi)].strip()
                if np and (last_visible(text, lo, verb.start) in ("", ",") or (
                    QUOTED_BEFORE.search(text, max(lo, verb.start - 4), verb.start)
                )) and not NOT_INVERTED.match(np):
                    found.append(Attribution(verb.start, verb.word, np, True))
            previous_end = verb.end
        if self.according:
            for match in ACCORDING.finditer(text, lo, hi):
                np = text[match.end() : self.phrase_end(match.end(), hi)].strip()
                if np:
                    found.append(Attribution(match.start(), "according", np, True))
        if self.in_words:
            for match in IN_WORDS.finditer(text, lo, hi):
                np = match["np"] or match["of"]
                found.append(Attribution(match.start(), "according", np, True))
        found.sort(key=lambda a: (a.offset, a.inverted))
        return found

    @lazy
    def according(self) -> bool:
        """True when "according to" may be in the paragraph: looked for once, not per quote."""
        return "ccording" in self.text

    @lazy
    def in_words(self) -> bool:
        """True when "in X's words" may be in the paragraph."""
        return " words" in self.text

    def phrase_start(self, lo: int, at: int) -> int:
        """Where the clause ending at `at` begins: after the nearest sentence or quote mark,
        but for the marks around a title inside a description ("the “Pose” actor")."""
        start = max(lo, at - MAX_PHRASE, self.opening)
        marks, text = self.marks, self.text
        before = bisect_left(marks, at) - 1
        if before > 0 and text[marks[before]] in CLOSING_QUOTES:
            opening, closing = marks[before - 1], marks[before]
            if text[opening] in OPENING_QUOTES and closing - opening <= MAX_TITLE and ((
                    text[opening + 1 : opening + 2].isupper()
                    and TITLE_OWNER.search(text, max(0, opening - 6), opening)
                    and TITLE_NOUN.fullmatch(text, closing + 1, at)
            ) or in_appositive(text, opening, closing, at)):
                before -= 2
        return max(start, marks[before] + 1) if before >= 0 else start

    def phrase_end(self, at: int, hi: int) -> int:
        end = min(hi, at + MAX_PHRASE)
        after = bisect_left(self.marks, at)
        return min(end, self.marks[after]) if after < len(self.marks) else end


def in_appositive(text: str, opening: int, closing: int, at: int) -> bool:
    """True for words in quotes inside an appositive closed right before the verb at `at`:
    "Lee, the so-called “czar,” said", "Lee, a “super lawyer” in Ohio, said"."""
    closed = APPOSITIVE_CLOSING.fullmatch(text, closing + 1, at) is not None or (
        text[closing - 1] == "," and not text[closing + 1 : at].strip()
    )
    return closed and APPOSITIVE_OPENING.search(text, max(0, opening - 80), opening) is not None


def masked(text: str, *, titles: bool = True) -> str:
    """`text` as clauses are read in it, offsets unchanged: abbreviation periods (those of a
    state too: "(D-Md.)", ", R-Tex.,", "Allentown, Pa., said") as DOT, a double quote mark
    written as two apostrophes, as archive text does, as two straight double marks, and
    no-break spaces as spaces ("James\xa0Comey" is one name)."""
    text = shadow(text.replace("\xa0", " ") if "\xa0" in text else text)
    if titles and TITLE_WRITTEN.search(text):  # found fast, then read with what is around it
        text = TITLE_PERIOD.sub(rf"\1{DOT}", text)
    if ".)" in text or ".," in text:  # what a state's period comes before, found fast
        text = PARTY_TAG_STATE.sub(rf"\1{DOT}", text)
    return text.replace("''", '""') if "''" in text else text


def scan_verbs(text: str) -> list[Verb]:
    """Every verb of saying in `text`, participles included."""
    found: list[Verb] = []
    for match in VERB.finditer(blanked(" " + text, BEFORE_WORD)):
        word, start, end = match.group(1), match.start(1) - 1, match.end(1) - 1
        if text[start - 1 : start] == "-" and text[start - 2 : start - 1].isalnum():
            continue  # "self-described", "so-called": a compound's word, no verb
        if word not in PHRASAL:
            found.append(Verb(start, end, word))
        elif text.startswith(" " + PHRASAL[word], end):
            found.append(Verb(start, end + 1 + len(PHRASAL[word]), f"{word} {PHRASAL[word]}"))
    return found


def strip_adverbs(np: str) -> str:
    """The subject without the adverbs and auxiliaries before its verb ("Smith has also")."""
    np = np.rstrip()
    while True:
        head, _, last = np.rpartition(" ")
        if not head or not (last in ADVERBS or (
            last.islower() and last.endswith("ly") and last not in NOUNS_IN_LY
        )):
            return np
        np = head.rstrip()
