"""Breadcrumbs and section names a page runs into a story's first sentence ("Home › Politics
› ", "POLITICS The…", "Local The Hill family…"), and what tells a sentence opening after them.

chrome.py cuts them off with the rest of a page's chrome; the words are data here.
"""

from __future__ import annotations

import re

from .text import NOUNS_IN_LY

STARTS_SENTENCE = re.compile(r"[\"“‘'(]?[A-Z0-9]")

# "Home › Politics › ", "POLITICS | ", "Home / News / ": a trail of links or a section label,
# capitalised items; dashes only after "Home", as a dateline's dash ("RIVERTON — ") is news.
CRUMB_ITEM = r"[A-Z0-9][\w’'&.-]*(?:\ [\w’'&.-]+){0,3}"
# A slash too only after "Home" or in a trail of two, as "Ann Hill / Reuters" is a credit.
CRUMB_MARK = r"(?:[›»→▸▶•·]|\s(?:[|>]|::)(?=\s))"
CRUMBS = re.compile(
    rf"""^(?:(?:[Yy]ou\ are\ here|[Bb]readcrumbs?)\s*:?\s*)?
    (?:(?:[Hh]ome|HOME)(?:\s*(?:[-–—/]|{CRUMB_MARK})\s*{CRUMB_ITEM})*\s*(?:[-–—/]|{CRUMB_MARK})\s*
    | (?:{CRUMB_ITEM}\s*{CRUMB_MARK}\s*)+
    | (?:{CRUMB_ITEM}\s/\s){{2,}})""",
    re.VERBOSE,
)
# Names of a site's sections, which pages set in capitals above the story ("POLITICS"), or
# after "Home" with no mark between ("Home Politics").
SECTIONS = frozenset(
    """news politics world business sport sports opinion local national nation tech technology
    science health entertainment culture arts life lifestyle travel food education environment
    climate crime weather economy markets money finance europe asia africa americas australia
    canada india china metro region community obituaries music movies film media
    religion style fashion books games gaming security policy law courts military defense
    energy transport transportation investigations features newsletters""".split()
)
SECTION_WORDS = 4
# Words that open a sentence and go on no name: "Local The…" is a section and a sentence.
OPENERS = frozenset("The A An This That These Those After Before When While In On At As".split())
NAMED_OPENER_WORDS = 3  # "The Hill family…": a name's words after "The", at most
# What a verb after such a name ends with, or is: no noun the name is for.
VERB_ENDINGS = ("ed", "s")
AUXILIARIES = frozenset(
    "is was has had will would can could may might must should does did won't can't".split()
)
# Verbs of the past with no "-ed", which follow a noun as well as a name ("The Hill family
# said", "The Musical sold out").
PAST_TENSES = frozenset(
    """said told gave made took won lost sold bought brought came went got held kept left led
    met paid put ran saw sent set spent found grew rose fell began wrote spoke""".split()
)
# Adverbs, which come before a verb and name nothing: "-ly" words but nouns, and others.
ADVERBS = frozenset("now also still just again already once never soon then".split())
PLACE_WORDS = frozenset("on in at".split())  # before a time or a place between noun and verb
SECTION_MARKS = frozenset("/ | : - – — › » >".split())


def opens(text: str, at: int) -> bool:
    """True when a sentence's opening word ("The") and a word in lower case follow `at`:
    "Share The city…" is a button and a sentence, "Save The Children" a name."""
    words = text[at : at + 40].split(" ", 2)
    return len(words) > 2 and words[0] in OPENERS and words[1][:1].islower()


def opens_named(text: str) -> bool:
    """True when `text` opens a sentence as `opens` has it, or with "The", a name in title case
    and a noun it names ("The Hill family said…", "The Park campaign will…"): a section's
    name before it ("Local The Hill family…") is no part of it. A verb after the name ("The
    Musical opened") may end a title that the section's word begins ("Politics The
    Musical"), which stays whole."""
    if opens(text, 0):
        return True
    words = text[:120].split()[: NAMED_OPENER_WORDS + 5]
    if not words or words[0] != "The":
        return False
    for count, word in enumerate(words[1 : NAMED_OPENER_WORDS + 1], start=1):
        if word[:1].islower():
            return count > 1 and names_noun(word, words[count + 1 : count + 4])
        if not word.istitle() or not word.isalpha():
            return False
    return False


def names_noun(word: str, after: list[str]) -> bool:
    """Whether `word`, in lower case after a name, is the noun the name is for: no verb nor
    adverb, and set off by a comma ("The Ward family, who…") or followed by a verb, maybe
    after a time or a place ("The Hill family said", "The Hill family on Friday sold"). A verb
    after any other word ("The Game won the prize") tells a title ending where the verb
    begins, as "The Musical sold out" does."""
    noun = word.removesuffix(",")
    if not noun.isalpha() or is_verb(noun) or noun in ADVERBS or (
            noun.endswith("ly") and noun not in NOUNS_IN_LY):
        return False
    if len(after) == 3 and after[0] in PLACE_WORDS and after[1].istitle():
        after = after[2:]  # "on Friday", "in Brookfield"
    return word.endswith(",") or (bool(after) and is_verb(after[0].rstrip(",.")))


def is_verb(word: str) -> bool:
    """Whether a word in lower case reads as a verb: its ending, an auxiliary or a past tense."""
    return word.endswith(VERB_ENDINGS) or word in AUXILIARIES or word in PAST_TENSES


def without_crumbs(text: str) -> str:
    """Text past a breadcrumb or section label ("Home › Politics › ", "POLITICS | ")."""
    return past(CRUMBS, text)


def without_sections(text: str) -> str:
    """Text past section names: "POLITICS The…", "Home News The…", "Local News: The…",
    "Politics / The…", "Local The…" (in capitals, after "Home", followed by a mark or by a
    word that opens sentences and no name)."""
    words = text.split(" ", SECTION_WORDS + 1)
    home = words[0] in ("Home", "HOME")
    count = int(home)
    capitals = labelled = False
    while count < min(len(words) - 1, SECTION_WORDS) and not labelled:
        word = words[count]
        if word.lower().rstrip(":|") not in SECTIONS:
            break
        capitals = (capitals or count == int(home)) and word.isupper() and len(word) > 1
        labelled = word.endswith((":", "|"))
        count += 1
        if not labelled and count < len(words) - 1 and words[count] in SECTION_MARKS:
            labelled = True
            count += 1
    if count == int(home):  # no section's name: most texts, read no further
        return text
    rest = text.split(" ", count)[-1]
    if not (home or capitals or labelled or opens_named(rest)):
        return text
    first = rest.split(" ", 1)[0]
    return rest if STARTS_SENTENCE.match(rest) and not first.isupper() else text


def past(prefix: re.Pattern[str], text: str) -> str:
    """Text past what `prefix` matches at its start, when a sentence starts there."""
    match = prefix.match(text)
    rest = text[match.end() :] if match else ""
    return rest if rest and STARTS_SENTENCE.match(rest) else text
