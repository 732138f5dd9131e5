"""A word that opens sentences ("Neither", "Perhaps", "Whether") is never part of the name
written after it."""

import pytest

from .helpers import speakers


@pytest.mark.parametrize("opener", ["Neither", "Either", "Perhaps", "Whether", "Never", "Once"])
def test_a_sentence_opener_before_a_name_is_not_part_of_it(opener):
    story = (
        f"{opener} Ann Lee nor her rivals wanted a fight on Monday.",
        "“We came to talk about the harbour and its jobs,” Lee said.",
    )
    assert speakers(*story) == ["Ann Lee"]
