"""People who speak as a group the story does not name: "officials", "economists at
Goldman Sachs", "lawyers for Jo Lee", "a spokesman for committee Democrats". Such a
group is no one's name and no body, however the body it is tied to is named; a body
named with a word for people ("Physicians for Human Rights") is still a body.
"""

from __future__ import annotations

import re

from .name_words import GIVEN_NAMES, GROUPS, PERSON_TITLES, TITLES
from .runs import bare


def plural(noun: str) -> str:
    """A person's noun in the plural: "analyst" → "analysts", "spokesman" → "spokesmen",
    "secretary" → "secretaries", "coach" → "coaches"."""
    if noun.endswith("man"):
        return noun[:-3] + "men"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "sh", "ch", "x")) else "s")


# People the story does not name, as a group: "officials", and the plural of each title
# ("economists", "Democrats", "spokesmen").
PEOPLE = GROUPS | frozenset(plural(title.lower()) for title in TITLES)
# A group of people tied to a body, a place or a person: "Economists at Goldman Sachs",
# "researchers from the Harbor Institute", "a team of analysts with Moody's", "lawyers for
# Lee". Who speaks is people the story does not name, not the body: the body's own voice
# is its name, its spokespeople or its documents.
# The noun heads the chunk: what may stand before it modifies it ("top economists"), but a
# relative pronoun, a preposition or "a" there makes it another's object ("who represents
# workers at the plant", "head of doctors at Mercy", "a lawyer for nurses at Mercy").
GROUP_TIED = re.compile(
    r"^(?:(?:the|some|several|many|most|few|two|three|four|five|dozens\s+of|a\s+few|a\s+(?:few"
    r"|group|team|panel|number|handful)\s+of)\s+)?"
    r"(?P<before>(?:(?!(?:who|whom|whose|which|that|a|an|of|for|at|from|with|in|on|to|by)\s)"
    r"[\w\-'’]+\s+){0,2}?)(?P<noun>[A-Za-z]+)"
    r"\s+(?P<tie>at|from|with|in|of|for|to)\s+(?:the\s+)?(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# A capitalised group before "of" or "for" may open a body's own name ("Physicians for
# Human Rights", "Friends of the Earth"): people only when a person's name follows.
NAME_TIES = frozenset(("of", "for"))


def tied_group(chunk: str) -> bool:
    """True for people unnamed tied to whom they are with: "Economists at Goldman Sachs",
    "critics of Lee", "lawyers for Jo Lee"; not a body named so ("Physicians for Human
    Rights", "Friends of the Earth")."""
    tied = GROUP_TIED.match(chunk)
    if tied is None or tied["noun"].lower() not in PEOPLE:
        return False
    if tied["noun"][:1].isupper() and bare((tied["before"].split() or [""])[-1]) in GIVEN_NAMES:
        return False  # "Ann Deans at the hearing": a surname after a given name
    if tied["noun"][:1].isupper() and tied["tie"].lower() in NAME_TIES:
        return person_named(tied["rest"])
    return True


def person_named(text: str) -> bool:
    """True when `text` opens with a person's name as the story writes one: a title first
    ("Gov. Lee", "Sen. Jo Lee") or a known given name and a surname ("Tom Ward"); not a
    body's words ("Human Rights", "Mercy")."""
    words = [bare(word) for word in text.split()[:2]]
    return len(words) == 2 and words[1][:1].isupper() and (
        words[0] in GIVEN_NAMES or words[0] in PERSON_TITLES
    )
