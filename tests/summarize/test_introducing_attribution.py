"""An attribution after a whole quoted sentence that opens the next quotation speaks for
that one: "“….” Lee replied, “…”" leaves the first to whoever the story says spoke it."""

from .helpers import speakers

INTRO = "Tom Ward met Ann Lee and Jo Park at the hall on Monday."
FIRST = "“The budget is a disgrace to this city.”"
SECOND = "“We have heard that tune many times.”"


def test_a_reply_opening_the_next_quote_does_not_speak_for_the_sentence_before():
    assert speakers(INTRO, f"{FIRST} Lee replied, {SECOND}") == [None, "Ann Lee"]


def test_the_sentence_before_keeps_the_speaker_the_story_gave_it():
    assert speakers(INTRO, f"Ward said: {FIRST} Lee replied, {SECOND}") == ["Tom Ward", "Ann Lee"]


def test_an_aside_or_a_day_between_name_and_verb_changes_nothing():
    assert speakers(INTRO, f"{FIRST} Lee, 54, said Monday, {SECOND}") == [None, "Ann Lee"]


def test_a_quote_broken_by_its_attribution_is_one_speakers():
    text = "“The budget is a disgrace to this city,” Lee said, “and we know it.”"
    assert speakers(INTRO, text) == ["Ann Lee", "Ann Lee"]


def test_an_attribution_closing_its_sentence_speaks_for_the_quote_before():
    assert speakers(INTRO, f"{FIRST} Lee said on Monday. {SECOND}") == ["Ann Lee", "Ann Lee"]
    assert speakers(INTRO, f"{FIRST} Lee said.") == ["Ann Lee"]


def test_a_cry_trailed_by_its_speaker_and_more_words_is_the_speakers():
    text = "“The budget is a disgrace to this city!” Lee shouted, “and we know it.”"
    assert speakers(INTRO, text) == ["Ann Lee", "Ann Lee"]


def test_an_inverted_attribution_before_the_next_quote_still_speaks_for_both():
    text = f"{FIRST} said Lee, “and we know it well.”"
    assert speakers(INTRO, text) == ["Ann Lee", "Ann Lee"]


# A clause of when or why opening the sentence, led by an adverb or a length of time, holds
# no subject of the sentence: "Ever since she endorsed Tom Ward, Ann Lee has …".
MESSAGE = "had a simple message: “Do not waste this chance.”"


def test_a_name_in_an_opening_clause_after_an_adverb_is_not_the_subject():
    assert speakers(INTRO, f"Ever since she endorsed Tom Ward, Ann Lee {MESSAGE}") == [None]
    assert speakers(INTRO, f"Long before Tom Ward ran, Ann Lee {MESSAGE}") == [None]


def test_a_name_in_an_opening_clause_after_a_length_of_time_is_not_the_subject():
    assert speakers(INTRO, f"Two days after Tom Ward won, Ann Lee {MESSAGE}") == [None]
    assert speakers(INTRO, f"Years before Tom Ward ran, Ann Lee {MESSAGE}") == [None]


def test_an_opening_phrase_with_no_clause_leaves_the_subject_speaking():
    assert speakers(INTRO, f"Ever since the vote, Ann Lee {MESSAGE}") == ["Ann Lee"]
    assert speakers(INTRO, f"Long Island’s Ann Lee {MESSAGE}") == ["Ann Lee"]
