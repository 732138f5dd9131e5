"""Page chrome glued in front of a lead, kind by kind, and leads that open with the same
words and keep them. Invented sentences, one pattern each."""

from __future__ import annotations

import pytest

from digest.summarize import find_lead

LEAD = "The city council voted on Tuesday to close the old bridge over the river for repairs."
TITLE = "Council shuts the old bridge for a year of repairs"


@pytest.mark.parametrize("section", ["Local ", "Local News ", "Metro / "])
def test_a_section_name_before_a_sentence_opening_word_is_cut_off(section):
    assert find_lead([section + LEAD], title=TITLE) == LEAD


def test_a_byline_in_capitals_is_cut_off():
    assert find_lead(["By ANN HILL " + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize("credit", ["Photo: Ann Hill ", "(Photo: Ann Hill/Riverside Weekly) ",
                                    "Image: Bo Lee "])
def test_a_photo_credit_before_the_lead_is_cut_off(credit):
    assert find_lead([credit + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize("label", ["Read more: ", "Trending: ", "Anchor: "])
def test_a_promo_or_transcript_label_is_cut_off(label):
    assert find_lead([label + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize("promo", [
    "Get the latest news delivered to your inbox. Sign up now. ",
    "Click here to subscribe. ",
])
def test_a_sign_up_prompt_glued_to_the_lead_is_cut_off(promo):
    assert find_lead([promo + LEAD], title=TITLE) == LEAD


def test_share_this_is_cut_off():
    assert find_lead(["Share this: " + LEAD], title=TITLE) == LEAD


def test_a_part_of_a_series_note_is_not_the_lead():
    assert find_lead(["Part 2 of 3. " + LEAD], title=TITLE) == LEAD


def test_a_file_photo_caption_is_not_the_lead():
    caption = "FILE - Crews inspect the cracked piers of the old bridge on Monday, May 2, 2022."
    assert find_lead([caption, LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "lead",
    [
        "Local officials said on Tuesday that the old bridge over the river would close.",
        "By Tuesday night, crews had closed the old bridge over the river for a year of repairs.",
        "BY TUESDAY NIGHT crews had closed the old bridge over the river for a year of repairs.",
        "Part of the old bridge over the river fell into the water on Tuesday, officials said.",
        "Part 2 of the council's plan closes the old bridge on Tuesday for a year of repairs.",
        "Photo radar cameras on the old bridge caught 2,000 speeding drivers, the city said.",
        "Sign up sheets for the bridge hearing filled quickly on Tuesday, the clerk said.",
        "Here is what drivers need to know about the closure of the old bridge on Tuesday.",
        "The newsletter of the council said on Tuesday that the old bridge would close for good.",
        "Politics The Musical opened on Tuesday in the old theatre by the bridge, its makers said.",
        "Anchor stores at the mall by the bridge will close on Tuesday, the owner said.",
        "FILE photos of the old bridge show cracks going back years, engineers said on Tuesday.",
    ],
)
def test_a_lead_opening_with_chrome_like_words_keeps_them(lead):
    assert find_lead([lead], title=TITLE) == lead
