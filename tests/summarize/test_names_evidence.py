"""Which person a name in a story stands for: the evidence the name index reads.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes

from .helpers import QUOTE, speakers


def test_a_title_with_one_name_is_a_person_for_later_pronouns():
    assert speakers(
        "Mayor Ostrow stayed to the end of the meeting.",
        f"{QUOTE} he said.",
    ) == ["Ostrow"]


def test_both_people_joined_by_and_are_learnt_for_their_surnames():
    assert speakers(
        "Ostrow and Gov. Ilse Varga toured the pier.",
        f"{QUOTE} Varga said.",
    ) == ["Ilse Varga"]


def test_initials_before_a_surname_are_part_of_the_name():
    assert speakers(
        "The report was written by J.K. Arbuth, a harbor historian.",
        f"{QUOTE} Arbuth said.",
    ) == ["J.K. Arbuth"]


def test_place_initials_before_a_word_are_no_given_name():
    assert speakers(f"{QUOTE} U.S. Coastguard officials said.") == [None]


def test_a_common_word_opening_a_sentence_is_no_part_of_the_name_after_it():
    assert speakers(
        "Certainly Ilse Varga knows the pier. She has certainly walked it daily.",
        f"{QUOTE} Varga said.",
    ) == ["Ilse Varga"]


def test_a_title_opening_a_sentence_stays_with_the_name():
    assert speakers(
        "Senator Ilse Varga toured the pier. The senator spoke briefly.",
        f"{QUOTE} Senator Varga said.",
    ) == ["Ilse Varga"]


@pytest.mark.parametrize("title, expected", [
    ("Mr.", "Thomas Brek"),
    ("Ms.", "Hannah Brek"),
])
def test_a_title_decides_between_two_people_of_one_surname(title, expected):
    assert speakers(
        "Thomas Brek and his daughter Hannah Brek run the ferry.",
        f"{QUOTE} {title} Brek said.",
    ) == [expected]


def test_a_title_that_decides_nothing_between_two_of_one_surname_gives_no_name():
    assert speakers(
        "Oskar Lindqvist sold the ferry to Vide Lindqvist last year.",
        f"{QUOTE} Mr. Lindqvist said.",
    ) == [None]


def test_without_a_title_the_surname_is_the_first_person_named_with_it():
    assert speakers(
        "Oskar Lindqvist sold the ferry to Vide Lindqvist last year.",
        f"{QUOTE} Lindqvist said.",
    ) == ["Oskar Lindqvist"]


@pytest.mark.parametrize("mention, expected", [
    ("Mrs. Lindqvist", "Anna Lindqvist"),
    ("Oskar Lindqvist", "Oskar Lindqvist"),
])
def test_a_title_or_a_given_name_tells_apart_two_people_of_one_surname(mention, expected):
    assert speakers(
        "Anna Lindqvist sold the ferry to Oskar Lindqvist last year.",
        f"{QUOTE} {mention} said.",
    ) == [expected]


@pytest.mark.parametrize("first, other", [
    ("Patrick Fox", "Pat Fox"),
    ("Patrick W. Fox", "Patrick Fox Jr."),
])
def test_a_short_form_middle_name_or_suffix_is_the_same_person_not_a_rival(first, other):
    assert speakers(
        f"{first} bought the ferry. {other} runs it.",
        f"{QUOTE} Mr. Fox said.",
    ) == [first]


def test_a_title_before_a_name_is_its_role_not_part_of_it():
    quotes = find_quotes([f"{QUOTE} said Senior Adviser Ilse Varga."])
    assert [(quote.speaker, quote.role) for quote in quotes] == [("Ilse Varga", "Senior Adviser")]


def test_a_building_is_no_person_for_he():
    assert speakers("Workers at the Seaview Hotel went on strike.", f"{QUOTE} he said.") == [None]


def test_an_adjective_of_office_is_no_name():
    found = speakers("Republican Presidential hopeful Ilse Varga toured the pier, telling "
                     f"reporters: {QUOTE[:-2]}.”")
    assert found in ([None], ["Ilse Varga"])  # never "Presidential"


def test_two_people_speaking_together_are_both_the_speaker():
    assert speakers(f"{QUOTE} Tom Baker and Rick Olson said in a statement.") == [
        "Tom Baker and Rick Olson"
    ]


@pytest.mark.parametrize("pronoun, expected", [
    ("they", "Tom Baker and Rick Olson"),
    ("he", None),
])
def test_two_people_speaking_together_are_they_not_he(pronoun, expected):
    assert speakers(
        f"{QUOTE} Tom Baker and Rick Olson said in a statement.",
        f"{QUOTE} {pronoun} added.",
    ) == ["Tom Baker and Rick Olson", expected]


def test_a_body_with_and_in_its_name_is_no_pair_of_people():
    assert speakers(f"{QUOTE} Procter and Gamble said.") == ["Procter and Gamble"]


@pytest.mark.parametrize("title", ["County Recorder", "City Clerk", "State Auditor"])
def test_an_office_before_a_name_is_the_role(title):
    quotes = find_quotes([f"{QUOTE} said {title} Ilse Varga."])
    assert [(quote.speaker, quote.role) for quote in quotes] == [("Ilse Varga", title)]


def test_a_title_in_quote_marks_is_no_person_for_she():
    assert speakers(
        "She told the show “Good Morning Ohio” she predicted riders “will be very happy "
        "with the ferry.”"
    ) == [None]
