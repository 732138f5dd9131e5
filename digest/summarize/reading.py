"""From an attribution to its speaker: "Smith said", "he told Cook", "the ministry said".

A `Reader` reads an attribution's noun phrase (subjects.py) and looks up what it refers
to: a name in the story's name index, a pronoun's antecedent (pronouns.py), a
description's body or person (descriptions.py). It also says who speaks in each
paragraph, which pronouns point back to.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence

from ..core.text import DOT
from .attribution import Attribution, Paragraph
from .descriptions import REPRESENTATIVE, Descriptions
from .lexicon import alternation
from .mentions import OBJECT_OPENING, Mention
from .name_words import DEPARTMENTS, GROUPS, TITLES
from .names import Name, NameIndex
from .phrases import Reading
from .pronouns import Antecedents, Result
from .quotes import Found
from .runs import NAME_RUN, bare
from .subjects import read_inverted, read_subject

# Prepositions that tie a name to the one a phrase names, whom the name is then not: "the
# former aide to President Lee", "a friend of Lee's", "a man behind Lee", "the headline
# about Lee" (after a verb of saying); in a subject before its verb also whom one comes from
# or acts for, "A letter signed by Lee called it “…”" (see finders.embedded).
TIES = r"to|of|for|with|at|behind|beside|near|next\s+to|about|against"
SUBJECT_TIES = r"of|for|to|with|at|near|from|by"


def tie_pattern(prepositions: str) -> str:
    """A name after a common noun and one of `prepositions`, in the same stretch of the
    phrase, read at the end of the text up to the name, with the capitalised words between
    as `run`: titles there leave the tie ("aide to Foreign Minister Lee"), others make the
    name that one's own ("speaker of the House Lee", see `only_titles`). A group opening the
    sentence is capitalised: "Aides to Lee"."""
    return (
        rf"\b(?:[a-z][\w\-]*|{alternation(word.capitalize() for word in GROUPS)})"
        rf"\s+(?:{prepositions})\s+(?:the\s+)?(?P<run>(?:[A-Z][\w.{DOT}'’\-]*\s+)*)$"
    )


RELATED = re.compile(tie_pattern(TIES))
ROLE_WORDS = TITLES | DEPARTMENTS  # "aide to Foreign Minister Lee" is still tied to Lee
# What ties a group of people unnamed to whom they are: "Critics |of| Lee".
GROUP_TIES = frozenset(("of", "at", "from", "for", "with", "close", "near"))


def related(name: str, written: str, readings: list[Reading]) -> bool:
    """True when the phrase read names `name` (written `written`) as whom the speaker it
    describes is tied to, not as the speaker: "said the former top aide to President Lee"
    is not Lee's, "said speaker of the House Lee" is; nor is "a spokesperson for Lee" (whom
    one who speaks for another stands for is read by descriptions.py)."""
    phrase = next((r.text for r in readings if r.kind == "description"), "")
    at = phrase.find(name)
    if at < 0:
        at = phrase.find(written)  # "a friend of Lee" for Jo Lee
    if at <= 0:
        return False
    represented = REPRESENTATIVE.match(phrase)
    if represented is not None and represented["agent"] and at >= represented.start("org"):
        return True  # "a spokesperson for Ohio Gov. Lee": whoever is named after "for"
    tie = RELATED.search(phrase, 0, at)
    return tie is not None and only_titles(tie["run"])


def only_titles(run: str) -> bool:
    """True when the capitalised words between a tie and the name (see `tie_pattern`) are titles:
    "aide to Foreign Minister |Lee", not "speaker of the House |Lee"."""
    return all(bare(word) in ROLE_WORDS for word in run.split())


def group(name: str) -> bool:
    """True for people the story does not name, capitalised as they open a sentence:
    "Experts", "Critics of Lee" (not "Police Scotland", a body)."""
    words = name.lower().split(maxsplit=2)
    return bool(words) and words[0] in GROUPS and (len(words) == 1 or words[1] in GROUP_TIES)


def opening_object(name: str, written: str) -> bool:
    """True when `written` opens with a preposition the name it resolves to leaves out:
    "Alongside Lee" is an opening phrase's object, "Than Shwe" a name."""
    opening = OBJECT_OPENING.match(written)
    return opening is not None and not name.startswith(opening.group())


class Reader:
    """The attributions of one story's paragraphs and whom they name."""

    def __init__(self, paragraphs: Sequence[Paragraph], found: Sequence[Found]) -> None:
        self.paragraphs = paragraphs
        self.texts = [p.text for p in paragraphs]
        self.found = found
        self.names = NameIndex(self.texts)  # built once, read-only afterwards
        self.results: list[Result] = []  # who said each quotation, as decided in order
        # The pronouns reach back to the reader through a weak reference, so that the
        # story's objects hold no cycle: they go as soon as the story is summarized rather
        # than at the collector's next pass, which, with the hundreds of objects each story
        # leaves in cycles, ran every few stories and walked every object alive.
        reader = weakref.ref(self)
        self.pronouns = Antecedents(self.paragraphs, self.names, found, self.results,
                                    lambda paragraph: reader().speaking_in(paragraph))
        self.descriptions = Descriptions(self.texts, self.names, found, self.pronouns)
        self.readings: dict[tuple[str, bool], list[Reading]] = {}  # by `read`

    def clauses_in(self, paragraph: int, lo: int, hi: int) -> list[Attribution]:
        return self.paragraphs[paragraph].attributions(lo, hi)

    def first_named(
        self, found: Iterable[Attribution], index: int | None, paragraph: int, *,
        anonymous: bool = True,
    ) -> Name | None:
        """The first attribution naming a speaker; with `anonymous`, Name("") for "an aide"."""
        nobody = None
        for attribution in found:
            name = self.named_by(attribution, index, paragraph)
            if name is not None and name.text:
                return name
            nobody = nobody or name
        return nobody if anonymous else None

    def named_by(self, found: Attribution, index: int | None, paragraph: int) -> Name | None:
        if found.inverted:
            return self.resolve(self.read(found.np, inverted=True), index)
        return self.resolve(self.read(found.np), index, self.addressee(paragraph, found),
                            (paragraph, found.offset))

    def read(self, np: str, *, inverted: bool = False) -> list[Reading]:
        """The readings of a noun phrase written before its verb (or, `inverted`, after it):
        read once a story, as the finders and the pronouns' candidates ask for the same
        attributions again. (Callers leave the list as it is.)"""
        key = (np, inverted)
        readings = self.readings.get(key)
        if readings is None:
            readings = self.readings[key] = read_inverted(np) if inverted else read_subject(np)
        return readings

    def addressee(self, paragraph: int, found: Attribution) -> str | None:
        """Who was told: "he told Cook" → "Cook", so that "he" is someone else."""
        if found.addressee_at is None:
            return None
        text = self.texts[paragraph]
        match = NAME_RUN.match(text, found.addressee_at + 1)
        name = self.names.name_of(match.group()) if match else None
        return name.text if name else None

    def resolve(
        self, readings: list[Reading], index: int | None, addressee: str | None = None,
        at: tuple[int, int] | None = None,
    ) -> Name | None:
        """The speaker the first workable reading refers to; Name("") for someone unnamed.
        `at` is where the reading stands (paragraph, offset), when it is a pronoun's."""
        for reading in readings:
            if reading.kind == "unnamed":
                return Name("", "person")
            if reading.kind == "pronoun":
                name = self.pronoun(index, reading.text, addressee, at)
                return name.referred("pronoun") if name else None
            if reading.kind == "joint":
                name = self.names.joint_speakers(reading.text)
            elif reading.kind == "name":
                name = self.names.name_of(reading.text, the="the " if reading.the else "",
                                          speaking=True)
                if name is not None and (
                    related(name.text, reading.text, readings)
                    or opening_object(name.text, reading.text) or group(name.text)
                ):
                    continue  # "an aide to Lee"; "after Lee", "Alongside Lee": an object;
                    # "Experts", "Critics of Lee": people unnamed, the description's
            else:
                name = self.descriptions.described(reading.text, index)
                name = name.referred("description") if name else None
            if name is not None:
                return name
        return None

    def speaking_in(self, paragraph: int) -> list[Mention]:
        """The named attributions of a paragraph."""
        found: list[Mention] = []
        for attribution in self.clauses_in(paragraph, 0, len(self.texts[paragraph])):
            name = self.named_by(attribution, None, paragraph)
            if name is not None and name.text:
                found.append((paragraph, attribution.offset, name.text, name.kind))
        return found

    def pronoun(self, index: int | None, kind: str, addressee: str | None,
                at: tuple[int, int] | None = None) -> Name | None:
        """Who a pronoun points back to; nothing while the story's names are being read."""
        return None if index is None else self.pronouns.find(index, kind, addressee, at)


