"""The summarizer's words of saying, kept as data: verbs as lemmas, their forms derived.

`saying.txt` lists each verb once, by its lemma, with what it is used for; the forms
("said", "says", "saying") and the sets the finders read are derived here, so that a
verb added there is a verb of saying, inverted, participle and all, everywhere at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).with_name("saying.txt")
VOWELS = frozenset("aeiou")
USES = frozenset("now base ing invert tell report noun".split())
PARTICLES = frozenset("out on in back it".split())  # of phrasal verbs: "point out", "put it"


@dataclass(frozen=True, slots=True)
class Verb:
    """A verb of saying: its lemma, forms and uses."""

    lemma: str
    past: str
    participle: str  # past participle ("written")
    particle: str  # "out" of "point out", or ""
    uses: frozenset[str]

    def finite(self) -> list[str]:
        """The forms that have a subject: "said", "says", "say"; "pointed out"."""
        forms = [self.past]
        if self.participle != self.past:
            forms.append(self.participle)
        if "now" in self.uses:
            forms.append(third_person(self.lemma))
        if "base" in self.uses:
            forms.append(self.lemma)
        return forms

    def inverted(self) -> list[str]:
        """The forms written before their subject: "said Smith", "says Smith"."""
        return [self.past, third_person(self.lemma)] if "now" in self.uses else [self.past]

    def ing(self) -> str:
        """The participle: "saying", "quipping"."""
        return present_participle(self.lemma, self.past)


def regular_past(lemma: str) -> str:
    """ "noted", "replied", "asked"; doubled consonants are written in the data."""
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        return lemma[:-1] + "ied"
    return lemma + "ed"


def third_person(lemma: str) -> str:
    """ "says", "stresses", "replies"."""
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        return lemma[:-1] + "ies"
    return lemma + "s"


def present_participle(lemma: str, past: str) -> str:
    """ "saying", "writing", "quipping" (doubled as its past is)."""
    if past.endswith("ed") and len(past) > len(lemma) + 2 and past[len(lemma)] == lemma[-1]:
        return lemma + lemma[-1] + "ing"
    if lemma.endswith("e") and not lemma.endswith("ee"):
        return lemma[:-1] + "ing"
    return lemma + "ing"


def parse(line: str) -> Verb:
    """One line of the data: "write wrote/written : now ing invert"."""
    words, _, uses = line.partition(":")
    parts = words.split()
    lemma, rest = parts[0], parts[1:]
    particle = rest.pop() if rest and rest[-1] in PARTICLES else ""
    past, _, participle = (rest[0] if rest else regular_past(lemma)).partition("/")
    found = frozenset(uses.split())
    if not found <= USES:
        raise ValueError(f"{SOURCE.name}: unknown use in {line!r}")
    if particle:
        past = f"{past} {particle}"
        participle = f"{participle} {particle}" if participle else ""
    return Verb(lemma, past, participle or past, particle, found)



def load() -> list[Verb]:
    """Every verb of the data, in its order."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    return [parse(line) for line in lines if line.strip() and not line.startswith("#")]


VERBS = load()


def forms(use: str | None = None) -> frozenset[str]:
    """The finite forms of the verbs with `use` (all verbs for None)."""
    return frozenset(form for verb in VERBS if use is None or use in verb.uses
                     for form in verb.finite())



# The sets the finders read.
SAYING = frozenset(form for form in forms() if " " not in form)  # "said", "says"
PHRASAL = {verb.past.split()[0]: verb.particle for verb in VERBS if verb.particle}
PARTICIPLES = frozenset(verb.ing() for verb in VERBS if "ing" in verb.uses)
INVERTIBLE = frozenset(  # "said Smith", "went on Smith"
    form for verb in VERBS if "invert" in verb.uses for form in verb.inverted()
)
TELL = forms("tell")  # "told Cook"
REPORTING = forms("report")  # "Reuters reported"
# Present forms that are plural nouns too ("reports", "claims"): read before their subject only.
NOUN_FORMS = frozenset(third_person(verb.lemma) for verb in VERBS if "noun" in verb.uses)
# The same as regex alternatives, longest first: every verb of saying, the inverted ones.
SAID = "|".join(sorted(SAYING, key=len, reverse=True))
INVERTED = "|".join(sorted((form for form in INVERTIBLE if " " not in form), key=len, reverse=True))


# Verbs a Title-Case headline puts after its subject ("Governor Signs Budget", "Jo Lee Slams
# Plan"), in the third person: every verb of saying's and these lemmas'. None is a given name
# or a common surname ("Burns", "Mills" are left out).
HEADLINE_LEMMAS = """sign slam win back reject unveil seek face eye plan push name pick drop join
quit launch sue ban block veto pass kill cut raise lose beat defeat lead trail hail vow hire
nominate endorse approve defend target propose open close take make get want praise blast
pledge expect visit meet return step resign announce deny admit call urge warn""".split()
HEADLINE_VERBS = frozenset(
    third_person(lemma).capitalize() for lemma in
    {*HEADLINE_LEMMAS, *(verb.lemma for verb in VERBS if not verb.particle)}
)


# Words opening a clause of when, why or if ("after", "because", "unless"): a clause of its
# own, whose subject speaks for no quotation outside it. One list for every rule that reads
# them (attribution, subjects, clause_topics, the finders). "as" opens such a clause too,
# but "“…,” as Lee said" attributes the quote: the rules reading a clause before a verb add
# it (AS_TOO).
SUBORDINATORS = frozenset(
    "after before when whenever while whereas because since until till although though "
    "once unless if where".split()
)
AS_TOO = SUBORDINATORS | {"as"}
# What may stand before such a word at a sentence's start: "Ever since", "Long before",
# "Two days after".
SUBORDINATOR_ADVERBS = frozenset("even ever long soon shortly just right only well not".split())
TIME_UNITS = frozenset(
    "moment moments minute minutes hour hours day days week weeks month months year years "
    "decade decades".split()
)
COORDINATORS = frozenset("and but or nor".split())
# Pronouns, one list and its views: those that can be a clause's subject ("He jokes"); what
# opens a clause as they do ("said there was", "said this is"); whose words a phrase may
# say ("his claim", "which he called"), a pronoun not telling who.
SUBJECT_PRONOUNS = frozenset("he she they it we i you".split())
CLAUSE_SUBJECTS = SUBJECT_PRONOUNS | {"there", "this"}
POSSESSIVE_PRONOUNS = frozenset("his her their its my our your whose".split())
OWNER_PRONOUNS = POSSESSIVE_PRONOUNS | SUBJECT_PRONOUNS | {"one"}


def alternation(words: Iterable[str]) -> str:
    """Words as a regex alternation, longest first: "whenever|because|…"."""
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))
