"""Who a story has in play, paragraph by paragraph: the people and bodies it names as
who speaks or as a sentence's subject, the people it brings in unnamed ("a young mother"),
and each person's gender, as the story itself gives it.

A sentence's subject is the first name in it that is no object: a name is no sentence's
subject after "he" as its subject ("But he told Lee"), after a gerund ("including Lee"),
after "the" ("the Lee campaign") or naming the role of the next name ("Lee aide Jo Park").
Whom a sentence's subject reports on in a clause opened by "that" is not in play for a
pronoun after it, nor is anyone named inside quote marks; one the sentence names as speaking
in a clause of their own is ("Lee met Park, who said the talks went well": Park speaks last).
A person's gender is read from "Mr"/"Ms" before the name, and from "he"/"she" in the
sentences right after one that opens with it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from operator import itemgetter

from ..core.text import DOT, inside
from .attribution import Paragraph, lazy
from .given_names import gender_of
from .lexicon import SAYING, TELL
from .name_words import TITLES
from .names import NameIndex
from .quotes import Found
from .runs import NAME_RUN

Mention = tuple[int, int, str, str]  # paragraph, offset, name, "person" | "organisation"
GENDERS = ("male", "female")  # of "he" and "she"
MENTION_OFFSET = itemgetter(1)
NAME_OFFSET = itemgetter(0)  # of NameIndex.mentions_in's (offset, name)

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
    r"|Before|Besides|Beside|Behind|Under|Over|Than|Via|Alongside|Amid|Among|Toward)\s"
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
# The word boundary before the article is looked behind for after its first letter, so that
# a scan skips ahead to each "a" and "o" rather than trying every position.
UNNAMED_PERSON = re.compile(  # "a young mother", not "an address for his sister"
    r"(?:a(?<!\wa)(?:n|nother)?|o(?<!\wo)ne)\s+"  # "a", "an", "another", "one"
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
THAT = re.compile(r"\bthat\s")  # opening a clause of what someone reports
# Where a new clause, with a subject of its own, follows: "…that it was close; Lee…".
CLAUSE_BREAK = re.compile(r";|,\s+(?:and|but|while|whereas|yet|or)\s")
# A few words in quote marks, within a sentence: "two guards “heard Lee say” so".
# Straight marks pair as an opening one before a word and a closing one after it; what may
# not stand before an opening one is looked behind for after it, so that a scan skips ahead
# to the marks.
SHORT_QUOTE = re.compile(
    r"“[^“”.!?]{1,60}”|(?:\"(?<![\w\"]\")|''(?<![\w\"]''))(?=\w)[^\"'.!?\n]{1,60}(?<=[\w,])"
    r"(?:\"|'')(?!\w)"
)
# A clause of saying after a name, past an appositive: "…met Park|, the union's head, who said"
# words; not one that reports none ("who said nothing", "who said little") or an order
# ("who told her to sit down"), after which the one who spoke last is still the subject.
RELATIVE_SAYING = re.compile(
    r"(?:,\s+[^,.;:“”\"]{1,60})?,\s+who\s+(?:(?:also|later|then|[a-z]+ly)\s+)?(?P<verb>[a-z]+)\b"
    r"(?!\s+(?:nothing|little|no\s+more|(?:[a-z]+\s+)?to\s+[a-z]+)\b)"
)
SPEAKS = SAYING | TELL
# A name after a participle or a gerund is its object: "including Lee", "reinstating the Act".
GERUND_BEFORE = re.compile(r"\b[a-z]{2,}ing\s+(?:the\s+)?$")


class Mentions:
    """The candidates of one story's pronouns, worked out paragraph by paragraph as needed.

    `speaking_in` gives the named attributions of a paragraph.
    """

    def __init__(
        self,
        paragraphs: Sequence[Paragraph],
        names: NameIndex,
        found: Sequence[Found],
        speaking_in: Callable[[int], list[Mention]],
    ) -> None:
        self.paragraphs = paragraphs
        self.names = names
        self.found = found
        self.speaking_in = speaking_in
        self.mentioned: dict[int, list[Mention]] = {}
        self.genders: dict[str, str | None] = {}
        self.unnamed: dict[int, dict[str, list[tuple[int, int]]]] = {}  # by unnamed_people

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
        sentences = self.paragraphs[paragraph]
        text = sentences.text
        # Whom a quotation says spoke ("…they “heard Lee say” so") the story does not name,
        # nor a few words in quote marks too short to be taken as a quotation.
        marked = [match.span() for match in SHORT_QUOTE.finditer(text)]
        found = [mention for mention in self.speaking_in(paragraph)
                 if not inside(quoted, mention[1]) and not inside(marked, mention[1])]
        speakers = {name for _, _, name, _ in found}
        taken: set[int] = set()
        holder = -1  # the sentence whose subject holds the role a name before it modifies
        for offset, name in self.names.mentions_in(paragraph):
            sentence = sentences.sentence_start(offset)
            if sentence in taken or OBJECT_BEFORE.search(text, max(0, offset - 12), offset) or (
                OBJECT_OPENING.match(text, offset)
            ) or GERUND_BEFORE.search(text, max(0, offset - 24), offset):
                continue
            if inside(quoted, offset) or inside(marked, offset):
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
        found.extend(self.relative_speakers(paragraph, quoted + marked))
        self.mentioned[paragraph] = reported_left_out(sorted(set(found)), sentences)
        return self.mentioned[paragraph]

    def relative_speakers(self, paragraph: int, quoted: list[tuple[int, int]]) -> list[Mention]:
        """The people a paragraph names, outside quote marks, as speaking in a clause of
        their own after the name: "Lee met Park, who said the talks went well": Park
        speaks last, and "“…,” he said" after it is more likely Park's than Lee's."""
        text = self.paragraphs[paragraph].text
        found: list[Mention] = []
        if " who " not in text:
            return found
        for offset, name in self.names.mentions_in(paragraph):
            if name.kind != "person" or inside(quoted, offset) or not self.known_person(
                name.text
            ):
                continue
            run = NAME_RUN.match(text, offset)
            clause = RELATIVE_SAYING.match(text, run.end()) if run else None
            if clause is not None and clause["verb"] in SPEAKS:
                found.append((paragraph, offset, name.text, name.kind))
        return found

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
                honorific = HONORIFIC.search(text, max(0, offset - 5), offset + 1) or (
                    HONORIFIC.match(text, offset)  # the run itself opens with it: "Ms. Ward"
                )
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


def reported_left_out(found: list[Mention], sentences: Paragraph) -> list[Mention]:
    """The mentions less a speaker in a clause opened by "that" after whom the sentence
    is about: "Lee turned to the board, noting that Park had reported it. He hoped…":
    "he" means Lee, the subject, not the one Lee reports on. A name after the clause ends
    ("Lee said that it was close; Park called it a rout") is kept."""
    kept: list[Mention] = []
    text = sentences.text
    for mention in found:
        _, offset, _, kind = mention
        if kept and kind == "person" and kept[-1][3] == "person":
            before = kept[-1][1]
            that = [match.end() for match in THAT.finditer(text, before, offset)]
            if sentences.sentence_start(before) == sentences.sentence_start(offset) and (
                that and not CLAUSE_BREAK.search(text, that[-1], offset)
            ):
                continue
        kept.append(mention)
    return kept


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


def opens_sentence(text: str, offset: int) -> bool:
    """True when the name at `offset` opens its sentence, maybe after "On Monday,"."""
    before = text[max(0, offset - OPENING_CHARS - 20) : offset].rstrip()
    if not before or before[-1] in ".!?\"”:":
        return True
    return before[-1] == "," and OPENING_PHRASE.search(before) is not None
