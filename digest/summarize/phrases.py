"""Reading the noun phrase of an attribution: a pronoun, a name, or a description.

"John Hemmings, Asia Director at the Henry Jackson Society, told" names John Hemmings;
"said South Korea's vice unification minister, Chun Hae Sung," names Chun Hae Sung;
"the staff member who recalled that he said" comes down to "he"; "one legal expert
said" is a description. What the reading refers to is decided by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import zip_longest

from ..core.text import CLOSE_SHAPES, DOT, OPEN_SHAPES, UPPER, wordset
from .groups import tied_group
from .lexicon import AS_TOO, SAYING, alternation
from .name_words import (
    DEMONYMS,
    NATIONAL_ENDING,
    ORG_WORDS,
    STOP_WORDS,
    TITLES,
)
from .runs import NAME_RUN, NAME_TOKEN, bare, is_name_word, parse_run, possessive

# When or where someone spoke, between their name and the verb: "Lee| during a rally".
WHEN_AFTER = re.compile(r"\s+(?:during|at|on|in|after|before|over|last|this)\s[^,;]*")
# A nationality before a lower-case noun: "Afghan economic official", "Israeli diplomat".
NATIONAL_MODIFIER = re.compile(rf"[{UPPER}][a-z]+{NATIONAL_ENDING}\s+[a-z]")
# A name written after another name and "in", which places the first: "Tom Ward| in |Ohio".
PLACED = re.compile(r"[A-Z][\w.’'\-]*\s+in\s+(?:the\s+)?$")
OPENING_MARKS, CLOSING_MARKS = OPEN_SHAPES | {'"'}, CLOSE_SHAPES | {'"'}
PRONOUNS = {"he": "male", "she": "female", "they": "any", "it": "organisation"}
CHUNKS = re.compile(r",|\s[—–-]\s|[()]")
CLAUSE_OPENER = re.compile(
    r"\b(?:that|which|who|whom|where|when|while|because|and|but|if|so|after|before)\s+"
)
INVERTED_CLAUSE_END = re.compile(
    r"\s+(?:who|which|as|while|when|and|but|during|after|before|following)\s+(?=[a-z])"
)
ASIDE = re.compile(
    r"^(?:of|via|in|on|at|for|from|with|to|by|after|before|during|under|over|through|into"
    r"|according|however|though|too|meanwhile|also|instead|alongside|amid|amidst|against"
    r"|across|around|beyond|toward|towards|upon|unlike|throughout|behind|beside|near|inside"
    r"|outside|along|regarding|concerning|despite|without|within|among|amongst|between)\b",
    re.IGNORECASE,
)
# A clause ending just before the verb: "…, after the novelist Jo Walton explained".
SUBORDINATOR = re.compile(rf"^(?:{alternation(AS_TOO)})\s+", re.IGNORECASE)
# Words that make what follows them something other than the subject's name.
TITLE_BREAKERS = SAYING | frozenset("of by for at from with in on to as both all each".split())
CONJUNCTIONS = frozenset("and or nor but".split())
PREPOSITION_INSIDE = re.compile(r"\s(?:of|by|for|at|from|with|in|on)\s")
# A party and state after a lawmaker's name: "(R-WI)", "(D-Calif.)", or a party alone: "(D)".
PARTY_TAG = re.compile(rf"[DRI]|[A-Z]{{1,3}}\s?[-–]\s?[A-Z][\w.{DOT}]{{0,12}}")
# A word of a title between an employer and a name: "executive", "nutrition-policy", "1st".
TITLE_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*|\d+(?:st|nd|rd|th)")
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
DETERMINER = re.compile(
    r"^(?:the|a|an|one|another|two|three|some|several|many|his|her|their|its|our)\s",
    re.IGNORECASE,
)
LEADING_CONJUNCTION = re.compile(
    r"^(?:but|and|so|yet|however|now|then|still|instead|also|meanwhile)\b[\s,]*", re.IGNORECASE
)
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
# What joins a second verb to the clause's subject after a comma: "…, but now| said".
JOINED_PREDICATE = re.compile(
    r"(?:and|but|yet)(?:\s+(?:now|then|later|still|again|also|instead|[a-z]+ly))*", re.IGNORECASE
)
CLAUSE_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i", "you", "there", "this"})
# "…, said Tyvak would leverage…": the name starts what was said, it is not the speaker.
COMPLEMENT_VERB = re.compile(
    r"\s+(?:would|will|could|should|can|may|might|must|is|was|are|were|has|had|have|did|does"
    r"|do|plans|planned|wants|wanted|expects|expected|hopes|hoped|needs|needed)\b"
)


@dataclass(slots=True)
class Reading:
    """What an attribution's noun phrase comes down to."""

    kind: str  # "pronoun" | "name" | "joint" ("Jo Lee and Bo Park") | "description" | "unnamed"
    text: str  # the pronoun's kind ("male", …), the name as written, or the description
    the: bool = False  # the name was written "the X"


def read_subject(np: str) -> list[Reading]:
    """Readings of a subject written before its verb, best first.

    "Name, appositive, said": the name opening the phrase. Otherwise the phrase is read
    from its end, past appositives and asides, to the nearest name or noun. "Jo Lee and
    Bo Park said", also with an appositive after it ("…, both Republicans, said"), reads
    first as both of them (a "joint" reading), which names both or no one when both are
    names; the readings after it are for a pair that is not ("Gov. and Chairman Bo Park").
    """
    if quoted_only(np):
        return []  # "Lee, who wrote “The Long Bridge,” said": a title, the object of "wrote"
    readings = subject_readings(np)
    both = np.strip(" ,;:—–-")
    if " and " in both and NAME_RUN.fullmatch(both):
        return [Reading("joint", both), *readings]
    pair = both.split(",")[0]  # "Jo Lee and Sen. Bo Park, both Republicans, said"
    run = last_run(pair)
    if (run is not None and " and " in run.group() and (run.start() == 0 or titled_name(pair, run))
            and readings and readings[0].kind == "name" and readings[0].text in pair):
        return [Reading("joint", run.group()), *readings]
    return readings


def quoted_only(np: str) -> bool:
    """True for a phrase that is all in one pair of quote marks: a title or words quoted
    between a verb and another ("wrote “The Long Bridge,” said"), never who speaks."""
    text = np.strip(" ,;:")
    return len(text) > 2 and text[0] in OPENING_MARKS and text[-1] in CLOSING_MARKS and not any(
        mark in OPENING_MARKS or mark in CLOSING_MARKS for mark in text[1:-1]
    )


def subject_readings(np: str) -> list[Reading]:
    """The readings of `read_subject`, but for the joint one."""
    pronoun = PRONOUNS.get(np.strip(" ,;:—–-").lower())
    if pronoun:  # "he said", the commonest, as read below
        return [Reading("pronoun", pronoun)]
    closed = np.endswith(",")  # "…, Lind, the Ohio Republican,| said": an aside before it
    np = LEADING_CONJUNCTION.sub("", innermost_clause(np).strip(" ,;:—–-"))
    parts = chunked(np)
    chunks = [c.strip() for c in parts if c.strip()]
    if not chunks:
        return []
    # "Smith, a professor at X, said", but not "Frustrated, Sanders said" (a word opening
    # the sentence, then the subject) nor "Ohio, he said, was…" (a pronoun right before it).
    named_first = len(chunks) > 1 and is_name_or_pronoun(parts[0]) and not (
        opens_aside(chunks[0]) or chunks[-1].lower() in PRONOUNS
        or (len(chunks) == 2 and " " not in chunks[0] and is_name_or_pronoun(chunks[1])
            and np[len(parts[0]) : len(parts[0]) + 1] == ",")
    )
    order = [0] if named_first else range(len(chunks) - 1, -1, -1)
    for position in order:
        chunk = chunks[position]
        nearest_verb = position == len(chunks) - 1  # the chunk right before the verb
        if nearest_verb:
            chunk = SUBORDINATOR.sub("", chunk)
            if tied_group(chunk) and not after_a_name(chunks, position):
                return [Reading("unnamed", chunk)]
        pronoun = PRONOUNS.get(chunk.lower())
        if pronoun:
            return [Reading("pronoun", pronoun)]
        if nearest_verb and chunk.endswith(" and"):
            first = second_predicate_subject(chunk)
            if first:  # "Smith touched upon the idea and noted…": Smith noted
                return [first]
        if position and nearest_verb and JOINED_PREDICATE.fullmatch(chunk):
            # "Smith backed Lee in May, but now said…": the clause's subject says it
            first = second_predicate_subject(chunks[0])
            return [first] if first else []
        run = affiliated(chunk, last_run(chunk))
        if run is not None and PLACED.search(chunk, 0, run.start()):
            run = None  # "Tom Ward in Ohio said", "Friends of Lisle Bay in Ohio said": where
            # the subject is, not who speaks
        if run is not None and nearest_verb and (
            OBJECT_OF_PARTICIPLE.search(chunk, 0, run.start()) or agent_of(chunk, run.start())
        ):
            return [Reading("unnamed", chunk)]  # "White voters embracing Obama said": Obama is
            # who is embraced, and the voters, whom the story does not name, say it
        # A clause between commas is an aside ("in 2019", "the day before") unless it is
        # a name with a title before it ("…, political analyst Xavier Abu Eid told"), or a
        # description with "the" right before the verb and no comma between ("In a letter
        # to Lee, the Ohio Republican said"; "…, Lind, the Ohio Republican, said" is Lind's).
        described = nearest_verb and chunk[:4].lower() == "the " and not closed
        aside = PARTY_TAG.fullmatch(chunk) or (opens_aside(chunk) and not described) or (
            (not chunk[:1].isupper() or DETERMINER.match(chunk)) and not titled_name(chunk, run)
            and not described
        )
        if position and aside:
            continue
        readings = []
        if run is not None and not (
            DETERMINER.match(chunk) and PREPOSITION_INSIDE.search(chunk, 0, run.start())
        ):
            if " and " in run.group() and run.end() < len(chunk.rstrip(" .'’")):
                readings.append(Reading("joint", run.group()))  # "Lee and Park of X": both
            readings.append(name_reading(chunk, run.start(), run.group()))
        return [*readings, Reading("description", chunk)]
    return []


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


def second_predicate_subject(chunk: str) -> Reading | None:
    """The name or pronoun opening a clause whose second verb is the one read."""
    pronoun = PRONOUNS.get(chunk.split(maxsplit=1)[0].lower())
    if pronoun:
        return Reading("pronoun", pronoun)
    run = NAME_RUN.match(chunk)
    if run is None or possessive(chunk, run.end()) or run.group() in STOP_WORDS:
        return None
    following = chunk[run.end() :].split(maxsplit=1)
    if not following or not following[0].islower() or following[0] in PRONOUNS:
        return None  # "Had he taken … and": no name, but a sentence's first word
    return name_reading(chunk, 0, run.group())


def titled_name(chunk: str, run: re.Match[str] | None) -> bool:
    """True for a name after plain words of a title: "political analyst Xavier Abu Eid"
    (but not "the Conservative MP", a title alone)."""
    return run is not None and is_name_word(bare(run.group().split()[-1])) and all(
        word.isalpha() and word not in TITLE_BREAKERS for word in chunk[: run.start()].split()
    )


def read_inverted(np: str) -> list[Reading]:
    """Readings of a subject written after its verb: "said Smith, a professor at…"."""
    np = INVERTED_CLAUSE_END.split(np, maxsplit=1)[0]
    chunks = [c.strip() for c in chunked(np) if c.strip()]
    if not chunks:
        return []
    first = chunks[0]
    pronoun = PRONOUNS.get(first.lower())
    if pronoun:
        return [Reading("pronoun", pronoun)]
    if first.split()[0].lower() in CLAUSE_SUBJECTS or COMPLEMENT_VERB.search(first):
        return []  # "said he has spent…", "said the plan could…": what was said
    if tied_group(first):
        return [Reading("unnamed", first)]  # "said economists at Goldman Sachs"
    readings = []
    runs = list(NAME_RUN.finditer(first))
    for run, following in zip_longest(runs, runs[1:]):
        if COMPLEMENT_VERB.match(first, run.end()):
            return []
        if HYPHENATED_MODIFIER.search(run.group()):
            if following is not None and is_affiliation(first[run.end() : following.start()]):
                continue  # "according to Trump-backed candidate Jo Lee": Jo Lee
            break  # "according to White House-era documents from Lee": no one named speaks
        if following is not None and is_affiliation(first[run.end() : following.start()]):
            continue  # "said NASA administrator Jim Bridenstine": who, not where from
        if DETERMINER.match(first) and PLACE_INSIDE.search(first, 0, run.start()):
            continue  # "said a dispatcher on Broadcastify", "said an aide to Lee": where the
            # speaker was heard, whom they serve; the description says who speaks
        if DETERMINER.match(first) and (
            NATIONAL_MODIFIER.match(first, run.start()) or MODIFIER_END.fullmatch(first, run.end())
        ):
            continue  # "said a senior Afghan economic official", "the Ohio senator": whose
        if run.group() in DEMONYMS and MODIFIER_END.fullmatch(first, run.end()) and (
            NOUN_AFTER.match(first, run.end())
        ):
            continue  # "according to French media": a people's, no one's name ("said
            # French later", "said English in an interview": a surname's)
        text = run.group()
        if possessive(first, run.end()):
            text = text.split(" of ")[0] if " of " in text else ""
        if " and " in text and not readings:  # "said Jo Lee and Bo Park": both, or no one
            readings.append(Reading("joint", text))
        if text:
            readings.append(name_reading(first, run.start(), text))
    if len(chunks) > 1:  # "said another witness, (former adviser) Fiona Hill"
        run = last_run(chunks[1])
        if run is not None and (not run.start() or titled_name(chunks[1], run)):
            readings.append(Reading("name", run.group()))
    return [*readings, Reading("description", first)]


def is_affiliation(between: str) -> bool:
    """True when what separates two names makes the first one the second's employer or
    place: plain lower-case words of a title ("NASA| administrator |Jim Bridenstine",
    "Idaho| dairy-farm owner |Ann Lee", "Army| 1st |Lt. Bo Park")."""
    words = between.split()
    return bool(words) and all(
        TITLE_WORD.fullmatch(word) and word not in TITLE_BREAKERS
        and word not in CONJUNCTIONS for word in words
    )


def name_reading(chunk: str, start: int, run: str) -> Reading:
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
