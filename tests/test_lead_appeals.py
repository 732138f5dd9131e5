"""A newsroom's appeal for money set before the lead ("Support local news. Your gift helps us
…", "Donate today."), and news about support, gifts and donations, which stays. Invented
sentences, one pattern each."""

from __future__ import annotations

import pytest

from digest.core.prose import is_chrome
from digest.summarize import find_lead

LEAD = "The city council voted on Tuesday to close the old bridge over the river for repairs."
TITLE = "Council shuts the old bridge for a year of repairs"
REST = "Engineers found cracks in three of the bridge's piers last month, the council said."


@pytest.mark.parametrize("appeal", [
    "Support independent local news. ",
    "Support local journalism! ",
    "SUPPORT NONPROFIT REPORTING. ",
])
def test_an_appeal_to_support_the_news_glued_before_the_lead_is_cut_off(appeal):
    assert find_lead([appeal + LEAD, REST], title=TITLE) == LEAD


def test_the_sentences_of_an_appeal_after_its_first_go_with_it():
    appeal = "Support independent local news. Your gift helps us cover the stories that matter. "
    assert find_lead([appeal + LEAD, REST], title=TITLE) == LEAD


@pytest.mark.parametrize("box", [
    "Support independent local news. Your gift helps us cover the stories that matter.",
    "Your donation keeps our reporters on the street.",
    "Donate today",
    "Donate now!",
])
def test_an_appeal_in_a_paragraph_of_its_own_is_chrome(box):
    assert is_chrome(box, TITLE)
    assert find_lead([box, LEAD, REST], title=TITLE) == LEAD


@pytest.mark.parametrize("news", [
    "Support for local news fell sharply last year, a survey of 2,000 readers found on Monday.",
    "Support independent news outlets, the senator urged voters on Monday at a rally.",
    "“Your support means everything to us,” the coach told fans after the game on Saturday.",
    "“Your donation saved lives,” the hospital director told donors at a dinner on Friday.",
    "Your gift keeps local journalism alive, the letter from the paper's owner to readers said.",
    "Donate now, the mayor urged residents on Sunday, as the shelter ran out of blankets.",
    "Donate here, read a sign taped to the fence outside the burned house on Elm Street.",
    "Readers support local news through donations more than ever, a new study finds.",
    # an appeal a sentence reports, support as a noun, an appeal the next sentence points back at
    "A letter mailed to homes this week tells residents that your gift helps local families.",
    "Support for student journalism! That was the chant outside the hall on Monday.",
    "Donate today. That is the plea from the blood bank, whose supply fell after the storm.",
    "Support our reporting. So read the signs the striking reporters carried on Thursday.",
])
def test_news_about_support_gifts_and_donations_stays_the_lead(news):
    assert not is_chrome(news, TITLE)
    assert find_lead([news, REST], title=TITLE).startswith(news)


@pytest.mark.parametrize("box", [
    "Support local journalism. That is why we ask readers like you to give.",
    "Donate today. That is how we keep reporting.",
])
def test_an_appeal_whose_next_sentence_points_back_to_talk_to_the_reader_is_chrome(box):
    assert is_chrome(box, TITLE)
