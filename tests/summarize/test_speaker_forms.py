"""How a speaker's name and attribution may be written: verbs of saying, names with
particles, suffixes and months in them, credit lines.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes
from digest.summarize.runs import speaks_as_group

from .helpers import speaker


@pytest.mark.parametrize("verb", [
    "charged", "confided", "confessed", "exclaimed", "grumbled", "muttered",
])
def test_a_verb_of_saying_after_the_quote_names_its_subject(verb):
    assert speaker(f"“The ferry will not run again this year,” Ada Brennick {verb}.") == (
        "Ada Brennick"
    )


def test_a_verb_of_saying_after_will_names_its_subject():
    assert speaker(
        "Ada Brennick runs the ferry.",
        "“The ferry will not run again this year,” Brennick will tell the council on Monday.",
    ) == "Ada Brennick"


@pytest.mark.parametrize("verb", ["jokes", "quips", "fumes", "gushes", "replies", "claims"])
def test_a_verb_of_saying_in_the_present_names_its_subject(verb):
    assert speaker(f"“The ferry will not run again this year,” Ada Brennick {verb}.") == (
        "Ada Brennick"
    )


@pytest.mark.parametrize("verb", ["sighed", "laughed", "scoffed", "snapped", "whispered", "vowed"])
def test_a_verb_of_saying_before_its_subject_names_it(verb):
    assert speaker(f"“The ferry will not run again this year,” {verb} Ada Brennick.") == (
        "Ada Brennick"
    )


@pytest.mark.parametrize("name", [
    "Rosa de los Rios", "Tom van den Bosch", "Ana de la Vega", "Piet van der Meer",
])
def test_particles_of_two_words_stay_in_the_name(name):
    assert speaker(f"“The ferry will run again by spring,” said {name}.") == name


def test_a_suffix_in_capitals_is_no_acronym():
    assert speaker(
        "Rep. Cyrus Hale III, R-Ky., said “the ferry will run again by spring.”"
    ) == "Cyrus Hale III"


@pytest.mark.parametrize("text, name", [
    ("“The ferry will run again by spring,” said Jan Podolski.", "Jan Podolski"),
    ("“The ferry will run again by spring,” said Mayor Jun Seo.", "Jun Seo"),
    ("“The ferry will run again by spring,” said Premier Edith May.", "Edith May"),
    ("“The ferry will run again by spring,” said Dr. April Haines.", "April Haines"),
])
def test_a_month_written_as_a_name_is_part_of_it(text, name):
    assert speaker(text) == name


def test_a_title_and_a_month_as_surname_resolve_to_the_full_name():
    assert speaker(
        "Edith May chaired the harbor board.",
        "“The ferry will run again by spring,” Mrs. May said.",
    ) == "Edith May"


@pytest.mark.parametrize("text", [
    "“The ferry will run again by spring,” Cal Dunn May 3 said.",
    "In March Dunn said “the ferry will run again by spring.”",
    "On Monday Dunn said “the ferry will run again by spring.”",
])
def test_a_month_of_a_date_is_no_name(text):
    assert speaker(text) in (None, "Dunn")


def test_a_credit_line_may_carry_a_party_tag():
    assert speaker("“The ferry is a lifeline.” –Sen. Nell Farrow (D-Ore.)") == "Nell Farrow"


def test_a_credit_line_may_carry_years():
    assert speaker("“The ferry is a lifeline.” ― Nell Farrow (1901-1980)") == "Nell Farrow"


@pytest.mark.parametrize("credit", ["Anonymous", "Unknown"])
def test_a_credit_to_no_one_names_no_speaker(credit):
    assert speaker(f"“The ferry is a lifeline for the island.” ― {credit}") is None


@pytest.mark.parametrize("title", [
    "Premier", "Lieutenant", "Reverend", "Magistrate", "Chef", "Councilmember",
    "Midfielder", "Pharmacist",
])
def test_a_title_before_a_name_stays_out_of_it(title):
    assert speaker(f"“The ferry will run again by spring,” said {title} Nell Farrow.") == (
        "Nell Farrow"
    )


def test_a_surname_that_is_a_title_stays_in_the_name():
    assert speaker("“The ferry will run again by spring,” said Sir Paul Nurse.") == "Paul Nurse"


def test_a_gendered_title_decides_between_two_people_of_one_surname():
    assert speaker(
        "Mary Farrow met her brother, Carl Farrow. “The ferry will run again by spring,” "
        "Brother Farrow said.",
    ) == "Carl Farrow"


@pytest.mark.parametrize("job", ["Chicago Teacher", "Celebrity Chef", "Harbor Rancher"])
def test_a_job_after_a_word_no_list_knows_as_a_given_name_is_no_name(job):
    assert speaker(f"“The ferry will run again by spring,” the {job} said.") is None


def test_a_job_as_surname_after_a_known_given_name_stays_in_the_name():
    assert speaker("“The ferry will run again by spring,” said Paul Teacher.") == (
        "Paul Teacher"
    )


@pytest.mark.parametrize("heading", ["Governor Signs Budget Into Law", "Senator Slams Farm Plan"])
def test_a_title_case_headline_names_no_one(heading):
    assert speaker(heading, "“It was not easy, but the budget is done,” he said.") is None


def test_a_surname_like_a_verb_ends_a_name():
    assert speaker("“The ferry will run again by spring,” said Carl Rants.") == "Carl Rants"


def test_french_guillemets_spaced_inside_close_before_a_comma():
    quotes = find_quotes(["« Le bac ne partira pas ce soir », said Luc Aubry after the storm."])
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Le bac ne partira pas ce soir", "Luc Aubry")
    ]


def test_a_credit_line_may_name_the_work_after_the_name():
    assert speaker("“The ferry is a lifeline.” ― Nell Farrow, “Island Days”") == "Nell Farrow"


@pytest.mark.parametrize("credit", ["Nell Farrow, 42, nurse", "Nell Farrow, mother of three."])
def test_a_credit_line_may_give_an_age_or_end_its_role_with_a_period(credit):
    assert speaker(f"“The ferry is a lifeline.” — {credit}") == "Nell Farrow"


def test_a_credit_line_is_not_a_sentence_going_on():
    assert speaker("“The ferry is a lifeline.” — Farrow, 1999, rejected it.") is None


@pytest.mark.parametrize("title", ["President-elect", "Gov.-elect", "Ex-Mayor", "Vice-Chancellor"])
def test_a_hyphenated_title_stays_out_of_the_name(title):
    assert speaker(f"“The ferry will run again by spring,” said {title} Nell Farrow.") == (
        "Nell Farrow"
    )


def test_a_hyphenated_surname_stays_whole():
    assert speaker("“The ferry will run again by spring,” said Nell Farrow-Major.") == (
        "Nell Farrow-Major"
    )


def test_a_name_opening_with_unknown_is_still_credited():
    assert speaker("“The ferry is a lifeline.” ― Unknown Harbor Band") == "Unknown Harbor Band"


@pytest.mark.parametrize("name", ["Karim al-Masri", "Nadia el-Sayed", "Luc Girard d’Arcy"])
def test_a_particle_joined_to_the_surname_stays_in_the_name(name):
    assert speaker(f"“The ferry will run again by spring,” said {name}.") == name


def test_a_surname_written_without_its_joined_particle_is_the_same_person():
    assert speaker(
        "Karim al-Masri runs the harbor.", "“The ferry will run again by spring,” Masri said."
    ) == "Karim al-Masri"


@pytest.mark.parametrize("text", [
    "“The ferry deal is good for the island,” according to Mexican media.",
    "“The ferry deal is good for the island,” Peruvians said.",
])
def test_a_people_named_by_its_adjective_is_no_person(text):
    assert speaker(text) is None


def test_a_surname_that_is_a_people_s_adjective_is_still_a_name():
    assert speaker(
        "Bill English led the party.", "“The ferry deal is good for the island,” English said."
    ) == "Bill English"


@pytest.mark.parametrize("title", ["Brig. Gen.", "Spc."])
def test_an_abbreviated_title_never_stands_alone_as_the_speaker(title):
    assert speaker(f"“The ferry will run again by spring,” said {title} Nell Farrow.") in (
        None, "Nell Farrow"
    )


def test_a_first_quote_after_a_paragraph_that_brings_it_in_with_a_colon_is_that_speakers():
    assert speaker(
        "Rep. Ada Brennick (D-Maine) said at the ferry hearing:",
        "“This agency has left the islands without a boat for a month.”",
    ) == "Ada Brennick"


def test_a_first_quote_alone_in_its_paragraph_goes_on_with_the_speaker_before():
    assert speaker(
        "Ada Brennick said the ferry would not run again this year.",
        "“We have no boat and no crew for it.”",
    ) == "Ada Brennick"


def test_a_first_quote_with_an_unread_attribution_of_its_own_takes_no_speaker_from_before():
    assert speaker(
        "Ada Brennick answered a question from the harbour master on the late ferry.",
        "“The ferry has been late every day this month,” the harbour master began.",
    ) is None


def test_a_first_quote_brought_in_as_a_documents_words_is_not_the_readers():
    assert speaker(
        "Ada Brennick read out a letter from the islanders:",
        "“We have had no boat and no crew for a month now.”",
    ) is None


def test_a_word_opening_a_sentence_before_a_comma_is_no_speaker():
    assert speaker(
        "Ada Brennick met the council on Monday. Afterwards, a spokesman said:",
        "“We have no boat and no crew for the ferry yet.”",
    ) is None


def test_a_word_of_a_two_word_nationality_alone_is_no_people():
    assert speaks_as_group("Peruvians") and not speaks_as_group("Sri")
