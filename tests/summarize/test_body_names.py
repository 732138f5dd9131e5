"""A body's shorter name is read as the fullest one the story writes, as a person's is.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

from digest.summarize.fullest_names import fuller_bodies

from .helpers import QUOTE, name_of, speaker


def test_a_bodys_shorter_name_is_its_fullest():
    assert name_of("Harbor Museum", "The Harbor Maritime Museum opened a wing.",
                   "The Harbor Museum said it was full.") == (
        "organisation:Harbor Maritime Museum"
    )


def test_a_body_speaks_by_its_fullest_name():
    assert speaker("The Harbor Maritime Museum opened a wing.",
                   f"{QUOTE} the Harbor Museum said.") == "the Harbor Maritime Museum"


def test_two_fuller_bodies_leave_a_shorter_name_as_written():
    assert name_of("Harbor Museum", "The Harbor Maritime Museum and the Harbor Art Museum met.",
                   "The Harbor Museum said it was full.") == "organisation:Harbor Museum"


def test_a_fuller_body_must_open_and_end_as_the_shorter_does():
    assert fuller_bodies(["Harbor Museum", "Harbor Museum Trust", "Old Harbor Museum"]) == {}


def test_the_shorter_names_words_come_in_order():
    assert fuller_bodies(["Lake Water Board", "Lake Board of Water"]) == {}
    assert fuller_bodies(["Lake Board", "Lake Water Supply Board"]) == {
        "Lake Board": "Lake Water Supply Board"
    }


def test_a_bodys_name_with_to_inside_is_read_whole():
    assert speaker(f"{QUOTE} the Council to Save Rivers said.") == (
        "Council to Save Rivers"
    )


def test_a_bodys_name_with_of_the_inside_is_read_whole():
    assert name_of("Harbors", "The Ministry of the Harbors spoke.") == (
        "organisation:Ministry of the Harbors"
    )


def test_the_head_of_a_bodys_name_stands_for_the_whole():
    assert speaker("The Council to Save Rivers counted dams.",
                   f"{QUOTE} said the Council.") == "the Council to Save Rivers"


def test_the_head_joined_to_two_names_stands_for_neither():
    assert name_of("Council", "The Council to Save Rivers and the Council to Save Lakes met.",
                   "The Council said so.") == "organisation:Council"


def test_a_person_after_a_bodys_noun_and_to_is_no_part_of_it():
    assert speaker("The Council gave the prize to Maria Ruiz.",
                   f"{QUOTE} Ruiz said.") == "Maria Ruiz"


def test_a_run_written_as_someones_after_to_is_no_part_of_it():
    assert speaker("The Council gave the prize to Bo Varga.",
                   f"{QUOTE} Varga said.") == "Bo Varga"
