"""Who a description of a speaker stands for: "the ministry", "a spokesperson for X",
"the report", "the actor", "one legal expert".

A description names a body when it holds one ("the Ministry of Defence"), or is tied to one
the story named ("a spokesperson for X", "the report released by X" or "X issued a report",
"Indonesia's foreign ministry" for "the ministry"; not the site it was posted on, "a
Facebook post"), or holds a person's role the story gave one person ("the
governor" for "Gov. Jo Lee"); else it is someone unnamed (Name("")): the latest body or
person named nearby was it too seldom to say.

What ties a description to a body or person named before its quotation is looked up by
description_ties.py; the holder of a role it asks for, by role_holders.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.text import UPPER, restore, wordset
from .description_ties import OWNER, OWNER_NAME, SPOKES, Ties, speaks_for, tied
from .groups import PEOPLE
from .name_words import GROUPS, PERSON_TITLES, SOMEONE, STOP_WORDS
from .names import Name, NameIndex
from .phrases import DETERMINER
from .pronouns import Antecedents
from .quotes import Found
from .role_holders import RoleHolders
from .roles import AFTER_HEAD
from .runs import NAME_RUN, bare

# What a body or person puts their words out in: "the statement said", "Ford's letter".
DOCUMENTS = (
    r"(?:statement|letter|release|report|filing|post|complaint|memo|study|survey|poll"
    r"|forecast|analysis|assessment|estimate)"
)
DOCUMENT_NOUN = rf"\b{DOCUMENTS}"
DOCUMENT = re.compile(rf"{DOCUMENT_NOUN}$")
ORGANISATION_NOUNS = re.compile(
    r"\b(?:company|firm|group|agency|ministry|office|department|government|authority"
    r"|administration|embassy|military|army|police|commission|council|committee|court"
    r"|league|union|organization|organisation|team|network|studio|label|club|bloc|alliance"
    r"|coalition|party|association|federation|institute|foundation|bank|watchdog|regulator"
    r"|newspaper|broadcaster|university|charity|airline|retailer|presidency|campaign)(?P<plural>s?)$"
)
# Someone or something speaking for a named body: "a spokesperson for X", "a study by X".
REPRESENTATIVE = re.compile(
    rf"^(?:a|an|the)\s+(?:[\w\-]+\s+){{0,4}}?(?:(?P<agent>{SPOKES}|representative|lawyer"
    rf"|attorney)|{DOCUMENTS}|paper|review|tweet|message|email)"
    r"\s+(?:for|of|at|by|from)\s+(?P<org>.+)$",
    re.IGNORECASE,
)
# Words that make "the …" someone the story has named, as news calls people by their age
# or by what they are known for: "the 85-year-old Nobel Peace Prize winner", "the actor".
KNOWN_PERSON = re.compile(
    r"\b\d+-year-old\b|\b(?:actor|actress|singer|rapper|star|musician|comedian|athlete"
    r"|author|novelist|filmmaker|billionaire|laureate|winner|premier)$"
)
# Where or how a description's speaker spoke, after the description itself.
DESCRIPTION_TAIL = re.compile(r"\s+(?:in|on|at|during|via|through)\s.*$")
SPOKESPERSON = re.compile(SPOKES)
# A body named with another's name in it, owning what follows: "Moody’s Analytics’ ".
OWNER_CHAIN = re.compile(
    rf"(?P<name>{OWNER}{OWNER_NAME})(?:['’]s|(?<=s)['’])\s+(?:[a-z][\w\-]*\s+){{0,3}}$"
)  # and "latest" or "new" before the noun
# Someone or something known only by whose they are: "Ford's now-deceased father".
POSSESSED = re.compile(rf"(?P<owner>{OWNER_NAME})(?:['’]s|(?<=s)['’])\s+[\w\- ]+$")
# Sites a document is posted on, named before it: "a Facebook post", "his YouTube video".
PLATFORMS = wordset("Facebook Twitter Instagram YouTube TikTok LinkedIn Snapchat Reddit Medium"
                    " Substack Telegram WhatsApp Threads Bluesky")
ON_PLATFORM = frozenset(word.lower() for word in PLATFORMS)
# The head nouns of people tied to a body ("a member of the team"), lower case as written in
# a description: the titles, and words for someone who speaks from inside it.
PERSON_HEADS = frozenset(title.lower() for title in PERSON_TITLES) | wordset(
    "source sources person people member members insider insiders employee employees worker "
    "workers friend friends figure figures someone one head heads"
)
TIE_ADJECTIVES = wordset("close closest familiar near linked connected loyal")
CAPITAL = re.compile(f"[{UPPER}]")
MAX_DESCRIPTION_WORDS = 12
MAX_BODY_WORDS = 6  # "the Ministry of Foreign Affairs of Japan"
UNNAMED = frozenset(word.lower() for word in SOMEONE)  # "another", "others"


class Descriptions:
    """The descriptions of speakers in one story, read against its names."""

    def __init__(self, texts: Sequence[str], names: NameIndex, found: Sequence[Found],
                 pronouns: Antecedents) -> None:
        self.names = names
        self.ties = Ties(texts, names, found, pronouns)
        self.role_holders = RoleHolders(texts, names, found)

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
                if run.group().lower() in PEOPLE and org[: run.start()].lower() != "the ":
                    return Name("", "person")  # "a spokesman for committee Democrats": for
                    # people the story does not name, no body ("Senate Democrats", "the
                    # Democrats" are one)
                name = self.names.name_of(run.group(), the=org[: run.start()].lower())
                if represented["agent"]:  # "a lawyer for X"; "a study by X" is X's words
                    return speaks_for(name, org[run.end() :], "for a body named")
                return tied(name, "for a body named")
        if lowered.split()[0] in GROUPS and " " in lowered:
            return Name("", "person")  # "Experts of Ohio's Harbor Institute": people unnamed
        if DETERMINER.match(lowered) or lowered.split()[0] in GROUPS:
            np = DESCRIPTION_TAIL.sub("", np)  # "the court in its ruling"
            lowered = np.lower().strip()
            body = ORGANISATION_NOUNS.search(lowered)
            if body is not None and tied_person(np):
                body = None  # "a member of the Kelby team": a person, not the body
            document = None if body else DOCUMENT.search(lowered)
            noun = document.group() if document else None
            if noun or body:
                author = self.author(np, noun) if noun else None
                if author:
                    return tied(author, "document's author")
                if body and CAPITAL.search(np, 1):
                    return Name(restore(np), "organisation", via="a body named")
                if body and body["plural"]:
                    return Name("", "organisation")  # "the associations": several, unnamed
                modifiers = [word for word in lowered.split()[1:-1] if word not in ON_PLATFORM]
                described = self.names.described_organisation(modifiers) or (
                    self.ties.owned_body(lowered.split()[-1], index) if body else None
                )
                if described:
                    return Name(described, "organisation", via="a body named before")
                issuer = self.ties.issuer(noun, index) if noun else None
                if issuer:
                    return tied(issuer, "document's issuer")
                # "the company", "the report" of no body the story ties it to: the latest
                # body named was it too seldom (measured: about one in eight) to say.
                return Name("", "organisation")
            if lowered[:4] != "the ":
                return Name("", "person")  # "a witness", "one legal expert"
            holder = self.role_holders.role_holder(np, index)
            if holder is not None:
                return holder
            noun = lowered.split()[-1]
            body = self.ties.represented_body(index) if SPOKESPERSON.fullmatch(noun) else None
            if body:  # "the spokesperson" after "a Foreign Office spokesperson"
                return tied(body, "spokesperson's body")
            if KNOWN_PERSON.search(lowered):  # "the 85-year-old", "the actor"
                # the latest person was right one in three
                return tied(self.ties.only_person(index), "only person")
            return Name("", "person")
        if lowered.split()[0] in UNNAMED:
            return Name("", "person")  # "Another said", "Others wrote"
        if ORGANISATION_NOUNS.search(lowered) and self.names_a_body(np) and not tied_person(np):
            return Name(restore(np), "organisation", via="a body named")
        document = DOCUMENT.search(lowered)
        if document:  # "Ford's statement", "Moody’s Analytics’ forecast", "Pentagon report"
            return tied(self.author(np, document.group()), "document's author")
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
        # Where it was put out is not who put it out: "the school's Facebook post".
        runs = [run for run in NAME_RUN.finditer(before) if run.group() not in PLATFORMS]
        if not runs:
            return None
        the = "the " if before[: runs[-1].start()].lower().startswith("the ") else ""
        return self.names.name_of(runs[-1].group(), the=the, speaking=True)


def tied_person(np: str) -> bool:
    """True for a description of someone tied to a body, its head a person's noun before
    the words that name the body: "a member of the Kelby team", "a source close to the
    club", "the head of the Harbor Authority" are people, not the body; "the Kelby branch of
    the union" (a part of it) and "the report of the committee" are not."""
    words = AFTER_HEAD.split(f" {np.strip()} ", maxsplit=1)[0].split()
    while words and words[-1] in TIE_ADJECTIVES:  # "a source |close| to the club"
        words.pop()
    return len(words) < len(np.split()) and bool(words) and words[-1] in PERSON_HEADS
