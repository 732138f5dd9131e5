"""The one resolver: finders bring a candidate with its evidence, `decide` takes it or abstains.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from digest.summarize import find_quotes
from digest.summarize.evidence import FINDER_WEIGHTS, THRESHOLD, Candidate, decide
from digest.summarize.names import Name

from .helpers import QUOTE, speakers

# --- the resolver on its own ----------------------------------------------------------------


@pytest.mark.parametrize("finder", sorted(set(FINDER_WEIGHTS) - {"sentence_subject"}))
def test_every_finder_naming_someone_by_name_is_taken(finder):
    name = Name("Ilse Varga", "person")
    assert decide(Candidate(name, finder)) == name


def test_a_sentence_subject_with_no_verb_of_saying_is_too_unsure_to_name():
    assert decide(Candidate(Name("Ilse Varga", "person"), "sentence_subject")) is None


def test_nothing_found_is_no_one_and_someone_unnamed_stays_unnamed():
    assert decide(None) is None
    assert decide(Candidate(Name("", "person"), "trailing")) == Name("", "person")


def test_a_conflict_abstains():
    assert decide(Candidate(Name("Ilse Varga", "person"), "partial", conflict=True)) is None


@pytest.mark.parametrize("place", ["Canada", "S.C.", "N.H.", "France"])
def test_a_place_is_never_a_person_who_speaks(place):
    assert decide(Candidate(Name(place, "person"), "nearest_before")) is None
    assert decide(Candidate(Name(place, "organisation", "description"), "trailing")) is None


def test_an_abbreviated_state_is_never_a_body_that_speaks():
    assert decide(Candidate(Name("S.C.", "organisation"), "trailing")) is None


def test_a_country_named_as_the_body_that_speaks_is_its_government():
    country = Name("France", "organisation")
    assert decide(Candidate(country, "trailing")) == country


def test_a_description_weighs_less_than_a_name_and_a_kind_of_person_alone_is_not_enough():
    name = Candidate(Name("Ilse Varga", "person"), "trailing")
    described = Candidate(Name("Ilse Varga", "person", "description"), "trailing")
    kind = Candidate(Name("Ilse Varga", "person", "description", "only person"), "trailing")
    assert kind.score() < THRESHOLD <= described.score() < name.score()
    assert described.mention == "description" and name.mention == "name"


def test_an_organisation_named_is_an_organisation_mention():
    assert Candidate(Name("Harbor Board", "organisation"), "trailing").mention == "organisation"


# --- the error classes, through the summarizer ------------------------------------------------


def test_a_partial_quote_with_two_speakers_in_its_sentence_is_no_ones():
    assert speakers(
        "While not everything Lee says is true, Park said Lee was “telling the riders what "
        "they want to hear.”"
    ) == [None]


def test_a_new_sentence_saying_something_of_its_own_is_not_the_quotes_attribution():
    assert speakers(
        "Jo Lee wrote to the council, asking in an email: “We want the ferry back now.” "
        "Bo Park said the council has yet to answer."
    ) == ["Jo Lee"]


@pytest.mark.parametrize("tail", [
    "tweeted Sunday after a storm hit an Orlando marina.",
    "said during the Harbor Day forum.",
])
def test_when_or_where_after_the_verb_is_no_inverted_speaker(tail):
    assert speakers(f"{QUOTE} the mayor, Jo Lee, {tail}") == ["Jo Lee"]


def test_an_inverted_speaker_ends_before_a_clause_of_when():
    assert speakers(
        f"{QUOTE} said former dock manager Ann Berg during the second GOP forum."
    ) == ["Ann Berg"]


def test_a_name_used_as_a_modifier_is_not_the_speaker():
    assert speakers(
        "Jo Lee runs for mayor.", f"{QUOTE} Lee campaign manager Bo Park said."
    ) == ["Bo Park"]


def test_a_name_used_as_a_modifier_is_the_speakers_role():
    quotes = find_quotes(["Jo Lee runs for mayor.", f"{QUOTE} said Lee campaign manager Bo Park."])
    assert [(quote.speaker, quote.role) for quote in quotes] == [
        ("Bo Park", "Lee campaign manager")
    ]


def test_a_quote_running_on_into_the_next_paragraph_keeps_its_speaker():
    assert speakers(
        "“We will rebuild the pier by the spring,” Ann Berg said. “The ferry comes first.",
        "“Then the roads will follow in the summer.”",
    ) == ["Ann Berg", "Ann Berg"]


def test_a_title_with_a_surname_is_a_person_even_before_a_plural_verb():
    assert speakers(
        "Ivan Varga runs the ferry. Ann Berg and Mr. Varga are expected at the pier.",
        f"{QUOTE} Mr. Varga said.",
    ) == ["Ivan Varga"]


def test_according_to_opening_the_next_sentence_is_not_the_quotes_source():
    assert speakers(
        "Jo Lee said he did not “use the old ferry that much.” According to FAA records, "
        "the ferry has run 333 hours since May."
    ) == ["Jo Lee"]


def test_and_between_capitalised_words_joins_one_body_not_two_clauses():
    assert speakers(
        f"{QUOTE} the Institute for Science and Maritime Security wrote in May."
    ) == ["the Institute for Science and Maritime Security"]


def test_a_name_after_a_preposition_opening_the_sentence_is_no_subject():
    assert speakers(
        "Like Ann Fox, Bo Park also rejected the plan, arguing that there is “no money "
        "left for the ferry this year.”"
    ) == ["Bo Park"]


def test_a_verb_of_saying_opening_a_sentence_is_no_given_name():
    assert speakers(
        "Tom Vale runs the ferry. Continued Vale: “So I think it is a very real problem "
        "for the ferry.”"
    ) == ["Tom Vale"]


def test_a_partial_quote_is_its_own_sentences_subjects_not_an_earlier_speakers():
    assert speakers(
        "Jo Lee said the town would pay. Bo Park labeled the plan “unfit for the ferry "
        "service” on Monday."
    ) == ["Bo Park"]


def test_a_name_an_editor_put_in_brackets_in_the_quotation_is_not_its_speaker():
    # The quote before is Olson's; this one speaks of him, so it does not run on with him.
    assert speakers(
        "Rick Olson said the ferry “will run again by May at the latest.”",
        "“[Olson] should stay on the board until the ferry runs again.”",
    ) == ["Rick Olson", None]


def test_a_bracketed_word_that_is_not_the_speakers_name_leaves_the_speaker():
    assert speakers(
        "“The [harbor] board will meet again by May,” said Rick Olson.",
    ) == ["Rick Olson"]


@pytest.mark.parametrize("bracketed", ["[Ann Lowe]", "[Tom Olson]"])
def test_a_bracketed_name_sharing_one_word_with_the_speakers_is_someone_else(bracketed):
    assert speakers(f"“I spoke to {bracketed} about the ferry,” said Ann Olson.") == [
        "Ann Olson"]


@pytest.mark.parametrize("bracketed", ["[Olson]", "[Gov. Olson]", "[Olson’s]"])
def test_a_bracketed_surname_or_title_and_surname_is_the_speakers_own(bracketed):
    assert speakers(
        "Rick Olson said the ferry “will run again by May at the latest.”",
        f"“{bracketed} board should stay until the ferry runs again.”",
    ) == ["Rick Olson", None]


@pytest.mark.parametrize("gloss", ["I [Olson]", "my [Olson’s]", "our [Olson]"])
def test_a_bracketed_name_glossing_the_speakers_own_i_or_we_leaves_the_speaker(gloss):
    assert speakers(f"“{gloss} will keep the ferry running,” said Rick Olson.") == [
        "Rick Olson"]
