"""Runs of capitalised words ("Cam Heyward", "Secretary of State Mike Pompeo") and where
the person's name is in one: the run's words without sentence openers and dates, past titles
and organisations, unless the run is a headline's."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..core.text import DOT, UPPER, blank, wordset
from .lexicon import HEADLINE_VERBS
from .name_words import (
    CALENDAR,
    DEMONYMS,
    DEPARTMENTS,
    GIVEN_NAMES,
    GROUPS,
    NOT_NAME_WORDS,
    ORG_WORDS,
    POST_NOMINALS,
    SHORT_MONTHS,
    SKIPPED,
    STOP_WORDS,
    SUFFIXES,
    TITLES,
)
from .places import PLACES

# A capital, then word characters, and apostrophes before two letters ("O’Neil", not "Smith’s").
# Written as runs of one character class, which the regex engine steps through fastest.
NAME_TOKEN = rf"[{UPPER}][\w\-{DOT}&]*(?:['’](?=[{UPPER}a-z]{{2}})[\w\-{DOT}&]*)*"
CONNECTORS = ("of", "for", "and", "&", "on")
CONNECTOR_WORDS = frozenset(CONNECTORS)
# Lower-case words inside a name: "Laurence des Cars", "Ursula von der Leyen".
PARTICLES = (
    r"(?:de|del|da|di|du|des|dos|das|van|von|der|den|la|le|al|bin|ibn|y)"
    r"(?: der| den| de| la| las| los)?"  # "van der Berg", "van den Bosch", "de los Santos"
)
PARTICLE_WORDS = frozenset(re.findall(r"[a-z]+", PARTICLES))
# A month before a day's number, which ends a run: "Jo Lee| Dec 3", "Jo Lee| May 3" (a
# name's word otherwise: "Ai Jun", "Theresa May", see `in_name`).
MONTHS = CALENDAR - wordset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
DATE_AHEAD = rf"(?!(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})[.{DOT}]?[ \t]+\d)"
# An article or particle joined to a name's word by a hyphen or an apostrophe, inside a name:
# "Bashar al-Assad", "Valéry Giscard d’Estaing".
JOINED_PARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az|ud|ul|d)[-'’]"
JOINED = re.compile(JOINED_PARTICLE)
JOINT = " and "  # in a run of names: two people ("Jo Lee and Bo Park")
# What a word after a name's may start with when it goes on the name: a capital, or a
# connector's or particle's first letter. Looked ahead for first, so that the common case,
# a lower-case word after a name, fails at once rather than against each connector,
# particle and month (each alternative is tried in turn); what matches is the same.
LINK_STARTS = "".join(sorted({word[0] for word in re.findall(
    r"[a-z&]+", f"{'|'.join(CONNECTORS)}|{PARTICLES}|{JOINED_PARTICLE}"
)}))
NAME_RUN = re.compile(
    rf"{NAME_TOKEN}(?:[ \t](?=[{UPPER}{LINK_STARTS}])"
    rf"(?:(?:{'|'.join(CONNECTORS)}|{PARTICLES})[ \t]|{JOINED_PARTICLE})?"
    rf"(?=[{UPPER}]){DATE_AHEAD}{NAME_TOKEN})*"
)
# A place in capitals opening a story: "ROME:", "SEOUL, Dec 3 (Reuters) -", "NEWARK, N.J. (AP) —".
DATELINE = re.compile(
    rf"[{UPPER}][{UPPER}{DOT}.'’\- ]{{2,}}(?:,[^:()—–]{{1,30}}?)?\s*"  # place, and date or state
    r"(?:\([^)]{1,40}\)\s*)?[:—–-]\s"  # agency, then the mark before the story
)
MAX_NAME_WORDS = 4  # "Andrés Manuel López Obrador"; more is a headline: "Jo Lee Joins Race"
GLUED_LABEL = re.compile(rf"[{UPPER}]{{2,}}[a-z]")  # "PMJo", "LIVEAnna"
# A person's initials, "J.J." or "G.K.", and the places written so, which are not initials.
INITIALS = re.compile(rf"(?:[{UPPER}][.{DOT}]){{2,3}}")
PLACE_INITIALS = wordset("US UK UN EU DC LA NY NJ UAE USA USSR")
MIN_ROLE_AND_NAME = 4  # words of a run with a role the titles do not know: "Harbor Master Jo Lee"
TITLE_AFTER = frozenset(("elect", "designate"))  # "Gov.-elect", "Minister-designate"
TITLE_BEFORE = frozenset(("Ex", "ex"))  # "Ex-Mayor"
MIN_SHORT_FORM = 3  # letters of a given name's short form: "Pat", "Josh"


def bare(token: str) -> str:
    """A token without periods: "Jr." and "Jr․" are "Jr"."""
    return token.replace(DOT, "").rstrip(".") if "." in token or DOT in token else token


def dateline_end(text: str) -> int:
    """Where the text after a dateline opening `text` starts; 0 when there is none."""
    dateline = DATELINE.match(text) if text[:3].isupper() else None
    return dateline.end() if dateline else 0


def possessive(text: str, end: int) -> bool:
    """True for a name followed by an apostrophe: "Smith's", "the Joneses’"."""
    return text[end : end + 1] in ("'", "’")


def speaks_as_group(word: str) -> bool:
    """True for a lone word that speaks for many: "officials", "Israel", "Republicans",
    "French", "Mexicans"."""
    return word.lower() in GROUPS or word in PLACES or word in DEMONYMS or (
        word[-1:] == "s" and (word[:-1] in TITLES or word[:-1] in DEMONYMS)
    )


def plural_person(text: str, start: int, run: str) -> bool:
    """True for a person's name before a plural verb that is not a body's: one of two
    named ("Jo Lee and Gov. Bo Park have"), or one of a kind ("candidates like Bo Park
    are"), as a given name or a title opening the run tells."""
    first = bare(run.partition(" ")[0])
    return text.endswith((" and ", " like "), 0, start) or first in GIVEN_NAMES or (
        first in TITLES and first not in ORG_WORDS
    )


def opens_sentence(text: str, offset: int) -> bool:
    """True when nothing but a sentence's end comes before `offset`."""
    before = text[max(0, offset - 4) : offset].rstrip()
    if not before:
        return offset < 4 or blank(text, 0, offset)
    return before[-1] in ".!?\"”“:"


# The word tests below take words without their periods (see `bare`).
def is_acronym(word: str) -> bool:
    """ "NASA", "FBI"; not a suffix written in capitals ("III")."""
    return (word.isupper() and len(word.replace("&", "")) > 1 and "." not in word
            and word not in SUFFIXES)


def is_title_word(word: str) -> bool:
    """A title (or titles: "Senators"), an organisation's word or an acronym: "Secretary",
    "Ministry", "NASA"; a title joined to another or to "elect": "President-elect"."""
    return word in NOT_NAME_WORDS or (word.isupper() and is_acronym(word)) or (  # most are not
        word[-1:] == "s" and word[:-1] in TITLES
    ) or ("-" in word and hyphenated_title(word))


def hyphenated_title(word: str) -> bool:
    """ "Gov-elect", "Ex-President", "Vice-Chancellor": no name's word ("Jean-Luc")."""
    parts = word.split("-")
    return parts[-1] in TITLE_AFTER or parts[0] in TITLE_BEFORE or all(
        part in TITLES for part in parts
    )


def is_role_word(word: str) -> bool:
    """A word that makes a role: a title, or an acronym that is no organisation's word."""
    return word in TITLES or (is_acronym(word) and word not in ORG_WORDS)


def is_name_word(word: str) -> bool:
    return len(word) == 1 or not is_title_word(word)  # an initial, or not a title



# What a run of capitalised words comes to: its words without sentence openers and dates, the
# person's name among them (None for no person), and that name's words without their periods.
Run = tuple[tuple[str, ...], tuple[str, ...] | None, tuple[str, ...]]
NO_RUN: Run = ((), None, ())


def parse_run(run: str) -> Run:
    """The words of a run ("But Smith", "Monday", "Secretary of State Mike Pompeo")."""
    if " " not in run and "\t" not in run:  # one word, as most runs are: the steps below, short
        word = bare(run)
        if word in SKIPPED:
            return NO_RUN
        return ((run,), (run,), (word,)) if is_name_word(word) else ((run,), None, ())
    tokens = run.split()
    words = plain_words(run)
    if not CALENDAR.isdisjoint(words):
        kept = [i for i, word in enumerate(words)
                if word not in CALENDAR or in_name(tokens, words, i)]
        tokens, words = [tokens[i] for i in kept], [words[i] for i in kept]
    start, end = 0, len(tokens)
    while start < end and words[start] in STOP_WORDS and not pronoun_surname(tokens[start:]):
        start += 1
    while end > start and tokens[end - 1] in CONNECTORS:
        end -= 1
    span = person_span(words[start:end]) if end > start else None
    if span is None:
        return tuple(tokens[start:end]), None, ()
    first, last = span[0] + start, span[1] + start
    if headline(tokens[first:last], words[first:last]):
        return tuple(tokens[start:end]), None, ()
    return tuple(tokens[start:end]), tuple(tokens[first:last]), tuple(words[first:last])


def in_name(tokens: Sequence[str], words: Sequence[str], at: int) -> bool:
    """True for a month's name that is part of a person's: written with no period right
    after a title or a word of a name ("Ai Jun", "Theresa May", "Mrs. May", "Mayor Jun
    Park"), or, for a short form, opening the run before a name's word ("Jan Kowalski");
    not after a date's word or a sentence's ("Monday Jun", "In March Lee")."""
    word = words[at]
    if word not in MONTHS or tokens[at] != word:
        return False
    if at == 0:
        after = words[1] if len(words) > 1 else ""
        return word in SHORT_MONTHS and after not in SKIPPED and after[:1].isupper() and (
            is_name_word(after)
        )
    before = words[at - 1]
    return before not in SKIPPED and (is_name_word(before) or before in TITLES)


def headline(tokens: Sequence[str], words: Sequence[str]) -> bool:
    """True for a Title-Case headline, a label glued to a name or a pronoun after an initial,
    read as one run: "Jo Lee Says He Will Run Again", "Jo Lee Joins Growing Field", "Jo
    Lee Wins Seat", "(Governor) Signs Budget", "PMJo Lee" (a time stamp's "PM"), "D.C.
    He": no one's name. An initial is no word of a sentence ("Jo A. Lee")."""
    sentence_words = not STOP_WORDS.isdisjoint(words) and any(
        word in STOP_WORDS and len(word) > 1 for word in words
    )
    verb = len(words) > 1 and not HEADLINE_VERBS.isdisjoint(words) and any(
        word in HEADLINE_VERBS and word not in GIVEN_NAMES for word in words[:-1]
    )  # before an object: "(Governor) Signs Budget"; last, a surname too: "Jo Rants"
    return ((sentence_words or verb) and not pronoun_surname(tokens)) or (
        words[0][1:2].isupper() and GLUED_LABEL.match(words[0]) is not None  # "PM…" fast
    ) or (len(words) > MAX_NAME_WORDS
          and sum(len(word) > 1 and word[0].isupper() for word in words) > MAX_NAME_WORDS)


def short_form(name: str, other: str) -> bool:
    """True when two names differ only by a short form of the given name, a middle
    name or a suffix: "Pat Lee", "Patrick W. Lee", "Patrick Lee Jr."."""
    words = [word for word in name.split() if bare(word) not in SUFFIXES]
    other_words = [word for word in other.split() if bare(word) not in SUFFIXES]
    if len(words) < 2 or len(other_words) < 2:
        return False
    first, last, other_first, other_last = words[0], words[-1], other_words[0], other_words[-1]
    shorter, longer = sorted((first, other_first), key=len)
    return last == other_last and len(shorter) >= MIN_SHORT_FORM and longer.startswith(shorter)


def initials(name: str) -> str:
    """ "DEA" for "Drug Enforcement Administration": its capitalised words' first letters."""
    return "".join(word[0] for word in name.split() if word[0].isupper())


def plain_words(run: str) -> list[str]:
    """A run's words without their periods (see `bare`), but for a person's initials
    before another word, which keep the periods between their letters: "J.J. Lee" is
    "J.J", "Lee", no acronym; "U.S. Steel" stays "US", "Steel"; a particle joined to the
    last word is left out of it."""
    words = run.split()
    if words[-1][:1].islower():  # "Bashar al-Assad": the surname is "Assad", as written alone
        words[-1] = JOINED.sub("", words[-1])
    if DOT not in run and "." not in run:
        return words
    plain = [bare(word) for word in words]
    for at, word in enumerate(words[:-1]):
        if INITIALS.fullmatch(word) and plain[at] not in PLACE_INITIALS:
            plain[at] = word.replace(DOT, ".").rstrip(".")
    return plain


def pronoun_surname(tokens: Sequence[str]) -> bool:
    """ "He Jianxiong": a surname that looks like a pronoun, followed by a given name."""
    return len(tokens) > 1 and tokens[0] in ("He", "She") and tokens[1][:1].isupper()


def person_span(words: Sequence[str]) -> tuple[int, int] | None:
    """Where the person's name is among a run's words, after any titles and organisations.

    "Rosaly Lopes of NASA" → "Rosaly Lopes"; "Secretary of State Mike Pompeo" → "Mike Pompeo".
    """
    # No titles, connectors or acronyms, as in most runs: all of it is the name.
    if (words and NOT_NAME_WORDS.isdisjoint(words) and CONNECTOR_WORDS.isdisjoint(words)
            and True not in map(str.isupper, words)
            and not any("-" in word and hyphenated_title(word) for word in words)):
        return given_name_start(words, 0), len(words)
    end = len(words)
    while end > 2 and words[end - 1] in POST_NOMINALS:
        end -= 1  # "Judge Neil Ford QC"
    segments = [(0, end)]
    if not CONNECTOR_WORDS.isdisjoint(words):
        if words[-1] in ORG_WORDS and ("and" in words or "&" in words):
            return None  # "National Oceanic and Atmospheric Administration"
        connectors = [i for i, word in enumerate(words) if word in CONNECTOR_WORDS]
        segments = [(0, connectors[0]), (connectors[-1] + 1, end)]
    for number, (lo, hi) in enumerate(segments):
        start = lo
        for position in range(lo, hi - 1):
            if is_title_word(words[position]):
                start = position + 1
        if hi - start == 1 and start > lo and words[start - 1] in DEPARTMENTS:
            continue  # "Public Relations", "Energy Embargo": part of a body's name
        if number and start == lo:
            # "Commissioner for Human Rights": a name after "of" needs a title before it,
            # or a given name: "U.S. Attorney for the District of Massachusetts Joshua Levy".
            start = next((p for p in range(lo + 1, hi - 1) if words[p] in GIVEN_NAMES), lo)
            if start == lo:
                break
        # The words after the last title are name words, but for the last, checked here:
        # a title's word too after a given name ("John Major", "Paul Nurse"); after any
        # other word a job is where or what the job is ("Texas Rancher", "Celebrity Chef").
        if hi > lo and (is_name_word(words[hi - 1]) or (
            hi - 2 >= start and words[hi - 2] in GIVEN_NAMES
        )):
            return given_name_start(words[:hi], start), hi
    return None


def given_name_start(words: Sequence[str], start: int) -> int:
    """Where a name starts that a role of two words or more comes before, a role no list of
    titles knows: "|Harbor Master |Maria Lopez" (the first given name after two other words,
    neither a given name, an initial nor a sentence's word); `start` when there is none
    ("José Luis Ortiz", a headline's "All the Money You Will Ever Need")."""
    if len(words) - start < MIN_ROLE_AND_NAME:
        return start
    for at in range(start, len(words) - 1):
        word = words[at]
        if word in GIVEN_NAMES:
            return at if at - start >= 2 else start
        if len(word) < 2 or "." in word or word in STOP_WORDS:  # "Money You Will Ever Need"
            return start
    return start
