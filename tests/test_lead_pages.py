"""Leads of whole invented pages, read as `digest summarize page.html` reads them: the chrome
of each kind in the shapes pages give it (glued into the lead's <p>, in a <span> of it, in a
<div> around it, as a paragraph of its own, in a <figcaption>, an <aside>, a <header>), and
news that opens with the same words and keeps them. One pattern each."""

from __future__ import annotations

from pathlib import Path

import pytest

from .leadpages import LEAD, TITLE, lead_of, page

# Where pages put chrome in front of the lead.
SHAPES = {
    "glued into the lead's paragraph": "<p>{chrome} {lead}</p>",
    "in a span of the lead's paragraph": "<p><span class='kicker'>{chrome}</span> {lead}</p>",
    "loose in a div around the lead": "<div>{chrome} <p>{lead}</p></div>",
    "a paragraph of its own": "<p>{chrome}</p><p>{lead}</p>",
    "a div of its own": "<div class='note'>{chrome}</div><p>{lead}</p>",
    "a figure's caption": "<figure><img src='a.jpg'><figcaption>{chrome}</figcaption></figure>"
                          "<p>{lead}</p>",
    "an aside": "<aside>{chrome}</aside><p>{lead}</p>",
    "the article's header": "<header><p>{chrome}</p></header><p>{lead}</p>",
    "a line before a break": "<p>{chrome}<br>{lead}</p>",
}


def assert_cut_in_every_shape(chrome: str, folder: Path) -> None:
    for shape, body in SHAPES.items():
        lead = lead_of(page(body.format(chrome=chrome, lead=LEAD)), folder)
        assert lead.startswith(LEAD), f"{chrome!r} {shape}: {lead[:90]!r}"


@pytest.mark.parametrize("sponsor", ["Sponsored by Acme Bank", "Presented by Harbour Trust and "
                                     "Acme Bank", "Brought to you by Acme Bank"])
def test_a_sponsor_with_no_mark_after_it_is_not_the_lead(sponsor, tmp_path):
    assert_cut_in_every_shape(sponsor, tmp_path)


@pytest.mark.parametrize("credit", ["Jane Doe / Reuters", "Jane Doe/AP", "AP Photo/Jane Doe",
                                    "(Jane Doe/Getty Images)", "Illustration: Bo Lee",
                                    "Photo by Jane Doe on Unsplash",
                                    "Credit: Jane Doe for the Riverside Gazette"])
def test_a_picture_credit_with_or_without_a_label_is_not_the_lead(credit, tmp_path):
    assert_cut_in_every_shape(credit, tmp_path)


def test_a_caption_with_no_full_stop_is_not_the_lead(tmp_path):
    assert_cut_in_every_shape("Crews inspect the cracked piers of the Wren bridge on Monday",
                              tmp_path)


@pytest.mark.parametrize("credit", ["Getty Images", "Jane Doe / Reuters", "(Jane Doe/Reuters)"])
def test_a_caption_and_its_credit_with_no_label_are_not_the_lead(credit, tmp_path):
    assert_cut_in_every_shape(f"Crews inspect the cracked piers on Monday. {credit}", tmp_path)


@pytest.mark.parametrize("byline", ["Jane Doe Staff Writer", "Jane Doe | The Riverside Gazette",
                                    "Home"])
def test_a_byline_or_a_crumb_with_no_mark_after_it_is_not_the_lead(byline, tmp_path):
    assert_cut_in_every_shape(byline, tmp_path)


@pytest.mark.parametrize("widgets", ["Click to share", "Click to share on Twitter (Opens in new "
                                     "window)", "Audio is not supported in your browser.",
                                     "Follow", "Add to your saved stories",
                                     "JavaScript is disabled in your browser.", "Loading…",
                                     "Sorry, this video is not available in your region."])
def test_widget_text_is_not_the_lead(widgets, tmp_path):
    assert_cut_in_every_shape(widgets, tmp_path)


def test_a_newsletter_naming_itself_is_not_the_lead(tmp_path):
    assert_cut_in_every_shape("This is The Evening Brief, a newsletter about city hall. Sign up "
                              "here.", tmp_path)


@pytest.mark.parametrize(
    "note",
    [
        "Prices were accurate at the time of publishing.",
        "Advertising Disclosure",
        "The story first ran in Valley Report.",
        "Welcome to the Morning Brief. Here's what you need to know today.",
        "Content warning: this story discusses suicide.",
        "Warning: this story contains details some readers may find distressing.",
        "Summary: The council closes the old bridge for a year.",
        "TL;DR: The bridge closes for a year.",
        "This article is also available in Spanish.",
        "This article is for subscribers only.",
        "This article is a collaboration between the Riverside Gazette and Valley Report.",
        "This is the second of three articles on the bridge.",
        "This story was reported with support from the River Fund.",
    ],
)
def test_a_note_about_the_story_is_not_the_lead(note, tmp_path):
    assert_cut_in_every_shape(note, tmp_path)


@pytest.mark.parametrize(
    "promo",
    [
        "We use cookies to improve your experience on our site.",
        "Subscribe to continue reading.",
        "Already a subscriber? Log in.",
        "You have 3 free articles left this month.",
        "Listen to this story. Enjoy more audio and podcasts on iOS or Android.",
    ],
)
def test_a_promo_or_a_pages_notice_is_not_the_lead(promo, tmp_path):
    assert_cut_in_every_shape(promo, tmp_path)


def test_a_quote_set_above_the_story_is_not_the_lead(tmp_path):
    pulled = "<blockquote>“We can’t keep the bridge open,” said Mayor Ann Hill.</blockquote>"
    assert lead_of(page(pulled + f"<p>{LEAD}</p>"), tmp_path).startswith(LEAD)


@pytest.mark.parametrize("label", ["WATCH:", "MUST READ:", "Report:", "EXCLUSIVE —"])
def test_a_label_before_the_lead_is_not_the_lead(label, tmp_path):
    assert_cut_in_every_shape(label, tmp_path)


@pytest.mark.parametrize("label", ["EXCLUSIVE", "BREAKING", "UPDATE"])
def test_a_label_in_capitals_with_no_mark_after_it_is_not_the_lead(label, tmp_path):
    assert_cut_in_every_shape(label, tmp_path)


@pytest.mark.parametrize(
    "pictured",
    [
        "<p><img src='a.jpg'><em>Crews inspect the cracked piers of the bridge on Monday.</em></p>",
        "<p><img src='a.jpg'></p><p><em>Crews inspect the cracked piers of the bridge.</em></p>",
        "<p><picture><img src='a.jpg'></picture><small>Crews inspect the piers.</small></p>",
    ],
)
def test_a_pictures_caption_set_as_a_paragraph_is_not_the_lead(pictured, tmp_path):
    assert lead_of(page(pictured + f"<p>{LEAD}</p>"), tmp_path).startswith(LEAD)


@pytest.mark.parametrize(
    "lead",
    [
        f"<p><img src='a.jpg'>{LEAD}</p>",
        f"<p><img src='a.jpg'></p><p>{LEAD}</p>",
        f"<p><em>{LEAD}</em></p>",
        f"<p><img src='a.jpg'></p><p><em>Riverton</em> {LEAD[0].lower()}{LEAD[1:]}</p>",
    ],
)
def test_a_lead_beside_a_picture_or_in_italics_stays_the_lead(lead, tmp_path):
    found = lead_of(page(lead), tmp_path)
    assert LEAD[5:60] in found[:70]


def test_a_clips_caption_after_its_label_is_not_the_lead(tmp_path):
    caption = "<p>WATCH: The mayor explains why the bridge must close.</p>"
    assert lead_of(page(caption + f"<p>{LEAD}</p>"), tmp_path).startswith(LEAD)


@pytest.mark.parametrize(
    "clip",
    [
        "<p>WATCH: {caption}</p><p>Share</p>",
        "<div class='player'><p>Play video</p><p>1:24</p></div>"
        "<p>{caption} (Video: Jane Doe/Reuters)</p><p>Share this video</p>",
        "<figure><video src='v.mp4'></video><figcaption>{caption}</figcaption></figure>"
        "<p>Up next</p>",
    ],
)
def test_a_clips_caption_is_the_lead_when_it_is_all_the_page_has(clip, tmp_path):
    caption = "Crews close the old Wren bridge for a year of repairs"
    html = (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>"
            f"{clip.format(caption=caption)}</article></body></html>")
    assert lead_of(html, tmp_path) == caption


@pytest.mark.parametrize(
    "lead",
    [
        "Welcome to the new bridge, the mayor told drivers on Tuesday as the span reopened.",
        "Prices for ferry tickets were raised on Tuesday while the old bridge is closed.",
        "Girl Scout cookies sold out at the ferry terminal on Tuesday, the troop leader said.",
        "Summary judgment was granted to the city on Tuesday in the lawsuit over the bridge.",
        "Warning signs on the old bridge were ignored for years, engineers said on Tuesday.",
        "Subscribers to the city's ferry pass will ride free while the old bridge is closed.",
        "Log books from the old bridge show that cracks were found in 1998, engineers said.",
        "Loading docks at the port will close with the old bridge on Tuesday, the city said.",
        "This is the second of three bridges the city will close this year, the mayor said.",
        "The old bridge was built with support from the state in 1931, the city's records show.",
        "Sponsored by the mayor, the bill passed the council on Tuesday by a vote of seven to two.",
        "Sponsored by Sen. Ann Hill, the bill passed the council on Tuesday by a vote of seven.",
        "Getty Images, the photo agency, said on Tuesday it would cut 200 jobs in Seattle.",
        "Updated maps of the city's flood zones were released on Tuesday by the council.",
        "Members of the Wren Valley Council In the Public Interest group protested on Tuesday.",
        "Shares of the bridge builder fell after its class A stock was cut to junk on Tuesday.",
        "Too much vitamin A is harmful to children, doctors in the city warned on Tuesday.",
        "Readers of The Riverside Gazette voted the old bridge the city's best landmark.",
        "Jane Doe, the city's treasurer, said on Tuesday the bridge repairs would cost $4 million.",
        "Follow-up inspections of the old bridge found more cracks, engineers said on Tuesday.",
        "Home prices rose 4 percent in May as buyers returned to the market, a survey found.",
        "Audio recordings of the council meeting on Tuesday show the mayor shouting at engineers.",
        "Illustration of the new bridge, shown to the council on Tuesday, drew praise.",
    ],
)
def test_news_opening_like_chrome_stays_the_lead(lead, tmp_path):
    for body in (f"<p>{lead}</p>", f"<div>{lead}</div>"):
        assert lead_of(page(body), tmp_path).startswith(lead)


@pytest.mark.parametrize(
    "dateline",
    ["WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -", "RIVERTON, Ohio —", "(CNN) —",
     "RIVERTON, Ohio, May 4 —", "SAN MARCO —"],
)
def test_a_dateline_stays_in_the_lead(dateline, tmp_path):
    lead = f"{dateline} {LEAD}"
    assert lead_of(page(f"<p>{lead}</p>"), tmp_path).startswith(lead)


@pytest.mark.parametrize("mark", ["", ":", " —", " |"])
def test_a_breadcrumb_and_the_headline_with_a_mark_after_it_are_not_the_lead(mark, tmp_path):
    assert_cut_in_every_shape(f"Home › Politics › {TITLE}{mark}", tmp_path)


@pytest.mark.parametrize("chrome", ["By Jane Doe", "Jane Doe / Reuters", "(AP Photo/Jane Doe)",
                                    "Getty Images", "Share", "Updated May 4, 2026"])
def test_chrome_before_a_dateline_is_cut_and_the_dateline_stays(chrome, tmp_path):
    lead = f"WASHINGTON (AP) — {LEAD}"
    assert lead_of(page(f"<p>{chrome} {lead}</p>"), tmp_path).startswith(lead)


@pytest.mark.parametrize(
    "lead",
    [
        "The European Union fined the retailer on Tuesday because its website uses cookies "
        "without asking consent.",
        "Apple and Google will remove the betting app from their iOS and Android stores by "
        "Friday, regulators said.",
        "Netflix will offer its new sports channel to paying subscribers only, the company said "
        "on Thursday.",
        "US regulators said on Monday that betting apps must leave the iOS and Android stores "
        "by Friday.",
    ],
)
def test_news_about_cookies_apps_or_paywalls_stays_the_lead(lead, tmp_path):
    assert lead_of(page(f"<p>{lead}</p>"), tmp_path).startswith(lead)


@pytest.mark.parametrize("notice", ["Accept all cookies to see this map of the bridge.",
                                    "Download the Gazette app for iOS and Android."])
def test_a_notice_that_gives_an_order_is_not_the_lead(notice, tmp_path):
    assert_cut_in_every_shape(notice, tmp_path)
