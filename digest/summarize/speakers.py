"""Who said each quotation: the attribution nearest to it, names, pronouns and descriptions.

Where to look, in order: an introduction right before the quote ("Smith said: “…”"),
an attribution right after it ("…,” Smith said"), the sentence it sits in (a partial
quote, or "Smith rejected it, saying “…”"), earlier in its paragraph, the speaker of the
quote before it (a quote running on, or a paragraph of quote alone), the next sentence.
Surnames are expanded to the fullest name the story gives ("Chun" → "Chun Hae Sung");
"he" and "she" point back to the latest person of that gender who spoke or opened a
sentence, near enough to be meant (see pronouns.py). Where the evidence is weak the
speaker is left blank: a wrong name is worse than none.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from operator import itemgetter

from ..core.models import Quote
from ..core.text import DOT, UPPER, blank, last_visible, normalized, restore
from .attribution import DASH_ATTRIBUTION, MAX_PHRASE, Attribution, Paragraph
from .evidence import Candidate, decide
from .lexicon import REPORTING  # what an outlet does with others' words
from .names import (
    GROUPS,
    NAME_RUN,
    SOMEONE,
    STOP_WORDS,
    TITLE_WRITTEN,
    Name,
    NameIndex,
    bare,
)
from .phrases import (
    DETERMINER,
    PRONOUNS,
    Reading,
    bare_name_first,
    read_inverted,
    read_subject,
)
from .pronouns import MENTION_OFFSET, Antecedents, Mention, Result, backwards
from .quotes import Found

# What a body or person puts their words out in: "the statement said", "Ford's letter".
DOCUMENTS = (
    r"(?:statement|letter|release|report|filing|post|complaint|memo|study|survey|poll"
    r"|forecast|analysis|assessment|estimate)"
)
DOCUMENT_NOUN = rf"\b{DOCUMENTS}"
DOCUMENT = re.compile(rf"{DOCUMENT_NOUN}$")
# A document the participle after it belongs to: "a statement (on Monday) |saying".
DOCUMENT_BEFORE = re.compile(rf"{DOCUMENT_NOUN}\b[^,.;:!?]{{0,40}}$")
DOCUMENT_CHARS = 60  # as far back from the participle as DOCUMENT_BEFORE can match
ORGANISATION_NOUNS = re.compile(
    r"\b(?:company|firm|group|agency|ministry|office|department|government|authority"
    r"|administration|embassy|military|army|police|commission|council|committee|court"
    r"|league|union|organization|organisation|team|network|studio|label|club|bloc|alliance"
    r"|coalition|party|association|federation|institute|foundation|bank|watchdog|regulator"
    r"|newspaper|broadcaster|university|charity|airline|retailer|presidency)(?P<plural>s?)$"
)
SPOKES = r"spokes(?:person|man|woman)"
# Someone or something speaking for a named body: "a spokesperson for X", "a study by X".
REPRESENTATIVE = re.compile(
    rf"^(?:a|an|the)\s+(?:[\w\-]+\s+){{0,4}}?(?:{SPOKES}|representative|lawyer|attorney"
    rf"|{DOCUMENTS}|paper|review|tweet|message|email)"
    r"\s+(?:for|of|at|by|from)\s+(?P<org>.+)$",
    re.IGNORECASE,
)
# What may follow the verb of an attribution that closes its sentence: "in a statement.".
CLOSING_TAIL = re.compile(r"(?:\s+[\w’']+){0,6}[.!?]?[\"”’']*\s*")
# Whose a body is: "Indonesia's ", "the European Union's ".
OWNER_NAME = rf"(?:[{UPPER}][\w\-{DOT}]*\s+)*[{UPPER}][\w\-{DOT}]*"
OWNER = rf"{OWNER_NAME}['’]s\s+"
# Words that make "the …" someone the story has named, as news calls people by their age
# or by what they are known for: "the 85-year-old Nobel Peace Prize winner", "the actor".
KNOWN_PERSON = re.compile(
    r"\b\d+-year-old\b|\b(?:actor|actress|singer|rapper|star|musician|comedian|athlete"
    r"|author|novelist|filmmaker|billionaire|laureate|winner|premier)$"
)
# Where or how a description's speaker spoke, after the description itself.
DESCRIPTION_TAIL = re.compile(r"\s+(?:in|on|at|during|via|through)\s.*$")
SPOKESPERSON = re.compile(SPOKES)
SPOKESPERSON_OF = re.compile(
    rf"(?!(?:A|An|The|Its|Their)\s)(?P<before>{NAME_RUN.pattern})\s+{SPOKES}\b"
    rf"|\b{SPOKES}\s+(?:for|of|at)\s+(?:the\s+)?(?P<after>{NAME_RUN.pattern})"
    rf"|\b[Aa]n?\s+{SPOKES}\b(?!\s+(?:for|of|at)\s)"  # someone unnamed's
)
# After a document, who put it out: "report by X", "report released on Monday by the X",
# but not "the statement, obtained by X".
ISSUED_BY = (
    r"\s+(?:(?:released|issued|published|written|prepared|conducted|compiled|produced)\s+"
    rf"(?:[^.!?\"“”,]{{0,40}}?\s)?)?by\s+(?:the\s+)?"
    rf"(?P<name>(?:{NAME_RUN.pattern}['’]s\s+)?{NAME_RUN.pattern})"
)
# A body named with another's name in it, owning what follows: "Moody’s Analytics’ ".
OWNER_CHAIN = re.compile(
    rf"(?P<name>{OWNER}{OWNER_NAME})(?:['’]s|(?<=s)['’])\s+(?:[a-z][\w\-]*\s+){{0,3}}$"
)  # and "latest" or "new" before the noun
# Someone or something known only by whose they are: "Ford's now-deceased father".
POSSESSED = re.compile(rf"(?P<owner>{OWNER_NAME})(?:['’]s|(?<=s)['’])\s+[\w\- ]+$")
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
# A verb of saying with words of its own after it: "… said that", "… said the plan was".
REPORTED_AFTER = re.compile(r" (?:that|the|a|an|he|she|it|they|we|i|his|her|their|its|there) ")
# A sentence opening with a clause of its own: "While not all Lee says is true, …".
SUBORDINATE_OPENING = re.compile(
    r"\s*(?:While|Although|Though|Even though|If|As|When|Because|Since|After|Before|Whereas"
    r"|Unless|Until|Once)\s"
)
PRONOUN_OPENING = re.compile(r"(He|She)(?:['’]s)?\s")
FROM_SOMEONE = re.compile(r"\b(?:from|by)\s")
HEADING_PREFIX = re.compile(r"\W*+\d*+\W*+")  # possessive: no backtracking through marks
CAPITAL = re.compile(f"[{UPPER}]")
MAX_SUBJECT_WORDS = 30
RIVAL_REACH = 0  # paragraphs back in which a full name tells apart two of one surname:
# further back, it named the wrong one more often than the right one (measured)
MAX_DESCRIPTION_WORDS = 12
MAX_BODY_WORDS = 6  # "the Ministry of Foreign Affairs of Japan"
UNNAMED = frozenset(word.lower() for word in SOMEONE)  # "another", "others"
MIN_REPEATED_WORDS = 4  # words a quotation must share to be the same words given again
MAX_REPEAT_CANDIDATES = 100  # quotations compared with one given again with no attribution


class Attributor:
    """Speakers of the quotations of one story, decided in reading order."""

    def __init__(self, paragraphs: Sequence[str], found: Sequence[Found]) -> None:
        titles = TITLE_WRITTEN.search("\n".join(paragraphs)) is not None  # once, not each time
        self.paragraphs = [Paragraph(p, titles=titles) for p in paragraphs]
        self.texts = [p.text for p in self.paragraphs]
        self.found = found
        self.names = NameIndex(self.texts)
        self.results: list[Result] = []
        self.matches: dict[tuple[str, int], list[int]] = {}  # by starts_of
        self.with_subjects: dict[int, list[tuple[int, Name]]] = {}  # by participle_speakers
        self.pronouns = Antecedents(self.paragraphs, self.names, found, self.results,
                                    self.speaking_in)
        for index in range(len(found)):
            name = self.attribute(index)
            if name is None:
                self.results.append(Result(None))
            elif not name.text:
                self.results.append(Result("", kind=name.kind))
            else:
                person = name.text if name.kind == "person" else None
                self.results.append(Result(restore(name.text), person, name.kind))
        self.share_repeated_speakers()

    def share_repeated_speakers(self) -> None:
        """A quotation given again with no attribution (a pull quote, a repeated paragraph,
        a blog quoting its source twice) has the speaker it has where it is attributed."""
        if None not in (result.speaker for result in self.results):
            return
        known = [(f" {normalized(self.found[i].text)} ", result)
                 for i, result in enumerate(self.results) if result.speaker]
        holding: defaultdict[str, list[int]] = defaultdict(list)  # word -> quotes with it
        for number, (words, _) in enumerate(known):
            for word in set(words.split()):
                holding[word].append(number)
        for index, result in enumerate(self.results):
            text = self.found[index].text
            if result.speaker is not None or len(text.split()) < MIN_REPEATED_WORDS:
                continue
            # Part of it, not more: "I am not a crook" inside a speech is not the speech.
            # Only the quotes holding its rarest word can hold it, the earliest few of them.
            words = f" {normalized(text)} "
            lists = [holding.get(word, []) for word in set(words.split())]
            candidates = min(lists, key=len) if lists else range(len(known))
            for number in candidates[:MAX_REPEAT_CANDIDATES]:
                if words in known[number][0]:
                    self.results[index] = known[number][1]
                    break

    def quote(self, index: int, *, role: bool = True) -> Quote:
        """The index-th quotation with its speaker and, unless `role` is false, their role.

        Roles are looked up when asked for, as a digest shows a few quotes of many.
        """
        speaker, person, _ = self.results[index]
        found_role = self.names.role(person) if role and person else None
        return Quote(self.found[index].text, speaker or None, found_role)

    # --- where to look, in order --------------------------------------------------------

    def attribute(self, index: int) -> Name | None:
        """The first attribution found, nearest and most explicit first; Name("") = nobody."""
        quote = self.found[index]
        first, lo = quote.first, self.before_start(index)
        paragraph = self.paragraphs[first]
        leading = paragraph.sentence_tail(lo, quote.start)
        direct = not blank(self.texts[first], leading, quote.start) and (
            paragraph.direct_intro(leading, quote.start)
        )
        return decide(self.candidate(index, first, lo, leading, direct))

    def candidate(self, index: int, first: int, lo: int, leading: int,
                  direct: bool) -> Candidate | None:
        """The first finder's candidate: a Name is true, Name("") too, so the first finder
        to find one brings it (the later ones are not asked: they look further away)."""
        quote = self.found[index]
        finders: tuple[tuple[str, Callable[[], Name | Candidate | None]], ...] = (
            ("direct", lambda: self.in_sentence(first, leading, quote.start, index)
             if direct else None),
            ("trailing", lambda: self.trailing(index)),
            ("partial", lambda: self.partial(first, leading, quote.start, index)),
            ("later_in_sentence", lambda: self.later_in_sentence(index)),
            ("participle_subject", lambda: self.participle_subject(index)),
            ("nearest_before", lambda: self.nearest_before(first, lo, quote.start, index)),
            ("previous_speaker", lambda: self.previous_speaker(index)),
            ("next_sentence", lambda: self.next_sentence(index)),
            ("sentence_subject", lambda: self.sentence_subject(index)),
            ("heading_speaker", lambda: self.heading_speaker(index)),
        )
        for finder, find in finders:
            found = find()
            if isinstance(found, Candidate):
                return self.told_apart(found, index)
            if found:
                return self.told_apart(Candidate(found, finder), index)
        return None

    def told_apart(self, candidate: Candidate, index: int) -> Candidate:
        """A surname two people share ("Clinton" for Bill and Hillary Clinton), with no
        title or given name to decide: the one named in full last before the quote in its
        paragraph; else a conflict, which abstains."""
        rivals = candidate.name.rivals
        if not rivals:
            return candidate
        quote = self.found[index]
        person = self.names.latest_in_full(rivals, (quote.first, quote.start), RIVAL_REACH)
        if person is None:
            return replace(candidate, conflict=True)
        return replace(candidate, name=Name(person, "person", candidate.name.mention))

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

    def clauses_in(self, paragraph: int, lo: int, hi: int) -> list[Attribution]:
        return self.paragraphs[paragraph].attributions(lo, hi)

    def trailing(self, index: int, at: int | None = None) -> Name | None:
        """ "…,” Smith said" / "…,” said Smith" / "…” — Smith" right after the quote.

        `at` reads the attribution after another quotation, for this one.
        """
        quote = self.found[index if at is None else at]
        text, lo = self.texts[quote.last], quote.end
        hi = self.after_end(index if at is None else at)
        dash = DASH_ATTRIBUTION.fullmatch(text, lo, hi) or self.credit_below(quote, hi)
        if dash:
            return self.names.name_of(dash.group("name"), speaking=True)
        while lo < hi and text[lo] in " \t,;:—–-\"'”’":  # and a closing mark's second half
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
            return self.resolve(read_inverted(first.np), index)
        if text.find(first.np, lo, first.offset) != lo or len(first.np.split()) > MAX_SUBJECT_WORDS:
            return None
        if first.verb in REPORTING and self.said_before(index):
            return None  # "Smith said that the “…”, Reuters reported": Smith's words
        if quote.text[-1:] in ".!?" and text[lo : lo + 1].isupper() and (
            not bare_name_first(first.np) or text[lo:hi].rstrip().endswith(":")
            or REPORTED_AFTER.match(text, first.offset + len(first.verb)) is not None
        ):
            # A new sentence about something else, introducing the next quote, or saying
            # something of its own: "…” Martha added that their father…"
            return None
        return self.resolve(read_subject(first.np), index, self.addressee(quote.last, first),
                            (quote.last, first.offset))

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
        """ "Smith said the plan was “…”": the sentence's first speaker; but when the
        sentence opens with a clause of its own ("While not all Lee says is true, Park
        said Lee is “…”"), that speaker may be the clause's, not the quote's: a conflict
        when another speaker follows. ("Smith said that Jones concluded “…”" is Smith's.)"""
        found = self.clauses_in(paragraph, lo, hi)
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
        return self.first_named(inverted + closing, index, quote.last, anonymous=False)

    def nearest_before(self, paragraph: int, lo: int, hi: int, index: int) -> Name | None:
        """The latest attribution earlier in the paragraph: "Chun said…. “We regret…”"."""
        found = sorted(self.clauses_in(paragraph, lo, hi), key=lambda a: (-a.offset, a.inverted))
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
        if previous.last == quote.first or (opens_paragraph and previous.last == quote.first - 1):
            return self.said_by(index - 1)
        if opens_paragraph and quote.first:
            before = quote.first - 1
            # A paragraph of quote alone after one of narrative goes on with the last
            # speaker, unless that paragraph brings in another.
            alone = blank(self.texts[quote.last], quote.end, len(self.texts[quote.last]))
            return self.nearest_before(before, 0, len(self.texts[before]), index) or (
                self.said_by(index - 1) if alone and previous.last == before - 1 else None
            )
        return None

    def said_by(self, index: int) -> Name | None:
        """The named speaker decided for the index-th quotation, if any."""
        speaker, _, kind = self.results[index]
        return Name(speaker, kind) if speaker else None

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
        return self.pronoun(index, PRONOUNS[opening[1].lower()], None,
                            (quote.first, opening.start()))

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
        end = quote.start
        mentions = self.pronouns.mentions_in(quote.first)
        for at in range(bisect_left(mentions, start, key=MENTION_OFFSET), len(mentions)):
            _, offset, name, kind = mentions[at]
            if offset >= end:
                break
            if kind == "person" or bodies:
                # "Prosecutors alleged that Epstein “…”": whom the words are about
                if paragraph.occurs(REPORTED_CLAUSE, start, offset):
                    return None
                return self.clause_subject(paragraph.text, offset, end) or Name(name, kind)
        return None

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
            return self.resolve(read_inverted(found.np), index)
        return self.resolve(read_subject(found.np), index, self.addressee(paragraph, found),
                            (paragraph, found.offset))

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
            if reading.kind == "pronoun":
                name = self.pronoun(index, reading.text, addressee, at)
                return replace(name, mention="pronoun") if name else None
            if reading.kind == "joint":
                name = self.names.joint_speakers(reading.text)
            elif reading.kind == "name":
                name = self.names.name_of(reading.text, the="the " if reading.the else "",
                                          speaking=True)
            else:
                name = self.described(reading.text, index)
                name = replace(name, mention="description") if name else None
            if name is not None:
                return name
        return None

    def described(self, np: str, index: int | None) -> Name | None:
        """ "the president", "a spokesperson for X", "the statement", "one legal expert"."""
        lowered = np.lower().strip()
        if not lowered or len(lowered.split()) > MAX_DESCRIPTION_WORDS:
            return None
        represented = REPRESENTATIVE.match(np)
        if represented:
            org = represented.group("org")
            run = NAME_RUN.search(org)
            if run:
                return self.names.name_of(run.group(), the=org[: run.start()].lower())
        if DETERMINER.match(lowered) or lowered.split()[0] in GROUPS:
            np = DESCRIPTION_TAIL.sub("", np)  # "the court in its ruling"
            lowered = np.lower().strip()
            body = ORGANISATION_NOUNS.search(lowered)
            document = None if body else DOCUMENT.search(lowered)
            noun = document.group() if document else None
            if noun or body:
                author = self.author(np, noun) if noun else None
                if author:
                    return author
                if body and CAPITAL.search(np, 1):
                    return Name(restore(np), "organisation")
                if body and body["plural"]:
                    return Name("", "organisation")  # "the associations": several, unnamed
                described = self.names.described_organisation(lowered.split()[1:-1]) or (
                    self.owned_body(lowered.split()[-1], index)
                )
                if described:
                    return Name(described, "organisation")
                issuer = self.issuer(noun, index) if noun else None
                if issuer:
                    return issuer
                # "the company", "the report" of no body the story ties it to: the latest
                # body named was it too seldom (measured: about one in eight) to say.
                return Name("", "organisation")
            if lowered[:4] != "the ":
                return Name("", "person")  # "a witness", "one legal expert"
            noun = lowered.split()[-1]
            holder = self.names.role_holder(noun)
            if holder:
                return Name(holder, "person")
            body = self.represented_body(index) if SPOKESPERSON.fullmatch(noun) else None
            if body:  # "the spokesperson" after "a Foreign Office spokesperson"
                return body
            if KNOWN_PERSON.search(lowered):  # "the 85-year-old", "the actor"
                return self.only_person(index)  # the latest person was right one in three
            return Name("", "person")
        if lowered.split()[0] in UNNAMED:
            return Name("", "person")  # "Another said", "Others wrote"
        if ORGANISATION_NOUNS.search(lowered) and self.names_a_body(np):
            return Name(restore(np), "organisation")
        document = DOCUMENT.search(lowered)
        if document:  # "Ford's statement", "Moody’s Analytics’ forecast", "Pentagon report"
            return self.author(np, document.group())
        if POSSESSED.match(np):
            return Name("", "person")  # "Ford's father": someone unnamed
        return None

    def names_a_body(self, np: str) -> bool:
        """True when a phrase ending in a body's noun names one: "Indonesia's foreign
        ministry", "Pentagon officials"; not a sentence's common words ("Leaders of the
        organization") nor a clause ("Although … with Smith's team")."""
        first = np.split(maxsplit=1)[0]
        return first not in STOP_WORDS and len(np.split()) <= MAX_BODY_WORDS and (
            CAPITAL.search(np, 1) is not None or bare(first.rstrip("'’s")) in self.names.known
        )

    def owned_body(self, noun: str, index: int | None) -> str | None:
        """ "the ministry" → "Indonesia's foreign ministry", the latest body of that kind
        named by whose it is, in this paragraph before the quote or in the few before it."""
        if index is None or not ORGANISATION_NOUNS.search(noun):
            return None
        owned = re.compile(rf"{OWNER}(?:[a-z]+\s+){{0,3}}{re.escape(noun)}\b")
        latest = self.latest_match(index, owned, noun)
        return restore(latest.group()) if latest else None

    def author(self, np: str, document: str) -> Name | None:
        """Whose "the DOJ release", "a Pentagon report", "the FBI's statement" or "the new
        Trump memo" is: the last name before the document's noun."""
        before = np.rstrip()[: -len(document)]
        chained = OWNER_CHAIN.search(before)  # "a Moody’s Analytics’ forecast"
        if chained:
            last = self.names.name_of(NAME_RUN.findall(chained["name"])[-1])
            if last is not None and last.kind == "person":
                return last  # "the Fed’s Jerome Powell’s forecast"
            return Name(restore(chained["name"]), "organisation")
        runs = list(NAME_RUN.finditer(before))
        if not runs:
            return None
        the = "the " if before[: runs[-1].start()].lower().startswith("the ") else ""
        return self.names.name_of(runs[-1].group(), the=the, speaking=True)

    def issuer(self, document: str, index: int | None) -> Name | None:
        """Who put out "the report": the latest body or person named as its author ("a report
        released on Monday by X"), in this paragraph before the quote or the few before it."""
        if index is None:
            return None
        pattern = re.compile(rf"\b{re.escape(document)}\b{ISSUED_BY}")
        latest = self.latest_match(index, pattern, document)
        return self.names.name_of(latest["name"], speaking=True) if latest else None

    def represented_body(self, index: int | None) -> Name | None:
        """The body whose spokesperson the story last brought in ("a spokesperson for X",
        "the X spokesman"), in this paragraph before the quote or in the few before it;
        Name("") when that was a spokesperson of no body named."""
        latest = None if index is None else self.latest_match(index, SPOKESPERSON_OF, "spokes")
        if latest is None:
            return None
        body = latest["before"] or latest["after"]
        return self.names.name_of(body) if body else Name("", "person")

    def latest_match(self, index: int, pattern: re.Pattern[str], clue: str) -> re.Match[str] | None:
        """The last match of `pattern` before the index-th quotation, in its paragraph or the
        few before it; `clue` is a piece of text every match holds, to skip the others fast."""
        quote = self.found[index]
        latest = self.pronouns.latest(
            quote.first, (quote.first, quote.start),
            lambda p, before: ((at, "") for at in backwards(self.starts_of(pattern, clue, p),
                                                             before, int)),
        )
        if latest is None:
            return None
        (paragraph, offset), _ = latest
        return pattern.match(self.texts[paragraph], offset)

    def starts_of(self, pattern: re.Pattern[str], clue: str, paragraph: int) -> list[int]:
        """Where `pattern` matches in a paragraph, found once for every quotation that asks."""
        key = (pattern.pattern, paragraph)
        if key not in self.matches:
            text = self.texts[paragraph]
            self.matches[key] = [m.start() for m in pattern.finditer(text)] if clue in text else []
        return self.matches[key]

    def speaking_in(self, paragraph: int) -> list[Mention]:
        """The named attributions of a paragraph."""
        found: list[Mention] = []
        for attribution in self.clauses_in(paragraph, 0, len(self.texts[paragraph])):
            name = self.named_by(attribution, None, paragraph)
            if name is not None and name.text:
                found.append((paragraph, attribution.offset, name.text, name.kind))
        return found

    def only_person(self, index: int | None) -> Name:
        """The one person named before the index-th quotation, whom a description with no
        name of its own ("the actor") stands for; else someone unnamed."""
        if index is None:
            return Name("", "person")
        quote = self.found[index]
        return Name(self.pronouns.only_one((quote.first, quote.start), "person") or "", "person")

    def pronoun(self, index: int | None, kind: str, addressee: str | None,
                at: tuple[int, int] | None = None) -> Name | None:
        """Who a pronoun points back to; nothing while the story's names are being read."""
        return None if index is None else self.pronouns.find(index, kind, addressee, at)


def starts_like_subject(np: str) -> bool:
    """True for "Smith…", "The ministry…", "he…"; false for "despite being…"."""
    first = np.split()[0] if np.split() else ""
    return first[:1].isupper() or first.lower() in PRONOUNS
