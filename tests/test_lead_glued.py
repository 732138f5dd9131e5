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
    "note",
    [
        "(This story was first published on Valley Report.)",
        "[This article first appeared at Valley Report.]",
        "Our journalists independently select the products we cover.",
        "Purchases made through links on this page may earn us a commission.",
        "Today's newsletter is by Ann Hill.",
        "You are reading the Evening Brief, our daily look at city hall.",
        "This content is from our partner, Valley Report.",
        "This is an edited transcript of the podcast.",
        "To hear more audio stories from publications like Valley Report, download our app.",
        "Ann Hill is a staff writer for Valley Report covering transport.",
        "Good morning. It's Tuesday, May 4.",
    ],
)
def test_a_note_about_the_story_alone_or_glued_is_not_the_lead(note):
    assert find_lead([note, LEAD], title=TITLE) == LEAD
    assert find_lead([f"{note} {LEAD}"], title=TITLE) == LEAD


@pytest.mark.parametrize("glued", ["UPDATE (May 4): ", "Analysis by Ann Hill ",
                                   "Perspective by Ann Hill ", "Read by Bo Lee. "])
def test_a_label_with_a_date_or_a_byline_is_cut_off(glued):
    assert find_lead([glued + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize("button", ["Share ", "Print ", "Comments ", "Save "])
def test_a_single_button_before_a_sentence_is_cut_off(button):
    assert find_lead([button + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "lead",
    [
        "Save The Children said on Tuesday that the old bridge must stay open for school buses.",
        "Share prices of the bridge builder fell on Tuesday after the council closed the span.",
        "Analysis by Riverside engineers found cracks in the old bridge, officials said.",
        "Read by millions, the paper's bridge series won a state prize on Tuesday.",
        "This story is by far the most read on the council's website this year, the clerk said.",
        "Download speeds on the bridge's free wifi doubled on Tuesday, the city said.",
        "Ann Hill, who is a reporter at the Gazette, was arrested on Tuesday near the bridge.",
        "Mayor Bo Lee is a former reporter at the Gazette, and on Tuesday he shut the bridge.",
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


@pytest.mark.parametrize(
    "lead",
    [
        "Stocks fell sharply on Monday. US-China trade talks collapsed — again — as both sides "
        "traded blame.",
        "7 UK-based charities — including two of the largest — said on Monday they would stop "
        "using the network.",
        "12 EU-funded projects in the region have been suspended after auditors found "
        "irregularities, officials said.",
    ],
)
def test_a_hyphenated_name_inside_the_lead_is_no_dateline_to_cut_at(lead):
    assert find_lead([lead], title=TITLE) == lead


@pytest.mark.parametrize("dateline", ["RIVERTON — ", "RIVERTON— ", "RIVERTON -- ",
                                      "PARIS (AFP) - "])
def test_a_dateline_after_a_deck_run_into_the_lead_still_starts_it(dateline):
    deck = "Officials say the repairs will take a year and cost the city $4 million."
    assert find_lead([f"{deck} {dateline}{LEAD}"], title=TITLE) == dateline + LEAD


@pytest.mark.parametrize(
    "lead",
    [
        "Fans of The last of us lined up outside the cinema for the premiere on Friday night.",
        "Tickets for the revival of On the town sold out within an hour, the theatre said.",
        "Members of the cast and The band rehearsed by the old bridge on Tuesday, the city said.",
    ],
)
def test_a_sentence_opening_word_after_a_joining_word_is_no_glued_chrome(lead):
    assert find_lead([lead], title=TITLE) == lead


def test_a_caption_glued_to_the_lead_with_no_mark_is_still_cut_off():
    assert find_lead(["Crews inspect the piers on Monday " + LEAD], title=TITLE) == LEAD


@pytest.mark.parametrize(
    "lead",
    [
        "Members of Stop The count marched past the old bridge on Tuesday with signs and drums.",
        "Volunteers from Save The river cleared two tons of rubbish from the banks on Saturday.",
        "Supporters of Keep The ferry rallied at the harbour on Monday before the council vote.",
    ],
)
def test_a_group_whose_name_holds_the_word_the_stays_whole_in_the_lead(lead):
    assert find_lead([lead], title=TITLE) == lead


@pytest.mark.parametrize("credit", ["Courtesy of Ann Hill", "Sponsored by Acme Bank",
                                    "Presented by Harbour Trust"])
def test_a_credit_or_sponsor_with_a_joining_word_glued_to_the_lead_is_still_cut_off(credit):
    assert find_lead([f"{credit} {LEAD}"], title=TITLE) == LEAD


@pytest.mark.parametrize("link", ["RELATED: Council passes the harbour budget",
                                  "Read more: What the closure means for drivers?",
                                  "See also: Ferry fares to rise in June"])
def test_a_link_to_another_story_after_the_leads_last_sentence_is_cut_off(link):
    assert find_lead([f"{LEAD} {link}"], title=TITLE) == LEAD


def test_a_sentence_opening_with_related_after_the_lead_is_news():
    lead = f"{LEAD} Related: the two votes were held on the same day, the clerk said."
    assert find_lead([lead], title=TITLE) == lead


@pytest.mark.parametrize("chrome", ["Photos from Harbour Images", "Videos from Valley Wire",
                                    "Updates from Riverside"])
def test_what_the_page_shows_from_someone_glued_to_the_lead_is_still_cut_off(chrome):
    assert find_lead([f"{chrome} {LEAD}"], title=TITLE) == LEAD
