"""Where each quotation's speaker is looked for: one finder for each place.

An introduction right before the quote ("Smith said: “…”"), an attribution right after
it ("…,” Smith said"), the sentence it sits in (a partial quote, or "Smith rejected it,
saying “…”"), earlier in its paragraph, the speaker of the quote before it (a quote
running on, or a paragraph of quote alone), the next sentence, the sentence's subject, the
next paragraph for a quote standing as a heading. Each returns the speaker it reads (a
`Name`; Name("") for someone unnamed) or a `Candidate` with evidence against it; the
resolver (evidence.py) decides.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from itertools import pairwise
from operator import itemgetter

from ..core.text import blank, last_visible
from .attribution import DASH_ATTRIBUTION, MAX_PHRASE, Paragraph
from .descriptions import CAPITAL, DOCUMENT_NOUN
from .evidence import OPENING_SUBJECT, Candidate
from .lexicon import REPORTING  # what an outlet does with others' words
from .mentions import MENTION_OFFSET
from .names import Name
from .phrases import PRONOUNS, bare_name_first, read_inverted, read_subject
from .quotes import Found
from .reading import Reader
from .runs import NAME_RUN

# A document the participle after it belongs to: "a statement (on Monday) |saying".
DOCUMENT_BEFORE = re.compile(rf"{DOCUMENT_NOUN}\b[^,.;:!?]{{0,40}}$")
DOCUMENT_CHARS = 60  # as far back from the participle as DOCUMENT_BEFORE can match
# What may follow the verb of an attribution that closes its sentence: "in a statement.".
CLOSING_TAIL = re.compile(r"(?:\s+[\w’']+){0,6}[.!?]?[\"”’']*\s*")
REPORTED_CLAUSE = re.compile(r"\bthat\s")
# Who speaks in a participle clause: "…, with |Vice President JD Vance| warning that “…”",
# "Local newspapers quote |Salinas| as saying “…”".
WITH_SUBJECT = re.compile(
    rf"\b(?:with|quot(?:e|es|ed|ing))\s+(?P<name>{NAME_RUN.pattern})\s+(?:as\s+)?$"
)
# A clause of its own after the sentence's first: ", while Bo Park", "; Bo Park".
CLAUSE_SUBJECT = re.compile(
    rf"(?:,\s*(?:while|and|but|whereas)|;)\s+(?P<name>{NAME_RUN.pattern})(?=\s[a-z]|,)"
)
# A clause of its own between two attributions: "Lee said…, while Park said", "…; Park said".
NEW_CLAUSE = re.compile(r"(?:,\s*(?:while|and|but|whereas)|;)\s+\S")
# The same, a clause of when or why holding the later attribution's subject, "… after |Park",
# unless in what the first one reports ("said that after a review |the board concluded").
SUBORDINATE_NP = re.compile(
    r"(?:^|[\s,])(?:after|before|when|as|because|since|until|although|though|while|whereas"
    r"|once|unless)\s[^,]*$"
)
# A verb of saying with words of its own after it: "… said that", "… said the plan was".
REPORTED_AFTER = re.compile(r" (?:that|the|a|an|he|she|it|they|we|i|his|her|their|its|there) ")
# A sentence opening with a clause of its own: "While not all Lee says is true, …".
SUBORDINATE_OPENING = re.compile(
    r"\s*(?:While|Although|Though|If|As|When|Because|Since|After|Before|Whereas|Unless|Until"
    r"|Once|Even (?:though|if|as|when|after|before|while))\s"
)
# A clause of its own opening after a quote: "“…” until Park said he would run" is not
# the quote's attribution.
CLAUSE_AFTER = re.compile(
    r"(?:and|but|or|nor|until|till|when|whenever|because|since|while|whereas|after|before"
    r"|if|unless|although|though|once)\s",
    re.IGNORECASE,
)
PREPOSITION_OPENING = re.compile(
    r"(?:from|of|to|in|on|at|by|for|with|about|into|over|against|under|through|toward|towards"
    r"|across|among|between|without|within|during)\s"
)
# A body a name before it owns: "the Lee| campaign", "the Park| administration".
BODY_AFTER = re.compile(
    r"\s(?:campaign|administration|camp|team|aides|staff|spokes(?:man|woman|person)|office"
    r"|allies|lawyers|attorneys|government|organization|foundation)\b"
)
# A subject inside a clause of when or why, not a speaker of what follows: "…, after Lee".
SUBORDINATE_SUBJECT = re.compile(
    r"(?:^|,)\s*(?:after|before|when|while|because|since|until|although|though|once|unless|if)"
    r"\s[^,]*$",
    re.IGNORECASE,
)
# Someone spoken to, not speaking: "Lee |was asked|, “…?”".
SPOKEN_TO = re.compile(
    r"\b(?:was|were|is|are|been|being|got)\s+(?:asked|told|questioned|pressed|challenged)\b"
)
PRONOUN_OPENING = re.compile(r"(He|She)(?:['’]s)?\s")
FROM_SOMEONE = re.compile(r"\b(?:from|by)\s")
HEADING_PREFIX = re.compile(r"\W*+\d*+\W*+")  # possessive: no backtracking through marks
MAX_SUBJECT_WORDS = 30
MAX_BETWEEN_WORDS = 6  # between two quotes of one sentence that one attribution closes
NEAR_SUBJECT_WORDS = 11  # a subject's name and the words after it up to its partial quote


class Finders(Reader):
    """The places a story's quotations may have their speakers named."""

    def __init__(self, paragraphs: Sequence[Paragraph], found: Sequence[Found]) -> None:
        super().__init__(paragraphs, found)
        self.with_subjects: dict[int, list[tuple[int, Name]]] = {}  # by participle_speakers

    def before_start(self, index: int) -> int:
        """Where the text before a quotation starts: its paragraph's start or the last quote."""
        quote = self.found[index]
        if index and self.found[index - 1].last == quote.first:
            return self.found[index - 1].end
        return 0

    def after_end(self, index: int) -> int:
        """Where the text after a quotation ends: its paragraph's end or the next quote."""
        quote = self.found[index]
        following = self.found[index + 1] if index + 1 < len(self.found) else None
        if following is not None and following.first == quote.last:
            return following.start
        return len(self.texts[quote.last])

    def credit_below(self, quote: Found, hi: int) -> re.Match[str] | None:
        """The credit line under a quotation standing alone: the next paragraph, "— Smith"."""
        text, below = self.texts[quote.last], quote.last + 1
        if below == len(self.texts) or hi < len(text) or not blank(text, quote.end, hi) or (
            not blank(self.texts[quote.first], 0, quote.start)
        ):
            return None
        return DASH_ATTRIBUTION.fullmatch(self.texts[below])

    def trailing(self, index: int, at: int | None = None) -> Name | None:
        """ "…,” Smith said" / "…,” said Smith" / "…” — Smith" right after the quote.

        `at` reads the attribution after another quotation, for this one.
        """
        quote = self.found[index if at is None else at]
        text, lo = self.texts[quote.last], quote.end
        hi = self.after_end(index if at is None else at)
        dash = DASH_ATTRIBUTION.fullmatch(text, lo, hi) or self.credit_below(quote, hi)
        if dash and not (at is None and self.attributed_before(index)):
            return self.names.name_of(dash.group("name"), speaking=True)
        while lo < hi and text[lo] in " \t,;:—–-\"'”’(":  # a closing mark's second half, "(said X)"
            lo += 1
        head = self.paragraphs[quote.last].sentence_head(lo, hi)
        found = self.clauses_in(quote.last, lo, head)
        first = found[0] if found else None
        if first is None or (first.inverted and first.offset != lo):
            return None
        inverted = [a for a in found[1:2] if a.inverted and a.offset == first.offset]
        if inverted and not first.inverted and not starts_like_subject(first.np):
            first = inverted[0]  # "…” despite being in Brussels, said another witness"
        if first.inverted:
            if first.verb == "according" and not CAPITAL.search(first.np):
                return None  # "…,” according to a statement: whoever the sentence says spoke
            if first.verb == "according" and quote.text[-1:] in ".!?" and text[lo] == "A":
                return None  # "…." According to X, …: a new sentence, of something else
            return self.resolve(read_inverted(first.np), index)
        if text.find(first.np, lo, first.offset) != lo or len(first.np.split()) > MAX_SUBJECT_WORDS:
            return None
        if CLAUSE_AFTER.match(first.np) or (
            PREPOSITION_OPENING.match(first.np)
            and not starts_like_subject(first.np.rpartition(",")[2].strip())
        ):
            # "“…” until Park said he would run": a clause of its own; "“…” from Mexico, and
            # asserts": the words came from someone, whoever says the next ones
            return None
        if first.verb in REPORTING and self.said_before(index):
            return None  # "Smith said that the “…”, Reuters reported": Smith's words
        if quote.text[-1:] in ".!?" and text[lo : lo + 1].isupper() and (
            not bare_name_first(first.np) or text[lo:hi].rstrip().endswith(":")
            or REPORTED_AFTER.match(text, first.offset + len(first.verb)) is not None
            or (quote.text[-1] == "?" and text[lo:hi].rstrip().endswith(","))
        ):
            # A new sentence about something else, introducing the next quote, or saying
            # something of its own: "…” Martha added that their father…"; the answer to a
            # question: "“…?” He answered, “…”"
            return None
        return self.resolve(read_subject(first.np), index, self.addressee(quote.last, first),
                            (quote.last, first.offset))

    def attributed_before(self, index: int) -> bool:
        """True when the quotation's sentence has an attribution before the quotation: a
        dash and a name after it ("Lee said the plan was “…”.--Jo Park") are a byline."""
        quote = self.found[index]
        paragraph = self.paragraphs[quote.first]
        leading = paragraph.sentence_tail(self.before_start(index), quote.start)
        return bool(self.clauses_in(quote.first, leading, quote.start))

    def said_before(self, index: int) -> bool:
        """True when the quotation's sentence has someone saying it before the quotation."""
        quote = self.found[index]
        paragraph = self.paragraphs[quote.first]
        leading = paragraph.sentence_tail(self.before_start(index), quote.start)
        return any(not a.inverted and a.verb not in REPORTING
                   for a in self.clauses_in(quote.first, leading, quote.start))

    def in_sentence(
        self, paragraph: int, lo: int, hi: int, index: int, *, partial: bool = False
    ) -> Name | None:
        """ "Smith said: “…”" (direct) or "Smith said the plan was “…”" (`partial`).

        A direct introduction is said by its nearest attribution; a partial quote by
        the sentence's first speaker.
        """
        found = self.clauses_in(paragraph, lo, hi)
        return self.first_named(found if partial else reversed(found), index, paragraph)

    def partial(self, paragraph: int, lo: int, hi: int, index: int) -> Candidate | None:
        """ "Smith said the plan was “…”": the sentence's first speaker, or the speaker of a
        later clause of its own ("…, while Park said the plan “…”") or of the words an
        outlet reported ("The Times reported that Park said “…”"); but when the
        sentence opens with a clause of its own ("While not all Lee says is true, Park
        said Lee is “…”"), that speaker may be the clause's, not the quote's: a conflict
        when another speaker follows. ("Smith said that Jones concluded “…”" is Smith's.)"""
        found = self.clauses_in(paragraph, lo, hi)
        text = self.texts[paragraph]
        own = [a for before, a in pairwise(found) if not a.inverted and (
            NEW_CLAUSE.search(text, before.offset, a.offset)
            or (SUBORDINATE_NP.search(a.np) and not REPORTED_CLAUSE.search(a.np))
        )]
        if found and found[0].verb in REPORTING:  # "The Times reported that Lee said “…”"
            own = own or found[1:]
        # "Lee suggested it was weak, while Park said the plan “…”": the nearest clause's
        chosen = self.first_named(own[-1:], index, paragraph, anonymous=False) if own else None
        if chosen is not None:
            return Candidate(chosen, "partial")
        chosen = self.first_named(found, index, paragraph)
        if chosen is None or len(found) < 2 or not chosen.text or (
            SUBORDINATE_OPENING.match(self.texts[paragraph], lo) is None
        ):
            return Candidate(chosen, "partial") if chosen else None
        named = (self.named_by(attribution, index, paragraph) for attribution in found)
        speakers = {name.text for name in named if name is not None and name.text}
        return Candidate(chosen, "partial", conflict=len(speakers) > 1)

    def later_in_sentence(self, index: int) -> Name | None:
        """ "…” announced in October, said Derek Scissors" further on in the sentence, or
        "…” with India, and to “…”, Macron's office said." closing it."""
        quote = self.found[index]
        paragraph = self.paragraphs[quote.last]
        head = paragraph.sentence_head(quote.end, self.after_end(index))
        found = self.clauses_in(quote.last, quote.end, head)
        closing = [  # not "…” Park said the council has yet to answer.": Park's own words
            a for a in found if not a.inverted and CLOSING_TAIL.fullmatch(
                paragraph.text, a.offset + len(a.verb), head)
            and not REPORTED_AFTER.match(paragraph.text, a.offset + len(a.verb))
        ]
        inverted = [a for a in found if a.inverted]
        named = self.first_named(inverted + closing, index, quote.last, anonymous=False)
        following = index + 1
        if named is None and following < len(self.found) and quote.text[-1:] not in ".!?" and (
            self.found[following].first == quote.last and head == self.after_end(index)
        ):  # "“…” was to be a “…,” said Smith": one sentence, one attribution for both
            between = paragraph.text[quote.end : self.found[following].start].strip(" ,;")
            if "," not in between and len(between.split()) <= MAX_BETWEEN_WORDS:
                return self.trailing(index, at=following)
        return named

    def nearest_before(self, paragraph: int, lo: int, hi: int, index: int) -> Name | None:
        """The latest attribution earlier in the paragraph, but for one in a clause of when
        or why ("…, after Lee stated an interest"): "Chun said…. “We regret…”"."""
        found = sorted((a for a in self.clauses_in(paragraph, lo, hi)
                        if not SUBORDINATE_SUBJECT.search(a.np)),  # "…, after Lee stated"
                       key=lambda a: (-a.offset, a.inverted))
        if len(found) > 1 and any(a.verb == "according" for a in found):
            # "Lyles said Tuesday, according to the Observer. “…”": Lyles, not the Observer
            found = [a for a in found if a.verb != "according"] or found
        return self.first_named(found, index, paragraph, anonymous=False)

    def previous_speaker(self, index: int) -> Name | None:
        """The speaker before, when this quote follows one in its paragraph or opens the next."""
        if not index:
            return None
        quote, previous = self.found[index], self.found[index - 1]
        opens_paragraph = blank(self.texts[quote.first], 0, quote.start)
        if previous.last == quote.first:
            return self.said_by(index - 1, "same paragraph")
        if opens_paragraph and previous.last == quote.first - 1:
            return self.said_by(index - 1, "paragraph before")
        if opens_paragraph and quote.first:
            before = quote.first - 1
            # A paragraph of quote alone after one of narrative goes on with the last
            # speaker, unless that paragraph brings in another.
            alone = blank(self.texts[quote.last], quote.end, len(self.texts[quote.last]))
            named = self.nearest_before(before, 0, len(self.texts[before]), index)
            return named.referred(named.mention, "named in paragraph before") if named else (
                self.said_by(index - 1, "across a paragraph")
                if alone and previous.last == before - 1 else None
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
        another…”") was right about two times in three."""
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
            if kind == "person" or bodies:
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
                joint = self.names.joint_speakers(run.group()) if run and (
                    " and " in run.group()) else None  # "Lee and Park called it “…”": both
                found = joint or Name(name, kind)
                return Name(found.text, found.kind, via=OPENING_SUBJECT if near else "")
        return None

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

    # --- from attribution to speaker ----------------------------------------------------


def starts_like_subject(np: str) -> bool:
    """True for "Smith…", "The ministry…", "he…"; false for "despite being…"."""
    first = np.split()[0] if np.split() else ""
    return first[:1].isupper() or first.lower() in PRONOUNS

