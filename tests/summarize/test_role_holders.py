"""Speakers described by a role, by whom they speak for, or inside a phrase of the subject.

Each case is an invented minimal story with one pattern: "the Florida senator" is the one
person the story named with that role before; a lawyer or spokesperson speaks for someone,
who is then not the speaker; a name in a clause or phrase of the subject is not its speaker;
a group of people unnamed never lands in the speaker field.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes
from digest.summarize.roles import holds_role, party_after, wanted_role

from .helpers import speakers

QUOTE = "“We will fix the roads before winter comes,”"


# --- the role a description asks for ---------------------------------------------------------


@pytest.mark.parametrize(("introduced", "described"), [
    ("Tom Ward, the Democratic nominee, spoke on Monday.", "the Democratic nominee"),
    ("Democratic nominee Tom Ward spoke in Dayton on Monday.", "the Democratic nominee"),
    ("Sen. Tom Ward, R-Fla., toured the plant.", "the Florida senator"),
    ("Sen. Tom Ward (R-Fla.) toured the plant.", "the senator"),
    ("New Jersey Gov. Tom Ward toured the plant.", "the New Jersey governor"),
    ("Tom Ward (R-Ohio) toured the plant.", "the Ohio Republican"),
    ("Former President Tom Ward spoke on Monday.", "the former president"),
    ("Tom Ward, the mayor of Dayton, toured the plant.", "the mayor"),
])
def test_a_role_the_story_gave_one_person_before_names_them(introduced, described):
    assert speakers(introduced, f"{QUOTE} {described} said.") == ["Tom Ward"]


@pytest.mark.parametrize(("introduced", "described"), [
    ("Former Gov. Ann Hill spoke in Dayton.", "the governor"),  # a former one is not "the"
    ("Vice President Ann Hill toured the plant.", "the president"),
    ("Deputy Director Ann Hill spoke on Monday.", "the director"),
    ("Tom Ward, the former mayor, toured the plant.", "the mayor"),
    ("Sen. Ann Hill (D-Ohio) toured the plant.", "the Florida senator"),  # another state
    ("Rep. Ann Hill (R-Texas) toured the plant.", "the Ohio Republican"),
    ("Tom Ward, the Republican nominee, toured the plant.", "the Democratic nominee"),
    ("Gov. Ann Hill toured the plant.", "the governors"),  # several
    ("Tom Ward, chief of staff to the senator, spoke.", "the senator"),  # whose aide he is
    ("Lt. Gov. Ann Hill toured the plant.", "the governor"),  # a compound role
    ("Tom Ward, the state's attorney general, spoke.", "the general"),
])
def test_a_role_no_one_was_given_as_described_names_no_one(introduced, described):
    assert speakers(introduced, f"{QUOTE} {described} said.") == [None]


def test_a_role_given_someone_unnamed_after_the_holder_names_no_one():
    assert speakers("Sen. Tom Ward (R-Iowa) met the other Iowa senator on Monday.",
                    f"{QUOTE} the Iowa senator said.") == [None]


def test_a_role_two_people_were_given_names_no_one():
    assert speakers("Judge Ann Hill heard the case. Judge Tom Ward disagreed.",
                    f"{QUOTE} the judge said.") == [None]


def test_the_holder_of_a_role_named_only_after_the_quote_is_not_its_speaker():
    assert speakers(f"{QUOTE} the senator said.", "Sen. Ann Hill toured the plant.") == [None]


def test_a_description_as_the_subject_after_a_place_gives_the_place_no_role():
    assert speakers("In Dayton, Ohio, the Democratic nominee said: “We will fix the roads.”",
                    f"{QUOTE} the Democratic nominee said.") == [None, None]


def test_a_pair_named_in_one_run_gives_neither_a_role():
    assert speakers("Sen. Ann Hill and Sen. Tom Ward met on Monday.",
                    f"{QUOTE} the senator said.") == [None]


def test_a_party_tag_gives_the_party_and_the_state():
    text = "Sen. Tom Ward (D-N.J.) spoke."
    assert party_after(text, text.index(" (")) == {"democrat", "democratic", "new", "jersey"}
    assert party_after("Tom Ward, I think, spoke.", len("Tom Ward")) == set()


def test_a_description_asks_for_a_head_noun_and_its_other_words():
    assert wanted_role("the senator from Vermont") == ("senator", frozenset({"vermont"}))
    assert wanted_role("the report") is None


def test_a_role_marked_former_is_not_the_role_unmarked():
    assert holds_role(["former Gov."], set(), "governor", frozenset({"former"}))
    assert not holds_role(["former Gov."], set(), "governor", frozenset())


# --- representatives ------------------------------------------------------------------------


@pytest.mark.parametrize("phrase", [
    "said a lawyer for Tom Ward", "an attorney for Ward said",
    "said a spokeswoman for the Ward campaign", "said a spokeswoman for Ohio Gov. Tom Ward",
])
def test_one_who_speaks_for_a_person_is_not_that_person(phrase):
    assert speakers("Tom Ward faces trial in Dayton.", f"{QUOTE} {phrase}.") == [None]


def test_the_spokesperson_of_a_person_brought_in_before_is_not_that_person():
    assert speakers("A spokesman for Tom Ward spoke on Monday.",
                    f"{QUOTE} the spokesman said.") == [None]


@pytest.mark.parametrize(("phrase", "speaker"), [
    ("said Ann Hill, a lawyer for Tom Ward", "Ann Hill"),
    ("said a spokesperson for the Harbor Board", "the Harbor Board"),
    ("a spokesman for the Defense Ministry said", "the Defense Ministry"),
    ("according to a study by Ann Hill of Dayton University", "Ann Hill"),  # her own words
])
def test_a_named_representative_or_a_body_still_speaks(phrase, speaker):
    assert speakers(f"{QUOTE} {phrase}.") == [speaker]


# --- a name inside a phrase of the subject --------------------------------------------------


@pytest.mark.parametrize("subject", [
    "Democrats who know Tom Lind", "A lawyer for Tom Lind", "A friend of Gov. Tom Lind",
    "Aides to Gov. Tom Lind", "Friends of Tom Lind",
])
def test_a_name_in_a_clause_or_phrase_of_the_subject_is_not_its_speaker(subject):
    assert speakers(f"{subject} called the plan “a disgrace to the whole chamber” again.") == [
        None]


@pytest.mark.parametrize("subject", [
    "Tom Lind", "Secretary of State Tom Lind", "Speaker of the House Tom Lind",
    "Tom Lind, who knows the Democrats,", "After the vote, Tom Lind", "Tom Lind of Ohio",
])
def test_a_name_that_is_the_subject_still_speaks(subject):
    assert speakers(f"{subject} called the plan “a disgrace to the whole chamber” again.") == [
        "Tom Lind"]


def test_a_name_in_a_relative_clause_before_a_colon_is_not_the_speaker():
    assert speakers("Democrats who know Tom Lind said: “He has never lost a fight.”") == [None]


# --- groups of people -----------------------------------------------------------------------


@pytest.mark.parametrize("subject", [
    "Experts of Ohio's Harbor Institute", "Critics of Tom Ward", "Experts at the Harbor Institute",
    "Supporters", "Voters who backed Ann Hill", "Aides to Tom Ward",
    "Members of the Harbor Board",
])
def test_people_unnamed_never_land_in_the_speaker_field(subject):
    assert speakers(f"{subject} said: “The river will flood again within a decade.”") == [None]


def test_a_role_right_after_a_quotation_is_given_the_name_after_it():
    quotes = find_quotes(["“The plan is far from sound,” columnist Ai Jun wrote.",
                          f"{QUOTE} the columnist said."])
    assert [(quote.speaker, quote.role) for quote in quotes] == [
        ("Ai Jun", "columnist"), ("Ai Jun", "columnist")]


@pytest.mark.parametrize("speaker", ["Ann Friends", "Tom Fans"])
def test_a_word_for_a_group_in_a_full_name_is_still_a_name(speaker):
    assert speakers(f"{speaker} said: “The river will flood again within a decade.”") == [
        speaker]
