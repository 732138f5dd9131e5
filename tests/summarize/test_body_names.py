"""A body's shorter name is read as the fullest one the story writes, as a person's is.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

from digest.summarize.fullest_names import fuller_bodies
from digest.summarize.names import NameIndex

from .helpers import QUOTE, speaker


def name_of(run: str, *paragraphs: str) -> str | None:
    name = NameIndex(paragraphs).name_of(run, speaking=True)
    return None if name is None else f"{name.kind}:{name.text}"


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
