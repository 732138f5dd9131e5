"""Where each quotation's speaker is looked for: one finder for each place.

In or right around the quote's own sentence (sentence_finders.py: an introduction, an
attribution after it, a partial quote, an attribution later in the sentence); a
transcript's label opening its paragraph (transcript_labels.py: "LEE: “…”"); then a
participle's subject ("Smith rejected it, saying “…”"), earlier in its paragraph, the
speaker of the quote before it (a quote running on, or a paragraph of quote alone), the
next sentence, the sentence's subject, the subject of the sentence next to a quote
standing as a sentence of its own (neighbours.py), the next paragraph for a quote standing
as a heading. Each returns the speaker it reads (a `Name`; Name("") for someone unnamed) or a
`Candidate` with evidence against it; the resolver (evidence.py) decides.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from operator import itemgetter

from ..core.text import blank, last_visible
from .attribution import MAX_PHRASE, Paragraph
from .descriptions import DOCUMENT_NOUN
from .evidence import OPENING_SUBJECT
from .lexicon import SUBORDINATORS, alternation
from .mentions import MENTION_OFFSET
from .name_words import GIVEN_NAMES
from .names import Name
from .neighbours import NeighbourSentences
from .phrases import PRONOUNS
from .quotes import Found
from .reading import SUBJECT_TIES, only_titles, tie_pattern
from .roles import MAX_ROLE_WORDS, is_role, is_role_noun
from .runs import NAME_RUN, possessive
from .sentence_finders import REPORTED_CLAUSE, SUBORDINATE_OPENING
from .subject_checks import is_affiliation

# A document the participle after it belongs to: "a statement (on Monday) |saying".
DOCUMENT_BEFORE = re.compile(rf"{DOCUMENT_NOUN}\b[^,.;:!?]{{0,40}}$")
DOCUMENT_CHARS = 60  # as far back from the participle as DOCUMENT_BEFORE can match
DOCUMENT_INTRODUCED = re.compile(DOCUMENT_NOUN)  # in the sentence a colon ends
# Who speaks in a participle clause: "…, with |Vice President JD Vance| warning that “…”",
# "Local newspapers quote |Salinas| as saying “…”".
WITH_SUBJECT = re.compile(
    rf"\b(?:with|quot(?:e|es|ed|ing))\s+(?P<name>{NAME_RUN.pattern})\s+(?:as\s+)?$"
)
# A clause of its own after the sentence's first: ", while Bo Park", "; Bo Park".
CLAUSE_SUBJECT = re.compile(
    rf"(?:,\s*(?:while|and|but|whereas)|;)\s+(?P<name>{NAME_RUN.pattern})(?=\s[a-z]|,)"
)
# A body a name before it owns: "the Lee| campaign", "the Park| administration".
BODY_AFTER = re.compile(
    r"\s(?:campaign|administration|camp|team|aides|staff|spokes(?:man|woman|person)|office"
    r"|allies|lawyers|attorneys|government|organization|foundation)\b"
)
# A subject inside a clause of when or why, not a speaker of what follows: "…, after Lee".
SUBORDINATE_SUBJECT = re.compile(
    rf"(?:^|,)\s*(?:{alternation(SUBORDINATORS)})\s[^,]*$", re.IGNORECASE
)
# Someone spoken to, not speaking: "Lee |was asked|, “…?”".
SPOKEN_TO = re.compile(
    r"\b(?:was|were|is|are|been|being|got)\s+(?:asked|told|questioned|pressed|challenged)\b"
)
# What puts a name inside a phrase attached to the sentence's subject, which the name is
# then not: a relative clause ("Democrats who know |Lee"), or a preposition after a common
# noun (or a group opening the sentence) with nothing between but titles ("a lawyer for
# |Lee", "Aides to Gov. |Lee").
EMBEDDED = re.compile(
    r"\b[\w\-]+\s+(?:who|whom|whose|which|that)\s+(?:[^,\s]+\s+)*?(?P<clause>)"
    rf"|{tie_pattern(SUBJECT_TIES)}"
)
PRONOUN_OPENING = re.compile(r"(He|She)(?:['’]s)?\s")
FROM_SOMEONE = re.compile(r"\b(?:from|by)\s")
HEADING_PREFIX = re.compile(r"\W*+\d*+\W*+")  # possessive: no backtracking through marks
QUOTE_OPENERS = " \t“\"«‘'"  # all there is between a subject and a quote that is its verb
NEAR_SUBJECT_WORDS = 11  # a subject's name and the words after it up to its partial quote


class Finders(NeighbourSentences):
    """The places a story's quotations may have their speakers named."""

    def __init__(self, paragraphs: Sequence[Paragraph], found: Sequence[Found]) -> None:
        super().__init__(paragraphs, found)
        self.with_subjects: dict[int, list[tuple[int, Name]]] = {}  # by participle_speakers

    def nearest_before(self, paragraph: int, lo: int, hi: int, index: int) -> Name | None:
        """The latest attribution earlier in the paragraph, but for one in a clause of when
        or why ("…, after Lee stated an interest"): "Chun said…. “We regret…”"."""
        found = sorted((a for a in self.unspent(paragraph, lo, hi)
                        if not SUBORDINATE_SUBJECT.search(a.np)),  # "…, after Lee stated"
                       key=lambda a: (-a.offset, a.inverted))
        if len(found) > 1 and any(a.verb == "according" for a in found):
            # "Lyles said Tuesday, according to the Observer. “…”": Lyles, not the Observer
            found = [a for a in found if a.verb != "according"] or found
        return self.first_named(found, index, paragraph, anonymous=False)

    def previous_speaker(self, index: int) -> Name | None:
        """The speaker before, when this quote follows one in its paragraph or opens the next;
        a story's first quote opening a paragraph takes whoever the paragraph before has
        speaking ("Lee said at the hearing:")."""
        quote = self.found[index]
        previous = self.found[index - 1] if index else None
        opens_paragraph = blank(self.texts[quote.first], 0, quote.start)
        if previous and previous.last == quote.first:
            return self.said_by(index - 1, "same paragraph")
        if previous and opens_paragraph and previous.last == quote.first - 1:
            return self.said_by(index - 1, "paragraph before")
        if opens_paragraph and quote.first:
            before = quote.first - 1
            # A paragraph of quote alone after one of narrative goes on with the last
            # speaker, unless that paragraph brings in another.
            alone = blank(self.texts[quote.last], quote.end, len(self.texts[quote.last]))
            introduced = self.texts[before].rstrip().endswith(":")
            if not (previous or alone or introduced):
                return None  # "“…,” Hill began." brings in its own speaker unread
            if not previous and introduced and DOCUMENT_INTRODUCED.search(
                self.texts[before], self.paragraphs[before].sentence_start(
                    len(self.texts[before].rstrip()) - 1)
            ):
                return None  # "Lee read a letter from Park:": the letter's words, not Lee's
            named = self.nearest_before(before, 0, len(self.texts[before]), index)
            return named.referred(named.mention, "named in paragraph before") if named else (
                self.said_by(index - 1, "across a paragraph")
                if previous and alone and previous.last == before - 1 else None
            )
        return None

    def said_by(self, index: int, via: str) -> Name | None:
        """The named speaker decided for the index-th quotation, if any; `via` says where
        that quotation stands."""
        speaker, _, kind = self.results[index]
        return Name(speaker, kind, via=via) if speaker else None

    def next_sentence(self, index: int) -> Name | None:
        """ "…a “fundamental human right”. Another is stewardship of the Earth, Cook said." """
        quote = self.found[index]
        paragraph, hi = self.paragraphs[quote.last], self.after_end(index)
        start = paragraph.sentence_head(quote.end, hi)
        while start < hi and paragraph.text[start].isspace():
            start += 1
        end = paragraph.sentence_head(start, hi)
        found = [a for a in self.clauses_in(quote.last, start, end) if not a.inverted]
        return self.first_named(found, index, quote.last, anonymous=False)

    def participle_subject(self, index: int) -> Name | None:
        """ "Smith rejected the plan, saying it was “…”" / "Smith was quoted as saying “…”" /
        "Smith had a similar experience: “…”": the sentence's subject, rather than someone
        who spoke in an earlier sentence."""
        quote = self.found[index]
        paragraph = self.paragraphs[quote.first]
        start = paragraph.sentence_start(quote.start)
        named = self.participle_speakers(quote.first)  # "…, with JD Vance warning that “…”"
        at = bisect_left(named, start, key=itemgetter(0))
        if at < len(named) and named[at][0] < quote.start:
            return named[at][1]
        first = paragraph.first_participle(start, quote.start)
        if first or last_visible(paragraph.text, start, quote.start) == ":":
            # "Amazon released a statement saying “…”": a body speaks through its documents
            through_document = first is not None and DOCUMENT_BEFORE.search(
                paragraph.text, max(start, first.start - DOCUMENT_CHARS), first.start
            ) is not None
            return self.sentence_subject(index, bodies=through_document) or (
                self.pronoun_subject(index, first.start if first else quote.start)
            )
        return None

    def participle_speakers(self, paragraph: int) -> list[tuple[int, Name]]:
        """(offset, speaker) of each participle in a paragraph whose clause names who speaks:
        "with |Vice President JD Vance| warning", "quote |Salinas| as saying"; read once for
        every quotation after them."""
        if paragraph not in self.with_subjects:
            found: list[tuple[int, Name]] = []
            text = self.texts[paragraph]
            for verb in self.paragraphs[paragraph].participles:
                start = max(self.paragraphs[paragraph].sentence_start(verb.start),
                            verb.start - MAX_PHRASE)
                run = WITH_SUBJECT.search(text, start, verb.start)
                name = self.names.name_of(run["name"], speaking=True) if run else None
                if name is not None:  # not "quoted Tuesday as saying"
                    found.append((verb.start, name))
            self.with_subjects[paragraph] = found
        return self.with_subjects[paragraph]

    def pronoun_subject(self, index: int, clause_end: int) -> Name | None:
        """Whom "he" or "she" opening the quote's sentence points to: "He is philosophical
        about it: “…”", "She rejected the plan, saying “…”"; not when the words come from
        someone else in the clause up to `clause_end` ("He got a letter from his boss saying")."""
        quote = self.found[index]
        paragraph = self.paragraphs[quote.first]
        opening = PRONOUN_OPENING.match(paragraph.text, paragraph.sentence_start(quote.start))
        if opening is None or paragraph.occurs(FROM_SOMEONE, opening.end(), clause_end):
            return None
        name = self.pronoun(index, PRONOUNS[opening[1].lower()], None,
                            (quote.first, opening.start()))
        return name.referred("pronoun") if name else None

    def sentence_subject(self, index: int, *, bodies: bool = False) -> Name | None:
        """The person (or with `bodies`, the body too) a quote's sentence is about, for a
        partial quote with no verb of saying; for a quote opening its sentence, no one: the
        one the sentence before is about ("Bridenstine expects three rockets. “Adding
        another…”") was right about two times in three, read only where that sentence names
        no one else (neighbours.py)."""
        quote = self.found[index]
        paragraph = self.paragraphs[quote.first]
        start = paragraph.sentence_start(quote.start)
        if blank(paragraph.text, start, quote.start):
            return None
        end, text = quote.start, paragraph.text
        # "Even before Lee took the stage, his campaign sent…": not the clause's subject
        opening = text.find(",", start, end) if SUBORDINATE_OPENING.match(text, start) else -1
        mentions = self.pronouns.mentions_in(quote.first)
        for at in range(bisect_left(mentions, start, key=MENTION_OFFSET), len(mentions)):
            _, offset, name, kind = mentions[at]
            if offset >= end:
                break
            if offset < opening or self.modifies_body(text, offset):
                continue  # "The Lee campaign projects that “…”": the campaign's words
            employee = self.employee(text, offset, end)
            if employee is not None:  # "Kelby striker Tom Ellis: “…”": Kelby employs him
                found_name = self.names.name_of(employee.group(), speaking=True)
                if found_name is None or possessive(text, employee.end()):
                    return None  # "Kelby owner Tom Ellis's son said": the son speaks
                offset, name, kind = employee.start(), found_name.text, found_name.kind
            if kind == "person" or bodies:
                if embedded(text, max(start, opening + 1), offset):
                    return None  # "Democrats who know Lee called it “…”": the Democrats'
                # "Prosecutors alleged that Epstein “…”": whom the words are about; "Lee was
                # asked, “…?”": to whom they were said
                if paragraph.occurs(REPORTED_CLAUSE, start, offset) or (
                    SPOKEN_TO.search(text, offset, end)
                ):
                    return None
                later = self.clause_subject(paragraph.text, offset, end)
                if later is not None:
                    return later
                near = blank(paragraph.text, start, offset) and (
                    len(paragraph.text[offset:end].split()) <= NEAR_SUBJECT_WORDS
                )  # "Smith called it “…”", not "Smith, who …, slammed the group for “…”"
                run = NAME_RUN.match(paragraph.text, offset)
                if run and not text[run.end() : end].strip(QUOTE_OPENERS):
                    return None  # "Lee “kind of misspoke”": words about Lee, not Lee's
                joint = self.names.joint_speakers(run.group()) if run and (
                    " and " in run.group()) else None  # "Lee and Park called it “…”": both
                found = joint or Name(name, kind)
                return Name(found.text, found.kind, via=OPENING_SUBJECT if near else "")
        return None

    @staticmethod
    def employee(text: str, offset: int, end: int) -> re.Match[str] | None:
        """The name after the one at `offset` when the first is its employer or place,
        lower-case words of a title between: "Kelby| striker |Tom Ellis"."""
        run = NAME_RUN.match(text, offset)
        following = NAME_RUN.search(text, run.end(), end) if run else None
        between = text[run.end() : following.start()] if following else ""
        words = between.split()
        if not words or not is_role_noun(words[-1]) or run.group().split()[0] in GIVEN_NAMES or (
            not is_affiliation(between) or not is_role(between, MAX_ROLE_WORDS)
        ):
            return None  # not "Ann Ross defeated incumbent Tom Ellis": a person employs no one
        return following

    @staticmethod
    def modifies_body(text: str, offset: int) -> bool:
        """True for a name at `offset` that says whose body the noun after it is: "the Lee
        campaign", "the Park administration"."""
        run = NAME_RUN.match(text, offset)
        return run is not None and BODY_AFTER.match(text, run.end()) is not None

    def clause_subject(self, text: str, lo: int, hi: int) -> Name | None:
        """The person opening a later clause of the sentence, before the quote: "Lee signed
        an order, while Bo Park proposed “…”" is Bo Park's."""
        found = None
        for match in CLAUSE_SUBJECT.finditer(text, lo, hi):
            name = self.names.name_of(match["name"], speaking=True)
            if name is not None and name.text and name.kind == "person":
                found = name
        return found

    def heading_speaker(self, index: int) -> Name | None:
        """A quote standing alone as a heading is said by whoever the next paragraph quotes."""
        quote = self.found[index]
        text = self.texts[quote.first]
        alone = HEADING_PREFIX.fullmatch(text, 0, quote.start) and blank(text, quote.end, len(text))
        if not alone or index + 1 >= len(self.found):
            return None
        following = self.found[index + 1]
        if following.first != quote.last + 1:
            return None
        return self.nearest_before(following.first, 0, following.start, index) or (
            self.trailing(index, at=index + 1)
        )


def embedded(text: str, lo: int, at: int) -> bool:
    """True when the name at `at` sits in a relative clause or a prepositional phrase of the
    subject that text[lo:at] opens with, not set off by a comma: "Democrats who know |Lee",
    "A lawyer for |Lee"; not "Secretary of State |Lee" (a title) nor "Speaker of the House
    |Lee" (a body's name between)."""
    if "," in text[lo:at]:
        return False
    found = EMBEDDED.search(text[lo:at])
    if found is None:
        return False
    if found["clause"] is not None:
        return True
    return only_titles(found["run"])
