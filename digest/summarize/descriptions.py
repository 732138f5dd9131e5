"""Who a description of a speaker stands for: "the ministry", "a spokesperson for X",
"the report", "the actor", "one legal expert".

A description names a body when it holds one ("the Ministry of Defence"), or is tied to one
the story named ("a spokesperson for X", "the report released by X" or "X issued a report",
"Indonesia's foreign ministry" for "the ministry"; not the site it was posted on, "a
Facebook post"), or holds a person's role the story gave one person ("the
governor" for "Gov. Jo Lee"); else it is someone unnamed (Name("")): the latest body or
person named nearby was it too seldom to say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.text import DOT, UPPER, restore, wordset
from .groups import PEOPLE
from .name_words import GROUPS, SOMEONE, STOP_WORDS
from .names import Name, NameIndex
from .phrases import DETERMINER
from .pronouns import Antecedents, backwards
from .quotes import Found
from .roles import (
    MARKED,
    PARTY_NOUNS,
    holds_role,
    party_after,
    role_nouns,
    roles_given,
    wanted_role,
)
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
SPOKES = r"spokes(?:person|man|woman)"
# Someone or something speaking for a named body: "a spokesperson for X", "a study by X".
REPRESENTATIVE = re.compile(
    rf"^(?:a|an|the)\s+(?:[\w\-]+\s+){{0,4}}?(?:(?P<agent>{SPOKES}|representative|lawyer"
    rf"|attorney)|{DOCUMENTS}|paper|review|tweet|message|email)"
    r"\s+(?:for|of|at|by|from)\s+(?P<org>.+)$",
    re.IGNORECASE,
)
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
# A body a person's name is written before, which speaks for that person: "the Lee| campaign".
PERSONS_BODY = re.compile(r"['’]?s?\s+(?:campaign|office|team|camp|family|staff)\b")
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
# Before a document, who put it out: "X issued a statement", "X has released its report".
ISSUED = (
    rf"(?P<actor>{NAME_RUN.pattern})\s+(?:has\s+|had\s+)?(?:issued|released|published|put\s+out"
    r"|sent\s+out|posted|filed|commissioned)\s+(?:a|an|its|their|his|her)\s+(?:[\w\-]+\s+){0,3}"
)
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
CAPITAL = re.compile(f"[{UPPER}]")
MAX_DESCRIPTION_WORDS = 12
MAX_BODY_WORDS = 6  # "the Ministry of Foreign Affairs of Japan"
UNNAMED = frozenset(word.lower() for word in SOMEONE)  # "another", "others"
# Someone unnamed given a role's noun ("a federal judge", "the other senator"), and how far
# before and after the holder's name its own role is written ("As a judge, Lee", "Lee, a
# judge in Iowa").
UNNAMED_HOLDER = r"\b(?:a|an|another|other|fellow)\s+(?:[\w\-]+\s+){0,3}?"
OWN_ROLE_BEFORE, OWN_ROLE_AFTER = 15, 4


class Descriptions:
    """The descriptions of speakers in one story, read against its names."""

    def __init__(self, texts: Sequence[str], names: NameIndex, found: Sequence[Found],
                 pronouns: Antecedents) -> None:
        self.texts = texts
        self.names = names
        self.found = found
        self.pronouns = pronouns
        self.matches: dict[tuple[str, int], list[int]] = {}  # by starts_of
        self.roles: dict[tuple[str, str], tuple[list[str], set[str]]] = {}  # by given
        self.holders: dict[tuple[str, frozenset[str]], list[str]] = {}  # by role_holder

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
                    self.owned_body(lowered.split()[-1], index)
                )
                if described:
                    return Name(described, "organisation", via="a body named before")
                issuer = self.issuer(noun, index) if noun else None
                if issuer:
                    return tied(issuer, "document's issuer")
                # "the company", "the report" of no body the story ties it to: the latest
                # body named was it too seldom (measured: about one in eight) to say.
                return Name("", "organisation")
            if lowered[:4] != "the ":
                return Name("", "person")  # "a witness", "one legal expert"
            holder = self.role_holder(np, index)
            if holder is not None:
                return holder
            noun = lowered.split()[-1]
            body = self.represented_body(index) if SPOKESPERSON.fullmatch(noun) else None
            if body:  # "the spokesperson" after "a Foreign Office spokesperson"
                return tied(body, "spokesperson's body")
            if KNOWN_PERSON.search(lowered):  # "the 85-year-old", "the actor"
                # the latest person was right one in three
                return tied(self.only_person(index), "only person")
            return Name("", "person")
        if lowered.split()[0] in UNNAMED:
            return Name("", "person")  # "Another said", "Others wrote"
        if ORGANISATION_NOUNS.search(lowered) and self.names_a_body(np):
            return Name(restore(np), "organisation", via="a body named")
        document = DOCUMENT.search(lowered)
        if document:  # "Ford's statement", "Moody’s Analytics’ forecast", "Pentagon report"
            return tied(self.author(np, document.group()), "document's author")
        if POSSESSED.match(np):
            return Name("", "person")  # "Ford's father": someone unnamed
        return None

    def role_holder(self, description: str, index: int | None) -> Name | None:
        """The one person the story gave the role a description asks for, named before the
        quote: "the Florida senator" for "Sen. Jo Lee (R-Fla.)", "Florida Sen. Jo Lee" or
        "Jo Lee, the Florida senator,"; Name("") when several hold it or the one holding it
        is named only later; None when no one does."""
        wanted = wanted_role(description)
        if wanted is None:
            return None
        if wanted not in self.holders:
            head = wanted[0]
            stem = "" if head in PARTY_NOUNS else head[:3]  # "gov" for "Gov." and "governor"
            self.holders[wanted] = [name for name in self.names.introductions
                                    if holds_role(*self.given(name, stem), *wanted)]
        holders = self.holders[wanted]
        if len(holders) != 1:
            return Name("", "person") if holders else None
        first = self.names.introductions[holders[0]][0]
        quote = self.found[index] if index is not None else None
        if quote is not None and (
            (first[0], first[1]) > (quote.first, quote.start)
            or self.unnamed_holder(wanted[0], holders[0], quote)
            or self.joint_holder(wanted, holders[0], quote)
        ):
            return Name("", "person")
        return Name(holders[0], "person", "description", via="role holder")

    def unnamed_holder(self, head: str, holder: str, quote: Found) -> bool:
        """True when, between the holder's first naming and the quote, someone unnamed is
        given the role's noun, whom the description may mean as well: "Sen. Lee met the
        other Iowa senator"; not the holder's own role ("Lee, a senator from Iowa,"), nor
        one written before the holder is named, most often the holder ("A judge ruled on
        Monday. Judge Lee wrote …")."""
        unnamed = re.compile(UNNAMED_HOLDER + re.escape(head) + r"s?\b", re.IGNORECASE)
        own = [(index, start, end) for index, start, end, _ in self.names.introductions[holder]]
        first, _, after = own[0]
        for index in range(first, quote.first + 1):
            text = self.texts[index][: quote.start if index == quote.first else None]
            for found in unnamed.finditer(text, after if index == first else 0):
                if not any(at == index and start - OWN_ROLE_BEFORE <= found.start() <= end
                           + OWN_ROLE_AFTER for at, start, end in own):
                    return True
        return False

    def joint_holder(self, wanted: tuple[str, frozenset[str]], holder: str, quote: Found) -> bool:
        """True when, before the quote, someone other than the holder is given the role's
        title in two names joined by "and" ("Sen. Bo Park and Sen. Jo Kim"), which `given`
        leaves unread: the description may mean either ("Lt. Gov. Bo Park" is no governor)."""
        head, words = wanted
        surname = holder.split()[-1]
        for introductions in self.names.introductions.values():
            for index, start, _, run in introductions:
                if " and " not in run or (index, start) > (quote.first, quote.start):
                    continue
                for part in run.split(" and "):
                    nouns = role_nouns(part)
                    if head in nouns and MARKED.isdisjoint(nouns - words - {head}) and (
                        bare(part.split()[-1]) != surname
                    ):
                        return True
        return False

    def given(self, name: str, stem: str) -> tuple[list[str], set[str]]:
        """The roles the story gives a person where `stem` (of the role's noun) is written
        near a mention of them, and the words of their party tags ("(R-Fla.)") wherever;
        read once a story."""
        key = (name, stem)
        if key not in self.roles:
            names = self.names
            roles = list(roles_given(self.texts, names.introductions, names.parse, name,
                                     closed=True, near=stem, joint=False))
            party = set().union(*(party_after(self.texts[index], end)
                                  for index, _, end, run in names.introductions[name]
                                  if " and " not in run))
            self.roles[key] = (roles, party)
        return self.roles[key]

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
        # Where it was put out is not who put it out: "the school's Facebook post".
        runs = [run for run in NAME_RUN.finditer(before) if run.group() not in PLATFORMS]
        if not runs:
            return None
        the = "the " if before[: runs[-1].start()].lower().startswith("the ") else ""
        return self.names.name_of(runs[-1].group(), the=the, speaking=True)

    def issuer(self, document: str, index: int | None) -> Name | None:
        """Who put out "the report": the latest body or person named as its author ("a report
        released on Monday by X", "X issued a report"), in this paragraph before the quote or
        the few before it."""
        if index is None:
            return None
        noun = re.escape(document)
        pattern = re.compile(rf"\b{noun}\b{ISSUED_BY}|{ISSUED}{noun}\b")
        latest = self.latest_match(index, pattern, document)
        if latest is None:
            return None
        return self.names.name_of(latest["name"] or latest["actor"], speaking=True)

    def represented_body(self, index: int | None) -> Name | None:
        """The body whose spokesperson the story last brought in ("a spokesperson for X",
        "the X spokesman"), in this paragraph before the quote or in the few before it;
        Name("") when that was a spokesperson of no body named."""
        latest = None if index is None else self.latest_match(index, SPOKESPERSON_OF, "spokes")
        if latest is None:
            return None
        body = latest["before"] or latest["after"]
        if not body:
            return Name("", "person")
        end = latest.end("before") if latest["before"] else latest.end("after")
        return speaks_for(self.names.name_of(body), latest.string[end : end + 30], None)

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

    def only_person(self, index: int | None) -> Name:
        """The one person named before the index-th quotation, whom a description with no
        name of its own ("the actor") stands for; else someone unnamed."""
        if index is None:
            return Name("", "person")
        quote = self.found[index]
        return Name(self.pronouns.only_one((quote.first, quote.start), "person") or "", "person")


def speaks_for(name: Name | None, after: str, via: str | None) -> Name | None:
    """Who speaks through a representative of `name` ("a spokesperson for X", "the X
    spokesman"; `after`, the text after the name): a body speaks through its spokespeople,
    but a person's lawyer or spokesperson, or one for their campaign or office ("a spokesman
    for the Lee campaign"), is someone unnamed, not the person."""
    if name is None or not name.text:
        return name
    if name.kind == "person" or PERSONS_BODY.match(after):
        return Name("", "person")
    return name if via is None else tied(name, via)


def tied(name: Name | None, via: str) -> Name | None:
    """`name` as a description's speaker, with how the description was tied to it."""
    return None if name is None else name.referred(name.mention, via)
