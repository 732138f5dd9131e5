"""What ties a description to a body or person the story named before its quotation.

"The ministry" is the latest "Indonesia's foreign ministry"; "the report" is the latest one
a body or person put out ("a report released by X", "X issued a report"); "the spokesperson"
speaks for the body whose spokesperson the story last brought in ("a Foreign Office
spokesperson"); "the actor" is the one person named. Each is looked for in the quotation's
paragraph before it or in the few before that, as far back as `Antecedents.latest`
looks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.text import DOT, UPPER, restore
from .names import Name, NameIndex
from .pronouns import Antecedents, backwards
from .quotes import Found
from .runs import NAME_RUN

# Who speaks for a body by trade, as descriptions.py also reads them: "a spokesperson for X".
SPOKES = r"spokes(?:person|man|woman)"
# Whose a body is: "Indonesia's ", "the European Union's ".
OWNER_NAME = rf"(?:[{UPPER}][\w\-{DOT}]*\s+)*[{UPPER}][\w\-{DOT}]*"
OWNER = rf"{OWNER_NAME}['’]s\s+"
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


class Ties:
    """The bodies and people one story's descriptions are tied to, looked up before each
    quotation; a pattern's matches in a paragraph are found once a story."""

    def __init__(self, texts: Sequence[str], names: NameIndex, found: Sequence[Found],
                 pronouns: Antecedents) -> None:
        self.texts = texts
        self.names = names
        self.found = found
        self.pronouns = pronouns
        self.matches: dict[tuple[str, int], list[int]] = {}  # by starts_of

    def owned_body(self, noun: str, index: int | None) -> str | None:
        """ "the ministry" → "Indonesia's foreign ministry", the latest body of that kind
        (`noun`, a body's noun) named by whose it is, in this paragraph before the quote or
        in the few before it."""
        if index is None:
            return None
        owned = re.compile(rf"{OWNER}(?:[a-z]+\s+){{0,3}}{re.escape(noun)}\b")
        latest = self.latest_match(index, owned, noun)
        return restore(latest.group()) if latest else None

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
