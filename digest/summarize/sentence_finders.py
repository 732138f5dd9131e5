"""The finders that read a quotation's own sentence: an introduction right before the
quote ("Smith said: “…”"), an attribution right after it ("…,” Smith said", "…” — Smith"),
the sentence it sits in (a partial quote: "Smith said the plan was “…”"), or an attribution
later in that sentence. Each returns the speaker it reads (a `Name`; Name("") for someone
unnamed) or a `Candidate` with evidence against it; the resolver (evidence.py) decides.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..core.text import blank
from .attribution import DASH_ATTRIBUTION
from .descriptions import CAPITAL
from .evidence import Candidate
from .lexicon import AS_TOO, COORDINATORS, REPORTING, SUBORDINATORS, alternation
from .names import Name
from .phrases import PRONOUNS, bare_name_first
from .quotes import Found
from .reading import Reader

# What may follow the verb of an attribution that closes its sentence: "in a statement.".
CLOSING_TAIL = re.compile(r"(?:\s+[\w’']+){0,6}[.!?]?[\"”’']*\s*")
REPORTED_CLAUSE = re.compile(r"\bthat\s")
# A clause of its own between two attributions: "Lee said…, while Park said", "…; Park said".
NEW_CLAUSE = re.compile(r"(?:,\s*(?:while|and|but|whereas)|;)\s+\S")
# The same, a clause of when or why holding the later attribution's subject, "… after |Park",
# unless in what the first one reports ("said that after a review |the board concluded").
SUBORDINATE_NP = re.compile(rf"(?:^|[\s,])(?:{alternation(AS_TOO)})\s[^,]*$")
# A verb of saying with words of its own after it: "… said that", "… said the plan was".
REPORTED_AFTER = re.compile(r" (?:that|the|a|an|he|she|it|they|we|i|his|her|their|its|there) ")
# A sentence opening with a clause of its own: "While not all Lee says is true, …".
SUBORDINATE_OPENING = re.compile(
    rf"\s*(?:{alternation(word.capitalize() for word in AS_TOO)}"
    r"|Even (?:though|if|as|when|after|before|while))\s"
)
# A clause of its own opening after a quote: "“…” until Park said he would run" is not
# the quote's attribution.
CLAUSE_AFTER = re.compile(rf"(?:{alternation(COORDINATORS | SUBORDINATORS)})\s", re.IGNORECASE)
PREPOSITION_OPENING = re.compile(
    r"(?:from|of|to|in|on|at|by|for|with|about|into|over|against|under|through|toward|towards"
    r"|across|among|between|without|within|during)\s"
)
MAX_SUBJECT_WORDS = 30
MAX_BETWEEN_WORDS = 6  # between two quotes of one sentence that one attribution closes


class SentenceFinders(Reader):
    """Where a quotation's speaker is named in or right around its own sentence."""

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
            return self.resolve(self.read(first.np, inverted=True), index)
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
        return self.resolve(self.read(first.np), index, self.addressee(quote.last, first),
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


def starts_like_subject(np: str) -> bool:
    """True for "Smith…", "The ministry…", "he…"; false for "despite being…"."""
    first = np.split()[0] if np.split() else ""
    return first[:1].isupper() or first.lower() in PRONOUNS
