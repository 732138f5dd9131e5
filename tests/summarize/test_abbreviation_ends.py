"""An abbreviation's period ends a sentence too when a word that opens sentences, and no
name or title, follows it: "…to leave the U.S. While in office, Lee said…". Invented
sentences, one pattern each."""

from __future__ import annotations

from digest.core.text import sentences

from .helpers import speaker

CAST = "Tom Park is a senator. Ann Lee was the mayor."
FERRY = "the ferry “will run again by May at the latest.”"


def test_letters_period_before_an_opener_ends_the_sentence() -> None:
    assert sentences("Park left the U.S. While there, he spoke.") == [
        "Park left the U.S.", "While there, he spoke."
    ]


def test_a_companys_period_before_an_opener_ends_the_sentence() -> None:
    assert sentences("He sold Acme Inc. The deal closed.") == [
        "He sold Acme Inc.", "The deal closed."
    ]


def test_a_states_period_before_an_opener_ends_the_sentence() -> None:
    assert sentences("He moved to Tamarac, Fla. While there, he spoke.") == [
        "He moved to Tamarac, Fla.", "While there, he spoke."
    ]


def test_a_letter_after_an_apostrophe_ends_the_sentence() -> None:
    assert sentences("He met the Clinton’s. But it hurt.") == [
        "He met the Clinton’s.", "But it hurt."
    ]


def test_a_title_after_the_abbreviation_keeps_the_sentence() -> None:
    assert sentences("Park met U.S. Rep. Lee.") == ["Park met U.S. Rep. Lee."]


def test_a_name_after_the_abbreviation_keeps_the_sentence() -> None:
    text = "Park met Washington, D.C. Mayor Lee."
    assert sentences(text) == [text]


def test_a_titles_period_never_ends_the_sentence() -> None:
    assert sentences("Mr. And Mrs. Lee came.") == ["Mr. And Mrs. Lee came."]


def test_a_cases_versus_never_ends_the_sentence() -> None:
    assert sentences("Park v. The State was heard.") == ["Park v. The State was heard."]


def test_the_new_sentences_subject_speaks() -> None:
    assert speaker(CAST, f"Park met Martin Luther King Jr. But Lee said {FERRY}") == "Ann Lee"


def test_a_pronoun_after_the_abbreviation_is_no_name() -> None:
    assert speaker(CAST, f"Park spoke in Washington, D.C. He said {FERRY}") == "Tom Park"


def test_a_description_opening_the_new_sentence_is_not_the_last_ones_subject() -> None:
    assert speaker(CAST, "Park moved his firm to Acme Inc. The company said it “will run the "
                         "ferry again by May at the latest.”") is None
