"""Who said a quotation, decided once from the candidates the finders bring.

Each finder (speakers.py) looks in one place and returns a `Candidate`: the speaker it
reads, with the evidence for it: which finder (how near the quotation and how explicit:
"…,” Smith said" is the closest, the speaker of the quote before is further), how the text
refers to the speaker (a name, a pronoun, a description, an organisation), and what speaks
against it (another named speaker the same place could mean; a place, which never speaks).
`decide` scores the first candidate found and abstains (None) when the evidence is weak or
conflicting: a blank is honest, a wrong name puts words in someone's mouth.

The weights are how often each finder's speaker was the right one when it named someone,
measured on a development corpus of political news (benchmarks/eval_attribution.py); a
candidate is taken when it is right more often than wrong.
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
    "direct": 0.97,  # "Smith said: “…”"
    "trailing": 0.97,  # "“…,” Smith said"
    "partial": 0.95,  # "Smith said the plan was “…”"
    "later_in_sentence": 0.9,  # "“…” announced in May, said Smith"
    "participle_subject": 0.9,  # "Smith rejected it, saying “…”"
    "nearest_before": 0.97,  # "Smith said…. “…”"
    "previous_speaker": 0.88,  # the quote before, running on
    "next_sentence": 0.8,  # "“…”. Another is X, Smith said."
    "sentence_subject": 0.85,  # "Smith called it “…”"
    "heading_speaker": 0.8,  # a quote as a heading, said by the next paragraph's speaker
}
# How much a way of referring keeps of the finder's weight: a pronoun or a description
# points back to someone, which can go wrong on its own.
MENTION_FACTORS: dict[str, float] = {
    "name": 1.0, "organisation": 1.0, "pronoun": 0.9, "description": 0.75,
}
THRESHOLD = 0.5  # right more often than wrong
# A place standing alone as a speaker: "Orlando", "S.C.", "N.H.", "Texas" (states abbreviated
# as the news writes them, with periods or the masked period of core.text).
STATE_ABBREVIATION = re.compile(rf"(?:[{UPPER}][a-z]{{0,4}}[.{DOT}]\s?){{1,2}}")


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

    def score(self) -> float:
        """How likely the candidate is the speaker: 0 when something rules it out."""
        text = self.name.text
        if self.conflict or abbreviated_place(text) or (text in PLACES and not self.government()):
            return 0.0
        return FINDER_WEIGHTS[self.finder] * MENTION_FACTORS[self.mention]


    def government(self) -> bool:
        """True for a country named as the body that speaks: "Israel warned"; a country
        or capital reached otherwise is a place named nearby, which never speaks."""
        return self.name.kind == "organisation" and self.name.mention == "name"


def abbreviated_place(text: str) -> bool:
    """True for a state as the news abbreviates it, "S.C.", "N.H.": no one who speaks."""
    return ("." in text or DOT in text) and STATE_ABBREVIATION.fullmatch(text) is not None


def decide(candidate: Candidate | None) -> Name | None:
    """The speaker the candidate names, Name("") for someone unnamed, None to abstain."""
    if candidate is None or not candidate.name.text:
        return candidate.name if candidate else None
    return candidate.name if candidate.score() >= THRESHOLD else None
