"""Who "he", "she" and "it" point back to: the latest speaker or sentence subject that fits.

Candidates are the people and bodies a story names as who speaks, or as the subject
of a sentence, in the few paragraphs before the pronoun. Only one in the pronoun's
sentence or the one before is taken (or further back while sentences have the same
pronoun as their subject: "He paused. Later, he said"); else, for "he" or "she", the one
person of that gender the story has in play; else no one, as a wrong name is worse than
none. Who is in play in each paragraph, and each person's gender, are read in mentions.py.
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
from .mentions import MENTION_OFFSET, NAME_OFFSET, PRONOUN_SUBJECT, Mention, Mentions
from .name_words import NATIONALITY, TITLES
from .names import Name, NameIndex
from .quotes import Found
from .runs import NAME_RUN

T = TypeVar("T")


class Result(NamedTuple):
    """Who said a quotation, as decided."""

    speaker: str | None  # "" for someone unnamed ("a witness said"), None for no one found
    person: str | None = None  # the speaker's name as indexed, for a person
    kind: str = "person"  # of the speaker, named or not: "person" or "organisation"


RECENT_PARAGRAPHS = 6
POSSESSIVE_END = re.compile(r"['’]s?$")
MAX_CHAIN = 8  # sentences opening with "he" or "she" read back through
GENDERS = ("male", "female")
LOOK_BACK = 100  # names of a paragraph a pronoun is tried against, the latest first
SET_OFF = re.compile(r",\s+(?:he|she)\s+")  # "Lee, she said": Lee is talked about
SET_OFF_CHARS = 80  # a name run and the pronoun after it
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
# "… and her sister |Mia Lee|": two people named together, a relation between them
JOINED_BY_RELATION = re.compile(r",? and (?:(?:his|her|their) (?:[a-z-]+ ){1,2})?")
JOINT = " and "  # in a speaker's name: two people who spoke together

class Antecedents(Mentions):
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
            or self.set_off(at) == best[1]
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

    def set_off(self, at: tuple[int, int] | None) -> str | None:
        """The person named right before the pronoun of the attribution at `at`, a comma
        between: "… and Lee, she said, “…”": Lee is whom the words are about; were Lee the
        speaker, the story would say "Lee said"."""
        if at is None:
            return None
        text = self.paragraphs[at[0]].text
        names = self.names.mentions_in(at[0])
        before = bisect_left(names, at[1], key=NAME_OFFSET) - 1
        if before < 0 or at[1] - names[before][0] > SET_OFF_CHARS:
            return None
        offset, name = names[before]
        run = NAME_RUN.match(text, offset)
        return name.text if run and SET_OFF.fullmatch(text, run.end(), at[1]) else None

    def distance(self, where: tuple[int, int], here: tuple[int, int]) -> str:
        """How far back the antecedent at `where` is from the pronoun's sentence at `here`:
        in the same sentence, the sentence before, or further back along sentences opening
        with the same pronoun."""
        if where >= (here[0], self.narrative_sentence(*here)):
            return "same sentence"
        return "sentence before" if where >= self.sentence_before(here) else "further"

    def contested(self, best: tuple[tuple[int, int], str], kind: str, here: tuple[int, int],
                  addressee: str | None) -> bool:
        """True when someone else of the pronoun's gender is in play (a subject or speaker
        in the pronoun's paragraph before it, and unless the best candidate is named in that
        paragraph, in the paragraph before) and the best candidate, within reach, is not
        clearly whom it means: its gender is unknown."""
        where, name = best
        if self.gender(name) == kind:
            return False
        # A candidate in the pronoun's own paragraph leaves the paragraphs before behind;
        # one further back (along sentences opening with the pronoun) brings its own in.
        for paragraph in range(here[0] if where[0] == here[0] else min(where[0], here[0] - 1),
                               here[0] + 1):
            for _, offset, other, other_kind in self.mentions_in(paragraph):
                if (paragraph, offset) < here and other_kind == "person" and (
                    other not in (name, addressee) and self.gender(other) == kind
                ):
                    return True
        return False

    def sentence_before(self, here: tuple[int, int]) -> tuple[int, int]:
        """Where the sentence before the one holding `here` starts, in its paragraph or at
        the end of the paragraph before."""
        paragraph, offset = here
        start = self.narrative_sentence(paragraph, offset)
        if start or not paragraph:
            return paragraph, self.narrative_sentence(paragraph, max(0, start - 1))
        return paragraph - 1, self.narrative_sentence(
            paragraph - 1, len(self.paragraphs[paragraph - 1].text))

    def narrative_sentence(self, paragraph: int, offset: int) -> int:
        """Where the story's sentence holding `offset` starts: a sentence inside quote marks
        is the quoted speaker's, and the story's sentence is the one the marks open in."""
        sentences = self.paragraphs[paragraph]
        start = sentences.sentence_start(offset)
        before = sentences.text[:start]
        if before.count("“") > before.count("”"):
            return sentences.sentence_start(before.rfind("“"))
        if before.count('"') % 2:
            return sentences.sentence_start(before.rfind('"'))
        return start

    def reach(self, here: tuple[int, int], kind: str) -> tuple[int, int]:
        """How far back a pronoun's subject or speaker may be: to the start of the sentence
        before the pronoun's, and on back while that sentence opens with the same pronoun,
        as "she" there is the one meant again ("Lee spoke. She paused. “…,” she said")."""
        start = self.sentence_before(here)
        for _ in range(MAX_CHAIN if kind in GENDERS else 0):
            opening = PRONOUN_SUBJECT.match(self.paragraphs[start[0]].text, start[1])
            if start == (0, 0) or opening is None or opening[kind] is None:
                break
            start = self.sentence_before(start)
        return start

    def only_one(self, here: tuple[int, int], kind: str, named: frozenset[str] | None = None,
                 addressee: str | None = None) -> str | None:
        """The one person (of `kind` "male" or "female", if so) the few paragraphs before
        `here` name, when they name no one else who could be meant (for "he" or "she", no
        one else of that gender or of a gender unknown); whom the quotation names and whom
        the speaker tells are left out."""
        found: set[str] = set()
        for paragraph in range(max(0, here[0] - RECENT_PARAGRAPHS), here[0] + 1):
            for offset, name in self.names.mentions_in(paragraph):
                if (paragraph, offset) >= here:
                    break
                if name.kind == "person" and name.text != addressee and (
                    kind not in GENDERS or self.gender(name.text) in (kind, None)
                ) and not named_in(name.text, named):
                    found.add(name.text)
        only = found.pop() if len(found) == 1 else None
        return only if only and (kind not in GENDERS or self.gender(only) == kind) else None

    def paired(self, best: tuple[tuple[int, int], str], kind: str) -> bool:
        """True when the best candidate is named with "and" beside another person the pronoun
        could point to as well ("Jo Lee and Bo Park", "Ann Lee and her sister Mia Lee"):
        neither is more the subject than the other."""
        (paragraph, offset), name = best
        text = self.paragraphs[paragraph].text
        run = NAME_RUN.match(text, offset)
        if run is None:
            return False
        parts = run.group().split(" and ") if " and " in run.group() else []
        for start, other in self.names.mentions_in(paragraph):
            near = NAME_RUN.match(text, start)
            if near is not None and other.text != name and (
                JOINED_BY_RELATION.fullmatch(text, run.end(), start)
                or JOINED_BY_RELATION.fullmatch(text, near.end(), offset)
            ):
                parts.append(other.text)
        for part in parts:
            other = self.names.name_of(part)
            if other is not None and other.kind == "person" and other.text != name and (
                self.gender(other.text) in (None, kind)
            ):
                return True
        return False

    def unnamed_since(self, best: tuple[tuple[int, int], str] | None, here: tuple[int, int],
                      kind: str) -> bool:
        """True when someone unnamed of the pronoun's gender ("a woman", "one father") is
        brought in after the best candidate, in the paragraph of the pronoun or the one before.
        """
        since = max(best[0] if best else (0, 0), (here[0] - 1, 0))
        for paragraph in range(since[0], here[0] + 1):
            lo = since[1] if paragraph == since[0] else 0
            hi = here[1] if paragraph == here[0] else len(self.paragraphs[paragraph].text)
            spans = self.unnamed_people(paragraph)[kind]
            at = bisect_left(spans, (lo, -1))
            if at < len(spans) and spans[at][1] <= hi:
                return True
        return False

    def one_person(self, name: str) -> bool:
        """True for one person named alone, never what "they" stands for."""
        return JOINT not in name and self.known_person(name)

    def fits(self, name: str, name_kind: str, kind: str) -> bool:
        """True when `name` can be what a pronoun of `kind` points to."""
        if kind == "any":
            return True
        if kind == "organisation":
            return name_kind == "organisation" and not many_people(name)
        if JOINT in name and name_kind == "person":
            return False  # "Jo Lee and Bo Park" are "they", not "he" or "she"
        return name_kind == "person" and self.gender(name) in (None, kind)

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


def named_in(name: str, words: frozenset[str] | None) -> bool:
    """True when `words` (a quotation's) hold the given name or the surname of `name`."""
    parts = name.split()
    return words is not None and (parts[0] in words or parts[-1] in words)
