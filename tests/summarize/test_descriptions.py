"""Speakers named by a title or a description: whom "the governor" or "another" means.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from .helpers import QUOTE, speakers


@pytest.mark.parametrize("title", ["Del.", "Atty.", "Supt."])
def test_an_abbreviated_title_is_no_name_and_ends_no_sentence(title):
    assert speakers(f"{QUOTE} said {title} Ilse Varga.") == ["Ilse Varga"]


def test_a_title_alone_names_no_one():
    assert speakers(f"{QUOTE} said Rep.") == [None]


def test_the_noun_of_an_abbreviated_title_finds_its_one_holder_named_before():
    assert speakers(
        "Gov. Ilse Varga toured the pier on Monday.",
        f"{QUOTE} the governor said.",
    ) == ["Ilse Varga"]


def test_a_role_two_people_hold_gives_no_name():
    assert speakers(
        "Sen. Ilse Varga met voters. Sen. Rafe Dunn toured the pier on Monday.",
        f"{QUOTE} the senator said.",
    ) == [None]


@pytest.mark.parametrize("someone", ["Another", "Others", "Someone"])
def test_a_word_for_someone_unnamed_is_no_name(someone):
    assert speakers(f"Riders waited at the pier. {someone} said: {QUOTE[:-2]}.”") == [None]


def test_common_words_before_a_body_noun_are_no_body_name():
    assert speakers("Leaders of the organization said they want “a ferry that runs "
                    "again by May.”") == [None]


def test_a_clause_ending_in_a_body_noun_is_no_body_name():
    assert speakers(
        f"Although there is no ferry for Varga's team, a harbor official said, {QUOTE[:-2]}.”"
    ) == [None]


def test_a_body_described_with_no_name_of_its_own_is_no_one():
    assert speakers(
        "The Harbor Board met the Ferry Union on Monday.",
        f"{QUOTE} the group said.",
    ) == [None]


def test_a_body_described_by_a_word_of_its_name_is_that_body():
    assert speakers(
        "The Harbor Board met the ferry crews on Monday.",
        f"{QUOTE} the harbor agency said.",
    ) == ["Harbor Board"]


def test_a_person_known_by_what_they_do_is_too_unsure_to_name():
    assert speakers(
        "Ilse Varga sang at the pier on Monday.",
        f"{QUOTE} the singer said.",
    ) == [None]


def test_a_person_known_by_what_they_do_is_no_one_when_two_are_named():
    assert speakers(
        "Ilse Varga sang at the pier with Tom Baker on Monday.",
        f"{QUOTE} the singer said.",
    ) == [None]


@pytest.mark.parametrize("verb", ["issued", "released", "has put out"])
def test_a_document_is_said_by_whoever_the_story_says_put_it_out(verb):
    assert speakers(
        f"Lakeview Institute {verb} a long report on the pier on Monday.",
        f"{QUOTE} the report said.",
    ) == ["Lakeview Institute"]


def test_according_to_a_document_put_out_by_a_named_body():
    assert speakers(
        "Lakeview Institute released a report on the pier on Monday.",
        "The pier is unsafe, according to the report, which called it “a danger to every"
        " swimmer in the bay.”",
    ) == ["Lakeview Institute"]


def test_a_document_read_out_by_someone_is_not_theirs():
    assert speakers(
        "Tom Baker read a statement on Monday.",
        f"{QUOTE} the statement said.",
    ) == [None]


@pytest.mark.parametrize(
    ("document", "speaker"),
    [("the school’s Facebook post", None), ("Baker’s Facebook post", "Tom Baker"),
     ("the Facebook post", None), ("his YouTube video", None)],
)
def test_the_site_a_document_is_posted_on_is_not_its_author(document, speaker):
    assert speakers(
        "Tom Baker closed the pier on Monday.",
        f"{QUOTE} {document} said.",
    ) == [speaker]


@pytest.mark.parametrize("phrase", ["the former top aide to Governor Rick Olson",
                                    "a longtime friend of Olson", "the chief of staff to Olson"])
def test_whom_a_described_speaker_is_tied_to_is_not_the_speaker(phrase):
    assert speakers("Rick Olson spoke at the pier on Monday.", f"{QUOTE} said {phrase}.") == [
        None]


@pytest.mark.parametrize("phrase", ["muttered a man behind Rick Olson",
                                    "said the headline about Olson"])
def test_whom_a_described_speaker_stands_by_or_is_about_is_not_the_speaker(phrase):
    assert speakers("Rick Olson spoke at the pier on Monday.", f"{QUOTE} {phrase}.") == [None]


@pytest.mark.parametrize("phrase, speaker", [
    ("Secretary of State Rick Olson", "Rick Olson"),
    ("Ann Lowe, the chief of staff to Governor Rick Olson", "Ann Lowe"),
    ("Ann Lowe, a spokesperson for Rick Olson", "Ann Lowe"),
])
def test_a_title_with_a_preposition_or_a_named_representative_still_names(phrase, speaker):
    assert speakers("Rick Olson spoke at the pier on Monday.", f"{QUOTE} said {phrase}.") == [
        speaker]


@pytest.mark.parametrize("title", ["speaker of the House", "chairman of the Harbor Committee",
                                   "the president of Acme Ferry Lines"])
def test_a_role_of_a_body_written_before_a_name_leaves_the_name_the_speaker(title):
    assert speakers(f"{QUOTE} said {title} Rick Olson.") == ["Rick Olson"]


def test_whom_a_speaker_is_tied_to_by_a_title_with_a_department_is_not_the_speaker():
    assert speakers("Rick Olson spoke at the pier on Monday.",
                    f"{QUOTE} said an aide to Foreign Minister Rick Olson.") == [None]


@pytest.mark.parametrize("phrase, speaker", [
    ("an aide to Gov. Rick Olson", None),
    ("an aide to Gov. Rick Olson, Ann Lowe", "Ann Lowe"),
])
def test_whom_a_speaker_is_tied_to_after_an_abbreviated_title_is_not_the_speaker(phrase, speaker):
    assert speakers("Rick Olson spoke at the pier on Monday.", f"{QUOTE} said {phrase}.") == [
        speaker]


@pytest.mark.parametrize(("phrase", "speaker"), [
    ("the Olson campaign said", "the Olson campaign"),
    ("Rick Olson's campaign said", "Rick Olson's campaign"),
])
def test_a_campaign_named_by_whose_it_is_speaks_as_a_body(phrase, speaker):
    assert speakers(f"{QUOTE} {phrase}.") == [speaker]


def test_a_campaign_of_no_one_named_gives_no_name():
    assert speakers("Rick Olson spoke on Monday.", f"{QUOTE} the campaign said.") == [None]
