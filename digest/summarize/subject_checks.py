"""What the words around a name in an attribution's subject make of it: the speaker, or
someone or something the subject only mentions.

A name after "in" is where the subject is ("Tom Ward in Ohio"); after a participle, whom
the subject acts on ("crews embracing Park") or who acts on it ("crews hired by Park");
before plain words of a title, the next name's employer ("NASA administrator Jim
Bridenstine"); a chunk that opens with a preposition or is a title alone is an aside; a
phrase all in quote marks is a title. subjects.py reads a subject with these checks.
"""

from __future__ import annotations

import re

from ..core.text import DOT, UPPER, wordset
from .attribution import CLOSING_QUOTES, OPENING_QUOTES
from .lexicon import SAYING
from .name_words import GIVEN_NAMES, NATIONAL_ENDING, ORG_WORDS, PERSON_TITLES, STOP_WORDS, TITLES
from .runs import NAME_RUN, bare, is_name_word, parse_run

# A nationality before a lower-case noun: "Afghan economic official", "Israeli diplomat".
NATIONAL_MODIFIER = re.compile(rf"[{UPPER}][a-z]+{NATIONAL_ENDING}\s+[a-z]")
# A name written after another name and "in", which places the first: "Tom Ward| in |Ohio".
PLACED = re.compile(r"[A-Z][\w.’'\-]*\s+in\s+(?:the\s+)?$")
ASIDE = re.compile(
    r"^(?:of|via|in|on|at|for|from|with|to|by|after|before|during|under|over|through|into"
    r"|according|however|though|too|meanwhile|also|instead|alongside|amid|amidst|against"
    r"|across|around|beyond|toward|towards|upon|unlike|throughout|behind|beside|near|inside"
    r"|outside|along|regarding|concerning|despite|without|within|among|amongst|between)\b",
    re.IGNORECASE,
)
# Words that make what follows them something other than the subject's name.
TITLE_BREAKERS = SAYING | frozenset("of by for at from with in on to as both all each".split())
CONJUNCTIONS = frozenset("and or nor but".split())
PREPOSITION_INSIDE = re.compile(r"\s(?:of|by|for|at|from|with|in|on)\s")
# A party and state after a lawmaker's name: "(R-WI)", "(D-Calif.)", or a party alone: "(D)".
PARTY_TAG = re.compile(rf"[DRI]|[A-Z]{{1,3}}\s?[-–]\s?[A-Z][\w.{DOT}]{{0,12}}")
# A word of a title between an employer and a name: "executive", "nutrition-policy", "1st".
TITLE_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*|\d+(?:st|nd|rd|th)")
# What ends a description after a name that modifies its noun: "the Ohio| senator".
MODIFIER_END = re.compile(r"(?:\s+[a-z][\w\-]*)+\s*")
# A word after a capitalised one that may be a noun it modifies ("French| media"), not a
# preposition, an adverb or a clause's first word ("French| later", "English| in a …").
NOUN_AFTER = re.compile(
    r"\s+(?!(?:during|at|on|in|after|before|over|last|this|to|from|with|by|for|of|and|or|but"
    r"|who|which|that|whose|when|while|as|later|earlier|today|yesterday|tonight|again|also"
    r"|then|too|now|here|there|once|twice)\b)[a-z][\w\-]*(?<!ly)\b"
)
PLACE_INSIDE = re.compile(r"\s(?:at|in|on|to)\s")  # "a dispatcher on |X", "an aide to |X"
# A participle right before a name, after the noun it qualifies, which makes the name its
# object: "crews embracing |Park"; not a noun in -ing ("at a briefing |Park", "everything").
OBJECT_OF_PARTICIPLE = re.compile(
    r"(?:^|\s)(?!(?:the|a|an|this|that|these|those|his|her|their|its|our|at|in|on|of|during"
    r"|after|before|not|every|each|some|any|no)\s)\S+\s(?![a-z]*thing\s)[a-z]{2,}ing\s+$"
)
# A past participle and "by" right before a name, which make the name its agent: "crews
# hired by |Park", "fields seized by the |Harbor Authority"; the noun before the participle
# is the subject. Not a document's maker ("a report prepared by |Park" is Park's words).
AGENT_BEFORE = re.compile(r"(?:^|\s)(?P<participle>[a-z]{2,})\s+by\s+(?:the\s+)?$")
IRREGULAR_PARTICIPLES = wordset(
    "run led held won built owned made paid chosen taken given shown hit caught kept"
)
# A name ending in a hyphenated participle or a noun that makes a compound adjective
# modifies the noun after it: "White House-era documents", "Kremlin-backed media", "GOP-led
# panel", "Soviet-style plan"; not a name whose last part is written so ("Moon Jae-in",
# "Kim Jong-un").
HYPHENATED_MODIFIER = re.compile(
    r"-(?:[a-z]+ed|born|era|style|type|like|wide|level|area|class|friendly|"
    rf"{'|'.join(sorted(IRREGULAR_PARTICIPLES))})$"
)
# What may stand between a comma and a passive participle in an aside about the noun
# before it: "The statement, which was obtained by Variety, said".
RELATIVE_AUXILIARIES = wordset("which who that was were is are has have had been being")
AUTHORED = wordset(
    "written signed issued released published posted filed authored conducted compiled "
    "prepared commissioned produced drafted sent"
)


def quoted_only(np: str) -> bool:
    """True for a phrase that is all in one pair of quote marks: a title or words quoted
    between a verb and another ("wrote “The Long Bridge,” said"), never who speaks."""
    text = np.strip(" ,;:")
    return len(text) > 2 and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES and not any(
        mark in OPENING_QUOTES or mark in CLOSING_QUOTES for mark in text[1:-1]
    )


def after_a_name(chunks: list[str], position: int) -> bool:
    """True for a chunk set off right after a name: an aside about that person ("Lee,
    representing workers at the plant, said"), not the subject."""
    before = chunks[position - 1] if position else ""
    return NAME_RUN.fullmatch(before) is not None and before.split()[0] not in STOP_WORDS


def agent_of(chunk: str, at: int) -> bool:
    """True for a name at `at` that is the agent of a passive participle before it ("crews
    hired by Park"), not the maker of a document ("a letter signed by Park")."""
    if " by " not in chunk:
        return False
    agent = AGENT_BEFORE.search(chunk, 0, at)
    if agent is None or RELATIVE_AUXILIARIES.issuperset(
        chunk[: agent.start("participle")].lower().split()
    ):
        return False  # "…, (which was) obtained by Reuters, said": an aside, no noun of its own
    word = agent["participle"]
    return (word.endswith("ed") or word in IRREGULAR_PARTICIPLES) and word not in AUTHORED and (
        word not in SAYING
    )


def opens_aside(chunk: str) -> bool:
    """True for a chunk that is no one's name though capitalised: "Under Ronald Reagan",
    or a title with no name in it ("VFI Chief Executive", "Republican of Ohio"), but not a
    body ("Republican Party of Ohio")."""
    if ASIDE.match(chunk):
        return True
    words = {bare(word) for word in chunk.split()}
    return not TITLES.isdisjoint(words) and ORG_WORDS.isdisjoint(words) and (
        parse_run(chunk)[1] is None
    )


def personal_name(chunk: str) -> bool:
    """True for a chunk that is one person's name and nothing else, opening with a given
    name the lists know or a title: "Ann Ross", "Judge Ann Ross"; not "Kelby Rovers",
    "Sentencing Tom Ellis" (a participle opening the sentence), "Jo Lee and Bo Park"."""
    if " and " in chunk or NAME_RUN.fullmatch(chunk) is None:
        return False
    tokens, span, words = parse_run(chunk)
    if span is None or len(span) < 2:
        return False
    before = tokens[: len(tokens) - len(span)] if tokens[-len(span) :] == span else ()
    return words[0] in GIVEN_NAMES or any(bare(word) in PERSON_TITLES for word in before)


def titled_name(chunk: str, run: re.Match[str] | None) -> bool:
    """True for a name after plain words of a title: "political analyst Xavier Abu Eid"
    (but not "the Conservative MP", a title alone)."""
    return run is not None and is_name_word(bare(run.group().split()[-1])) and all(
        word.isalpha() and word not in TITLE_BREAKERS for word in chunk[: run.start()].split()
    )


def is_affiliation(between: str) -> bool:
    """True when what separates two names makes the first one the second's employer or
    place: plain lower-case words of a title ("NASA| administrator |Jim Bridenstine",
    "Idaho| dairy-farm owner |Ann Lee", "Army| 1st |Lt. Bo Park")."""
    words = between.split()
    return bool(words) and all(
        TITLE_WORD.fullmatch(word) and word not in TITLE_BREAKERS
        and word not in CONJUNCTIONS for word in words
    )
