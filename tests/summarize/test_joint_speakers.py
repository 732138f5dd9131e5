"""Two people speaking together: both of them named, or no one; never one of the two.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

from .helpers import QUOTE, speakers

PAIR = "Ilse Varga and Omar Ostrow toured the pier on Monday."


def test_a_pair_before_its_verb_is_both():
    assert speakers(PAIR, f"{QUOTE} Varga and Ostrow said.") == ["Ilse Varga and Omar Ostrow"]


def test_a_pair_with_an_appositive_after_it_is_both():
    assert speakers(PAIR, f"{QUOTE} Varga and Ostrow, both engineers, said.") == [
        "Ilse Varga and Omar Ostrow"
    ]


def test_a_pair_each_behind_a_title_is_both():
    assert speakers(
        "Ilse Varga met voters.",
        f"{QUOTE} harbor chief Ilse Varga and Mayor Omar Ostrow, both engineers, said.",
    ) == ["Ilse Varga and Omar Ostrow"]


def test_a_pair_after_its_verb_is_both():
    assert speakers("Ilse Varga met voters.", f"{QUOTE} said Ilse Varga and Omar Ostrow.") == [
        "Ilse Varga and Omar Ostrow"
    ]


def test_a_pair_opening_the_sentence_of_a_partial_quote_is_both():
    assert speakers(
        PAIR, "Varga and Ostrow issued a note calling the plan “a fair deal for the town at last.”"
    ) == ["Ilse Varga and Omar Ostrow"]


def test_a_person_and_a_body_together_are_no_one():
    assert speakers("Ilse Varga met voters.", f"{QUOTE} Varga and Acme Corp said.") == [None]


def test_a_person_and_a_body_opening_a_partial_quote_are_no_one():
    assert speakers(
        "Ilse Varga met voters.",
        "Varga and Acme Corp issued a note calling the plan “a fair deal for the town at last.”",
    ) == [None]


def test_two_titles_joined_before_one_name_are_one_person():
    assert speakers(
        "Omar Ostrow met voters.",
        f"{QUOTE} former Ohio Gov. and Harbor Board Chairman Omar Ostrow said.",
    ) == ["Omar Ostrow"]
