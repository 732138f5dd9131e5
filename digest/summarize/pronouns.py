"""Who "he", "she" and "it" point back to: the latest speaker or sentence subject that fits.

Candidates are the people and bodies a story names as who speaks, or as the subject
of a sentence, in the few paragraphs before the pronoun. Only one in the pronoun's
sentence or the one before is taken (or further back while sentences have the same
pronoun as their subject: "He paused. Later, he said"); else, for "he" or "she", the one
person of that gender the story has in play; else no one, as a wrong name is worse than
none. Who is in play in each paragraph, and each person's gender, are read in mentions.py;
the checks that make a candidate doubtful are in pronoun_doubts.py, and where the
pronoun's sentence stands among the story's sentences in pronoun_sentences.py.
A name in a clause opening its sentence gives way to the main clause's subject ("When Lee
spoke, Park left"), and one who asked a question to whom it was asked, when the quotation
answers it ("Lee asked Park whether …. “…,” he said": Park). "They" is never one person alone.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple, TypeVar

from ..core.text import WORD, inside
from .attribution import Paragraph
from .clause_topics import asked_person, main_clause_subject, object_of_described
from .given_names import gender_of
from .mentions import GENDERS, MENTION_OFFSET, PRONOUN_SUBJECT, Mention
from .name_words import NATIONALITY, TITLES
from .names import Name, NameIndex
from .pronoun_doubts import RECENT_PARAGRAPHS, Doubts, named_in
from .pronoun_sentences import Sentences
from .quotes import Found
from .runs import JOINT

T = TypeVar("T")


class Result(NamedTuple):
    """Who said a quotation, as decided."""

    speaker: str | None  # "" for someone unnamed ("a witness said"), None for no one found
    person: str | None = None  # the speaker's name as indexed, for a person
    kind: str = "person"  # of the speaker, named or not: "person" or "organisation"


POSSESSIVE_END = re.compile(r"['’]s?$")
LOOK_BACK = 100  # names of a paragraph a pronoun is tried against, the latest first
# "He was “…”", "They are, in short, “…”", "He “never shows up”": the quotation is the
# pronoun's predicate, what is said of them, not what they said; whoever spoke before
# may still be its speaker.
CALLED = re.compile(
    r"(?:['’](?:s|re)|\s+(?:is|was|are|were|(?:has|have|had)\s+been|(?:will|would)\s+be))?"
    r"(?:,[^,“”\"]*,)?\s+(?:(?:a|an|the|not|just|still|never|simply|only)\s+)?[“\"]"
)
# A quotation opening as the answer to a question put just before: "Yes, …", "No.", "Sure
# it is" (not "No one will …").
ANSWER_OPENING = re.compile(
    r"[\W_]*(?:(?:yes|yeah|no|nope)\s*[,.!;:—–-]|(?:sure|absolutely|certainly|definitely"
    r"|of course)\b)",
    re.IGNORECASE,
)


class Antecedents(Doubts, Sentences):
    """The pronoun targets of one story, worked out paragraph by paragraph as needed.

    `results` is the list of speakers decided so far (it grows as quotes are read);
    `speaking_in` gives the named attributions of a paragraph.
    """

    def __init__(
        self,
        paragraphs: Sequence[Paragraph],
        names: NameIndex,
        found: Sequence[Found],
        results: list[Result],
        speaking_in: Callable[[int], list[Mention]],
    ) -> None:
        super().__init__(paragraphs, names, found, speaking_in)
        self.results = results
        self.passed_over = False  # a candidate was the object of a described subject

    def find(self, index: int, kind: str, addressee: str | None,
             at: tuple[int, int] | None = None) -> Name:
        """What a pronoun of `kind` ("male", "female", "organisation", "any")
        before the index-th quotation, standing `at` (paragraph, offset) if given, points
        back to; Name("") when nobody the story names fits."""
        quote = self.found[index]
        here = (quote.first, quote.start)
        # Whom the quotation itself names is talked about, not talking: "“I cannot believe
        # Martha would …,” she said".
        named = quoted_words(quote.text) if kind in GENDERS else None
        pronoun = min(here, at or here)  # whom it points back to is named before it
        question = quote.text.rstrip(" ,").endswith("?")
        answer = None if question else ANSWER_OPENING.match(quote.text) is not None
        self.passed_over = False
        best = self.latest(
            pronoun[0], pronoun,
            lambda p, before: self.candidates(p, before, kind, addressee, named, answer),
        )
        source = "subject"  # the best candidate so far is a subject or speaker named
        for earlier in range(index - 1, -1, -1):
            said = self.results[earlier]
            speaker = said.speaker
            if speaker is None or speaker == addressee:
                continue
            where = (self.found[earlier].first, self.found[earlier].start)
            later = best is None or where > best[0]
            if not speaker:  # "…,” a witness said. “…,” she added: the same unnamed witness
                same_kind = (kind == "organisation") == (said.kind == "organisation")
                if later and (kind == "any" or same_kind):
                    return Name("", said.kind)
            elif self.fits(speaker, said.kind, kind) and later:
                best, source = (where, speaker), "speaker"
            break
        if kind in GENDERS and self.unnamed_since(best, here, kind):
            return Name("", "person")  # "She spoke to one mother. “…,” she said."
        reach = self.reach(pronoun, kind)
        if best is not None and best[0] < reach:
            # A subject or speaker further back is too often someone else (about three in
            # four right, measured): only the one person of the pronoun's gender will do.
            best = None
        elif best is not None and kind in GENDERS and (
            not self.known_person(best[1]) and self.gender(best[1]) != kind
        ):
            best = None  # "Rather, he said": a word opening a sentence, no one named in full
        unnamed = Name("", "organisation" if kind == "organisation" else "person")
        if best is not None and kind == "any" and self.one_person(best[1]):
            return unnamed  # "Lee and Park met. “…,” they said": a group is no one speaker
        if best is None and self.passed_over:
            return unnamed  # "The senator thanked Lee. “…,” she said": the senator, maybe
        if best is None:
            only = self.only_one(here, kind, named, addressee) if kind in GENDERS else None
            return Name(only, "person", via="only one") if only else unnamed
        if kind in GENDERS and (
            self.paired(best, kind) or self.contested(best, kind, here, addressee)
            or self.set_off(at) == best[1] or self.in_view_of_another(best, kind)
        ):
            return unnamed  # "Tom Smith and Bob Jones met. “…,” he said."
        return Name(best[1], "organisation" if kind == "organisation" else self.kind_of(best[1]),
                    via=f"{source}, {self.distance(best[0], pronoun)}")

    def candidates(self, paragraph: int, before: float, kind: str, addressee: str | None,
                   named: frozenset[str] | None, answer: bool | None) -> Iterator[tuple[int, str]]:
        """The (offset, name) a pronoun of `kind` may point to in a paragraph, before offset
        `before`, latest first: its subjects and speakers, each read as whom its sentence
        is about (`main_subject`) or who answers it (`answering`); not a name after the verb
        of a described subject."""
        for _, offset, name, name_kind in backwards(
            self.mentions_in(paragraph), before, MENTION_OFFSET
        ):
            if name == addressee or not self.fits(name, name_kind, kind):
                continue
            if object_of_described(self.paragraphs[paragraph], offset):
                self.passed_over = True  # nor is the one person left to be taken
                continue
            at, meant = self.answering(
                paragraph, *self.main_subject(paragraph, offset, name, kind), kind, answer
            )
            if meant != addressee and not named_in(meant, named):
                yield at, meant

    def main_subject(self, paragraph: int, offset: int, name: str, kind: str) -> tuple[int, str]:
        """The main clause's subject, (offset, name), when the name at `offset` is inside a
        clause opening its sentence and that subject is a person who fits the pronoun
        ("When Lee lost the vote, Park said …": Park); else the name itself."""
        found = main_clause_subject(
            self.paragraphs[paragraph], self.names.mentions_in(paragraph), offset
        )
        if found is None or not self.fits(found[1].text, found[1].kind, kind) or (
            self.gender(name) == kind and " " not in found[1].text
            and gender_of(found[1].text) is None
        ):  # "When Ann Lee came, Sen. Park left. “…,” she said": Lee; Park's gender unknown
            return offset, name
        return found[0], found[1].text

    def answering(self, paragraph: int, offset: int, name: str, kind: str,
                  answer: bool | None) -> tuple[int, str]:
        """Whom the subject at `offset` asked, (offset, name), when it asked a person who
        fits the pronoun and the quotation may answer it (`answer`: None for a question,
        True when it opens as an answer): "Lee asked Park whether the pier would reopen.
        “…,” he said": Park; else the subject itself (see clause_topics.asked_person)."""
        found = None if answer is None else asked_person(
            self.paragraphs[paragraph].text, self.names.mentions_in(paragraph), offset,
            answer=answer,
        )
        if found is None or found[1].text == name or not self.fits(
            found[1].text, found[1].kind, kind
        ):
            return offset, name
        return found[0], found[1].text

    def unlike_subject(self, paragraph: int, offset: int, name: Name) -> bool:
        """True when the sentence holding `offset` has "he" or "she" as its subject and
        `name` is a person of the other gender ("Lee reported it. He also shared a post
        calling it “…”" is not Lee's, when Lee is a woman), or "they" and `name` is one
        person ("“…,” Lee said. They ask the board for “…”"); not when the quotation is
        only what is said of them ("Lee said Park lied. He was “…”", "He “never …”")."""
        start = self.narrative_sentence(paragraph, offset)
        text = self.paragraphs[paragraph].text
        opening = PRONOUN_SUBJECT.match(text, start, offset)
        if opening is None or name.kind != "person" or inside(
            self.quoted_spans.get(paragraph, []), opening.end() - 2
        ):
            return False
        called = CALLED.match(text, opening.end())
        if called is not None and called.end() - 1 == offset:
            return False
        if opening["plural"]:
            return JOINT not in name.text  # "They ask …": not one person alone
        other = "female" if opening["male"] else "male"
        return self.gender(name.text) == other

    def one_person(self, name: str) -> bool:
        """True for one person named alone, never what "they" stands for."""
        return JOINT not in name and self.known_person(name)

    def fits(self, name: str, name_kind: str, kind: str) -> bool:
        """True when `name` can be what a pronoun of `kind` points to."""
        if kind == "any":
            return True
        if kind == "organisation":
            return name_kind == "organisation" and not many_people(name)
        # "Jo Lee and Bo Park" are "they", not "he" or "she"
        return name_kind == "person" and self.fits_person(name, kind)

    @staticmethod
    def latest(first: int, here: tuple[int, int],
               candidates: Callable[[int, float], Iterable[tuple[int, str]]]
               ) -> tuple[tuple[int, int], str] | None:
        """The last candidate before `here`, looking back paragraph by paragraph.

        `candidates(paragraph, before)` gives the (offset, name) of a paragraph's candidates
        before offset `before`, latest first, so that only the first one is ever looked at.
        """
        for paragraph in range(first, max(-1, first - RECENT_PARAGRAPHS - 1), -1):
            before = here[1] if paragraph == here[0] else math.inf
            found = next(iter(candidates(paragraph, before)), None)
            if found is not None:
                offset, name = found
                return (paragraph, offset), name
        return None


def backwards(items: Sequence[T], before: float, offset: Callable[[T], int]) -> Iterator[T]:
    """The latest LOOK_BACK items, in order of their offsets, whose offset is below `before`,
    latest first: found by bisection, as every pronoun of a paragraph asks, and no further
    back, or a paragraph naming hundreds who do not fit would be read again for each one."""
    end = bisect_left(items, before, key=offset)
    return (items[at] for at in range(end - 1, max(-1, end - 1 - LOOK_BACK), -1))


def many_people(name: str) -> bool:
    """True for a word naming people in the plural, "they" and never "it": "Americans",
    "Democrats"."""
    single = name[:-1]
    return " " not in name and name.endswith("s") and (
        NATIONALITY.search(single) is not None or single in TITLES
    )


def quoted_words(text: str) -> frozenset[str]:
    """The words of a quotation, possessives without their "'s": "Martha’s" is "Martha"."""
    return frozenset(POSSESSIVE_END.sub("", word) for word in WORD.findall(text))

