"""The lead on pages of any site: chrome glued to the first paragraph, notes about the story,
drop caps. Invented sentences, one pattern each."""

from __future__ import annotations

import pytest

from digest.core.prose import is_chrome, is_prose, is_title_case
from digest.summarize import find_lead

LEAD = "The city council voted on Tuesday to close the old bridge over the river for repairs."
TITLE = "Council shuts the old bridge for a year of repairs"


@pytest.mark.parametrize(
    "note",
    [
        "This article originally appeared on Riverside Weekly.",
        "This story was produced by the Valley Reporting Project and is republished with "
        "permission.",
        "A version of this story first appeared in the Harbor Gazette.",
        "Originally published on the Hill Town Courier.",
        "Republished with permission from the County Ledger.",
    ],
)
def test_a_syndication_note_is_not_the_lead(note):
    assert find_lead([note, LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "note",
    [
        "Editor's note: An earlier version of this story gave the wrong date for the vote.",
        "CORRECTION: The bridge was built in 1890, not 1910 as first reported.",
        "Clarification: The council's vote was not unanimous.",
        "Editor's note: This is part two of a series on the river. Read part one here.",
    ],
)
def test_an_editors_note_or_correction_is_not_the_lead(note):
    assert find_lead([note, LEAD], title=TITLE) == LEAD
    assert find_lead([f"{note} {LEAD}"], title=TITLE) == LEAD


def test_a_syndication_note_glued_to_the_lead_is_cut_off():
    glued = f"This post originally appeared at Lakeside Notes. {LEAD}"
    assert find_lead([glued], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "disclosure",
    [
        "We may earn a commission when you buy through links on our site.",
        "Advertiser disclosure: some of the offers on this page come from our partners.",
        "This post contains references to goods sold by our advertising partners. We may get a "
        "fee when readers click through to them. Terms apply to every offer shown.",
        "When you buy through the links below, the site earns a small fee.",
        "Disclosure: the author owns shares in no company named here.",
    ],
)
def test_an_advertiser_or_affiliate_disclosure_is_not_the_lead(disclosure):
    assert find_lead([disclosure, LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "glued",
    [
        "Home › Politics › ",
        "Home » News » Local » ",
        "POLITICS | ",
        "Local News > City Hall > ",
    ],
)
def test_a_breadcrumb_or_section_label_glued_to_the_lead_is_cut_off(glued):
    assert find_lead([glued + LEAD], title=TITLE) == LEAD


def test_a_breadcrumb_and_headline_glued_to_the_lead_are_cut_off():
    glued = f"Home News {TITLE} {LEAD}"
    assert find_lead([glued], title=TITLE) == LEAD


def test_a_lead_opening_with_the_headline_words_keeps_them():
    lead = f"{TITLE} after engineers found cracks in two of its piers, officials said."
    assert find_lead([lead], title=TITLE) == lead


@pytest.mark.parametrize("label", ["Report: ", "Exclusive: ", "ANALYSIS — ", "Update | "])
def test_a_label_prefix_glued_to_the_lead_is_cut_off(label):
    assert find_lead([label + LEAD], title=TITLE) == LEAD


def test_a_label_on_a_line_of_its_own_is_not_the_lead():
    assert find_lead(["Analysis", LEAD], title=TITLE) == LEAD


def test_a_dateline_is_no_label():
    lead = "RIVERTON — " + LEAD
    assert find_lead([lead], title=TITLE) == lead


def test_a_drop_cap_split_from_its_word_joins_it_again():
    assert find_lead(["T", LEAD[1:]], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "lead",
    [
        "A man was pulled from the river below the old bridge on Tuesday, the police said.",
        "I walked across the old bridge every morning for thirty years before it closed.",
        "A mid-sized crowd watched the council vote on Tuesday to close the old bridge.",
    ],
)
def test_a_one_letter_word_as_a_drop_cap_stays_a_word(lead):
    assert find_lead([lead[0], lead[2:]], title=TITLE) == lead


@pytest.mark.parametrize(
    "lead",
    [
        "After a long debate, the council voted on Tuesday to close the old bridge for repairs.",
        "Among the council's first votes on Tuesday was one to close the old bridge for repairs.",
        "As the river rose on Tuesday, the council voted to close the old bridge for repairs.",
    ],
)
def test_a_one_letter_drop_cap_joins_the_rest_of_its_word(lead):
    assert find_lead([lead[0], lead[1:]], title=TITLE) == lead


def test_a_one_letter_drop_cap_joins_a_name_the_story_uses_again():
    lead = ("Iran closed its border crossing by the old bridge on Tuesday while engineers "
            "look at its cracked piers, officials said.")
    later = "The crossing is the busiest between Iran and its neighbour, they said."
    assert find_lead([lead[0], lead[1:], later], title=TITLE) == lead


@pytest.mark.parametrize("dateline", ["RIVERTON —", "NEW HARBOR, Ohio (AP) —", "RIVERTON -"])
def test_a_dateline_on_a_line_of_its_own_opens_the_lead(dateline):
    assert find_lead([dateline, LEAD], title=TITLE) == f"{dateline} {LEAD}"


@pytest.mark.parametrize("date", ["Dec. 7, 2026 —", "Tuesday, May 5 -", "5/5/2026 –"])
def test_a_date_as_the_dateline_opens_the_lead(date):
    assert find_lead([f"{date} {LEAD}"], title=TITLE) == f"{date} {LEAD}"


@pytest.mark.parametrize("stamp", ["Updated Dec. 7, 2026 —", "Published 5:45 PM EST |"])
def test_a_time_stamp_before_the_lead_is_still_cut_off(stamp):
    assert find_lead([f"{stamp} {LEAD}"], title=TITLE) == LEAD


@pytest.mark.parametrize("label", ["WATCH —", "VIDEO —", "BREAKING —", "ANALYSIS -"])
def test_a_label_on_a_line_of_its_own_is_no_dateline(label):
    assert find_lead([label, LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "intro",
    [
        "Welcome to The Evening Brief, our daily newsletter on the city's politics.",
        "Welcome back to Citywide. Thanks for subscribing.",
        "This is part of a series on the county's ageing roads and bridges.",
        "This article is part of our series on the state's ageing roads.",
        "Part two of a series on the river towns.",
        "You're reading the web edition of our weekly newsletter.",
    ],
)
def test_a_series_or_newsletter_intro_is_not_the_lead(intro):
    assert find_lead([intro, LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "lead",
    [
        "Welcome to the new bridge, the mayor told drivers on Tuesday as the span opened after "
        "two years of repairs.",
        "Welcome to Texas. The state's new law on water rights takes effect on Monday, and "
        "farmers say it will cost them.",
        "Welcome to Elm Creek. The town voted on Monday to dissolve itself, the latest issue to "
        "split the county.",
        "Prices are subject to change at the pump every day, but on Monday they hit a record $5 "
        "a gallon.",
        "This is Maria Lopez, the host of a podcast about the city, and on Monday she said she "
        "would run for mayor.",
        "This is Elm Creek, a series of floods has left the town poorer than at any time since "
        "the mill closed.",
    ],
)
def test_a_welcome_a_price_or_a_host_in_the_news_stays_the_lead(lead):
    assert find_lead([lead, LEAD], title=TITLE) == lead


@pytest.mark.parametrize(
    "note",
    [
        "Welcome to Tech Weekly.",
        "Welcome to Riverton. Here is what you need to know this morning.",
        "Prices and availability are subject to change.",
        "Prices were correct at the time of writing.",
        "This is The Evening Brief, a daily newsletter about city hall.",
        "This is The Valley, a series about the towns along the river.",
        "This is Valley Weekly, a digest of the week's news from the towns along the river.",
    ],
)
def test_a_welcome_a_price_note_or_a_hosts_intro_is_still_not_the_lead(note):
    assert find_lead([note, LEAD], title=TITLE) == LEAD
    assert find_lead([f"{note} {LEAD}"], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "widgets",
    [
        "Share this article ",
        "Listen to this article 5 min ",
        "Listen to this article · 4:30 min ",
        "Sign up for our newsletter ",
        "Share Tweet Email ",
        "6 min read ",
    ],
)
def test_widget_text_glued_to_the_lead_is_cut_off(widgets):
    assert find_lead([widgets + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "lead",
    [
        "Print sales of the local paper fell by a third last year, its owner said on Monday.",
        "Save the River, a local group, sued the council on Tuesday over the bridge plan.",
        "Facebook, Twitter and two banks paid for the new bridge lights, the council said.",
    ],
)
def test_a_lead_opening_with_a_widget_word_keeps_it(lead):
    assert find_lead([lead], title=TITLE) == lead


@pytest.mark.parametrize(
    "caption",
    [
        "This Riverside Weekly video explains what the closure means for drivers who cross "
        "the river every day.",
        "In this video, engineers walk along the cracked piers of the old bridge.",
        "Video: Engineers inspect the cracked piers of the old bridge on Monday.",
        "WATCH: Engineers inspect the cracked piers of the old bridge on Monday.",
    ],
)
def test_a_video_caption_is_not_the_lead(caption):
    assert find_lead([caption, LEAD], title=TITLE) == LEAD


def test_a_video_caption_as_the_only_text_is_the_lead():
    caption = "In this video, engineers walk along the cracked piers of the old bridge."
    assert find_lead([caption], title=TITLE) == caption


@pytest.mark.parametrize(
    "lead",
    [
        "A video posted online on Monday shows cracks in two piers of the old bridge, which "
        "the council closed on Tuesday.",
        "This video game maker will move into the old mill by the bridge, the council said.",
    ],
)
def test_a_video_in_the_news_stays_the_lead(lead):
    assert find_lead([lead], title=TITLE) == lead


def test_a_sentence_full_of_names_is_prose_not_a_headline():
    sentence = ("Friday is a busy day for the Riverton City Council and residents of the Old "
                "Mill Houses in East Harbor, Riverton.")
    assert not is_title_case(sentence)
    assert is_prose(sentence)
    assert is_title_case("Riverton City Council Votes to Close the Old Mill Bridge")


def test_a_note_alone_is_chrome_and_a_note_before_news_is_not():
    note = "This article originally appeared on Riverside Weekly."
    assert is_chrome(note, None)
    assert not is_chrome(f"{note} {LEAD}", None)


@pytest.mark.parametrize(
    "captioned",
    [
        ["Image source, Ann Hill/Riverside Weekly", "Image caption, Crews inspect the cracked "
         "piers of the old bridge on Monday.", LEAD],
        ["Image source, Reuters " + LEAD],
        ["Image source, Ann Hill Image caption, Crews inspect the piers on Monday. " + LEAD],
        ["Media caption, Engineers explain what the cracks mean for drivers", LEAD],
        ["Image copyright Getty Images Image caption Crews inspect the cracked piers", LEAD],
    ],
)
def test_a_labelled_picture_credit_and_caption_are_not_the_lead(captioned):
    assert find_lead(captioned, title=TITLE) == LEAD


def test_a_lead_about_an_image_keeps_its_words():
    lead = ("Image sources on the council's website were wrong for a week, the city said on "
            "Tuesday after readers spotted the mistake.")
    assert find_lead([lead], title=TITLE) == lead


@pytest.mark.parametrize("short", ["Fire.", "Gone.", "The mayor resigned.", "“It fell.”"])
def test_a_short_sentence_above_the_story_is_the_lead(short):
    assert find_lead([short, LEAD], title=TITLE) == f"{short} {LEAD}"


@pytest.mark.parametrize(
    "line",
    ["Related.", "Advertisement.", "Share.", "By Ann Hill.", "Ann Hill.", "Reuters.", "Opinion.",
     "Thank you.", "Photos.", "Read more.", "Sign up."],
)
def test_a_short_line_of_the_page_above_the_story_is_not_the_lead(line):
    assert find_lead([line, LEAD], title=TITLE) == LEAD


def test_a_short_sentence_is_the_lead_only_above_prose():
    assert find_lead(["Crews at work.", "Inside The Bridge Repair Yard", LEAD], title=TITLE) == LEAD
