"""Someone unnamed but related to someone ("His brother", "Her lawyer") as the subject of a
sentence between a pronoun and its candidate is a second person in play: no name.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes

QUOTE = "“The ferry will run again by May,”"


def speakers(*paragraphs: str) -> list[str | None]:
    return [quote.speaker for quote in find_quotes(paragraphs)]


@pytest.mark.parametrize("subject", [
    "His brother", "His son, a lawyer,", "Later his lawyer", "His campaign manager",
])
def test_someone_of_his_in_between_leaves_he_unnamed(subject: str):
    assert speakers(
        "Rick Olson runs the ferry company.",
        f"{subject} spoke at the pier. {QUOTE} he said.",
    ) == [None]


def test_her_lawyer_in_between_leaves_she_unnamed():
    assert speakers(
        "Ann Holt runs the ferry company. Her lawyer spoke at the pier.",
        f"{QUOTE} she said.",
    ) == [None]


def test_kin_of_the_other_gender_leaves_the_candidate():
    assert speakers(
        "Ann Holt runs the ferry company. Her brother spoke at the pier.",
        f"{QUOTE} she said.",
    ) == ["Ann Holt"]


def test_kin_named_next_is_the_subject_meant():
    assert speakers(
        "Rick Olson runs the ferry company.",
        f"His brother Tom Olson spoke at the pier. {QUOTE} he said.",
    ) == ["Tom Olson"]


@pytest.mark.parametrize("sentence", [
    "His plan is to sell the pier.",  # no person
    "His staff worked late at the pier.",
    "The mayor spoke at the pier.",  # may be the candidate himself
    "His father's house is by the pier.",  # a possessive, not the subject
])
def test_no_one_of_his_unnamed_in_between_leaves_the_candidate(sentence: str):
    assert speakers(
        "Rick Olson runs the ferry company.",
        f"{sentence} {QUOTE} he said.",
    ) == ["Rick Olson"]
