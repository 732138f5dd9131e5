"""Quoted words another speaker than the sentence's subject governs: a possessive and a
noun of saying, a relative clause naming whose words they are, a relative clause of unnamed
people; the one named is the speaker, else no one is. Invented sentences, one pattern each."""

from __future__ import annotations

from .helpers import speaker

CAST = "Ann Lee is the mayor. Tom Park runs the council."


def test_a_possessive_and_a_noun_of_saying_name_whose_claim_it_is() -> None:
    assert speaker(CAST, "Park mocked Lee's claim that “the ferry will run again by May” "
                         "at the meeting.") == "Ann Lee"


def test_a_curly_possessive_too() -> None:
    assert speaker(CAST, "Park mocked Lee’s warning that “the ferry will never run again” "
                         "at the meeting.") == "Ann Lee"


def test_a_promise_of_words() -> None:
    assert speaker(CAST, "Park dismissed Lee's promise of “a ferry for every island town” "
                         "as empty.") == "Ann Lee"


def test_someones_words_after_a_comma() -> None:
    assert speaker(CAST, "Park repeated Lee's words, “the ferry will run again by May,” "
                         "to the crowd.") == "Ann Lee"


def test_the_owner_opening_the_sentence_speaks() -> None:
    assert speaker(CAST, "Lee's warning that “the ferry will never run again” drew scorn.") == (
        "Ann Lee"
    )


def test_an_unnamed_owner_gives_no_one() -> None:
    assert speaker(CAST, "Park said the mayor’s claim that “the ferry will run again by May” "
                         "was false.") is None


def test_what_critics_described_is_no_ones_named() -> None:
    assert speaker(CAST, "Park rejected what critics described as “a giveaway to the rich "
                         "developers” on Monday.") is None


def test_what_a_named_person_described_is_theirs() -> None:
    assert speaker(CAST, "Park rejected what Lee described as “a giveaway to the rich "
                         "developers” on Monday.") == "Ann Lee"


def test_unnamed_people_who_said_it_give_no_one() -> None:
    assert speaker(CAST, "Park met critics who said the plan was “a giveaway to the rich "
                         "developers” on Monday.") is None


def test_a_relative_clause_that_quoted_its_own_words_is_spent() -> None:
    assert speaker(CAST, "In a video that Lee called “troubling,” Park said the ferry would "
                         "“never run again, not in a hundred years.”") == "Tom Park"


# Where the rule must not fire.

def test_his_own_claim_stays_the_subjects() -> None:
    assert speaker(CAST, "Park repeated his claim that “the ferry will run again by May” "
                         "at the meeting.") == "Tom Park"


def test_a_time_owns_no_words() -> None:
    assert speaker(CAST, "Park said in today's remarks that “the ferry will run again by May” "
                         "for sure.") == "Tom Park"


def test_words_about_someones_comments_are_the_subjects() -> None:
    assert speaker(CAST, "Park told reporters that Lee's comments “show how little she knows "
                         "about boats.”") == "Tom Park"


def test_a_verb_of_saying_after_the_noun_keeps_its_subject() -> None:
    assert speaker(CAST, "Park, citing Lee's warning, said the ferry would “run again by May "
                         "at the latest.”") == "Tom Park"


def test_people_told_are_not_whose_words_follow() -> None:
    assert speaker(CAST, "Park told voters who asked about the ferry that it would “run again "
                         "by May at the latest.”") == "Tom Park"


def test_a_named_person_in_apposition_keeps_the_words() -> None:
    assert speaker(CAST, "Lee, a critic who said the plan was “a gift to the rich and nobody "
                         "else,” left.") == "Ann Lee"


def test_a_relative_clause_without_words_of_its_own_is_not_spent() -> None:
    assert speaker(CAST, "In a speech that Park gave on Monday, he said the plan was “a gift "
                         "to the whole island.”") == "Tom Park"


def test_words_a_colon_brings_in_after_a_verb_of_saying_are_the_verbs() -> None:
    assert speaker(CAST, "Park said of Lee's remarks: “The ferry will run again by May at the "
                         "latest.”") == "Tom Park"


def test_an_answer_to_someones_question_is_the_answerers() -> None:
    assert speaker(CAST, "Park answered the reporter's question: “The ferry will run again by "
                         "May at the latest.”") == "Tom Park"
