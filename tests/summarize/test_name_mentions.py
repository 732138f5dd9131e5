"""Who a name, written one way or another, stands for; and when an attribution near a
quotation is not the quotation's.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from .helpers import QUOTE, speakers


@pytest.mark.parametrize("given", ["April", "June", "Dean"])
def test_a_given_name_that_is_also_a_month_or_a_title_names_the_person(given):
    assert speakers(f"{QUOTE} {given} Varga said.") == [f"{given} Varga"]
    assert speakers(f"{given} Varga, a pilot, spoke first.", f"{QUOTE} Varga said.") == [
        f"{given} Varga"
    ]


def test_a_title_before_a_surname_the_story_gives_another_given_name_stays_a_title():
    assert speakers(
        "Tomas Varga, dean of the law school, spoke first.",
        f"{QUOTE} Dean Varga said.",
    ) == ["Tomas Varga"]


def test_a_month_after_a_word_of_date_is_no_given_name():
    assert speakers("The ferry has run since May Lind took the helm.", f"{QUOTE} Lind said.") == [
        "Lind"
    ]


@pytest.mark.parametrize("opener", ["until", "when", "and", "because"])
def test_a_clause_of_its_own_after_a_quote_is_not_its_attribution(opener):
    assert speakers(
        f"Ilse Varga said she was “kind of on the fence about it” {opener} Tom Park said he "
        "would run."
    ) == ["Ilse Varga"]


def test_a_name_after_a_dash_closing_an_attributed_sentence_is_a_byline():
    assert speakers(
        "Ilse Varga said the ferry would “run again by the end of May.”--Tom Park"
    ) == ["Ilse Varga"]


@pytest.mark.parametrize("dash", ["―", "—", "–", "--"])
def test_a_name_after_a_dash_under_a_quote_alone_is_its_credit(dash):
    assert speakers(f"“We will keep the ferry running all winter.” {dash} Maria Lopez") == [
        "Maria Lopez"
    ]


def test_as_someone_said_after_a_quote_is_its_attribution():
    assert speakers("The vote “is far too close to call now,” as Ilse Varga said on Monday.") == [
        "Ilse Varga"
    ]


@pytest.mark.parametrize("joint", [", while", ", but", "; and", ";"])
def test_a_later_clause_with_its_own_speaker_says_the_partial_quote(joint):
    assert speakers(
        f"Ilse Varga suggested that the plan was weak{joint} Tom Park said the ferry "
        "“will run again by the end of May.”"
    ) == ["Tom Park"]


def test_a_reported_clause_without_a_break_stays_with_the_first_speaker():
    assert speakers(
        "Ilse Varga said that Tom Park concluded the ferry “will run again by the end of May.”"
    ) == ["Ilse Varga"]


def test_a_phrase_opening_with_a_preposition_after_a_quote_is_not_its_attribution():
    assert speakers(
        "Ilse Varga claims that the board “takes all of its orders” from Harbor Corp, and "
        "asserts that it should resign."
    ) == ["Ilse Varga"]
    assert speakers("“The ferry will run again by May,” in a statement, Ilse Varga said.") == [
        "Ilse Varga"
    ]


@pytest.mark.parametrize("state", ["Pa.", "Calif.", "Tex."])
def test_a_state_abbreviated_after_a_place_ends_no_sentence(state):
    assert speakers(
        f"{QUOTE} Ilse Varga, 67, a retired pilot in Easton, {state}, said in an interview."
    ) == ["Ilse Varga"]


def test_as_someone_put_it_introduces_their_words():
    assert speakers(
        "As the harbor's chief executive, Ilse Varga, put it in a memo, “The ferry will run "
        "again by the end of May.”"
    ) == ["Ilse Varga"]


def test_a_question_asked_by_someone_is_theirs_not_the_one_asked():
    assert speakers(
        "Ilse Varga was asked by moderator Tom Park whether the ferry would “run again by "
        "the end of May.”"
    ) == ["Tom Park"]


@pytest.mark.parametrize("joint", ["but now", "and then", "but"])
def test_a_second_verb_after_a_comma_and_a_conjunction_is_the_clause_subjects(joint):
    assert speakers(
        f"Ilse Varga backed Tom Park in May, {joint} said the ferry would “run again by the "
        "end of the year.”"
    ) == ["Ilse Varga"]


def test_an_attribution_in_brackets_after_a_quote_is_its_attribution():
    assert speakers(
        "“The ferry will run again by the end of May,” (said Ilse Varga) “and the pier "
        "will open too.”"
    ) == ["Ilse Varga", "Ilse Varga"]
    assert speakers("The ferry “will run again by the end of May” (Ilse Varga said).") == [
        "Ilse Varga"
    ]


@pytest.mark.parametrize("sentence", [
    "The Harbor Times reported that Ilse Varga said the ferry would “run again by the end of "
    "May.”",
    "Ilse Varga told the Harbor Times that the ferry would “run again by the end of May.”",
    "“The ferry will run again by the end of May,” Ilse Varga told the Harbor Times.",
    "“The ferry will run again by the end of May,” Ilse Varga said, according to the Harbor "
    "Times.",
])
def test_the_outlet_that_reports_someones_words_is_not_their_speaker(sentence):
    assert speakers(sentence) == ["Ilse Varga"]


@pytest.mark.parametrize("body", ["campaign", "administration", "team"])
def test_a_name_saying_whose_body_speaks_is_not_the_speaker(body):
    assert speakers(
        "Ilse Varga toured the pier.",
        f"The Varga {body} projects that the ferry will “run again by the end of May.”",
    ) == [None]


def test_a_name_in_a_clause_opening_the_sentence_is_not_its_subject():
    assert speakers(
        "Even before Ilse Varga took the stage, a text message went out to voters saying: "
        "“We will keep the ferry running through the winter.”"
    ) == [None]


@pytest.mark.parametrize("attribution", [
    "Ilse Varga fumed", "Ilse Varga gushed", "Ilse Varga told CNN", "Ilse Varga wrote",
    "Ilse Varga tweeted", "Ilse Varga added", "quipped Ilse Varga", "said Ilse Varga",
    "Ilse Varga protested",
])
def test_verbs_of_saying_beyond_said_name_the_speaker(attribution):
    assert speakers(f"{QUOTE} {attribution}.") == ["Ilse Varga"]


@pytest.mark.parametrize("attribution", [
    "Harbor Master Maria Lopez said", "said Harbor Master Maria Lopez",
    "Majority Whip Maria Lopez said",
])
def test_a_role_no_title_list_knows_stays_out_of_the_name(attribution):
    assert speakers(f"{QUOTE} {attribution}.") == ["Maria Lopez"]


@pytest.mark.parametrize("name", ["Jose Maria Aznar", "Anne Marie Lopez", "Juan Carlos Ortiz"])
def test_given_names_in_a_row_are_all_the_name(name):
    assert speakers(f"{QUOTE} {name} said.") == [name]


@pytest.mark.parametrize("sentence", [
    "Marco Lind and former Gov. Ilse Varga have a lot in common.",
    "Harbor veterans like Ilse Varga have long wanted it.",
])
def test_a_person_before_a_plural_verb_is_still_a_person(sentence):
    assert speakers(sentence, f"{QUOTE} Varga said.") == ["Ilse Varga"]


def test_a_title_written_with_of_staff_stays_out_of_the_name():
    assert speakers(
        "Harbor Chief of Staff Ilse Varga toured the pier.", f"{QUOTE} Varga said."
    ) == ["Ilse Varga"]


def test_titles_in_the_plural_are_no_ones_given_name():
    assert speakers(
        "Senators Varga and Lind toured the pier. Ilse Varga spoke first.",
        f"{QUOTE} Varga said.",
    ) == ["Ilse Varga"]


@pytest.mark.parametrize("when", ["during a Sunday rally", "on Tuesday", "at the pier"])
def test_when_or_where_between_a_reported_subject_and_its_verb_is_left_out(when):
    assert speakers(
        f"The crowd grew so loud that Ilse Varga {when} thanked her crew “for all of their "
        "support this year.”"
    ) == ["Ilse Varga"]


@pytest.mark.parametrize("clause", ["after Tom Park stated an interest in the pier",
                                    "because Tom Park said it was late"])
def test_a_speaker_in_a_clause_of_when_or_why_does_not_go_on_speaking(clause):
    assert speakers(
        f"“The pier is not for sale,” Ilse Varga told the Harbor Times on Monday, {clause}. "
        "“The ferry will run again by May.”"
    ) == ["Ilse Varga", "Ilse Varga"]


@pytest.mark.parametrize("joint", ["after", "as", "because"])
def test_a_partial_quote_in_a_clause_of_when_or_why_is_that_clauses_speakers(joint):
    assert speakers(
        f"Ilse Varga tweeted a rebuttal {joint} Tom Park argued that the ferry “will run "
        "again by the end of May.”"
    ) == ["Tom Park"]


def test_one_attribution_closing_a_sentence_of_two_quotes_says_both():
    assert speakers(
        "“A story of hard winters at sea” was to be a “book for the whole family to read,” "
        "said Maria Lopez, the agent."
    ) == ["Maria Lopez", "Maria Lopez"]


def test_a_quote_with_its_own_clause_before_the_next_is_not_said_by_the_next_speaker():
    assert speakers(
        "Its backers claim that “the bridge will pay for itself soon,” as Ilse Varga did, or "
        "that “the tolls will land on the poorest drivers,” as Tom Park said in April."
    ) == [None, "Tom Park"]


@pytest.mark.parametrize("short", ["No,", "Never again,", "“Sure,”"])
def test_an_inverted_attribution_after_a_short_quote_names_the_speaker(short):
    quote = short if short.startswith("“") else f"“{short}”"
    assert speakers(
        f"{quote} said Ilse Varga, the harbor master. “The ferry will run again by May.”"
    ) == ["Ilse Varga"]


@pytest.mark.parametrize("opening", ["When asked for his view on Monday,",
                                     "If asked about the pier,"])
def test_a_clause_of_saying_with_no_subject_lends_none_to_the_next_verb(opening):
    assert speakers(
        f"{opening} Tom Park said, “The ferry will run again by the end of May.”"
    ) == ["Tom Park"]


def test_a_question_put_to_someone_is_not_theirs_but_their_answer_is():
    assert speakers(
        "Ilse Varga spoke on Monday.",
        "Varga was asked, “Would you run the ferry again next May?” She answered, “I have "
        "no idea at all.”",
    ) == [None, "Ilse Varga"]


def test_called_naming_what_comes_before_it_is_no_verb_of_saying():
    assert speakers(
        "“The ferry will run again by May,” Ilse Varga said, citing a group called Harbor "
        "First funded by Tom Park. “So they think I will keep my word.”"
    ) == ["Ilse Varga", "Ilse Varga"]


def test_a_verb_of_saying_in_the_passive_does_not_cut_the_subject_off_its_verb():
    assert speakers(
        "Ilse Varga, who called Tom Park right after the result was declared, told the crowd, "
        "“I still love this harbor, and I always will.”"
    ) == ["Ilse Varga"]


@pytest.mark.parametrize("word", ["Alongside", "Amid", "Toward"])
def test_a_preposition_opening_a_sentence_is_no_part_of_a_name(word):
    assert speakers(
        "Ilse Varga toured the pier.", f"{word} Harbor Watch, Varga said the ferry would “run "
        "again by the end of May.”"
    ) == ["Ilse Varga"]


def test_a_phrase_of_when_inside_a_reported_clause_keeps_the_first_speaker():
    assert speakers(
        "Ilse Varga said that after a long review the board had concluded the ferry was "
        "“not, as such, a risk to the harbor”, saying she trusted the board."
    ) == ["Ilse Varga"]


def test_a_given_name_inside_a_title_case_headline_is_no_ones_name():
    assert speakers(
        "His guide, “A Map of Every Harbor You Will Ever Sail,” came out in May.",
        "“Most of sailing is patience and a good chart,” he wrote.",
    ) == [None]


def test_a_name_right_after_a_participle_is_its_object_not_the_subject():
    assert speakers(
        "“The pier is ours again,” Ilse Varga said. Harbor crews embracing Tom Park announced "
        "“a new era for the whole of the waterfront.”"
    ) == ["Ilse Varga", None]


@pytest.mark.parametrize("opening", ["Alongside", "Amid"])
def test_the_object_of_an_opening_phrase_is_not_the_speaker(opening):
    assert speakers(
        f"{opening} HBU calls for action, even a top harbor official said the board must "
        "choose, saying, “At some point, the board is going to have to say where it stands.”",
    ) == [None]


STORY_OF_TWO = "Ruth Varga, the mayor, and her husband, Thomas Varga, run the ferry."


def test_a_shared_surname_is_the_one_its_paragraph_names_in_full_before_the_quote():
    assert speakers(
        STORY_OF_TWO, f"Thomas Varga waved at the crowd. {QUOTE} Varga said."
    ) == ["Thomas Varga"]


def test_a_shared_surname_is_the_one_named_first_when_its_paragraph_names_neither_in_full():
    assert speakers(STORY_OF_TWO, f"The crowd waved. {QUOTE} Varga said.") == ["Ruth Varga"]
    assert speakers(STORY_OF_TWO, f"As Thomas waved, Varga said, {QUOTE}") == ["Ruth Varga"]


@pytest.mark.parametrize("paragraph", [
    "The ferry is named for Thomas Varga, her late father.",  # after a preposition
    "She thanked her husband Thomas Varga.",  # an object
    "Varga, whose husband Thomas Varga sails it, smiled.",  # in a clause about her
])
def test_a_shared_surname_is_not_whom_its_paragraph_names_in_full_as_an_object(paragraph):
    assert speakers(STORY_OF_TWO, f"{paragraph} {QUOTE} Varga said.") == ["Ruth Varga"]


def test_a_shared_surname_is_whom_its_paragraph_names_in_full_after_a_comma():
    assert speakers(STORY_OF_TWO, f"On Monday, Thomas Varga waved. {QUOTE} Varga said.") == [
        "Thomas Varga"
    ]


def test_a_title_before_a_shared_surname_is_not_overruled_by_its_paragraph():
    assert speakers(
        "Mayor Ruth Varga opened the pier.",
        f"Thomas Varga, her father, waved. {QUOTE} Mayor Varga said.",
    ) == ["Ruth Varga"]


@pytest.mark.parametrize("participle", ["hired", "led", "run"])
def test_a_name_after_a_participle_and_by_is_its_agent_not_the_speaker(participle):
    assert speakers(f"Crews {participle} by Tom Lind said {QUOTE[:-2]}.”") == [None]


@pytest.mark.parametrize("owner", ["Ohio’s", "New York's"])
def test_people_of_an_institution_an_owner_names_are_the_speakers_not_the_institution(owner):
    assert speakers(f"Ruth Varga of {owner} Harbor Institute said {QUOTE[:-2]}.”") == [
        "Ruth Varga"
    ]
    assert speakers(
        f"Dock experts Ruth Varga and Thomas Lind of {owner} Harbor Institute said {QUOTE}"
    ) == ["Ruth Varga and Thomas Lind"]


@pytest.mark.parametrize("aide", ["a longtime adviser to Mayor Tom Lind", "the aide to Tom Lind"])
def test_an_inverted_description_of_someone_serving_a_person_is_not_that_person(aide):
    assert speakers(f"{QUOTE} said {aide}.") == [None]


@pytest.mark.parametrize("opening", ["In a letter to Tom Lind", "After meeting Tom Lind"])
def test_a_description_with_the_right_before_the_verb_is_its_subject_not_an_aside(opening):
    assert speakers(f"{opening}, the Ohio Republican said {QUOTE[:-2]}.”") == [None]
    assert speakers(f"Tom Lind, the Ohio Republican, said {QUOTE[:-2]}.”") == ["Tom Lind"]


@pytest.mark.parametrize("opening", ["In a letter to Ruth Varga", "At the pier"])
def test_a_description_between_commas_after_a_name_is_an_aside_of_that_name(opening):
    assert speakers(f"{opening}, Tom Lind, the Ohio Republican, said {QUOTE[:-2]}.”") == [
        "Tom Lind"
    ]


def test_a_name_in_a_relative_clause_before_the_verb_is_its_object():
    assert speakers("Many voters came.", f"Voters who backed Tom Lind said {QUOTE[:-2]}.”") == [
        None
    ]
    assert speakers(f"Tom Lind, who backed the plan, said {QUOTE[:-2]}.”") == ["Tom Lind"]


def test_a_lone_word_capitalised_only_opening_a_sentence_is_no_one_s_name():
    assert speakers("Many voters came.", f"Voters said {QUOTE[:-2]}.”") == [None]
    assert speakers(f"Jones said {QUOTE[:-2]}.”") == ["Jones"]


def test_a_name_whose_first_word_is_also_a_preposition_is_still_the_speaker():
    assert speakers(
        "Than Shwe said the ferry “will run again by May at the latest.”",
    ) == ["Than Shwe"]


def test_a_lone_plural_capitalised_only_opening_a_sentence_is_no_one_s_name():
    assert speakers("Many shoppers came.", f"Shoppers said {QUOTE[:-2]}.”") == [None]


@pytest.mark.parametrize(("surname", "common"), [
    ("Price", "The price of insulin doubled."), ("Rice", "The price of rice doubled."),
])
def test_a_lone_surname_that_is_a_common_word_too_is_someone_s_name(surname, common):
    assert speakers(f"{surname} opposed the plan.", common, f"{surname} said {QUOTE[:-2]}.”") == [
        surname
    ]


@pytest.mark.parametrize(
    "aside", ["obtained by", "which was obtained by", "that had been leaked to"]
)
def test_a_passive_aside_set_off_by_commas_leaves_the_noun_before_it_the_subject(aside):
    assert speakers(
        "Harbor Watch released a study on Monday.",
        f"The study, {aside} the Valley Courier, said the pier “will need new pilings within a "
        "decade.”",
    ) == ["Harbor Watch"]
