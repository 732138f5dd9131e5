"""The parts of an attribution's noun phrase that its readings (subjects.py) are made of.

A phrase is cut into chunks at its commas, brackets and spaced dashes ("John Hemmings, Asia
Director at the Henry Jackson Society"); it comes down to its last clause ("the staff member
who recalled that he" to "he"); a chunk ends with a name ("United Nations spokesman Farhan
Aziz Haq"), or with the place of one named before it ("Ann Lee of the Harbor Institute" is
Ann Lee's). A `Reading` is what a phrase comes down to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import CLAUSE_SUBJECTS
from .runs import NAME_RUN, NAME_TOKEN, parse_run, possessive

# When or where someone spoke, between their name and the verb: "Lee| during a rally".
WHEN_AFTER = re.compile(r"\s+(?:during|at|on|in|after|before|over|last|this)\s[^,;]*")
PRONOUNS = {"he": "male", "she": "female", "they": "any", "it": "organisation"}
CHUNKS = re.compile(r",|\s[—–-]\s|[()]")
CLAUSE_OPENER = re.compile(
    r"\b(?:that|which|who|whom|where|when|while|because|and|but|if|so|after|before)\s+"
)
# A name, then where the person is from: "Ann Lee| of the |…", "Bo Park| at |…"; the
# words before the institution, looked for first.
AFFILIATIONS = tuple(
    f" {word} {the}" for word in ("of", "at", "from", "with") for the in ("", "the ")
)
AFFILIATION_BEFORE = re.compile(
    rf"(?:^|\s)(?P<person>{NAME_RUN.pattern})\s+(?:of|at|from|with)\s+(?:the\s+)?$"
)
# Whose an institution is, between the affiliation's word and it: "of |Ohio's |Harbor Institute".
POSSESSOR = re.compile(rf"(?<!\S)(?:{NAME_TOKEN}\s)*{NAME_TOKEN}['’]s\s$")
DETERMINER = re.compile(
    r"^(?:the|a|an|one|another|two|three|some|several|many|his|her|their|its|our)\s",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Reading:
    """What an attribution's noun phrase comes down to."""

    kind: str  # "pronoun" | "name" | "joint" ("Jo Lee and Bo Park") | "description" | "unnamed"
    text: str  # the pronoun's kind ("male", …), the name as written, or the description
    the: bool = False  # the name was written "the X"


def name_reading(chunk: str, start: int, run: str) -> Reading:
    """`run`, at `start` in `chunk`, read as a name, with whether "the" was written before it."""
    the = chunk[:start].lower().endswith("the ") or run.startswith("The ")
    return Reading("name", run, the)


def innermost_clause(np: str) -> str:
    """The subject of the last clause: "the staff member who recalled that he" → "he",
    "…so loud that Lee during a rally" → "Lee"."""
    openers = [opener for opener in CLAUSE_OPENER.finditer(np) if not inside_name(np, opener)]
    if not openers:
        return np
    rest = np[openers[-1].end() :].strip()
    run = NAME_RUN.match(rest)  # "Lee| during a rally": the name, without when or where
    if run and WHEN_AFTER.fullmatch(rest, run.end()):
        return run.group()
    if rest.lower() in PRONOUNS or (len(rest.split()) <= 6 and last_run(rest) is not None):
        if openers[-1].group().startswith(("who", "which")) and rest[:1].islower() and (
            "," not in rest.rstrip(", ") and rest.split()[0].lower() not in CLAUSE_SUBJECTS
        ):
            return np[: openers[-1].start()]  # "Voters who backed Lee": the voters, not Lee
        return rest
    return np


def inside_name(np: str, opener: re.Match[str]) -> bool:
    """True for "and" between two capitalised words: "Institute for Science and
    International Security" is one body's name, not two clauses."""
    return (opener.group().startswith("and") and np[opener.end() : opener.end() + 1].isupper()
            and np[: opener.start()].rstrip()[-1:].isalpha()
            and np[: opener.start()].split()[-1][:1].isupper())


def last_run(chunk: str) -> re.Match[str] | None:
    """The name run a chunk ends with ("United Nations spokesman Farhan Aziz Haq")."""
    runs = [r for r in NAME_RUN.finditer(chunk) if not possessive(chunk, r.end())]
    if not runs or chunk[runs[-1].end() :].strip(" .'’"):
        return None
    return runs[-1]


def affiliated(chunk: str, run: re.Match[str] | None) -> re.Match[str] | None:
    """The person a chunk ending in a name names: the one before "of", "at" or "from" whose
    the last name is ("Ann Lee of the Harbor Institute" is Ann Lee; "Ann Lee and Bo Park of
    Ohio's Harbor Institute", both), or `run` itself."""
    if run is None:
        return run
    end = run.start()
    if chunk.endswith(("'s ", "’s "), 0, end):  # "of |Ohio's |Harbor Institute"
        owner = POSSESSOR.search(chunk, 0, end)
        end = owner.start() if owner else end
    if not chunk.endswith(AFFILIATIONS, 0, end):
        return run
    before = AFFILIATION_BEFORE.search(chunk, 0, end)
    if before is None:
        return run
    person = NAME_RUN.match(chunk, before.start("person"), before.end("person"))
    if person is None or person.end() != before.end("person"):
        return run
    return person if parse_run(person.group())[1] is not None else run


def bare_name_first(np: str) -> bool:
    """True when a subject opens with a name or pronoun: "Smith, a professor at X,"."""
    return is_name_or_pronoun(chunked(np)[0])


def is_name_or_pronoun(chunk: str) -> bool:
    chunk = chunk.strip()
    return chunk.lower() in PRONOUNS or NAME_RUN.fullmatch(chunk) is not None


def chunked(np: str) -> list[str]:
    """A phrase split at commas, brackets and spaced dashes, as CHUNKS splits it.

    Without dashes, as most phrases are, plain string splitting does it several times faster.
    """
    if "-" in np or "—" in np or "–" in np:
        return CHUNKS.split(np)
    return np.replace("(", ",").replace(")", ",").split(",")
