"""A name tied by a preposition to the one a phrase names is not that one: one pattern
(`reading.tie_pattern`) read after a verb of saying and in a subject before it.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import re

from digest.summarize import find_quotes
from digest.summarize.reading import SUBJECT_TIES, TIES, only_titles, tie_pattern


def speaker(*paragraphs: str) -> str | None:
    quotes = find_quotes(paragraphs)
    assert len(quotes) == 1
    return quotes[0].speaker


def test_a_name_tied_to_a_described_speaker_after_the_verb_is_not_the_speaker():
    assert speaker("“The bridge must be rebuilt,” said a man behind Tom Park.") is None


def test_a_name_tied_to_the_subject_before_the_verb_is_not_the_speaker():
    assert speaker("A lawyer for Tom Park called the bridge “a danger to every driver.”") is None


def test_titles_between_the_tie_and_the_name_keep_the_tie_and_others_do_not():
    assert only_titles("Foreign Minister ")
    assert not only_titles("the House ")


def test_both_readings_match_the_same_shape():
    for prepositions in (TIES, SUBJECT_TIES):
        found = re.search(tie_pattern(prepositions), "an aide to Gov. ")
        assert found is not None and found["run"] == "Gov. "
