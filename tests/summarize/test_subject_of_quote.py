"""A name written right before a quotation, nothing between, is what the quoted words are
about, not who says them: "Lee “kind of forgot about us”" continues someone else's words.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

from digest.summarize import find_quotes


def speakers(*paragraphs: str) -> list[str | None]:
    return [quote.speaker for quote in find_quotes(paragraphs)]


def test_a_name_whose_predicate_is_the_quote_does_not_say_it():
    assert speakers(
        "Tom Ward spoke after the vote. Ann Hill “has never once visited the shelter in "
        "all her years in office.”"
    ) == [None]


def test_the_quote_after_such_a_name_goes_on_in_the_last_speakers_words():
    assert speakers(
        "“The shelter is full every night,” said Tom Ward. Ann Hill “has ignored every "
        "warning that we sent her office.”"
    ) == ["Tom Ward", "Tom Ward"]


def test_a_verb_between_the_name_and_the_quote_keeps_the_name():
    assert speakers(
        "Tom Ward spoke after the vote. Ann Hill called the plan “a disgrace to every "
        "family that has ever needed this shelter.”"
    ) == ["Ann Hill"]
