"""A deck (a standfirst: a sentence or two between the headline and the story) is not the
lead: told by its markup, by the byline below it, or by the dateline that opens the story
after it. A short lead with none of these stays the lead. Invented pages, one pattern each."""

from __future__ import annotations

import pytest

from digest.summarize import find_lead

from .leadpages import LEAD, TITLE, lead_of, page

DECK = "Officials say the repairs will take a year and cost the city $4 million."


@pytest.mark.parametrize(
    "deck",
    [
        f"<p class='standfirst'>{DECK}</p>",
        f"<div class='article__dek'>{DECK}</div>",
        f"<p class='sub-headline'>{DECK}</p>",
        f"<p class='story-summary'>{DECK}</p>",
        f"<p itemprop='description'>{DECK}</p>",
    ],
)
def test_a_deck_marked_as_such_is_not_the_lead(deck, tmp_path):
    assert lead_of(page(deck + f"<p>{LEAD}</p>"), tmp_path).startswith(LEAD)


@pytest.mark.parametrize("header", ["header", "hgroup"])
def test_a_paragraph_beside_the_headline_in_its_header_is_not_the_lead(header, tmp_path):
    body = f"<{header}><h1>{TITLE}</h1><p>{DECK}</p></{header}><p>{LEAD}</p>"
    assert lead_of(page(body, headline=""), tmp_path).startswith(LEAD)


@pytest.mark.parametrize(
    "byline",
    [
        "<div class='byline'>By Jane Doe | May 4, 2026</div>",
        "<address>By Jane Doe</address>",
        "<span><a rel='author' href='/jane-doe'>Jane Doe</a></span>",
        "<p>By Jane Doe</p><p>May 4, 2026</p>",
    ],
)
def test_a_paragraph_above_the_byline_is_not_the_lead(byline, tmp_path):
    body = f"<p>{DECK}</p>{byline}<p>{LEAD}</p>"
    assert lead_of(page(body), tmp_path).startswith(LEAD)


@pytest.mark.parametrize("dateline", ["RIVERTON —", "LONDON, March 3 (Reuters) -", "(CNN) —"])
def test_a_paragraph_above_the_dateline_is_not_the_lead(dateline, tmp_path):
    lead = f"{dateline} {LEAD}"
    assert lead_of(page(f"<p>{DECK}</p><p>{lead}</p>"), tmp_path).startswith(lead)
    assert lead_of(page(f"<p>{DECK} {lead}</p>"), tmp_path).startswith(lead)


def test_a_deck_in_plain_text_above_a_byline_is_not_the_lead():
    assert find_lead([DECK, "By Jane Doe", "Updated May 4, 2026", LEAD], TITLE) == LEAD


@pytest.mark.parametrize(
    "between",
    [
        "<div class='ad'>Advertisement</div>",
        "<aside class='related'><div class='author'>Bo Lee</div><a href='/b'>Ferry fares rise"
        "</a></aside>",
        "<figure><img src='a.jpg'><figcaption>Crews at work.</figcaption></figure>",
        "",
    ],
)
def test_a_short_lead_with_no_byline_or_dateline_below_stays_the_lead(between, tmp_path):
    short = "The city will close the old Wren bridge for a year of repairs, officials said."
    lead = lead_of(page(f"<p>{short}</p>{between}<p>{LEAD}</p>"), tmp_path)
    assert lead.startswith(short)


@pytest.mark.parametrize("writer", ["<div class='author'>Jane Doe writes on transport.</div>",
                                    "<div class='author'>Jane Doe</div>"])
def test_a_box_about_the_writer_makes_no_header(writer, tmp_path):
    short = "The city will close the old Wren bridge for a year of repairs, officials said."
    between = page(f"<p>{short}</p><p>{LEAD}</p>{writer if 'writes' in writer else ''}")
    below = page(f"<p>{short}</p><p>{LEAD}</p>").replace("</article>", f"{writer}</article>")
    assert lead_of(between, tmp_path).startswith(short)
    assert lead_of(below, tmp_path).startswith(short)


@pytest.mark.parametrize("lede", ["lede", "intro", "article-lead"])
def test_a_lead_marked_as_the_lead_stays_the_lead(lede, tmp_path):
    short = "The city will close the old Wren bridge for a year of repairs, officials said."
    assert lead_of(page(f"<p class='{lede}'>{short}</p><p>{LEAD}</p>"), tmp_path).startswith(short)


def test_a_dateline_after_the_first_paragraphs_sentences_is_no_deck_end():
    lead = (f"{LEAD} The mayor, who opposed the vote, said on Tuesday evening that she would ask "
            f"the state for money. RIVERTON — A second vote is set for June.")
    assert find_lead([lead], TITLE) == lead


@pytest.mark.parametrize("credit", ["Jane Doe / Reuters", "Photo: Jane Doe", "Getty Images",
                                    "(Jane Doe/AP)", "AP Photo/Jane Doe"])
def test_a_caption_above_its_credit_on_a_line_of_its_own_is_not_the_lead(credit, tmp_path):
    caption = "Crews inspect the cracked piers of the Wren bridge on Monday."
    body = f"<p>{caption}</p><p>{credit}</p><p>{LEAD}</p>"
    assert lead_of(page(body), tmp_path).startswith(LEAD)


@pytest.mark.parametrize("below", ["<p>Share</p>", "<p>Advertisement</p>",
                                   "<p>Related: Ferry fares rise</p>"])
def test_a_short_lead_above_a_button_or_a_link_stays_the_lead(below, tmp_path):
    short = "The city will close the old Wren bridge for a year of repairs, officials said."
    assert lead_of(page(f"<p>{short}</p>{below}<p>{LEAD}</p>"), tmp_path).startswith(short)


SHORT = "The city will close the old Wren bridge for a year of repairs, officials said."


@pytest.mark.parametrize(
    "below",
    [
        "US-China tariffs on steel have doubled the cost of the repairs, the treasurer said.",
        "AP-NORC polling last month found most residents backed the repairs of the bridge.",
        "COVID-19 slowed the first survey of the piers, which was finished only last month.",
        "NASA — which tested the steel — said the piers had cracked in the summer heat.",
    ],
)
def test_a_hyphenated_name_below_a_short_lead_is_no_dateline(below):
    assert find_lead([SHORT, below, LEAD], TITLE) == SHORT


@pytest.mark.parametrize("line", ["Oct. 3 was the deadline.", "By Monday, it was over.",
                                  "By then the council had voted."])
def test_a_short_sentence_below_a_short_lead_is_no_byline_or_date(line):
    assert find_lead([SHORT, line, LEAD], TITLE) == SHORT


@pytest.mark.parametrize("line", ["By Jane Doe.", "May 4, 2026.", "By Jane Doe and Bo Lee"])
def test_a_byline_or_date_with_a_full_stop_still_ends_the_header(line):
    assert find_lead([DECK, line, LEAD], TITLE) == LEAD


@pytest.mark.parametrize("byline", ["<div class='author'>By Ann Hill</div>",
                                    "<p><span class='byline'>Ann Hill</span></p>"])
def test_a_lead_long_as_a_lead_above_a_byline_in_the_storys_container_stays_the_lead(
        byline, tmp_path):
    assert lead_of(page(f"<p>{LEAD}</p>{byline}"), tmp_path).startswith(LEAD)


def test_a_paragraph_above_a_byline_outside_the_headlines_container_stays_the_lead(tmp_path):
    body = f"<div class='body'><p>{SHORT}</p><div class='author'>By Ann Hill</div><p>{LEAD}</p>"
    assert lead_of(page(body + "</div>"), tmp_path).startswith(SHORT)


def test_a_long_deck_beside_the_headline_in_a_container_of_its_own_is_not_the_lead(tmp_path):
    deck = (f"{DECK} Shop owners on Mill Street fear losing customers while the tunnel takes "
            "the traffic, and the council has promised them help.")
    top = f"<div class='top'><h1>{TITLE}</h1><p>{deck}</p><div class='byline'>By Ann Hill</div>"
    assert lead_of(page(f"{top}</div><p>{LEAD}</p>", headline=""), tmp_path).startswith(LEAD)


@pytest.mark.parametrize("line", ["<p>Reuters</p>", "<p>Dec. 7, 2026</p>"])
def test_a_credit_or_date_below_a_lead_longer_than_a_caption_is_no_header_end(line, tmp_path):
    assert lead_of(page(f"<p>{LEAD}</p>{line}"), tmp_path).startswith(LEAD)


@pytest.mark.parametrize("byline", ["<p class='byline'>By Ann Hill</p>",
                                    "<p class='article-author'>Ann Hill</p>"])
def test_a_paragraph_above_a_byline_set_as_a_paragraph_is_not_the_lead(byline, tmp_path):
    body = f"<p>{SHORT}</p>{byline}<p>{LEAD}</p>"
    assert lead_of(page(body), tmp_path).startswith(LEAD)


@pytest.mark.parametrize("byline", ["<p class='byline'>By Ann Hill</p>",
                                    "<div class='author'>Ann Hill</div>"])
def test_a_lead_below_the_byline_inside_the_headlines_header_stays_the_lead(byline, tmp_path):
    header = f"<header><h1>{TITLE}</h1><p>{DECK}</p>{byline}<p>{LEAD}</p></header>"
    assert lead_of(page(header, headline=""), tmp_path).startswith(LEAD)


def test_a_lead_with_a_dateline_inside_the_headlines_header_stays_the_lead(tmp_path):
    lead = f"RIVERTON — {LEAD}"
    header = f"<header><h1>{TITLE}</h1><p>{lead}</p></header>"
    assert lead_of(page(header, headline=""), tmp_path).startswith(lead)


def test_a_deck_marked_on_a_wrapper_of_the_block_that_holds_it_is_not_the_lead(tmp_path):
    deck = (f"<div class='field field--name-field-subtitle'><div class='field__item'>{DECK}"
            "</div></div>")
    assert lead_of(page(deck + f"<p>{LEAD}</p>"), tmp_path).startswith(LEAD)


def test_a_summary_box_of_paragraphs_is_no_deck(tmp_path):
    summary = f"<div class='live-summary'><p>{LEAD}</p></div>"
    assert lead_of(page(summary), tmp_path).startswith(LEAD)


def test_a_short_deck_below_the_byline_inside_the_headlines_header_is_not_the_lead(tmp_path):
    header = (f"<header><h1>{TITLE}</h1><div class='byline'>By Ann Hill</div><p>{DECK}</p>"
              "</header>")
    assert lead_of(page(header + f"<p>{LEAD}</p>", headline=""), tmp_path).startswith(LEAD)


BIO = "Ann Hill covers the city council and the harbour for the Riverside Gazette."


@pytest.mark.parametrize("byline", ["By Ann Hill", "By ANN HILL | Riverside Gazette",
                                    "Written by Ann Hill and Bo Lee"])
def test_a_note_about_the_writer_below_the_byline_is_not_the_lead(byline, tmp_path):
    assert find_lead([byline, BIO, LEAD], TITLE) == LEAD
    body = f"<div class='byline'>{byline}</div><p>{BIO}</p><p>{LEAD}</p>"
    assert lead_of(page(body), tmp_path).startswith(LEAD)


def test_a_lead_opening_with_a_name_that_is_not_the_writers_stays_the_lead(tmp_path):
    lead = BIO.replace("Ann Hill covers", "Bo Lee will cover")
    assert find_lead(["By Ann Hill", lead, LEAD], TITLE).startswith(lead)
    assert find_lead([BIO, LEAD], TITLE).startswith(BIO)  # no byline: a story about her
    body = f"<div class='byline'>By Ann Hill</div><p>{lead}</p><p>{LEAD}</p>"
    assert lead_of(page(body), tmp_path).startswith(lead)


def test_news_about_a_person_who_shares_the_writers_name_stays_the_lead(tmp_path):
    news = BIO.replace("Ann Hill covers", "Ann Hill said on Monday she would quit")
    assert find_lead(["By Ann Hill", news, LEAD], TITLE).startswith(news)
    body = f"<div class='byline'>By Ann Hill</div><p>{news}</p><p>{LEAD}</p>"
    assert lead_of(page(body), tmp_path).startswith(news)


def test_the_pages_facts_set_as_fields_between_a_deck_and_its_date_do_not_hide_the_date():
    fields = ["From:", "Ministry of Roads", "Part of:", "Bridges", "Published", "4 May 2026"]
    assert find_lead([DECK, *fields, LEAD], TITLE) == LEAD


def test_a_short_lead_above_fields_with_no_date_stays_the_lead():
    short = "The old bridge will close for a year."
    assert find_lead([short, "Share", "Print", "Email", LEAD], TITLE).startswith(short)


# A deck that reads as a lead (the day and the source of its news, a dateline) is still a
# deck: the paragraph after it is the story's lead, whatever words it gives the day in.
SET_AS_DECKS = [
    "<p class='standfirst'>{}</p>",
    "<div class='article-summary'>{}</div>",
    "<p itemprop='description'>{}</p>",
]
TOLD = ("The transit board said on Tuesday that four new bus routes would start in June, linking "
        "the north side to the hospital and the community college for the first time.")


@pytest.mark.parametrize("markup", SET_AS_DECKS)
def test_a_deck_telling_the_day_and_source_of_its_news_is_not_the_lead(markup, tmp_path):
    lead = ("The city council Tuesday approved four bus routes that will connect the north side "
            "with the hospital and the college, ending a three-year fight over the cost.")
    body = f"{markup.format(TOLD)}<div class='story'><p>{lead}</p></div>"
    assert lead_of(page(body), tmp_path).startswith(lead)


def test_a_paragraph_of_the_headlines_header_above_a_features_opening_scene_is_no_lead(
        tmp_path):
    scene = ("When Rosa Delgado first carried her infant son through the clinic's narrow door, "
             "she had a bag of unpaid bills and no idea the nurses would know her name.")
    body = f"<header><h1>{TITLE}</h1><p>{TOLD}</p></header><div><p>{scene}</p></div>"
    assert lead_of(page(body, headline=""), tmp_path).startswith(scene)


def test_a_summary_repeating_the_dateline_lead_in_short_is_not_the_lead(tmp_path):
    summary = "<div class='field--name-field-summary'>RIVERTON — The old bridge will close.</div>"
    lead = f"RIVERTON — {LEAD}"
    assert lead_of(page(f"{summary}<p>{lead}</p>"), tmp_path).startswith(lead)


def test_a_teaser_set_as_a_summary_in_a_rail_before_the_story_is_not_its_lead(tmp_path):
    rail = (f"<aside class='top-stories'><div class='card'><a href='/pier'>East pier closes</a>"
            f"<p class='summary'>{TOLD}</p></div></aside>")
    lead = ("The main library will stay open on Sundays through the summer after a foundation "
            "offered to pay the staff's overtime, the library's director told parents.")
    html = page(f"<p>{lead}</p>").replace("<main>", f"<main>{rail}")
    assert lead_of(html, tmp_path).startswith(lead)


@pytest.mark.parametrize("stamp", ["Issued on: 03/03/2026 - 14:10", "Published: May 4, 2026",
                                   "Updated on Tue 4 May 2026 09.00 BST",
                                   "Posted on May 4, 2026 by admin",
                                   "Published: 6:02 PM EST March 3, 2026"])
def test_a_date_after_a_time_stamps_label_ends_the_header_as_a_date_alone_does(stamp):
    assert find_lead([DECK, stamp, LEAD], TITLE) == LEAD


@pytest.mark.parametrize("line", ["Published on Monday, the report found that rents rose.",
                                  "Issued on May 4, the order bans fires in the parks.",
                                  "Updated figures released on Monday show the deficit grew."])
def test_a_sentence_opening_with_a_time_stamps_word_is_no_date_below_a_short_lead(line):
    assert find_lead([SHORT, line, LEAD], TITLE) == SHORT


@pytest.mark.parametrize("line", ["Posted 8:01 p.m.", "Updated: 4:15 PM", "Issued 5:52 PM CDT",
                                  "Updated Monitoring Plan", "Posted Sunnyside Road"])
def test_a_time_stamps_label_with_no_day_after_it_is_no_date_below_a_short_lead(line):
    # a live blog's entry carries its time; a heading may open with such a word
    assert find_lead([SHORT, line, LEAD], TITLE) == SHORT


@pytest.mark.parametrize("stamp", ["Posted on 03/04/2026", "Updated May 4, 10:32", "May 4, 2026"])
def test_a_stamp_below_each_entry_of_a_live_blog_makes_no_header(stamp):
    more = "Crews from three counties were on their way to help, the utility said on Monday."
    assert find_lead([SHORT, stamp, LEAD, stamp, more], TITLE) == SHORT


@pytest.mark.parametrize("end", ["By Ann Hill", "Updated: May 5, 2026"])
def test_a_byline_or_stamp_closing_a_short_story_makes_no_live_blog(end):
    assert find_lead([DECK, "Published: May 4, 2026", LEAD, end], TITLE) == LEAD
    assert find_lead([DECK, "By Ann Hill", LEAD, "Workers learned of it on Monday.", end],
                     TITLE) == LEAD


def test_a_header_with_two_stamps_still_ends_at_them():
    assert find_lead([DECK, "Published: May 4, 2026", "Updated: May 5, 2026", LEAD], TITLE) == LEAD
