"""Groups of people, peoples and bodies as speakers: who is no one's name, who is a body.

Each case is an invented minimal story with one pattern: people tied to a body ("economists
at X") are no body; a people's adjective ("French media") is no one; one speaking for people
unnamed ("a spokesman for committee Democrats") names no one; a name ending in a hyphenated
word ("Obama-era") modifies a noun; two holders of one role joined by "and" leave the role's
noun to no one; words in quotes inside an appositive or a compound ("self-described") do not
cut the subject off its verb; a place after the subject and "in" ("Lee in Ohio") never speaks.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes
from digest.summarize.groups import plural, tied_group
from digest.summarize.roles import head_noun

QUOTE = "“The ferry will run again before the spring tides,”"
SAID = "“the ferry will run again before the spring tides.”"


def speakers(*paragraphs: str) -> list[str | None]:
    return [quote.speaker for quote in find_quotes(paragraphs)]


# --- people tied to a body ----------------------------------------------------------------


@pytest.mark.parametrize("group", [
    "Economists at Corvane Bank",
    "Researchers from the Tidewater Institute",
    "Analysts with Orlo Ratings Service",
    "Democrats in the Assembly",
    "Lawyers for Nora Varga",
    "Lawyers for Sen. Ilse Varga",
])
def test_people_tied_to_a_body_or_a_person_are_no_speaker(group):
    assert speakers(f"{group} said {SAID}") == [None]


@pytest.mark.parametrize(("body", "speaker"), [
    ("Physicians for Open Harbors", "Physicians for Open Harbors"),
    ("Veterans of Foreign Wars", "Veterans of Foreign Wars"),
    ("The Sisters of Mercy", "the Sisters of Mercy"),
])
def test_a_body_named_with_a_word_for_people_still_speaks(body, speaker):
    assert speakers(f"{body} said {SAID}") == [speaker]


def test_a_person_of_a_body_still_speaks():
    assert speakers(f"Ilse Varga, an economist at Corvane Bank, said {SAID}") == ["Ilse Varga"]


@pytest.mark.parametrize(("chunk", "group"), [
    ("economists at Corvane Bank", True),
    ("a team of researchers at the Tidewater Institute", True),
    ("Lawyers for Sen. Ilse Varga", True),
    ("Physicians for Open Harbors", False),
    ("Corvane Bank", False),
    ("Ilse Varga of Corvane Bank", False),
])
def test_a_group_is_read_by_its_noun_and_what_follows_its_tie(chunk, group):
    assert tied_group(chunk) is group


@pytest.mark.parametrize(("noun", "many"), [
    ("analyst", "analysts"), ("spokesman", "spokesmen"), ("secretary", "secretaries"),
    ("coach", "coaches"), ("attorney", "attorneys"),
])
def test_a_title_is_made_plural_as_english_does(noun, many):
    assert plural(noun) == many


# --- a people's adjective -------------------------------------------------------------------


def test_a_peoples_adjective_before_a_noun_is_no_speaker():
    assert speakers(f"The storm hit Lisle. According to French media, the mayor said {SAID}") \
        == [None]


def test_a_title_after_a_peoples_adjective_still_names_its_holder():
    assert speakers(f"{QUOTE} said French President Aurele Danton.") == ["Aurele Danton"]


# --- one speaking for people unnamed --------------------------------------------------------


def test_a_spokesman_for_people_unnamed_names_no_one():
    assert speakers(f"{QUOTE} a spokesman for committee Democrats said.") == [None]


@pytest.mark.parametrize("body", ["the Democrats", "Assembly Democrats", "the Tidewater Institute"])
def test_a_spokesman_for_a_body_still_speaks_for_it(body):
    assert speakers(f"{QUOTE} a spokesman for {body} said.") == [body]


# --- a name that modifies a noun ------------------------------------------------------------


def test_a_name_ending_in_a_hyphenated_word_is_no_speaker():
    assert speakers(
        "Ilse Varga spoke at the pier.",
        f"According to Obama-era files from the archive, the aide said {SAID}",
    ) == [None]


def test_a_title_after_a_hyphenated_modifier_still_names_its_holder():
    assert speakers(f"{QUOTE} according to Varga-backed candidate Rafe Dunn.") == ["Rafe Dunn"]


# --- two holders of one role ----------------------------------------------------------------


def test_two_holders_of_a_title_joined_by_and_leave_its_noun_to_no_one():
    assert speakers(
        "Sen. Ilse Varga met Sen. Rafe Dunn and Sen. Odo Marsh on Monday.",
        f"{QUOTE} the senator said.",
    ) == [None]


def test_others_joined_by_and_with_another_title_leave_the_holder():
    assert speakers(
        "Sen. Ilse Varga met Rep. Rafe Dunn and Lt. Gov. Odo Marsh on Monday.",
        f"{QUOTE} the senator said.",
    ) == ["Ilse Varga"]


# --- words in quotes inside the subject -----------------------------------------------------


@pytest.mark.parametrize("appositive", [
    "the so-called “harbor czar,”",
    "host of the podcast “Tide Talk,”",
    "a “super lawyer” in Lisle,",
])
def test_words_in_quotes_inside_an_appositive_keep_the_name_its_subject(appositive):
    assert speakers(f"Ilse Varga, {appositive} said {SAID}") == ["Ilse Varga"]


def test_a_quotation_after_a_clause_is_still_cut_off_the_verb():
    assert speakers(
        "In May, Ilse Varga called the plan “a waste of the money,” said Rafe Dunn, who "
        "chairs the panel."
    ) == ["Rafe Dunn"]


def test_a_verb_of_saying_inside_a_compound_is_no_verb():
    assert speakers(f"Ilse Varga, a self-described optimist, said {SAID}") == ["Ilse Varga"]



# --- a place after the subject --------------------------------------------------------------


@pytest.mark.parametrize(("subject", "speaker"), [
    ("Rafe Dunn in Ohio", "Rafe Dunn"),  # the sentence's subject, opening it
    ("Citizens for Clean Harbors in Lisle", None),
    ("Students in Lisle", None),
])
def test_a_place_written_after_the_subject_and_in_is_no_speaker(subject, speaker):
    assert speakers(f"{subject} said {SAID}") == [speaker]


@pytest.mark.parametrize("sentence", [
    f"In Ohio, Ilse Varga said {SAID}",
    f"Ilse Varga, a lawyer in Ohio, said {SAID}",
    f"Sen. Ilse Varga of Ohio said {SAID}",
])
def test_a_place_elsewhere_in_the_sentence_leaves_the_subject(sentence):
    assert speakers(sentence) == ["Ilse Varga"]

# --- the head noun of a description ---------------------------------------------------------


@pytest.mark.parametrize(("phrase", "head"), [
    ("the florida senator from iowa", "senator"),
    ("lawyer for the firm", "lawyer"),
    ("the senator and his aide", "senator"),
    ("an aide on the committee", "aide"),
    ("governor", "governor"),
    ("of the house", ""),
])
def test_the_head_noun_is_the_last_word_before_what_qualifies_it(phrase, head):
    assert head_noun(phrase) == head
