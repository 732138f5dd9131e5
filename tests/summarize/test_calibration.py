"""The evidence each candidate carries, and the classes the resolver names or leaves blank.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

from digest.summarize import attributed_quotes
from digest.summarize.evidence import OPENING_SUBJECT, THRESHOLD, Candidate, decide
from digest.summarize.names import Name

from .helpers import QUOTE, speakers


def candidates(*paragraphs: str) -> list[Candidate | None]:
    _, attributor = attributed_quotes(paragraphs)
    assert attributor is not None
    return attributor.candidates


# --- pronouns ----------------------------------------------------------------------------


def test_a_pronoun_whose_antecedent_is_the_previous_sentences_subject_names_that_person():
    paragraphs = ("Tom Baker spoke first. Rick Olson spoke next.", f"{QUOTE} he said.")
    [candidate] = candidates(*paragraphs)
    assert candidate is not None
    assert candidate.evidence == "trailing pronoun: subject, sentence before"
    assert speakers(*paragraphs) == ["Rick Olson"]


def test_a_pronoun_after_a_quote_of_the_same_speaker_is_that_speaker():
    [_, candidate] = candidates(
        f"Rick Olson spoke first. {QUOTE} he said. “The pier is next,” he added."
    )
    assert candidate is not None and candidate.name.text == "Rick Olson"
    assert candidate.name.via.startswith("speaker")


def test_two_men_in_play_and_he_said_gives_no_name():
    assert speakers(
        "Tom Baker met Rick Olson at the pier. The ferry left at dawn.",
        f"{QUOTE} he said.",
    ) == [None]


def test_the_one_man_in_play_is_named_with_evidence_saying_so():
    [candidate] = candidates(
        "Rick Olson spoke first. The ferry left at dawn. The pier was quiet.",
        f"{QUOTE} he said.",
    )
    assert candidate is not None and candidate.name == Name("Rick Olson", "person", "pronoun")
    assert candidate.name.via == "only one" and decide(candidate) is not None


# --- a sentence's subject with no verb of saying ------------------------------------------


def test_a_subject_opening_its_sentence_near_its_partial_quote_is_named():
    paragraph = "Rick Olson labeled the plan “a ferry to nowhere and back again”."
    [candidate] = candidates(paragraph)
    assert candidate is not None and candidate.name.via == OPENING_SUBJECT
    assert speakers(paragraph) == ["Rick Olson"]


def test_a_subject_far_from_its_partial_quote_is_left_blank():
    paragraph = ("Rick Olson, who has sailed the island's waters for forty years and more, "
                 "faulted the board on Monday for “a ferry to nowhere and back again”.")
    [candidate] = candidates(paragraph)
    assert candidate is not None and candidate.finder == "sentence_subject"
    assert candidate.name.text == "Rick Olson" and candidate.name.via == ""
    assert speakers(paragraph) == [None]


def test_a_subject_inside_an_opening_clause_is_left_blank():
    assert speakers(
        "When the board met, Rick Olson faulted the plan as “a ferry to nowhere and back”."
    ) == [None]


# --- organisations and descriptions -------------------------------------------------------


def test_an_organisation_that_says_so_is_named():
    assert speakers(f"{QUOTE} the Harbor Board said in a statement.") == ["the Harbor Board"]


def test_a_description_tied_by_a_kind_of_person_only_is_left_blank():
    candidate = Candidate(Name("Ilse Varga", "person", "description", "only person"), "trailing")
    assert candidate.score() < THRESHOLD and decide(candidate) is None


def test_a_description_tied_to_the_one_holder_of_its_role_is_taken():
    candidate = Candidate(Name("Ilse Varga", "person", "description", "role holder"), "trailing")
    assert candidate.score() >= THRESHOLD and decide(candidate) == candidate.name


def test_a_description_tied_to_a_body_the_text_names_is_taken():
    assert speakers(
        f"{QUOTE} a spokesperson for the Harbor Board said."
    ) == ["the Harbor Board"]
