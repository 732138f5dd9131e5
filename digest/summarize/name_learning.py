"""What the name index reads off runs while it learns a story's names, before reading them.

A run of several capitalised words may be a place ("in Palm Beach", "Sandy Hook, Conn."),
a body named after a person ("Jo Lee Center"), or a person's name; an acronym in brackets
after a run is its alias ("… Administration (DEA)"), and a given name in brackets before a
surname completes a name ("Coach (Frank) Vogel"). names.NameIndex uses these while it is
built; nothing here keeps state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..core.text import DOT, UPPER, wordset
from .lexicon import SAYING
from .name_words import (
    GIVEN_NAMES,
    NOT_NAME_WORDS,
    ORG_WORDS,
    PERSON_TITLES,
    SKIPPED,
    SUFFIXES,
    TITLES,
)
from .runs import NAME_RUN, NAME_TOKEN, bare, plain_words, possessive

# After a run of capitalised words, the acronym that stands for it: "… Administration (DEA)".
# Looked for after each whole run: a regex of run and acronym would read the run again from
# each of its words.
ACRONYM_AFTER = re.compile(rf"\s+\(([{UPPER}{DOT}&]{{2,}})\)")
# A given name an editor puts in before a surname: "Coach (Frank) Vogel said".
BRACKETED_GIVEN_NAME = re.compile(
    rf"(?:\(([{UPPER}][a-z]+)\)|\[([{UPPER}][a-z]+)\]) ({NAME_TOKEN})"
)
# A nickname in quote marks between a given name and a surname: "Robert “Bob” Lane".
NICKNAMED = re.compile(rf"([{UPPER}][a-z]+) [“\"‘']([{UPPER}][a-z]+)[”\"’'] ({NAME_RUN.pattern})")
NICKNAME = re.compile(rf" [“\"‘'][{UPPER}][a-z]+[”\"’'] [{UPPER}]")  # found fast, before the above
BRACKETED_ACRONYM = re.compile(rf"\([{UPPER}{DOT}&]{{2,}}\)")  # found fast, before the above

# What comes right before a sentence's first word, found without a call: ". ", "” ".
AFTER_A_STOP = frozenset(f"{mark}{space}" for mark in ".!?\"”“:" for space in " \n")
# Quote marks right around a run make it the title of a work, not a person's name.
OPENING_MARKS = frozenset("“\"«")
CLOSING_MARKS = frozenset("”\"»")
# After a name, what makes it a body's, not a person's: "Big Machine have denied it", a
# plural verb for a company or a group, or "West Mercia police", a body the name owns.
NOT_A_PERSON_AFTER = re.compile(
    r" (?P<plural>have|are|were) | (?:police|government|council|authorities|officials)\b"
)
# Before a country that ends a role, not starts a name: "envoy to Ukraine Kurt Volker".
ROLE_FOR = (" to ", " for ", " of ", " in ", " from ")
# Words inside a body's name that end a run: "Committee to Protect Journalists".
BODY_LINKS = (" to ", " of the ", " for the ")
LINK_OPENINGS = frozenset(link[:4] for link in BODY_LINKS)
# Where a run of several words is a place, not a person: after "in" or "near" ("in Palm
# Beach", "In Sandy Hook, …"), or before a state's abbreviation ("Sandy Hook, Conn.");
# unless a given name or a title opens it ("in Donald Trump", "Virginia Beach" stays).
PLACE_PREPOSITIONS = ("in", "near", "across", "throughout")
PLACE_BEFORE = tuple(f"{mark}{word} " for word in PLACE_PREPOSITIONS for mark in " (")
PLACE_OPENERS = tuple(f"{word.capitalize()} " for word in PLACE_PREPOSITIONS)
STATE_AFTER = re.compile(
    rf",\s([{UPPER}][a-z]{{1,4}}|[{UPPER}][.{DOT}][{UPPER}])[.{DOT}](?![^\W\d_])"  # not "Ph.D."
)
# Words opening a sentence that stay with the run after them, the common ones too: the
# run's reading takes away "The", and keeps "Senator" or "Will" ("Will Lee").
KEPT_OPENERS = GIVEN_NAMES | NOT_NAME_WORDS | SKIPPED
# Given names that are also months or titles: "April Ryan", "Dean Baquet" name someone
# when they open a run of two words and no other given name goes with the surname
# ("Dean Amar" is Vikram Amar's title when the story names him so).
GIVEN_OR_OTHER = wordset("April May June August Dean")
# Words before a month that make it a date: "in April Lee said", "since May Park has".
DATE_BEFORE = re.compile(
    r"\b(?:in|on|of|since|until|till|by|from|through|last|next|this|early|late|mid|before"
    r"|after|during)\s+$", re.IGNORECASE
)


def someones_words(texts: Sequence[str], runs: Sequence[tuple[int, int, int, str]],
                   several: dict[str, int]) -> set[str]:
    """Words the story writes as someone's name: after a title ("Mr. Romney", "President
    Xi") or alone next to a verb of saying ("Xi said", "said Xi"); a run written as a
    place holding one is a person's ("faith in Xi Jinping")."""
    words = set()
    for run in several:
        title, _, word = run.partition(" ")
        if " " not in word and bare(title) in PERSON_TITLES:
            words.add(bare(word))
    for index, start, end, run in runs:
        if " " not in run and said_next_to(texts[index], start, end):
            words.add(bare(run))
    return words


def person_signs(texts: Sequence[str], runs: Sequence[tuple[int, int, int, str]],
                 several: dict[str, int], alone: set[str], someones: set[str]
                 ) -> Callable[[str], bool]:
    """Whether the story writes a run of several words as someone's: after a title ("Sen.
    Sandy Hook"), next to a verb of saying ("Sandy Hook said"), or holding a word it writes
    as someone's (`someones`) or whose last word stands alone (`alone`: "Hook said")."""
    titled = {rest for run in several for title, _, rest in [run.partition(" ")]
              if bare(title) in PERSON_TITLES}

    def signs(words: str) -> bool:
        if words in titled or holds_someones(words, alone, someones):
            return True
        for index, start, end, run in runs:
            if run == words and (said_next_to(texts[index], start, end) or bare(
                texts[index][max(0, start - 12) : start].rstrip().rpartition(" ")[2]
            ) in TITLES):  # "Sen. Sandy Hook", its title a run of its own
                return True
        return False

    return signs


def holds_someones(words: str, alone: set[str], someones: set[str]) -> bool:
    """True when a run holds a word the story writes as someone's (`someones`: "Mr. Park",
    "Park said") or ends in one it writes alone (`alone`)."""
    return bare(words.rpartition(" ")[2]) in alone or not someones.isdisjoint(plain_words(words))


def said_next_to(text: str, start: int, end: int) -> bool:
    """True when a verb of saying comes right after or before text[start:end]."""
    after = text[end + 1 : end + 20].partition(" ")[0].rstrip(",.:;")
    before = text[max(0, start - 20) : start].rstrip().rpartition(" ")[2]
    return (text[end : end + 1] == " " and after in SAYING) or before in SAYING


def place_bodies(places: Sequence[tuple[str, str]], alone: set[str], someones: set[str]
                 ) -> set[str]:
    """The runs written as places (run, the place in it) that name no one, with their places.

    "in Palm Beach": a place, no one's name, unless its last word stands alone elsewhere as
    a surname does ("in Mitt Romney", then "Romney said", `alone`), or any of its words is
    written as someone's (`someones`: "Mr. Romney", "Xi said" for "in Xi Jinping"); "near
    Sandy Hook Elementary": a place's with what is there, the place's too.
    """
    bodies: set[str] = set()
    for words, place in places:
        if not holds_someones(place, alone, someones):
            bodies.add(words)
            if " " in place:  # not "in |Lee| and Park"
                bodies.add(place)
            if place.count(" ") > 1:
                bodies.add(place.rpartition(" ")[0])
    return bodies


def is_place(text: str, start: int, end: int, words: str) -> bool:
    """True for a run of several words written as a place: after "in" or "near", or
    before a state's abbreviation ("Sandy Hook, Conn."), when no given name, title or
    possessive makes it someone's ("in Jo Lee's view", "near Sen. Lee")."""
    opener = words.startswith(PLACE_OPENERS)
    if not (opener or text.endswith(PLACE_BEFORE, 0, start)):
        state = STATE_AFTER.match(text, end)
        if state is None or state[1] in NOT_NAME_WORDS or state[1] in SUFFIXES:
            return False
    first = bare(words.split()[1 if opener else 0])
    return first not in GIVEN_NAMES and first not in TITLES and not possessive(text, end)


def joined_bodies(texts: Sequence[str], runs: Sequence[tuple[int, int, int, str]]
                  ) -> list[tuple[str, str, str]]:
    """(head, tail, whole) of each body's name holding "to" or "of the" ("Committee to
    Protect Journalists", "Ministry of the Environment"), which reads as two runs: only
    when a body's noun opens the name, as a person's name or a place never does ("Jo Lee
    of the Sierra Club", "Edison Research for the Associated Press" are two names), and no
    given name or title opens the run after the link ("gave the Council to Jo Lee")."""
    joins = []
    for index, _, end, words in runs:
        text = texts[index]
        if text[end : end + 4] not in LINK_OPENINGS:
            continue  # nearly every run: looked at first, as it is cheapest
        head = words.removeprefix("The ")
        if bare(head.partition(" ")[0]) not in ORG_WORDS:
            continue
        for link in BODY_LINKS:
            after = NAME_RUN.match(text, end + len(link)) if text.startswith(link, end) else None
            first = bare(after.group().partition(" ")[0]) if after else ""
            if after and first not in GIVEN_NAMES and first not in TITLES:
                joins.append((head, after.group(), f"{head}{link}{after.group()}"))
    return joins


def body_wholes(joins: Sequence[tuple[str, str, str]], alone: set[str], someones: set[str]
                ) -> dict[str, str]:
    """The whole name for the run after a body's link, which reads as a name of its own
    ("Protect Journalists said"), unless it holds a word the story writes as someone's
    ("Park said" for "gave the Council to Bo Park", `holds_someones`; a run of one word
    is written alone by being the run); and for the run
    before it when the story joins it to no other ("the Committee said")."""
    wholes: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    for head, tail, whole in joins:
        if not holds_someones(tail, alone if " " in tail else set(), someones):
            wholes.setdefault(tail, whole)
            heads.setdefault(head, set()).add(whole)
    wholes.update((head, *found) for head, found in heads.items()
                  if len(found) == 1 and head not in wholes)
    return wholes


def named_after(tokens: Sequence[str], runs: dict[str, int]) -> bool:
    """True for a body named after a person the story names on their own: a run (its
    `tokens`) of that person's name and an organisation's word ("Muhammad Ali Center", "the
    Jo Lee Foundation"), which a given name before the word would make a person's."""
    last = bare(tokens[-1]) if len(tokens) > 2 else ""
    return last in ORG_WORDS and last not in TITLES and " ".join(tokens[:-1]) in runs


def bracketed(texts: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """The aliases the story spells out in brackets after a run ("DEA" → "Drug Enforcement
    Administration"), and the names a bracketed given name completes ("Frank Vogel"), or a
    given name before a nickname in quote marks ("Robert “Bob” Lane": "Robert Lane")."""
    aliases: dict[str, str] = {}
    completed: list[str] = []
    for text in texts:
        if "(" in text and BRACKETED_ACRONYM.search(text):
            for run in NAME_RUN.finditer(text):
                acronym = ACRONYM_AFTER.match(text, run.end())
                if acronym:
                    aliases[bare(acronym.group(1))] = run.group()
        if "(" in text or "[" in text:  # "Coach (Frank) Vogel": a given name put in
            for match in BRACKETED_GIVEN_NAME.finditer(text):
                given = match[1] or match[2]
                if given in GIVEN_NAMES:
                    completed.append(f"{given} {match[3]}")
        if NICKNAME.search(text):  # "Robert “Bob” Lane": the given name put before a nickname
            for match in NICKNAMED.finditer(text):
                if match[1] in GIVEN_NAMES and not another_name(match[3]):
                    completed.append(f"{match[1]} {match[3]}")
    return aliases, completed


def another_name(run: str) -> bool:
    """True for a run after a nickname in quote marks that is no surname: a day or a stop
    word ("Ann saw “Jaws” Monday"), or another person's whole name, a given name first
    ("Tom “Hello” Ann Ross replied": Ann Ross, not Tom's surname)."""
    words = run.split()
    return bare(words[0]) in SKIPPED or (len(words) > 1 and words[0] in GIVEN_NAMES)
