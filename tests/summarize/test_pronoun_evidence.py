"""Whom "he" and "she" point back to, and when the evidence is too weak to say.

Each case is an invented minimal story with one pattern.
"""

from __future__ import annotations

import pytest

from .helpers import QUOTE, speakers


def test_the_person_named_in_the_sentence_before_is_meant():
    assert speakers(
        "Tom Baker spoke first. Rick Olson spoke next.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_two_men_in_play_and_neither_in_the_sentence_before_gives_no_name():
    assert speakers(
        "Tom Baker spoke first. Rick Olson spoke next. The ferry left at dawn.",
        f"{QUOTE} he said.",
    ) == [None]


def test_one_man_in_play_is_meant_however_far_back_in_the_paragraph():
    assert speakers(
        "Rick Olson spoke first. The ferry left at dawn. The pier was quiet.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_a_name_of_unknown_gender_gives_way_to_no_name_when_a_man_is_in_play():
    assert speakers(
        "Tom Baker spoke first. Then Kestrel Vance spoke at length about the pier.",
        f"{QUOTE} he said.",
    ) == [None]


def test_a_woman_in_play_does_not_contest_he():
    assert speakers(
        "Mary Holt spoke first. Rick Olson spoke next. The ferry left at dawn.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_a_pronoun_never_points_to_a_name_written_after_it():
    # "He says Olson “…”": he is the one named before, not Olson, whom the words are about.
    assert speakers(
        "Tom Baker spoke at the pier on Monday.",
        "He says Rick Olson “will never run the ferry again as long as the board sits.”",
    ) == ["Tom Baker"]


def test_a_subject_further_back_than_the_sentence_before_gives_no_name_with_another_man_about():
    assert speakers(
        "Rick Olson spoke first. The ferry left at dawn. The pier was quiet.",
        "The mail came late with Tom Baker.",
        f"{QUOTE} he said.",
    ) == [None]


def test_sentences_opening_with_the_pronoun_carry_the_subject_back():
    assert speakers(
        "Tom Baker spoke first. Rick Olson spoke next. He paused. He looked at the pier.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_sentences_inside_a_quotation_do_not_push_the_subject_back():
    assert speakers(
        "Tom Baker spoke first. Rick Olson spoke next.",
        "“The tide was low. The wind was high. We waited,” he said. “Then we sailed at noon.”",
    ) == ["Rick Olson", "Rick Olson"]


def test_it_two_sentences_after_the_body_names_no_one():
    assert speakers(
        "“We will build the pier,” the Harbor Board said on Monday.",
        "The ferry left at dawn. The pier was quiet.",
        f"{QUOTE} it said.",
    ) == ["the Harbor Board", None]


def test_a_name_after_he_as_the_subject_is_not_the_subject():
    # "But he warned Olson": the subject is whom "he" means, further back.
    assert speakers(
        "Tom Baker spoke at the pier on Monday. But he warned Rick Olson about the tide.",
        f"{QUOTE} he said.",
    ) == ["Tom Baker"]


def test_a_pronoun_after_an_opening_phrase_carries_the_subject_back():
    assert speakers(
        "Rick Olson spoke first. Tom Baker spoke next.",
        "In a long talk at the pier on Monday, he was asked about the ferry.",
        f"{QUOTE} he said.",
    ) == ["Tom Baker"]


def test_a_name_said_of_the_role_of_the_next_name_is_not_the_subject():
    # "Baker adviser Rick Olson": the adviser is whom the sentence is about.
    assert speakers(
        "Tom Baker runs the ferry.",
        "Baker adviser Rick Olson spoke at the pier.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_a_name_after_a_gerund_is_its_object():
    assert speakers(
        "Mary Holt spoke first. The trouble with keeping Kestrel Vance on the board, she said,"
        " is that “the ferry will never run on time again.”",
    ) == ["Mary Holt"]


def test_a_man_in_play_where_the_chain_of_he_begins_contests_a_name_of_unknown_gender():
    assert speakers(
        "Rick Olson spoke at the pier. The ferry, Kestrel Vance told the crowd, was late.",
        "He did not say why the ferry was late.",
        f"{QUOTE} he said.",
    ) == [None]


def test_a_name_after_he_and_any_opening_clause_is_not_the_subject():
    assert speakers(
        "Tom Baker spoke at the pier on Monday. Two years ago, he backed Rick Olson for mayor.",
        f"{QUOTE} he said.",
    ) == ["Tom Baker"]


def test_a_name_in_the_clause_before_he_may_be_whom_he_means():
    assert speakers(
        "Mary Holt spoke first. When Rick Olson lost the vote, he left the pier at once.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_a_name_after_the_is_a_modifier_not_the_subject():
    # "The Olson campaign said": the campaign, not Olson, is the subject.
    assert speakers(
        "Tom Baker spoke at the pier. He took questions.",
        "The Olson campaign, run by Rick Olson, did not answer. The Baker aides waited.",
        f"{QUOTE} he said.",
    ) == [None]


def test_a_speaker_named_inside_a_quotation_is_not_who_he_means():
    assert speakers(
        "Tom Baker said the crew “heard Rick Olson say” the ferry was safe.",
        f"{QUOTE} he said.",
    ) == ["Tom Baker", "Tom Baker"]


@pytest.mark.parametrize("marked", ["“heard Olson say”", '"heard Olson say"',
                                    "''heard Olson say''"])
def test_a_name_in_quote_marks_too_short_to_be_a_quotation_is_not_who_he_means(marked):
    assert speakers(
        "A guard backed Rick Olson's account of the night.",
        f"Tom Baker said that two guards {marked} stop. He added that the ferry “will run "
        "again by May, whatever the board decides.”",
    ) == ["Tom Baker"]


def test_straight_marks_around_a_sentence_between_two_short_quotations_do_not_hide_its_subject():
    # '"calm," Olson said: "' is no quotation: its first mark closes one, its last opens one.
    assert speakers(
        "Tom Baker spoke first.",
        'The crew was "calm," "steady," even "brave." Rick Olson saw it otherwise: "The ferry '
        'will not run again by May," he said.',
    ) == ["Rick Olson"]


def test_one_reported_on_in_a_clause_opened_by_that_gives_way_to_the_sentence_subject():
    assert speakers(
        "Tom Baker turned to the board, noting that the paper's Rick Olson had reported the "
        "ferry late. He hoped, he said, that the board would listen.",
        f"{QUOTE} he said.",
    ) == ["Tom Baker"]


def test_a_sentence_about_he_is_not_spoken_by_a_woman_named_before():
    assert speakers(
        "Tom Baker spoke at the pier on Monday. He showed a chart, as one reporter, "
        "Ms. Ann Lowe, wrote. He also shared a memo from the harbor board that the ferry "
        "was fit, “on time and on budget for the whole summer.”",
    ) == [None]


def test_a_sentence_about_they_does_not_run_on_with_one_speaker_before():
    assert speakers(
        "“The ferry will run again by May at the latest,” Rick Olson said. They ask the board "
        "to make clear “that no crew will lose a job this year.”",
    ) == ["Rick Olson", None]


def test_a_name_set_off_right_before_she_said_is_whom_the_words_are_about():
    assert speakers(
        "“The crew is tired,” Ann Lowe said. “We need a break.”",
        "It was a strong pair of speeches, as Mary Holt echoed the point, saying the mayor "
        "“never listens to the crews at the pier” and Ann Lowe, she said, “speaks for every "
        "one of them.”",
    ) == ["Ann Lowe", "Ann Lowe", None, None]


def test_it_never_points_to_people_in_the_plural():
    assert speakers(
        "The memo was sent on Monday. Two Americans were hurt at the pier.",
        f"{QUOTE} it said.",
    ) == [None]


def test_the_holder_of_a_role_modified_by_a_name_is_the_subject_after_an_opening_phrase():
    assert speakers(
        "Tom Baker spoke first.",
        "On Monday night, Baker campaign manager Rick Olson released a memo on the ferry.",
        "He writes that the ferry “will run again by May, on time and on budget.”",
    ) == ["Rick Olson"]


@pytest.mark.parametrize("opening", ["When pressed by the harbor board",
                                     "Asked about the pier on the last day of May",
                                     "Last week at the pier in the rain"])
def test_a_name_after_an_opening_clause_is_the_subject(opening):
    assert speakers(
        f"Tom Baker spoke first. {opening}, Rick Olson talked about the ferry and the pier.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


@pytest.mark.parametrize("called", ["He was, in short,", "He is", "They are"])
def test_a_quotation_that_is_only_what_he_or_they_are_called_stays_with_the_speaker(called):
    assert speakers(
        f"Ann Lowe said the harbor board had misled the crews. {called} “a danger to every "
        "crew that works the pier.”",
    ) == ["Ann Lowe"]


@pytest.mark.parametrize("pronoun", ["He", "They"])
def test_a_quotation_that_is_the_pronouns_predicate_stays_with_the_speaker(pronoun):
    assert speakers(
        f"Ann Lowe said the harbor board had failed the crews. {pronoun} “never once asked "
        "the crews what they need.”",
    ) == ["Ann Lowe"]


def test_a_sentence_about_what_he_was_heard_saying_is_his_not_the_woman_before():
    assert speakers(
        "Tom Baker spoke at the pier on Monday. He showed a chart, as one reporter, Ms. Ann "
        "Lowe, wrote. He was heard telling the crews “the ferry will run again by May.”",
    ) == ["Tom Baker"]


@pytest.mark.parametrize("joint", ["; ", ", but ", ", while "])
def test_a_name_after_the_clause_opened_by_that_ends_is_in_play_again(joint):
    assert speakers(
        f"Tom Baker said that the vote was close{joint}Rick Olson called it a rout. “We won "
        "the pier by a mile,” he said.",
    ) == ["Rick Olson"]


def test_the_subject_of_the_main_clause_wins_over_a_name_in_an_opening_clause():
    assert speakers(
        "When Tom Baker tried to defend the plan, Rick Olson forcefully differed.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_a_name_in_an_opening_question_clause_is_not_who_answers():
    assert speakers(
        "Asked whether he feared that Tom Baker, the mayor, could win, Rick Olson demurred.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_a_name_in_an_opening_clause_stands_when_no_person_follows_it():
    assert speakers(
        "When Rick Olson lost the vote, the council fell silent.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_a_main_clause_subject_of_the_other_gender_leaves_the_opening_name():
    assert speakers(
        "When Rick Olson lost the vote, Mary Holt left the room.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_a_main_clause_subject_of_unknown_gender_leaves_an_opening_name_that_fits():
    assert speakers(
        "When Mary Holt arrived, Sen. Olson was gone.",
        f"{QUOTE} she said.",
    ) == ["Mary Holt"]


def test_a_person_after_the_verb_of_a_body_is_still_meant():
    assert speakers(
        "The Red Cross thanked Mary Holt for the gift.",
        f"{QUOTE} she said.",
    ) == ["Mary Holt"]


def test_the_object_of_a_described_person_is_not_the_one_person_left():
    assert speakers(
        "The senator praised Mary Holt on Monday.",
        f"{QUOTE} she said.",
    ) == [None]


def test_the_asker_goes_on_after_an_open_question():
    assert speakers(
        "Tom Baker asked Rick Olson about the delay.",
        "“That is not good enough for this town,” he said.",
    ) == ["Tom Baker"]


def test_a_quotation_opening_as_an_answer_is_the_one_asked():
    assert speakers(
        "Tom Baker asked Rick Olson about the delay.",
        "“Yes, the ferry will run again by May,” he said.",
    ) == ["Rick Olson"]


def test_the_one_asked_gives_the_answer():
    assert speakers(
        "Tom Baker asked Rick Olson whether the ferry would run.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_a_question_after_asking_is_the_askers_again():
    assert speakers(
        "Tom Baker asked Rick Olson whether the ferry would run.",
        "“Will the ferry run again by May?” he said.",
    ) == ["Tom Baker"]


def test_asking_someone_of_the_other_gender_leaves_the_asker():
    assert speakers(
        "Tom Baker asked Mary Holt whether the ferry would run.",
        f"{QUOTE} he said.",
    ) == ["Tom Baker"]


def test_they_after_two_people_named_together_gives_no_name():
    assert speakers(
        "Mary Holt and Rick Olson toured the pier on Monday.",
        f"{QUOTE} they said.",
    ) == [None]


def test_they_after_one_speaker_gives_no_name():
    assert speakers(
        f"{QUOTE} Rick Olson said. “We will hire more crews,” they said.",
    ) == ["Rick Olson", None]


def test_they_after_a_body_speaking_is_the_body():
    assert speakers(
        f"{QUOTE} the Harbor Authority said. “We will hire more crews,” they said.",
    ) == ["the Harbor Authority", "the Harbor Authority"]


def test_a_name_after_the_verb_of_a_described_subject_is_not_whom_he_means():
    assert speakers(
        "Tom Baker spoke at the pier.",
        "The Ohio Republican did give Rick Olson some credit, but he said the plan was weak.",
        f"{QUOTE} he said.",
    ) == [None]


def test_a_name_with_a_description_before_it_is_still_the_subject():
    assert speakers(
        "The Democratic candidate Rick Olson spoke at the pier.",
        f"{QUOTE} he said.",
    ) == ["Rick Olson"]


def test_one_asked_by_someone_unnamed_answers():
    assert speakers(
        "Tom Baker spoke at the pier.",
        "A reporter asked Rick Olson how the ferry was doing. He replied: “It will run by May.”",
    ) == ["Rick Olson"]


def test_a_request_is_no_question_and_the_one_asking_still_speaks():
    assert speakers(
        "Tom Baker asked Rick Olson to leave the pier.",
        f"{QUOTE} he said.",
    ) == ["Tom Baker"]


def test_they_after_two_people_speaking_together_is_the_pair():
    assert speakers(
        "Mary Holt and Rick Olson toured the pier on Monday.",
        f"{QUOTE} Holt and Olson said. “We will hire more crews,” they added.",
    ) == ["Mary Holt and Rick Olson", "Mary Holt and Rick Olson"]


@pytest.mark.parametrize("pair", [
    "Mary Holt and her sister Ruth Holt", "Mary Holt and her longtime friend Ruth Okafor",
    "Mary Holt, and her aide Ruth Okafor,",
])
def test_she_after_two_women_named_together_with_a_relation_between_gives_no_name(pair):
    assert speakers(f"{pair} toured the pier on Monday.", f"{QUOTE} she said.") == [None]


def test_she_after_a_woman_named_together_with_a_man_is_the_woman():
    assert speakers(
        "Mary Holt and her husband Rick Holt toured the pier on Monday.",
        f"{QUOTE} she said.",
    ) == ["Mary Holt"]
