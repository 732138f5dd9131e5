"""Who "he", "she" and "it" point back to: the latest speaker or sentence subject that fits.

Candidates are the people and bodies a story names as who speaks, or as the subject
of a sentence, in the few paragraphs before the pronoun. Only one in the pronoun's
sentence or the one before is taken (or further back while sentences have the same
pronoun as their subject: "He paused. Later, he said"); else, for "he" or "she", the one
person of that gender the story has in play; else no one, as a wrong name is worse than
none. A person's gender is read from the story itself: "Mr"/"Ms" before the name, and
"he"/"she" in the sentences right after one that opens with it. A name is no sentence's
subject after "he" as its subject ("But he told Lee"), after a gerund ("including Lee"),
after "the" ("the Lee campaign") or naming the role of the next name ("Lee aide Jo Park").
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import NamedTuple, TypeVar

from ..core.text import DOT, WORD, inside
from .attribution import Paragraph, lazy
from .given_names import gender_of
from .name_words import NATIONALITY, TITLES
from .names import Name, NameIndex
from .quotes import Found
from .runs import NAME_RUN

Mention = tuple[int, int, str, str]  # paragraph, offset, name, "person" | "organisation"
MENTION_OFFSET = itemgetter(1)
NAME_OFFSET = itemgetter(0)  # of NameIndex.mentions_in's (offset, name)
T = TypeVar("T")


class Result(NamedTuple):
    """Who said a quotation, as decided."""

    speaker: str | None  # "" for someone unnamed ("a witness said"), None for no one found
    person: str | None = None  # the speaker's name as indexed, for a person
    kind: str = "person"  # of the speaker, named or not: "person" or "organisation"


GENDERED = re.compile(r"\b(?:(?P<male>he|him|his|himself)|(?P<female>she|her|hers|herself))\b",
                      re.IGNORECASE)
HONORIFIC = re.compile(
    rf"\b(?:(?P<male>Mr)|(?P<female>Mrs|Ms|Miss))[.{DOT}]?\s+(?P<name>{NAME_RUN.pattern})"
)
# Words before a name that make it an object or a modifier rather than a subject.
OBJECT_BEFORE = re.compile(
    r"\b(?:a|an|of|in|at|to|from|for|with|by|on|about|against|into|over|under|between"
    r"|near|toward|towards|than|like|via|and|or)(?:\s+the)?\s+$",
    re.IGNORECASE,
)
# A preposition opening the run of capitals a name was read from: "Like Corker, Lee…".
OBJECT_OPENING = re.compile(
    r"(?:Like|Unlike|With|Without|For|From|By|Of|In|On|At|To|About|Against|Despite|After"
    r"|Before|Besides|Beside|Behind|Under|Over|Than|Via)\s"
)
# A sentence opening with a participle's clause, up to its comma: "Addressing the Forum,".
PARTICIPLE_CLAUSE = re.compile(r"[A-Z][a-z]+ing\s[^.!?,;:]*$")
OPENING_CHARS = 100  # "At a hearing last month of the House subcommittee that funds NASA,"
OPENING_PHRASE = re.compile(
    r"(?:^|[.!?]\s+)(?:On|In|At|After|Before|During|Since|Earlier|Later|Despite|Under|With"
    r"|Without|As|For|Meanwhile|However|But|And|So|Still|Yet|Now|Then|When|While|Although"
    r"|Though|Because|Once|Until|If|Asked|Pressed|Last|This)\b"
    rf"[^.!?,]{{0,{OPENING_CHARS}}},$"
)
UNNAMED_PERSON = re.compile(  # "a young mother", not "an address for his sister"
    r"\b(?:a|an|one|another)\s+"
    r"(?:(?!(?:for|of|to|from|with|by|in|on|at|and|the|his|her|their|its)\s)[\w\-]+\s+){0,3}?"
    r"(?:(?P<female>woman|mother|girl|wife|daughter|sister|grandmother|widow|lady)"
    r"|(?P<male>man|father|boy|husband|son|brother|grandfather|widower))\b"
)
PREDICATE_BEFORE = re.compile(r"\b(?:is|was|as|like)\s+$")
# A subject described before it is named: "The company that runs the AMAs, Dick Clark
# Productions, denies…"; what the relative clause names is not the subject.
DESCRIPTION = r"(?:The|A|An)\s+[a-z][\w\-]*\s+(?:that|who|which)\s[^,.!?]*"
RELATIVE_CLAUSE = re.compile(rf"{DESCRIPTION}$")
DESCRIBED_SUBJECT = re.compile(rf"{DESCRIPTION},\s*")
RECENT_PARAGRAPHS = 6
POSSESSIVE_END = re.compile(r"['’]s?$")
SUBJECT_WITHIN_WORDS = 5
SUBJECT_WITHIN_CHARS = 300  # past this, only a name opening a clause is a subject
# A sentence whose subject is "he" or "she", maybe after a conjunction or an opening clause:
# "But he said", "Eight years ago, she was asked"; a name after it is not its subject.
PRONOUN_SUBJECT = re.compile(
    r"[\"“]?(?:(?:But|And|So|Yet|Then|Still|Now|Later|Instead|Meanwhile|However),?\s+"
    rf"|[A-Z][^.!?,“”\"]{{0,{OPENING_CHARS}}},\s+)?"
    r"(?:(?P<male>[Hh]e)|(?P<female>[Ss]he)|(?P<plural>[Tt]hey))\b"
)
# "the" right before a person's name makes it a modifier: "the Lee campaign said"; a run
# read at a sentence's start may hold it: "The Lee campaign".
THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
THE = ("The ", "the ")
# A name modifying the role of the name after it: "Lee adviser Jo Park", "Lee campaign
# chairman Bo Kim"; the role's holder is whom the sentence is about.
MODIFIER_OF_ROLE = re.compile(
    r"(?:['’]s)?\s+(?:[a-z][\w\-]*\s+){0,2}(?P<role>[a-z][\w\-]*)\s+(?=[A-Z])"
)
# A name after a participle or a gerund is its object: "including Lee", "reinstating the Act".
GERUND_BEFORE = re.compile(r"\b[a-z]{2,}ing\s+(?:the\s+)?$")
MAX_CHAIN = 8  # sentences opening with "he" or "she" read back through
GENDERS = ("male", "female")
LOOK_BACK = 100  # names of a paragraph a pronoun is tried against, the latest first
JOINT = " and "  # in a speaker's name: two people who spoke together


class Antecedents:
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
        self.paragraphs = paragraphs
        self.names = names
        self.found = found
        self.results = results
        self.speaking_in = speaking_in
        self.mentioned: dict[int, list[Mention]] = {}
        self.genders: dict[str, str | None] = {}
        self.unnamed: dict[int, dict[str, list[tuple[int, int]]]] = {}  # by unnamed_people

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
        best = self.latest(
            pronoun[0], pronoun,
            lambda p, before: (
                (o, n) for _, o, n, k in backwards(self.mentions_in(p), before, MENTION_OFFSET)
                if n != addressee and self.fits(n, k, kind) and not named_in(n, named)
            ),
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
        if best is None:
            only = self.only_one(here, kind, named, addressee) if kind in GENDERS else None
            return Name(only, "person", via="only one") if only else unnamed
        if kind in GENDERS and (
            self.paired(best, kind) or self.contested(best, kind, here, addressee)
        ):
            return unnamed  # "Tom Smith and Bob Jones met. “…,” he said."
        return Name(best[1], "organisation" if kind == "organisation" else self.kind_of(best[1]),
                    via=f"{source}, {self.distance(best[0], pronoun)}")

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
        could point to as well: neither is more the subject than the other."""
        (paragraph, offset), name = best
        run = NAME_RUN.match(self.paragraphs[paragraph].text, offset)
        if run is None or " and " not in run.group():
            return False
        for part in run.group().split(" and "):
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

    def unnamed_people(self, paragraph: int) -> dict[str, list[tuple[int, int]]]:
        """Where a paragraph brings in someone unnamed, by gender: read once, not once for
        each pronoun after it."""
        if paragraph not in self.unnamed:
            text = self.paragraphs[paragraph].text
            found: dict[str, list[tuple[int, int]]] = {"male": [], "female": []}
            for match in UNNAMED_PERSON.finditer(text):
                at = match.start()
                if not PREDICATE_BEFORE.search(text, max(0, at - 6), at):
                    # but not what someone is: "Smith is a man of his word"
                    found["male" if match["male"] else "female"].append(match.span())
            self.unnamed[paragraph] = found
        return self.unnamed[paragraph]

    def known_person(self, name: str) -> bool:
        """True for someone the story names as a person: in full, or after a title."""
        return name in self.names.people or name in self.names.titled

    def kind_of(self, name: str) -> str:
        return "person" if name in self.names.people else self.names.kind(name)

    def mentions_in(self, paragraph: int) -> list[Mention]:
        """Where a paragraph names people and bodies as who speaks or as a sentence's subject.

        A sentence's subject is taken to be the first name in it that is not a possessive,
        inside a quotation, or the object of a preposition ("in New York", "a New York
        man"); only people named in full somewhere, or speaking here, count.
        """
        if paragraph in self.mentioned:
            return self.mentioned[paragraph]
        quoted = self.quoted_spans.get(paragraph, [])
        # Whom a quotation says spoke ("…they “heard Lee say” so") the story does not name.
        found = [mention for mention in self.speaking_in(paragraph)
                 if not inside(quoted, mention[1])]
        speakers = {name for _, _, name, _ in found}
        taken: set[int] = set()
        holder = -1  # the sentence whose subject holds the role a name before it modifies
        sentences = self.paragraphs[paragraph]
        text = sentences.text
        for offset, name in self.names.mentions_in(paragraph):
            sentence = sentences.sentence_start(offset)
            if sentence in taken or OBJECT_BEFORE.search(text, max(0, offset - 12), offset) or (
                OBJECT_OPENING.match(text, offset)
            ) or GERUND_BEFORE.search(text, max(0, offset - 24), offset):
                continue
            if inside(quoted, offset):
                continue  # named by a speaker, not by the story
            if self.pronoun_subject(paragraph, sentence, offset):
                taken.add(sentence)  # "But he told Lee": the subject is whom "he" means
                continue
            subject = holder == sentence or reads_as_subject(text, sentence, offset)
            if subject and modifies_role(text, offset):
                holder = sentence  # "Lee aide Jo Park said": the aide is the subject
                continue
            if not subject or (name.kind == "person" and after_the(text, offset)):
                continue
            taken.add(sentence)
            known = self.known_person(name.text) or name.text in speakers
            if name.kind == "organisation" or known:
                found.append((paragraph, offset, name.text, name.kind))
        self.mentioned[paragraph] = sorted(set(found))
        return self.mentioned[paragraph]

    def pronoun_subject(self, paragraph: int, sentence: int, offset: int) -> bool:
        """True when the sentence starting at `sentence` has "he", "she" or "they" as its
        subject, outside any quotation, before the name at `offset` (a name in the clause
        opening the sentence may be whom the pronoun means: "When Lee lost, he said")."""
        text = self.paragraphs[paragraph].text
        opening = PRONOUN_SUBJECT.match(text, sentence, offset)
        return opening is not None and not inside(
            self.quoted_spans.get(paragraph, []), opening.end() - 2
        ) and offset >= opening.end()

    @lazy
    def quoted_spans(self) -> dict[int, list[tuple[int, int]]]:
        """Where each paragraph's quotations are, in order: (start, end) in the paragraph."""
        spans: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
        for quote in self.found:
            for paragraph in range(quote.first, quote.last + 1):
                lo = quote.start if quote.first == paragraph else 0
                end = len(self.paragraphs[paragraph].text)
                spans[paragraph].append((lo, quote.end if quote.last == paragraph else end))
        return spans

    def gender(self, name: str) -> str | None:
        """ "male"/"female" when the story calls `name` Mr/Ms, else when the given name is a
        man's or a woman's, else when the story refers to them as he/she.

        After a sentence opening with the name, and before anyone else is named, "he",
        "his" or "she", "her" most likely point to it; but a surname may be another's too
        (a husband's, a brother's), so the pronouns after it are only asked when the given
        name says nothing.
        """
        if name not in self.genders:
            male = female = 0
            given = gender_of(name)
            for paragraph, offset in self.names.places(name):
                text = self.paragraphs[paragraph].text
                honorific = HONORIFIC.search(text, max(0, offset - 5), offset + 1)
                if honorific:
                    male, female = (male + 3, female) if honorific["male"] else (male, female + 3)
                if given or not opens_sentence(text, offset):
                    continue
                end = self.pronoun_window_end(paragraph, offset)
                for match in GENDERED.finditer(text, offset, end):
                    male, female = (male + 1, female) if match["male"] else (male, female + 1)
            self.genders[name] = (
                "male" if male > 2 * female else "female" if female > 2 * male
                else given if male == female == 0 else None
            )
        return self.genders[name]

    def pronoun_window_end(self, paragraph: int, offset: int) -> int:
        """The end of the next sentence, or where the next person is named if sooner."""
        starts = self.paragraphs[paragraph].starts
        following = bisect_right(starts, offset) + 1  # the start of the sentence after next
        end = starts[following] if following < len(starts) else len(self.paragraphs[paragraph].text)
        mentions = self.names.mentions_in(paragraph)
        for at in range(bisect_right(mentions, offset, key=NAME_OFFSET), len(mentions)):
            other, name = mentions[at]
            if other >= end:
                break
            if name.kind == "person":
                return other
        return end

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


def reads_as_subject(text: str, sentence: int, offset: int) -> bool:
    """True when the name at `offset` may be the subject of the sentence starting at
    `sentence`: not inside an opening clause, and opening it or soon after its start."""
    if offset - sentence > SUBJECT_WITHIN_CHARS:
        # Far into its sentence, only a name that opens a clause reading as a sentence;
        # the clause tests below would read the whole way back, for every name.
        return opens_sentence(text, offset)
    if PARTICIPLE_CLAUSE.match(text, sentence, offset):
        return False  # "Addressing the Business Forum, he said": what the clause is about
    if RELATIVE_CLAUSE.match(text, sentence, offset):
        return False  # "The company that runs the AMAs": what the subject does
    return opens_sentence(text, offset) or (
        len(text[sentence:offset].split()) <= SUBJECT_WITHIN_WORDS
    ) or DESCRIBED_SUBJECT.fullmatch(text, sentence, offset) is not None


def modifies_role(text: str, offset: int) -> bool:
    """True when the name at `offset` is said of the role of a name right after it:
    "Lee adviser Jo Park said"."""
    run = NAME_RUN.match(text, offset)
    after = MODIFIER_OF_ROLE.match(text, run.end()) if run else None
    return after is not None and after["role"].capitalize() in TITLES


def after_the(text: str, offset: int) -> bool:
    """True when "the" comes right before the name at `offset`, or opens its run."""
    before = THE_BEFORE.search(text, max(0, offset - 4), offset)
    return before is not None or text.startswith(THE, offset)


def many_people(name: str) -> bool:
    """True for a word naming people in the plural, "they" and never "it": "Americans",
    "Democrats"."""
    single = name[:-1]
    return " " not in name and name.endswith("s") and (
        NATIONALITY.search(single) is not None or single in TITLES
    )


def opens_sentence(text: str, offset: int) -> bool:
    """True when the name at `offset` opens its sentence, maybe after "On Monday,"."""
    before = text[max(0, offset - OPENING_CHARS - 20) : offset].rstrip()
    if not before or before[-1] in ".!?\"”:":
        return True
    return before[-1] == "," and OPENING_PHRASE.search(before) is not None


def quoted_words(text: str) -> frozenset[str]:
    """The words of a quotation, possessives without their "'s": "Martha’s" is "Martha"."""
    return frozenset(POSSESSIVE_END.sub("", word) for word in WORD.findall(text))


def named_in(name: str, words: frozenset[str] | None) -> bool:
    """True when `words` (a quotation's) hold the given name or the surname of `name`."""
    parts = name.split()
    return words is not None and (parts[0] in words or parts[-1] in words)
