"""Runs a story writes as places name no person (places speak as bodies do: "Beijing
said").

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from .helpers import QUOTE, name_of, speaker


def test_a_run_before_a_place_noun_is_a_place():
    assert name_of("Cedar Hollow", "Parents gathered near Cedar Hollow Elementary School.",
                   "Cedar Hollow mourned for weeks.") == "organisation:Cedar Hollow"


def test_a_run_before_an_event_noun_is_a_place():
    assert name_of("Mill Ridge", "The Mill Ridge shooting shook the valley.",
                   "Mill Ridge mourned for weeks.") == "organisation:Mill Ridge"


def test_a_run_whose_people_the_story_names_is_a_place():
    assert name_of("Costa Verda", "Costa Verdans voted on Sunday.",
                   "Costa Verda owes billions.") == "organisation:Costa Verda"


def test_a_pronoun_never_takes_a_place():
    assert speaker("Dana Ruiz met parents near Cedar Hollow Elementary School.",
                   f"Cedar Hollow mourned. {QUOTE} she said.") != "Cedar Hollow"


@pytest.mark.parametrize("story", [
    "Sen. Cedar Hollow toured Cedar Hollow Elementary School. Cedar Hollow spoke.",
    "Senator Cedar Hollow toured Cedar Hollow Elementary School. Cedar Hollow spoke.",
    "Cedar Hollow said the Cedar Hollow River rose. Cedar Hollow Elementary School shut.",
])
def test_a_run_written_as_someones_stays_a_person(story):
    assert (name_of("Cedar Hollow", story) or "").startswith("person:Cedar Hollow")


def test_a_given_name_keeps_a_run_before_an_event_noun_a_persons():
    assert name_of("Maria Lee", "The Maria Lee shooting shocked the town.",
                   "Maria Lee recovered.") == "person:Maria Lee"


@pytest.mark.parametrize("before", ["across", "throughout", "Throughout"])
def test_a_run_after_a_place_preposition_is_a_place(before):
    assert name_of("Cedar Falls", f"Rain fell {before} Cedar Falls on Monday.") == (
        "organisation:Cedar Falls"
    )


def test_a_given_name_after_a_place_preposition_is_a_person():
    assert name_of("Jordan Park", "A letter came in from Jordan Park on Monday.") == (
        "person:Jordan Park"
    )
