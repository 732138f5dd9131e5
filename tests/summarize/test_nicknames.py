"""A nickname in quote marks between a given name and a surname ("Robert “Bob” Lane") is
no break in the name: the surname alone later stands for the full one."""

from __future__ import annotations

import pytest

from tests.summarize.helpers import QUOTE, speaker


@pytest.mark.parametrize(
    ("text", "full"),
    [
        (f"Robert “Bob” Lane, the nominee, spoke on Monday. {QUOTE} Lane said.", "Robert Lane"),
        (f'Patricia "Trish" Okafor spoke on Monday. {QUOTE} Okafor said.', "Patricia Okafor"),
        (f"Henry “Hank” Van Buren spoke. {QUOTE} Van Buren said.", "Henry Van Buren"),
    ],
)
def test_the_surname_stands_for_the_name_around_the_nickname(text: str, full: str) -> None:
    assert speaker(text) == full


@pytest.mark.parametrize(
    ("text", "who"),
    [
        (f"Ann Lee watched “Jaws” Monday night with friends. {QUOTE} Lee said.", "Ann Lee"),
        (f"Tom Ward called it “Outrageous” Tuesday. {QUOTE} Ward said.", "Tom Ward"),
        (f"The film “Jaws” Steven Ward directed was shown. {QUOTE} Ward said.", "Steven Ward"),
        (f"Tom Ward sang “Danny Boy” Friday. {QUOTE} Ward said.", "Tom Ward"),
    ],
)
def test_a_title_in_quote_marks_is_no_nickname(text: str, who: str) -> None:
    assert speaker(text) == who
