"""A present form of a verb of saying that is a plural noun too ("protests", "claims",
"jokes") reads as the verb only where no noun can stand: after a pronoun or right after a
quotation. "The Harbor protests “…”" names no speaker.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes
from digest.summarize.lexicon import NOUN_FORMS


def speaker(*paragraphs: str) -> str | None:
    quotes = find_quotes(paragraphs)
    assert len(quotes) == 1
    return quotes[0].speaker


NOUNS = ["protests", "claims", "jokes", "replies", "demands", "answers", "promises", "fumes",
         "tweets", "comments", "recalls", "shouts", "stresses", "urges", "boasts", "recounts",
         "laments", "quips", "reports"]


@pytest.mark.parametrize("noun", NOUNS)
def test_a_noun_form_after_a_capitalised_word_names_no_one(noun):
    assert speaker(
        f"The Harbor {noun} “were heard all over the county by the end of the week,” "
        "according to the survey."
    ) is None


@pytest.mark.parametrize("noun", ["jokes", "claims", "replies", "answers", "demands"])
def test_a_pronoun_before_a_noun_form_is_its_subject(noun):
    assert speaker(
        "Ada Brennick runs the ferry.",
        f"She {noun}, “The ferry will not run again this year, not even once.”",
    ) == "Ada Brennick"


@pytest.mark.parametrize("noun", ["jokes", "demands", "protests", "boasts"])
def test_a_noun_form_right_after_a_quotation_is_its_verb(noun):
    assert speaker(f"“The ferry will not run again this year,” Ada Brennick {noun}.") == (
        "Ada Brennick"
    )


def test_a_noun_form_right_after_a_question_is_its_verb():
    assert speaker("“Will the ferry run again this year?” Ada Brennick demands.") == (
        "Ada Brennick"
    )


def test_the_noun_forms_are_the_flagged_verbs_third_person():
    assert {"reports", "claims", "jokes"} <= NOUN_FORMS
    assert "says" not in NOUN_FORMS and "notes" not in NOUN_FORMS
