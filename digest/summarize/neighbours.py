"""The finder for a quotation that is a sentence of its own with no verb of saying, whose
speaker the sentence next to it in the paragraph names as its one subject: "Ann Ross leans
back. “We never expected this.”", "“The fog was thick.” Bo Park laughs at the memory.",
"She shrugs. “…”" (a pronoun, read as for a verb of saying).

Precision first: it names no one when either neighbour holds another quotation or a verb
of saying (the finders before it read those), when the neighbours name anyone else (an
object, "Ross hugged Lee."; someone's possessive, "Ross read Lee's note."; kin or a
document, "Ross read her father's letter.": the words may be theirs), when the sentence
reports a view or plan of the subject's ("Ross expects three rockets."), when it tells of words
the subject takes in rather than says (hears, sees, watches; a crowd, a jury, the radio, a
paper, a poster), when the subject is acted on ("was told", "was found guilty"), when the
quotation names the subject (said to or of them: "“Will you resign, Mr. Lee?”"), or when the
subject is no lone person ("Ross and Lee", "the Ross campaign", "Ross's lawyer", a group or a
body).
"""

from __future__ import annotations

import re

from ..core.text import blank
from .attribution import ARTICLES
from .descriptions import DOCUMENT_NOUN
from .lexicon import AS_TOO, COORDINATORS, alternation
from .name_words import GROUPS
from .names import Name
from .phrases import PRONOUNS
from .pronoun_doubts import KINSHIP
from .reading import only_titles
from .runs import NAME_RUN
from .sentence_finders import PREPOSITION_OPENING, SentenceFinders

# Past participles not ending in -ed, -en or -wn, of a passive: "Lee was found guilty".
PASSIVE_PARTICIPLES = (
    "found|told|held|heard|caught|sent|seen|kept|left|hit|led|paid|put|read|shot|struck|met"
)
QUOTE_MARKS = re.compile(r"[“”\"«»]")
SUBJECT_PRONOUN = re.compile(r"(He|She)\s+[a-z]")
# What the subject's run is followed by when it is the sentence's lone subject: a verb
# ("Ross leans"), or an aside set off by commas ("Ross, 52, leans").
SUBJECT_END = re.compile(r"\s+[a-z]|,\s")
# Someone else whose words the quotation may be: kin, someone's possessive, a document,
# words read or quoted, a person the subject acts on ("hugged him", "followed them"), or
# the subject acted on ("was praised", "was told", "was shown").
SOMEONE_ELSE = re.compile(
    rf"\b(?:grand|step|great-grand)?(?:{alternation(KINSHIP)}|friends?|boss|colleagues?"
    r"|neighbou?rs?|teacher|doctor|lawyer|coach|stranger|passer-by|man|woman|men|women|boy|girl"
    r"|child|children|kids?|nurse|officer|clerk|priest|visitor|caller"
    r"|sign|note|message|text|e-?mail|letter|words)s?\b"
    rf"|{DOCUMENT_NOUN}s?\b"
    r"|\w['’]s\b|\bquot\w*|\bsayings?\b|\bread(?:s|ing)?\b|\brecit\w*"
    r"|\b(?:him|them|her(?=\s*(?:[.,;:!?]|$|\s(?:from|to|at|with|for|in|on|into|and|as|back"
    r"|again|off|up|down|out|over|by)\b)))"
    rf"|\b(?:is|was|were|are|been|being|got)\s+(?:\w+(?:ed|en|wn)|{PASSIVE_PARTICIPLES})\b",
    re.IGNORECASE,
)
# Words the subject takes in or repeats rather than says: what they hear, see, watch, sing,
# cite or echo, and where words come from that are no one's in the story, a crowd, a call,
# a screen, a set text ("Ross heard the crowd chanting.", "Lee stared at the jury.", "Lee
# opened the paper.", "Park cites an old proverb.", "Ruiz checked her inbox.").
TAKEN_IN = re.compile(
    r"\b(?:hear[sd]?|hearing|listen\w*|watch\w*|star(?:e|es|ed|ing)|saw|sees?|seeing|notic\w*"
    r"|overh\w*|glanc\w*|spott\w*|wak(?:e|es|ing)|woke|faced?|facing"
    r"|crowds?|audiences?|jury|juries|reporters?|journalists?|hecklers?|radio|television|tv"
    r"|screen|paper|newspaper|headlines?|posters?|banners?|placards?|graffiti|petitions?"
    r"|shouts?|chant\w*|voices?|protests?|phones?|calls?|inbox|comments?|billboards?|speech(?:es)?"
    r"|proverbs?|slogans?|mottos?|anthems?|songs?|hymns?|lyrics|poems?|verses?|pray\w*|bible"
    r"|scriptures?|voicemails?|recordings?|tapes?|videos?|tweets?|posts?|captions?|plaques?"
    r"|sang|sing\w*|cit(?:e|es|ed|ing)|echo\w*|applau\w*|repeat\w*"
    rf"|{alternation(GROUPS)})\b",
    re.IGNORECASE,
)

# What the subject may act on and still be the one who speaks next: their own body, a
# breath, a time they remember, the microphone ("Ross wipes her eyes.", "Lee took a deep
# breath.", "Penrose remembers the winter of 1979"). Anything else they act on, a thing or
# a person ("Voss opened the envelope.", "Park runs the ferry."), may be where the words
# come from.
OWN_OBJECTS = frozenset(
    "head hand hands eye eyes face shoulder shoulders arm arms fist fists finger fingers lips"
    " brow chin thumb thumbs breath tears hair glasses nose mouth teeth throat back neck feet"
    " knees legs day days night nights winter summer spring autumn year years moment moments"
    " time times morning evening week weeks month months decade decades memory memories past"
    " microphone podium".split()
)
LOWER_WORD = re.compile(r"\s[a-z]")
# The noun phrase right after the verb (and a particle), which the verb acts on; its head
# the last word before what follows it: "Voss opened |the envelope|.", "Voss tucked in |her
# twins|"; not a place after a preposition ("Ross leans on the railing").
OBJECT = re.compile(
    r"[a-z][\w\-]*\s+(?:(?:up|down|off|out|in|back|through)\s+)?"
    r"(?:the|a|an|this|that|these|those|his|her|their|its|my|your|our|some|another)\s+"
    r"(?:[\w\-’']+\s+){0,3}?(?P<noun>[a-z][\w\-]*)(?=\s*$|\s*[.;:!?]|\s+(?:of|in|on|at|to"
    r"|from|with|for|by|into|over|under|before|after|and|or|but|as|when|while|again|back|up"
    r"|down|out|off|away|slowly|quietly|once|twice)\b)",
)
# A view or a plan the sentence reports ("Ross expects three rockets by May."): its own
# paraphrase of the subject, often set against someone else's words after it.
STANCE = re.compile(
    r"\b(?:expect|believe|think|hope|plan|want|intend|predict|fear|estimate|project|forecast)"
    r"(?:s|ed)?\b",
    re.IGNORECASE,
)


class NeighbourSentences(SentenceFinders):
    """Where a quotation standing as a sentence of its own has its speaker as the subject
    of the sentence right before or right after it."""

    def neighbour_subject(self, index: int) -> Name | None:
        """The one person the neighbouring sentences have as their subject, if they agree
        and name no one else; None otherwise."""
        quote = self.found[index]
        paragraph = self.paragraphs[quote.first]
        start = paragraph.sentence_start(quote.start)
        last = self.texts[quote.last]
        if not blank(paragraph.text, start, quote.start) or not (
            quote.text[-1:] in ".!?" or blank(last, quote.end, len(last))
        ):  # "Ross called it “…”", "“…,” Lee laughs": the sentence's own subject, read elsewhere
            return None
        spans: list[tuple[int, int, int]] = []  # (paragraph, start, end) of each neighbour
        if start > self.before_start(index):  # the sentence before, no quotation between
            spans.append((quote.first, paragraph.sentence_start(start - 1), start))
        after = self.sentence_after(index)
        if after is not None:
            spans.append((quote.last, *after))
        found: set[str] = set()
        chosen: Name | None = None
        for number, lo, hi in spans:
            subject = self.lone_subject(index, number, lo, hi)
            if subject is None:
                return None
            if subject.text:
                found.add(subject.text)
                chosen = subject
        if len(found) != 1 or chosen is None or addressed(quote.text, chosen.text):
            return None
        return chosen

    def sentence_after(self, index: int) -> tuple[int, int] | None:
        """Where the sentence right after a quotation that ends its own sentence starts and
        ends, when it ends before any other quotation; None when there is none."""
        quote = self.found[index]
        if quote.text[-1:] not in ".!?":
            return None  # "“…,” Ross laughs": the quote's own sentence goes on
        paragraph, hi = self.paragraphs[quote.last], self.after_end(index)
        lo = quote.end
        while lo < hi and paragraph.text[lo] in " \t”\"’'»":
            lo += 1
        end = paragraph.sentence_head(lo, hi)
        if lo == hi or (end == hi and hi < len(paragraph.text)):
            return None  # nothing after it, or a sentence running into the next quotation
        return lo, end

    def lone_subject(self, index: int, number: int, lo: int, hi: int) -> Name | None:
        """The person text[lo:hi] of a paragraph has as its subject and only name; Name("")
        when the sentence names no one at all; None when it rules the reading out."""
        paragraph = self.paragraphs[number]
        text = paragraph.text
        sentence = text[lo:hi]
        if QUOTE_MARKS.search(text, lo, hi) or self.clauses_in(number, lo, hi) or (
            SOMEONE_ELSE.search(sentence) or STANCE.search(sentence)
            or TAKEN_IN.search(sentence) or acts_on_something(sentence)
        ):
            return None
        named = [(offset, name) for offset, name in self.names.mentions_in(number)
                 if lo <= offset < hi]
        pronoun = SUBJECT_PRONOUN.match(text, lo)
        if pronoun is not None and not named:
            found = self.pronoun(index, PRONOUNS[pronoun[1].lower()], None, (number, lo))
            return found.referred("pronoun") if found and found.text else None
        if not named:
            return Name("", "person")
        run = NAME_RUN.match(text, lo)
        if len(named) > 1 or run is None or named[0][0] > run.end() or " and " in run.group() or (
            not SUBJECT_END.match(text, run.end()) or not only_titles(text[lo : named[0][0]])
            or opens_clause(run.group())
        ):
            return None
        name = self.names.name_of(run.group(), speaking=True)
        if name is None or not name.text or name.kind != "person":
            return None
        return Name(name.text, name.kind, via="neighbouring sentence")


def opens_clause(run: str) -> bool:
    """True for a run whose first word opens a clause or a phrase the name sits in, not the
    sentence's subject: "When Ross| arrived, the crowd cheered", "With Ross| gone, …"; or
    an article, whose noun the name modifies: "The Ross| family"."""
    first = run.split()[0].lower()
    return first in ARTICLES or first in AS_TOO or first in COORDINATORS or (
        PREPOSITION_OPENING.match(f"{first} ") is not None
    )


def addressed(quotation: str, name: str) -> bool:
    """True when the quotation names the subject by a word of their name, as one speaks to
    or of someone else: "Lee faced the press. “Will you resign, Mr. Lee?”", "“Ross out,
    Ross out!” Ross smiled."."""
    words = set(re.findall(r"[\w’'\-]+", quotation))
    return any(word in words for word in name.split())


def acts_on_something(sentence: str) -> bool:
    """True when the verb of a neighbouring sentence's main clause acts on something other
    than the subject's own body, breath or a time: "Voss opened the envelope.", "Park runs
    the ferry."; not "Ross wipes her eyes.", "Ross leans on the railing.", "Haddad switched
    on his laptop" (read as "on" a place), "Penrose remembers the winter of 1979, when a
    trawler ran aground" (the clause after the comma is not read)."""
    parts = sentence.split(",")
    aside = len(parts) > 2 and LOWER_WORD.search(parts[0]) is None  # "Park, 67, has fished"
    clause = parts[2] if aside else parts[0]
    verb = LOWER_WORD.search(clause)  # the first word in lower case after the subject
    found = OBJECT.match(clause, verb.start() + 1) if verb is not None else None
    return found is not None and found["noun"].lower() not in OWN_OBJECTS
