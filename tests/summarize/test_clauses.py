"""Which clause of a sentence a quotation with no verb of saying belongs to.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

from digest.summarize import attributed_quotes, find_quotes
from digest.summarize.evidence import Candidate, decide


def subject_candidate(paragraph: str) -> Candidate | None:
    _, attributor = attributed_quotes([paragraph])
    assert attributor is not None
    return attributor.candidates[0]


def test_a_partial_quote_in_a_later_clause_is_that_clause_subjects_but_unsure():
    # The clause's subject is the candidate; with no verb of saying it is too often not
    # who spoke ("Prosecutors called Smith “…”"), so the resolver abstains.
    paragraph = ("Tom Baker signed the order on Monday, while Rick Olson proposed “a ferry "
                 "that runs again by May” for the island.")
    candidate = subject_candidate(paragraph)
    assert candidate is not None and candidate.name.text == "Rick Olson"
    assert candidate.finder == "sentence_subject" and decide(candidate) is None
    assert [quote.speaker for quote in find_quotes([paragraph])] == [None]


def test_a_partial_quote_in_the_first_clause_is_the_sentence_subjects():
    quotes = find_quotes([
        "Tom Baker proposed “a ferry that runs again by May” for the island, while Rick "
        "Olson stayed home."
    ])
    assert [quote.speaker for quote in quotes] == ["Tom Baker"]


def test_a_quote_opening_its_own_sentence_is_not_the_sentence_subjects():
    # Its own sentence has no subject; the sentence before has, read by the neighbouring
    # sentence's finder, which names him only as that sentence's one subject and person
    # acting on nothing but himself ("Tom Baker runs the ferry." names no one: what one
    # acts on may be where the words come from).
    paragraph = "Tom Baker leans on the rail. “A second boat could run again by May.”"
    candidate = subject_candidate(paragraph)
    assert candidate is not None and candidate.finder == "neighbour_subject"
    assert [quote.speaker for quote in find_quotes([paragraph])] == ["Tom Baker"]
