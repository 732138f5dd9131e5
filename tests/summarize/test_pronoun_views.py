"""A phrase opening a sentence with whose view it gives ("According to Lee, Park lied")
puts two people in play: a pronoun after it names neither when both fit.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes
from digest.summarize.attribution import Paragraph
from digest.summarize.clause_topics import viewpoint_holder

QUOTE = "“The ferry will run again by May,”"


def speakers(*paragraphs: str) -> list[str | None]:
    return [quote.speaker for quote in find_quotes(paragraphs)]


@pytest.mark.parametrize("opening", [
    "According to Rick Olson, Tom Baker",
    "For Rick Olson, Tom Baker",
    "To Rick Olson, Tom Baker",
    "In Rick Olson's view, Tom Baker",
])
def test_a_pronoun_after_a_view_of_another_of_its_gender_names_no_one(opening: str):
    assert speakers(
        "Rick Olson spoke at the pier on Monday.",
        f"{opening} is the problem. {QUOTE} he said.",
    ) == [None]


def test_a_view_of_someone_of_the_other_gender_leaves_the_subject():
    assert speakers(
        "Ann Holt spoke at the pier on Monday.",
        f"According to Ann Holt, Tom Baker is the problem. {QUOTE} he said.",
    ) == ["Tom Baker"]


def test_a_phrase_naming_no_person_leaves_the_subject():
    assert speakers(
        "Rick Olson spoke at the pier on Monday.",
        f"According to the police, Tom Baker left early. {QUOTE} he said.",
    ) == ["Tom Baker"]


def test_a_view_of_the_speaker_himself_leaves_him():
    assert speakers(
        "Rick Olson spoke at the pier on Monday.",
        f"According to Tom Baker, the pier is unsafe. {QUOTE} he said.",
    ) == ["Tom Baker"]


@pytest.mark.parametrize(("sentence", "holder"), [
    ("According to Lee, Park lied.", "Lee"),
    ("For Jo Lee, Park is a hero.", "Jo Lee"),
    ("In Lee's view, Park lied.", "Lee"),
    ("In Lee's office, Park waited.", None),  # a place of Lee's, not a view
    ("In Boston, Park waited.", "Boston"),  # a run, left for the index to tell from a person
    ("Park, according to Lee, lied.", None),  # not opening the sentence
    ("For years, Park lied.", None),
    ("To Lee and Kim, Park is a hero.", None),  # two people, no one view
])
def test_viewpoint_holder_reads_the_phrase_opening_the_sentence(sentence: str,
                                                               holder: str | None):
    assert viewpoint_holder(Paragraph(sentence), sentence.index("Park")) == holder
