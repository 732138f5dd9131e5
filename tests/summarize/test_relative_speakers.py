"""Someone named as speaking in a clause of their own after their name ("…met Park, the
union's head, who said …") is in play for a pronoun after it, as the last to speak."""

from __future__ import annotations

import pytest

from tests.summarize.helpers import QUOTE, speaker


def test_speaker_of_a_relative_clause_after_an_appositive_with_a_name() -> None:
    assert speaker(
        f"Ann Park met Lisa Grant, Bill Hale's deputy, who said the strike would end. "
        f"{QUOTE} she said."
    ) == "Lisa Grant"


def test_speaker_of_a_relative_clause_after_a_plain_appositive() -> None:
    assert speaker(
        f"Tom Ward met Paul Grant, the union's head, who said the strike would end. "
        f"{QUOTE} he said."
    ) == "Paul Grant"


def test_the_one_of_unknown_gender_leaves_the_pronoun_unnamed() -> None:
    # "Marisol" is in neither list of given names: "she" may be either woman.
    assert speaker(
        f"Ann Park met Marisol Grant, Bill Hale's deputy, who said the strike would end. "
        f"{QUOTE} she said."
    ) is None


@pytest.mark.parametrize(
    "text",
    [
        f"Tom Ward met Paul Grant, who runs the union. {QUOTE} he said.",
        f"Tom Ward met Paul Grant, who was angry. {QUOTE} he said.",
        f"Tom Ward met Ann Park, Bill Hale's aide, who said the talks went well. {QUOTE} he said.",
        f"Tom Ward, who said last week he would retire, voted no. {QUOTE} he said.",
        f"Tom Ward thanked the workers, who said they were tired. {QUOTE} he said.",
    ],
)
def test_no_clause_of_saying_after_another_man_leaves_the_subject(text: str) -> None:
    assert speaker(text) == "Tom Ward"
