"""A role the story gives someone else as a country's, a body's or a person's ("Chile's
ambassador, Ana Ruiz,") leaves "the ambassador" to no one, as two people hold it."""

from __future__ import annotations

import pytest

from tests.summarize.helpers import QUOTE, speaker


def test_another_named_as_holding_the_role_leaves_the_description_unnamed() -> None:
    assert speaker(
        "Gen. Tom Ward spoke.",
        "Russia's top general, Ivan Petrov, did not attend.",
        f"{QUOTE} the general said.",
    ) is None


@pytest.mark.parametrize(
    ("first", "second", "description", "holder"),
    [
        ("Amb. Ann Lee defended the vote.", "America's ambassador, Ann Lee, met the press.",
         "the ambassador", "Ann Lee"),
        ("Gov. Ann Lee signed the bill.", "Ohio's governor has vetoed two bills this year.",
         "the governor", "Ann Lee"),
        ("Mayor Tom Ward spoke.", "Boston's former mayor, Bill Hale, did not attend.",
         "the mayor", "Tom Ward"),
        ("Gov. Ann Lee signed the bill.", "Lee's lieutenant governor, Tom Ward, did not.",
         "the governor", "Ann Lee"),
        ("Sen. Tom Ward spoke.", "Ward's spokesman, Bill Hale, said no.", "the senator",
         "Tom Ward"),
        ("Mayor Tom Ward spoke.", "Boston's police chief, Bill Hale, did not attend.",
         "the mayor", "Tom Ward"),
    ],
)
def test_the_holder_keeps_the_role(first: str, second: str, description: str,
                                   holder: str) -> None:
    assert speaker(first, second, f"{QUOTE} {description} said.") == holder
