"""Who a name, written one way or another, stands for; and when an attribution near a
quotation is not the quotation's.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes

QUOTE = "“The ferry will run again by May,”"


def speakers(*paragraphs: str) -> list[str | None]:
    return [quote.speaker for quote in find_quotes(paragraphs)]


@pytest.mark.parametrize("given", ["April", "June", "Dean"])
def test_a_given_name_that_is_also_a_month_or_a_title_names_the_person(given):
    assert speakers(f"{QUOTE} {given} Varga said.") == [f"{given} Varga"]
    assert speakers(f"{given} Varga, a pilot, spoke first.", f"{QUOTE} Varga said.") == [
        f"{given} Varga"
    ]


def test_a_title_before_a_surname_the_story_gives_another_given_name_stays_a_title():
    assert speakers(
        "Tomas Varga, dean of the law school, spoke first.",
        f"{QUOTE} Dean Varga said.",
    ) == ["Tomas Varga"]


def test_a_month_after_a_word_of_date_is_no_given_name():
    assert speakers("The ferry has run since May Lind took the helm.", f"{QUOTE} Lind said.") == [
        "Lind"
    ]
