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
from .attribution import DASH_ATTRIBUTION, Attribution
from .descriptions import CAPITAL
from .evidence import Candidate
from .lexicon import (
    AS_TOO,
    COORDINATORS,
    OWNER_PRONOUNS,
    REPORTING,
    SAYING,
    SUBORDINATOR_ADVERBS,
    SUBORDINATORS,
    TIME_UNITS,
    alternation,
)
from .names import Name
from .phrases import PRONOUNS, bare_name_first
from .quotes import Found
from .reading import Reader
from .runs import NAME_RUN

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
# A sentence opening with a clause of its own: "While not all Lee says is true, …", "Ever
# since Lee won, …", "Two days after Lee won, …".
SUBORDINATE_OPENING = re.compile(
    rf"\s*(?:{alternation(word.capitalize() for word in AS_TOO)}"
    rf"|(?:{alternation(w.capitalize() for w in SUBORDINATOR_ADVERBS | TIME_UNITS)}"
    rf"|(?:[A-Z]\w*|\d+)\s+(?:{alternation(TIME_UNITS)}))\s+(?:{alternation(AS_TOO)}))\s"
)
# A clause of its own opening after a quote: "“…” until Park said he would run" is not
# the quote's attribution.
CLAUSE_AFTER = re.compile(rf"(?:{alternation(COORDINATORS | SUBORDINATORS)})\s", re.IGNORECASE)
PREPOSITION_OPENING = re.compile(
    r"(?:from|of|to|in|on|at|by|for|with|about|into|over|against|under|through|toward|towards"
    r"|across|among|between|without|within|during)\s"
)
# Quoted words another speaker than the sentence's subject governs, right before the quote:
# a possessive and a noun of saying ("Park mocked |Lee's claim that| “…”"), a relative
# clause naming them ("Park rejected |what critics called| “…”", "the plan |that Lee
# described as| “…”"), or one whose subject is unnamed people ("Park met |critics who said
# the plan was| “…”"). The owner is the speaker when named, else no one is.
SAYING_NOUNS = alternation(
    "claim claims warning warnings promise promises pledge pledges vow vows remark remarks "
    "comment comments words phrase statement assertion assertions argument charge charges "
    "accusation accusations boast threat threats prediction description characterization "
    "insistence contention suggestion complaint quip line slogan question questions".split()
)
# Words that own nothing said: "today's remarks" are those of whoever speaks today.
TIME_OWNERS = frozenset(
    "today tonight yesterday tomorrow week month year night morning evening afternoon "
    "weekend day decade century".split()
)
# The words between: a clause after "that" ("Lee's claim that the plan was “…”"), a few
# words of a noun phrase after "of" or "about" ("Lee's promise of a “…”"), or a comma or
# colon where no verb of saying comes before (see `governed`); not words opening a clause
# of their own ("…'s statement that he quit as “…”"), and no verb after "of" or "about"
# ("Lee's remarks about the plan were “…”": the writer's).
CLAUSE_WORD = r"\s+(?!(?:as|and|but|or|because|while|when|if|after|before)\b)[^\s\"“”«»,.;:!?]+"
PHRASE_WORD = (
    r"\s+(?!(?:as|and|but|or|is|was|are|were|be|been|will|would|has|have|had|shows?|showed)"
    r"\b)[^\s\"“”«»,.;:!?]+"
)
OWNED_SAYING = re.compile(
    rf"(?P<owner>{NAME_RUN.pattern}|\b[a-z][\w\-]*)['’]s?\s+(?:(?:own|so-called|latest"
    rf"|earlier|repeated|famous|frequent)\s+)?(?P<noun>{SAYING_NOUNS})"
    rf"(?:\s*(?P<mark>[,:])|\s+that(?:{CLAUSE_WORD}){{0,8}}|\s+(?:of|about)(?:{PHRASE_WORD}){{0,3}})"
    r"\s*$"
)
NAMING_CLAUSE = re.compile(
    rf"\b(?:what|that|which|whom)\s+(?P<owner>{NAME_RUN.pattern}|(?:the\s+|some\s+|many\s+)?"
    r"[a-z][\w\-]*)\s+(?:(?:have|has|had|once|often|long|later)\s+)*(?:called|calls|call"
    r"|termed|terms|dubbed|dubs|labeled|labelled|labels|described\s+as|describe\s+as"
    r"|describes\s+as)\s+(?:(?:it|them|him|her)\s+)?$"
)
UNNAMED_WHO = re.compile(
    r"\b(?P<owner>[a-z][\w\-]*s)\s+who\s+(?:(?:have|has|had|also|once|later)\s+)*"
    rf"(?:{alternation(SAYING)})\b[^,.;:!?\"“”«»]{{0,80}}$"
)
# A verb of saying in a relative clause, which governs the words it quotes and no more.
RELATIVE_SUBJECT = re.compile(r"\b(?:that|which|whom|what)\s+\S+(?:\s+\S+){0,6}$")
# Each pattern with words one of which it needs, looked for first: most quotes have none.
GOVERNING = (
    (OWNED_SAYING, ("'", "’")),
    (NAMING_CLAUSE, (" call", " term", " dub", " label", " describe")),
    (UNNAMED_WHO, (" who ",)),
)
GOVERNING_CHARS = 200  # as far back from the quote as a governing phrase is read
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
            or (quote.text[-1] in ".?" and text[lo:hi].rstrip().endswith(","))
        ):
            # A new sentence about something else, introducing the next quote, or saying
            # something of its own: "…” Martha added that their father…"; a whole sentence
            # answered, or followed by one who speaks next: "“…?” He answered, “…”", "“….”
            # Lee replied, “…”"
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

    def governed(self, index: int, lo: int) -> Name | None:
        """The speaker of words another than the sentence's subject governs right before
        the quote: "Park mocked Lee's claim that “…”" is Lee's, "Park rejected what critics
        called “…”" no one's named (Name("")); None when no such phrase stands there, or
        its owner is a pronoun ("his claim", which may be the subject's own) or a time
        ("today's remarks")."""
        quote = self.found[index]
        paragraph = self.paragraphs[quote.first]
        text = paragraph.text
        start = max(lo, quote.start - GOVERNING_CHARS)
        window = text[start : quote.start]
        for pattern, needed in GOVERNING:
            if not any(word in window for word in needed):
                continue
            match = pattern.search(text, start, quote.start)
            if match is None:
                continue
            owner = match["owner"]
            if pattern is OWNED_SAYING and paragraph.verbs_from(
                start if match["mark"] else match.end("noun"), quote.start
            ):
                # "Lee's remarks, Park said, “…”": said by the verb's subject, as are words a
                # mark brings in after one ("Park said of Lee's remarks: “…”")
                return None
            before = text[start : match.start()].split()
            if pattern is UNNAMED_WHO and before and before[-1] in SAYING:
                return None  # "Park told voters who asked that it would “…”": told them
            if owner[0].isupper():
                return self.names.name_of(owner, speaking=True)
            if owner in OWNER_PRONOUNS or owner in TIME_OWNERS:
                return None
            return Name("", "person")
        return None

    def unspent(self, paragraph: int, lo: int, hi: int) -> list[Attribution]:
        """The attributions within text[lo:hi] but for those of a relative clause in the
        sentence `hi` ends that quotes its own words before it: "In a clip that Lee called
        “vile,” Park said …" is not Lee's after “vile” (a later sentence may be)."""
        text, sentence = self.texts[paragraph], self.paragraphs[paragraph].sentence_start(hi)
        return [a for a in self.clauses_in(paragraph, lo, hi) if not (
            a.offset >= sentence and RELATIVE_SUBJECT.search(a.np)
            and any(mark in text[a.offset : hi] for mark in "”»\"")
        )]

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
        text = self.texts[paragraph]
        found = self.unspent(paragraph, lo, hi)
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
