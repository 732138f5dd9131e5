"""What kind of name a run of capitalised words is: a person's, a place's or a body's.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes
from digest.summarize.names import NameIndex

from .helpers import QUOTE


def kind(run: str, *paragraphs: str) -> str | None:
    name = NameIndex(paragraphs).name_of(run)
    return name.kind if name is not None else None


@pytest.mark.parametrize("before", ["in", "near", "In"])
def test_a_run_after_in_or_near_is_a_place(before):
    assert kind("Cedar Falls", f"The ferry docked {before} Cedar Falls on Monday.") == (
        "organisation"
    )


def test_a_run_before_a_state_abbreviation_is_a_place():
    assert kind("Cedar Falls", "The ferry docked at Cedar Falls, Ore., on Monday.") == (
        "organisation"
    )


def test_a_place_with_what_is_there_names_the_place_too():
    assert kind(
        "Marsh Hollow", "Crews met near Marsh Hollow Elementary.", "Marsh Hollow mourned."
    ) == "organisation"


@pytest.mark.parametrize("text", [
    "The town believed in Thomas Varga for years.",  # a given name opens it
    "The town believed in Gov. Varga Lind for years.",  # a title opens it
    "The ferry is in Varga Lind's hands.",  # whose
    "Varga Lind, Ph.D., spoke.",  # a degree, not a state
])
def test_a_run_a_given_name_title_or_possessive_makes_someone_s_is_no_place(text):
    run = "Thomas Varga" if "Thomas" in text else "Varga Lind"
    assert kind(run, text) == "person"


def test_a_place_is_no_one_a_pronoun_points_to():
    assert [quote.speaker for quote in find_quotes([
        "Tomas Varga grew up in Cedar Falls.", f"{QUOTE} he said.",
    ])] == ["Tomas Varga"]


def test_a_body_named_after_a_person_the_story_names_is_no_person():
    # "Martin" is a given name too: "Ruth Martin Center" reads as a name like "John Major"
    assert kind("Ruth Martin Center", "Ruth Martin spoke.", "The Ruth Martin Center opened.") == (
        "organisation"
    )
    assert [quote.speaker for quote in find_quotes([
        "Ruth Martin opened the Ruth Martin Center with her brother, Tom Martin.",
        f"{QUOTE} Martin said.",
    ])] == ["Ruth Martin"]


def test_a_month_s_short_form_after_a_name_is_part_of_it():
    assert [quote.speaker for quote in find_quotes([f"{QUOTE} columnist Ai Jun wrote."])] == [
        "Ai Jun"
    ]
    assert NameIndex(["The ferry ran on Monday Jun. 5 again."]).name_of("Monday Jun") is None


@pytest.mark.parametrize("byline", [
    "By Ruth Varga Dec 3, 2024", "Ruth Varga Jun 4 2024 5 min read", "Ruth Varga Dec. 3, 2024",
])
def test_a_month_s_short_form_before_a_day_s_number_is_a_date_not_part_of_a_name(byline):
    assert [quote.speaker for quote in find_quotes([byline, f"{QUOTE} Varga said."])] == [
        "Ruth Varga"
    ]


def test_a_run_after_in_whose_last_word_stands_alone_elsewhere_stays_a_person():
    # "Zola" is in no list of given names: "Lindqvist said" tells the run is a person's
    paragraphs = ("Voters saw a leader in Zola Lindqvist.", "Lindqvist said so.")
    assert kind("Zola Lindqvist", *paragraphs) == "person"
    assert kind("Cedar Falls", "The ferry docked in Cedar Falls.", "Lindqvist said so.") == (
        "organisation"
    )


@pytest.mark.parametrize("later", [
    f"{QUOTE} Mr. Lindqvist said.",  # after a title
    f"{QUOTE} Sen. Lindqvist said.",
    f"{QUOTE} Zola said.",  # the family name first, then alone by a verb of saying
    f"Zola told reporters: {QUOTE}",
    f"{QUOTE} said Zola.",
])
def test_a_run_after_in_with_a_word_written_as_someone_s_elsewhere_stays_a_person(later):
    paragraphs = ("Voters saw a leader in Zola Lindqvist.", later)
    assert kind("Zola Lindqvist", *paragraphs) == "person"
    assert [quote.speaker for quote in find_quotes(paragraphs)] == ["Zola Lindqvist"]


def test_a_place_is_not_someone_s_for_its_first_word_written_alone_but_not_as_a_person():
    paragraphs = ("The ferry docked in Cedar Falls.", "Cedar trees line the river.")
    assert kind("Cedar Falls", *paragraphs) == "organisation"
