"""Whom a description by a person's role stands for: the one person the story gave the role.

"The Florida senator" is Jo Lee when the story, before the quotation, gave that role to Lee
alone ("Sen. Jo Lee (R-Fla.)", "Florida Sen. Jo Lee", "Jo Lee, the Florida senator,");
someone unnamed when others may hold it too (several people given it, someone unnamed given
its noun, a title over two names joined by "and") or Lee is named only after the quotation.
The roles themselves are read by roles.py.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .names import Name, NameIndex
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

# Someone unnamed given a role's noun ("a federal judge", "the other senator"), and how far
# before and after the holder's name its own role is written ("As a judge, Lee", "Lee, a
# judge in Iowa").
UNNAMED_HOLDER = r"\b(?:a|an|another|other|fellow)\s+(?:[\w\-]+\s+){0,3}?"
# Someone else named as holding the role of a country, a body or a person: "Chile's
# ambassador, Ana Ruiz,"; not the holder ("Ohio's governor, Jo Lee,"), nor a role left
# unnamed ("Ohio's governor has vetoed it"), most often the holder's, nor another role
# ("Boston's former mayor", "Lee's lieutenant governor").
OWNED_HOLDER = r"\b[A-Z][\w\-]*['’]s\s+(?P<words>(?:[\w\-]+\s+){0,3}?)"
NAMED_AFTER = re.compile(rf",\s+(?P<run>{NAME_RUN.pattern})")
OWN_ROLE_BEFORE, OWN_ROLE_AFTER = 15, 4


class RoleHolders:
    """The holders of the roles one story's descriptions ask for; each person's roles are
    read once a story, and the holders of each role once."""

    def __init__(self, texts: Sequence[str], names: NameIndex, found: Sequence[Found]) -> None:
        self.texts = texts
        self.names = names
        self.found = found
        self.roles: dict[tuple[str, str], tuple[list[str], set[str]]] = {}  # by given
        self.holders: dict[tuple[str, frozenset[str]], list[str]] = {}  # by role_holder

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
        other Iowa senator", or another is named as its holder ("Chile's ambassador, Ana
        Ruiz,"); not the holder's own role ("Lee, a senator from Iowa,"), nor
        one written before the holder is named, most often the holder ("A judge ruled on
        Monday. Judge Lee wrote …")."""
        noun = re.escape(head) + r"s?\b"
        unnamed = re.compile(UNNAMED_HOLDER + noun, re.IGNORECASE)
        owned = re.compile(OWNED_HOLDER + noun)
        own = [(index, start, end) for index, start, end, _ in self.names.introductions[holder]]
        first, _, after = own[0]
        for index in range(first, quote.first + 1):
            text = self.texts[index][: quote.start if index == quote.first else None]
            lo = after if index == first else 0
            for found in unnamed.finditer(text, lo):
                if not any(at == index and start - OWN_ROLE_BEFORE <= found.start() <= end
                           + OWN_ROLE_AFTER for at, start, end in own):
                    return True
            if any(MARKED.isdisjoint(found["words"].lower().split())
                   and self.other_named(text, found.end(), holder)
                   for found in owned.finditer(text, lo)):
                return True
        return False

    def other_named(self, text: str, end: int, holder: str) -> bool:
        """True when a person other than the holder is named right after a role ending at
        `end`: "Chile's ambassador, Ana Ruiz,"; not "America's ambassador, Jo Lee," (Lee's)."""
        after = NAMED_AFTER.match(text, end)
        name = self.names.name_of(after["run"]) if after is not None else None
        return name is not None and name.kind == "person" and name.text != holder

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
