"""Reading the subject of an attribution: a pronoun, a name, or a description.

"John Hemmings, Asia Director at the Henry Jackson Society, told" names John Hemmings;
"said South Korea's vice unification minister, Chun Hae Sung," names Chun Hae Sung;
"the staff member who recalled that he said" comes down to "he"; "one legal expert
said" is a description. What the reading refers to is decided by the caller.
"""

from __future__ import annotations

import re
from itertools import zip_longest

from .groups import tied_group
from .lexicon import AS_TOO, CLAUSE_SUBJECTS, alternation
from .name_words import DEMONYMS, STOP_WORDS
from .phrases import (
    DETERMINER,
    PRONOUNS,
    Reading,
    affiliated,
    chunked,
    innermost_clause,
    is_name_or_pronoun,
    last_run,
    name_reading,
)
from .runs import NAME_RUN, possessive
from .subject_checks import (
    HYPHENATED_MODIFIER,
    MODIFIER_END,
    NATIONAL_MODIFIER,
    NOUN_AFTER,
    OBJECT_OF_PARTICIPLE,
    PARTY_TAG,
    PLACE_INSIDE,
    PLACED,
    PREPOSITION_INSIDE,
    after_a_name,
    agent_of,
    is_affiliation,
    opens_aside,
    personal_name,
    quoted_only,
    titled_name,
)

INVERTED_CLAUSE_END = re.compile(
    r"\s+(?:who|which|as|while|when|and|but|during|after|before|following)\s+(?=[a-z])"
)
# A clause ending just before the verb: "…, after the novelist Jo Walton explained".
SUBORDINATOR = re.compile(rf"^(?:{alternation(AS_TOO)})\s+", re.IGNORECASE)
LEADING_CONJUNCTION = re.compile(
    r"^(?:but|and|so|yet|however|now|then|still|instead|also|meanwhile)\b[\s,]*", re.IGNORECASE
)
# What joins a second verb to the clause's subject after a comma: "…, but now| said".
JOINED_PREDICATE = re.compile(
    r"(?:and|but|yet)(?:\s+(?:now|then|later|still|again|also|instead|[a-z]+ly))*", re.IGNORECASE
)
# "…, said Tyvak would leverage…": the name starts what was said, it is not the speaker.
COMPLEMENT_VERB = re.compile(
    r"\s+(?:would|will|could|should|can|may|might|must|is|was|are|were|has|had|have|did|does"
    r"|do|plans|planned|wants|wanted|expects|expected|hopes|hoped|needs|needed)\b"
)


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
    # the sentence, then the subject) nor "Ohio, he said, was…" (a pronoun right before it),
    # nor a role or an opening phrase the run reading reads as a name before a person's
    # name ("The Green MP for Westvale, Ann Ross, said", "Sentencing Bo Park, 41, Judge
    # Ann Ross said").
    named_first = len(chunks) > 1 and is_name_or_pronoun(parts[0]) and not (
        opens_aside(chunks[0]) or chunks[-1].lower() in PRONOUNS
        or (personal_name(chunks[-1]) and not personal_name(chunks[0]))
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
