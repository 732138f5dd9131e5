"""Who said a quotation, decided once from the candidates the finders bring.

Each finder (speakers.py) looks in one place and returns a `Candidate`: the speaker it
reads, with the evidence for it: which finder (how near the quotation and how explicit:
"…,” Smith said" is the closest, the speaker of the quote before is further), how the text
refers to the speaker (a name, a pronoun, a description, an organisation), and what speaks
against it (another named speaker the same place could mean; a place, which never speaks).
`decide` scores the first candidate found and abstains (None) when the evidence is weak or
conflicting: a blank is honest, a wrong name puts words in someone's mouth.

The weights are how often each class of evidence named the right person, measured on a
development corpus of political news (benchmarks/eval_attribution.py --by-evidence, four
articles in five of PolNeAR's training set): a finder's weight is how often the name it
read was right; a pronoun or a description keeps a share of it, as pointing back can go
wrong on its own. A candidate is taken when its weight reaches THRESHOLD: that leaves blank
the classes right clearly less than nine times in ten (a sentence's subject with no verb of
saying, unless it opens the sentence near the quote; a description tied by a role alone;
a previous speaker reached through an organisation). A threshold of 0.9 would also blank
the previous speaker running on (0.87), losing three to five speakers right for each wrong
one it drops.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..core.text import DOT, UPPER
from .names import Name
from .places import PLACES

# Where each finder looks, nearest and most explicit first, with how often the person it
# named was right (the finders' order is speakers.Attributor.attribute's).
FINDER_WEIGHTS: dict[str, float] = {
    "governed": 0.95,  # "Park mocked Lee's claim that “…”": whose words the phrase says
    "direct": 0.97,  # "Smith said: “…”"
    "trailing": 0.98,  # "“…,” Smith said"
    "partial": 0.95,  # "Smith said the plan was “…”"
    "later_in_sentence": 0.95,  # "“…” announced in May, said Smith"
    "label": 0.95,  # "SMITH: “…”", a transcript's label
    "participle_subject": 0.95,  # "Smith rejected it, saying “…”"
    "nearest_before": 0.98,  # "Smith said…. “…”"
    # The quote before, running on: right about seven times in eight, as a new speaker
    # is often brought in by the quote itself or by what the story says between.
    "previous_speaker": 0.87,
    # Too few on the corpus to measure; an explicit attribution, a sentence or a paragraph on.
    "next_sentence": 0.9,  # "“…”. Another is X, Smith said."
    # Whom the sentence is about, with no verb of saying: often not who said the words
    # ("Prosecutors described Smith as “…”", "Smith, who …, slammed the group for “…”"):
    # right about three times in four; see CLASS_WEIGHTS for the sure kind.
    "sentence_subject": 0.75,
    # A quote standing as a sentence of its own, the one person the sentence next to it
    # has as its subject and names ("Ross leans back. “…”"): as plain as the next sentence.
    "neighbour_subject": 0.9,
    "heading_speaker": 0.9,  # a quote as a heading, said by the next paragraph's speaker
}
# A subject opening its sentence with its partial quote a few words on ("Smith called it
# “…”") was right about nine times in ten (21 of 23 on the corpus).
OPENING_SUBJECT = "opening its sentence, near the quote"
CLASS_WEIGHTS: dict[tuple[str, str], float] = {("sentence_subject", OPENING_SUBJECT): 0.9}
# How much a way of referring keeps of the finder's weight. A pronoun points back to its
# antecedent, read right about 19 times in 20 (the corpus's own figure for pronouns, 0.91
# with its gold taken from a named Source in the same or the previous paragraph, counts as
# wrong many right ones: its gold is only the nearest name before; of 12 of its "wrong" read
# by hand, 10 were right). An organisation, or a description tied to a body
# by the text ("a spokesperson for X", "the X ministry", "a report by X"), is nearly as
# plain as a name, but may be part of a person's description ("experts at the X
# Institute said").
MENTION_FACTORS: dict[str, float] = {
    "name": 1.0, "pronoun": 0.95, "organisation": 0.9, "description": 0.9,
}
# A description tied to someone by a kind of person only ("the actor" → the one person
# named) was right about three times in five. One tied by a role the story gave one person
# named before it, every word of the description in that role or the person's party tag
# ("the Florida senator" → "Sen. Jo Lee (R-Fla.)"), is as plain as a name.
GUESSED_TIES: dict[str, float] = {"only person": 0.6}
THRESHOLD = 0.85  # how often a candidate must be right to be taken
# A place standing alone as a speaker: "Orlando", "S.C.", "N.H.", "Texas" (states abbreviated
# as the news writes them, with periods or the masked period of core.text).
STATE_ABBREVIATION = re.compile(rf"(?:[{UPPER}][a-z]{{0,4}}[.{DOT}]\s?){{1,2}}")


# A name an editor put in a quotation in place of the speaker's own word for someone.
BRACKETED = re.compile(rf"\[(?P<name>[{UPPER}][^\]]{{0,40}})\]")
BRACKET_WORDS = frozenset({"The", "Mr.", "Mrs.", "Ms.", "Dr."})
# A speaker's own word for themselves, which an editor's brackets may gloss: "I [Lee] will".
FIRST_PERSON = re.compile(r"\b(?:I|me|my|we|us|our)\s*$")


class Candidate(NamedTuple):
    """A speaker one finder reads for a quotation, with the evidence for and against it."""

    name: Name  # Name("") for someone unnamed ("a witness said")
    finder: str  # a key of FINDER_WEIGHTS
    conflict: bool = False  # the finder saw another named speaker it could not rule out

    @property
    def mention(self) -> str:
        """How the text referred to the speaker: name, pronoun, description, organisation."""
        if self.name.mention == "name" and self.name.kind == "organisation":
            return "organisation"
        return self.name.mention

    @property
    def evidence(self) -> str:
        """The candidate's class of evidence: finder, mention and how a pronoun or a
        description was tied to the speaker ("trailing pronoun: speaker, sentence before")."""
        via = f": {self.name.via}" if self.name.via else ""
        return f"{self.finder} {self.mention}{via}"

    def score(self) -> float:
        """How likely the candidate is the speaker: 0 when something rules it out."""
        text = self.name.text
        if self.conflict or abbreviated_place(text) or (text in PLACES and not self.government()):
            return 0.0
        tie = GUESSED_TIES.get(self.name.via, 1.0) if self.mention == "description" else 1.0
        weight = CLASS_WEIGHTS.get((self.finder, self.name.via), FINDER_WEIGHTS[self.finder])
        return weight * MENTION_FACTORS[self.mention] * tie

    def government(self) -> bool:
        """True for a country named as the body that speaks: "Israel warned"; a country
        or capital reached otherwise is a place named nearby, which never speaks."""
        return self.name.kind == "organisation" and self.name.mention == "name"


def abbreviated_place(text: str) -> bool:
    """True for a state as the news abbreviates it, "S.C.", "N.H.": no one who speaks."""
    return ("." in text or DOT in text) and STATE_ABBREVIATION.fullmatch(text) is not None


def checked(candidate: Candidate | None, quote: str) -> Candidate | None:
    """The candidate, in conflict when the quotation itself names its speaker in an
    editor's brackets: "“[Lee] should stay in the race”" stands for a "he" the speaker
    said of Lee, so Lee is not who speaks; "“I [Lee] will run”" glosses the speaker's
    own "I". "[Ann Lowe]" is not Ann Hill; "[Lowe]" may be Lee Lowe."""
    if candidate is None or not candidate.name.text or "[" not in quote:
        return candidate
    words = set(candidate.name.text.split())
    for match in BRACKETED.finditer(quote):
        named = bracketed_name(match["name"])
        if named and named <= words and not FIRST_PERSON.search(quote, 0, match.start()):
            return candidate._replace(conflict=True)
    return candidate


def bracketed_name(text: str) -> set[str]:
    """The words of a name in an editor's brackets, less titles and lower-case words:
    "[Gov. Lee's]" → {"Lee"}, "[The plan]" → set()."""
    words = (word.removesuffix("'s").removesuffix("’s") for word in text.split())
    return {word for word in words
            if word[:1].isupper() and not word.endswith(".") and word not in BRACKET_WORDS}


def decide(candidate: Candidate | None) -> Name | None:
    """The speaker the candidate names, Name("") for someone unnamed, None to abstain."""
    if candidate is None or not candidate.name.text:
        return candidate.name if candidate else None
    return candidate.name if candidate.score() >= THRESHOLD else None
