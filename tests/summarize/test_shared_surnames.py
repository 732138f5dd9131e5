"""People of one surname in one story: which of them a bare surname or a title with it is.

A story names its main actor first and calls them by the bare surname from then on; a
relative or namesake it brings in later is named in full each time. So the bare surname is
the one named first, unless the quotation's own paragraph has just named another in full as
its subject; a title's sex decides between a man and a woman ("Ms. Solberg" is the
daughter); a title that fits two people named as often leaves the speaker unnamed.
"""

from __future__ import annotations

import pytest

from .helpers import QUOTE, speakers


def test_the_surname_stays_with_the_main_actor_after_a_relative_is_named_in_full():
    assert speakers(
        "Dana Whitlock, the mayor, opened the new bridge on Tuesday.",
        "Whitlock has pushed for the bridge since her first term.",
        "The bridge is named for her grandmother, Rhea Whitlock, a ferry pilot.",
        f"{QUOTE} Whitlock said.",
    ) == ["Dana Whitlock"]


def test_the_paragraph_naming_the_other_in_full_as_its_subject_decides():
    assert speakers(
        "Tom Brandt runs the hardware store on Main Street.",
        f"Greta Brandt opened a bakery next door in March. {QUOTE} Brandt said.",
    ) == ["Greta Brandt"]


def test_the_other_named_in_full_only_as_an_object_does_not_decide():
    assert speakers(
        "Tom Brandt runs the hardware store on Main Street.",
        f"He praised his sister Greta Brandt for the bakery. {QUOTE} Brandt said.",
    ) == ["Tom Brandt"]


@pytest.mark.parametrize("title, expected", [
    ("Ms.", "Maria Solberg"),
    ("Mr.", "Peter Solberg"),
])
def test_a_title_tells_a_daughter_from_her_father(title, expected):
    assert speakers(
        "Peter Solberg, 70, founded the boatyard. His daughter, Maria Solberg, now runs it.",
        f"{QUOTE} {title} Solberg said.",
    ) == [expected]


def test_a_title_that_fits_two_sisters_named_as_often_gives_no_name():
    assert speakers(
        "Anna Lindqvist and her sister Maria Lindqvist bought the ferry.",
        f"{QUOTE} Ms. Lindqvist said.",
    ) == [None]
