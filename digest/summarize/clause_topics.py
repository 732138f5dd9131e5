"""Whom a sentence is about when the first name in it is not its subject: a name inside a
clause opening the sentence ("When Lee lost the vote, Park said"), after the verb of a
subject that is a description ("The Ohio Republican did give Lee credit"), or the one a
question was put to, who answers next ("Lee asked Park whether …"); and whose view a
sentence gives when a phrase opening it names someone else ("According to Lee, Park lied").

Pure readings of a paragraph's text and its names (offset, Name) in order; pronouns.py
decides whom a pronoun points back to with them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from ..core.text import DOT
from .attribution import Paragraph
from .lexicon import AS_TOO, TELL, alternation, regular_past, third_person
from .mentions import NAME_OFFSET
from .name_words import TITLES
from .names import Name
from .runs import JOINT, NAME_RUN, bare

# A sentence opening with a clause of its own: "When Lee lost the vote, …", "Asked whether
# Lee, the mayor, would run, …"; the sentence's subject comes after the clause.
OPENING_CLAUSE = re.compile(
    rf"[“\"]?(?:{alternation(word.capitalize() for word in AS_TOO)}|Asked|Pressed)\s"
)
# The subject of the main clause after it: ", Park demurred", ", Mr. Park said".
MAIN_SUBJECT_BEFORE = re.compile(rf",\s+(?:[A-Z][a-z]{{0,4}}[.{DOT}]\s+)?$")
MAIN_VERB_AFTER = re.compile(r"\s+(?!(?:and|or|of|in|for|to|the|a|an|who|which|that)\b)[a-z]")
# Verbs whose object is a person, as lemmas (irregular pasts given): a name after one is
# no subject. Asking is left out: the one asked answers next (see ASKED).
OBJECT_LEMMAS = (
    "do:did give:gave meet:met send:sent call thank praise criticize attack endorse blast "
    "back join invite hire name introduce"
).split()
ASKING = frozenset({"asked", "asks"})


def object_verbs() -> frozenset[str]:
    """Past and third-person forms of OBJECT_LEMMAS, and verbs of telling but asking."""
    forms: set[str] = set(TELL - ASKING)
    for entry in OBJECT_LEMMAS:
        lemma, _, past = entry.partition(":")
        forms |= {past or regular_past(lemma), third_person(lemma)}
    return frozenset(forms)


# A sentence whose subject is a description, up to a name after its verb: "The Ohio
# Republican did give Lee credit", "A lawyer for the firm told Lee"; the name is an object.
DESCRIBED_THEN_OBJECT = re.compile(
    rf"[“\"]?(?:The|A|An)\s(?P<subject>[^,.;:“”\"]*?)\b(?:{alternation(object_verbs())})\s+"
    r"(?:[a-z]+\s+){0,2}$"
)
# Where a described subject's head noun ends: "A lawyer| for the firm".
AFTER_HEAD = re.compile(r"\s(?:of|for|at|in|from|with|to|on)\s")
# A question put to someone: "Lee asked Park whether …"; the answer after it is Park's.
ASKED = re.compile(r"\s*(?:then\s+|also\s+|later\s+)?(?:asked|pressed|questioned)\s+")
# What was asked, after whom: "… whether", "… about"; not a request ("asked Park to leave").
# Only a yes-or-no question ("whether", "if") is answered by any statement after it.
QUESTION_AFTER = re.compile(
    r"\s+(?:(?P<yes_no>whether|if)|about|on|how|what|why|when|where|who|which)\b"
)
# A phrase opening a sentence with whose view it gives, up to the name: "According to |Lee|,
# Park lied", "For |Lee|, Park is the problem", "In |Lee|'s view, …".
VIEW_OPENING = re.compile(r"[“\"]?(?:According\s+to|For|To|In)\s+")
# What follows the name in such a phrase: a comma, or "'s view," and the like.
VIEW_AFTER = re.compile(r"(?:['’]s\s+(?:view|opinion|eyes|mind|telling|account|words))?,\s")


def object_of_described(sentences: Paragraph, offset: int) -> bool:
    """True when the name at `offset` follows the verb of its sentence's subject, a
    description of a person by a role: "The Ohio Republican did give Lee credit"; not of a
    body ("The city hired Lee", "The Red Cross thanked Lee"), whom "he" or "she" is not."""
    start = sentences.sentence_start(offset)
    described = DESCRIBED_THEN_OBJECT.match(sentences.text, start, offset)
    if described is None:
        return False
    head = AFTER_HEAD.split(f"{described['subject']} ", maxsplit=1)[0].split()
    return bool(head) and bare(head[-1]).capitalize() in TITLES


def main_clause_subject(sentences: Paragraph, names: Sequence[tuple[int, Name]],
                 offset: int) -> tuple[int, Name] | None:
    """The person named as the main clause's subject, (offset, Name), when the name at
    `offset` is inside a clause opening its sentence: "When Lee lost the vote, Park said":
    Park; None when no one is ("When Lee lost, the party said") or two are named together."""
    text = sentences.text
    if not OPENING_CLAUSE.match(text, sentences.sentence_start(offset)):
        return None
    following = bisect_right(sentences.starts, offset)
    end = sentences.starts[following] if following < len(sentences.starts) else len(text)
    for at in range(bisect_right(names, offset, key=NAME_OFFSET), len(names)):
        other, found = names[at]
        run = NAME_RUN.match(text, other)
        if other >= end or run is None:
            break
        if MAIN_SUBJECT_BEFORE.search(text, max(0, other - 12), other) and (
            MAIN_VERB_AFTER.match(text, run.end())
        ):
            person = found.kind == "person" and JOINT not in run.group()
            return (other, found) if person else None
    return None


def asked_person(text: str, names: Sequence[tuple[int, Name]], offset: int,
                 *, answer: bool) -> tuple[int, Name] | None:
    """The person a question is put to right after the subject or verb at `offset`, as
    (offset, Name), whose answer the quotation may be: "Lee asked Park whether …" → Park;
    for another question ("asked Park about the pier"), only when the quotation opens as
    an `answer` ("Yes, …"), as the asker often goes on; None for a request ("asked Park to
    leave") or no one named."""
    run = NAME_RUN.match(text, offset)  # none where a speaker's verb stands: "asked"
    asked = ASKED.match(text, run.end() if run else offset)
    if asked is None:
        return None
    at = bisect_left(names, asked.end(), key=NAME_OFFSET)
    if at == len(names) or names[at][0] != asked.end():
        return None
    whom = NAME_RUN.match(text, asked.end())
    found = names[at][1]
    question = QUESTION_AFTER.match(text, whom.end()) if whom is not None else None
    if found.kind != "person" or question is None or not (answer or question["yes_no"]):
        return None
    return asked.end(), found


def viewpoint_holder(sentences: Paragraph, offset: int) -> str | None:
    """The run of capitals naming whose view the sentence holding `offset` gives, in a
    phrase opening it before `offset`: "According to Lee, Park lied" or "For Lee, Park is
    the problem" → "Lee", when `offset` is Park's; None when no phrase of the kind opens it."""
    text = sentences.text
    opening = VIEW_OPENING.match(text, sentences.sentence_start(offset))
    run = NAME_RUN.match(text, opening.end()) if opening is not None else None
    if run is None or run.end() > offset or JOINT in run.group() or not VIEW_AFTER.match(
        text, run.end()
    ):
        return None
    return run.group()
