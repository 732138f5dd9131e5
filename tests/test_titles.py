"""A page's title is its headline: never a section's name, a menu or the site's name, even
when its metadata gives one of those first. Invented pages."""

from __future__ import annotations

import pytest

from digest.fetch.extract import extract_html, extract_text

HEADLINE = "Bridge closes for repairs"
BODY = ("<article><p>The old bridge over the canal will close on Monday for a month of repairs, "
        "the city said, and traffic will be sent through the harbour tunnel instead.</p></article>")
URL = "https://www.riversidegazette.example/2024/bridge"


def title_of(head: str, url: str | None = None) -> str | None:
    page = f"<!DOCTYPE html><html><head>{head}</head><body>{BODY}</body></html>"
    return extract_html(page, url=url).title


@pytest.mark.parametrize("section", ["News", "Local News", "Politics", "Newsletters"])
def test_a_sections_name_is_not_the_title(section):
    head = f'<meta property="og:title" content="{section}"><title>{HEADLINE}</title>'
    assert title_of(head) == HEADLINE


@pytest.mark.parametrize("chrome", ["Search results", "Most read", "Related stories"])
def test_a_widgets_heading_is_not_the_title(chrome):
    head = f'<meta property="og:title" content="{chrome}"><title>{HEADLINE}</title>'
    assert title_of(head) == HEADLINE


@pytest.mark.parametrize("og_title", ["News | Riverside Gazette", "Home - Riverside Gazette"])
def test_a_section_or_home_with_the_sites_name_is_not_the_title(og_title):
    head = f'<meta property="og:title" content="{og_title}"><title>{HEADLINE}</title>'
    assert title_of(head, URL) == HEADLINE


def test_a_double_colon_parts_the_headline_from_the_sites_name():
    assert title_of(f"<title>{HEADLINE} :: Riverside Gazette</title>", URL) == HEADLINE


@pytest.mark.parametrize("headline", ["Climate Change Comes to the Canal",
                                      "Music, Film and Books"])
def test_a_headline_of_words_sections_use_stays_the_title(headline):
    assert title_of(f'<meta property="og:title" content="{headline}">') == headline


def test_a_page_titled_only_by_a_sections_name_has_no_title():
    assert title_of('<meta property="og:title" content="Health"><title>Sections</title>') is None


STORY = ("<p>The city council voted on Tuesday to close the old bridge over the canal for a month "
         "of repairs, sending traffic through the harbour tunnel instead.</p>")


def headline_of(head: str, body: str = f"<h1>{HEADLINE}</h1>", url: str | None = URL) -> str | None:
    page = (f"<!DOCTYPE html><html><head>{head}</head><body><main><article>{body}{STORY}"
            f"</article></main></body></html>")
    return extract_html(page, url=url).title


@pytest.mark.parametrize("url", [URL, None])
@pytest.mark.parametrize(
    "head",
    [
        f"<meta property='og:title' content='News you can trust since 1890'>"
        f"<title>{HEADLINE} | Riverside Gazette</title>",
        f"<meta property='og:title' content='Riverside Gazette: Local news, weather and sports'>"
        f"<title>{HEADLINE} | Riverside Gazette</title>",
        "<meta property='og:title' content='Your local news, every day'>"
        "<title>Riverside Gazette | Your local news, every day</title>",
        "<meta property='og:title' content='The voice of the valley'>"
        f"<script type='application/ld+json'>{{\"@type\": \"NewsArticle\", \"headline\": "
        f"\"{HEADLINE}\"}}</script>",
    ],
)
def test_a_sites_tagline_given_as_its_title_gives_way_to_the_headline(head, url):
    assert headline_of(head, url=url) == HEADLINE


@pytest.mark.parametrize("url", [URL, None])
def test_the_sites_logo_in_an_h1_is_not_the_title(url):
    body = f"<h1><a href='/'>Riverside Gazette</a></h1><h1>{HEADLINE}</h1>"
    assert headline_of("<title>Riverside Gazette</title>", body, url) == HEADLINE


@pytest.mark.parametrize("url", [URL, None])
def test_a_heading_above_the_text_is_the_title_of_a_page_with_no_h1(url):
    body = f"<h2>Most read</h2><h2>{HEADLINE}</h2>"
    assert headline_of("<title>Riverside Gazette | Your local news</title>", body, url) == HEADLINE
    assert headline_of("<title>Sections</title>", body, url) == HEADLINE


def test_letters_to_the_editor_is_a_label_not_the_title():
    head = "<meta property='og:title' content='Letters to the Editor'>"
    letters = "Letters: Keep the bridge open"
    assert headline_of(head, f"<h1>{letters}</h1>") == letters


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [  # a headline the story's words do not bear out is still the headline, when it is alone
        ("<meta property='og:title' content='Bridge of sighs'>", "<h1>Bridge of sighs</h1>"
         "<h2>The council votes to close the old bridge over the canal</h2>", "Bridge of sighs"),
        ("<title>Bridge of sighs | Riverside Gazette</title>", "<h1>Bridge of sighs</h1>",
         "Bridge of sighs"),
        # an <h1> linking to the story itself is its headline, not a logo
        ("", f"<h1><a href='/2024/bridge'>{HEADLINE}</a></h1>", HEADLINE),
    ],
)
def test_a_headline_alone_stays_the_title(head, body, title):
    assert headline_of(head, body) == title


def test_of_two_headlines_the_story_bears_out_the_first_stays():
    head = (f"<meta property='og:title' content='{HEADLINE} after cracks found'>"
            f"<title>{HEADLINE}</title>")
    assert headline_of(head) == f"{HEADLINE} after cracks found"


def test_a_breadcrumb_above_the_headline_of_a_text_page_is_not_its_title():
    text = ("Home › News › Local\n\nBridge closes for repairs\n\nBy Ann Hill\n\nThe old bridge "
            "over the canal will close on Monday for a month of repairs, the city said.\n")
    assert extract_text(text).title == "Bridge closes for repairs"


DASHED = "Mayor quits — and the bridge shuts"


@pytest.mark.parametrize(
    "head",
    [
        f"<meta property='og:title' content='{DASHED}'><title>{DASHED} | Riverside Gazette</title>",
        f"<title>{DASHED} | Riverside Gazette</title>",
        f"<title>{DASHED} - Riverside Gazette</title>",
    ],
)
def test_a_headline_with_a_dash_the_page_gives_twice_is_kept_whole(head):
    assert headline_of(head, f"<h1>{DASHED}</h1>") == DASHED


@pytest.mark.parametrize(
    ("head", "h1", "title"),
    [  # the site's name and a label are still dropped, and a bar still parts headlines
        (f"<title>{HEADLINE} - Riverside Gazette</title>", f"{HEADLINE} - Riverside Gazette",
         HEADLINE),
        ("<title>Letters: Bridge tolls | Ferry fares | Parking</title>",
         "Letters: Bridge tolls | Ferry fares | Parking", "Letters: Bridge tolls"),
    ],
)
def test_a_title_given_twice_still_loses_the_sites_name_and_other_headlines(head, h1, title):
    assert headline_of(head, f"<h1>{h1}</h1>") == title


@pytest.mark.parametrize("title", [f"Canal Street Chronicle - {HEADLINE}",
                                   f"{HEADLINE} - The Canal Street Chronicle Online",
                                   f"{HEADLINE} | Canal Street Chronicle and Courier",
                                   f"Canal Street Chronicle: {HEADLINE}"])
def test_a_site_name_the_page_does_not_give_is_told_by_the_storys_words(title):
    assert title_of(f"<title>{title}</title>") == HEADLINE


def test_the_sites_name_in_its_footer_does_not_bear_it_out():
    footer = "<footer><p>© 2026 Canal Street Chronicle. All rights reserved.</p></footer>"
    page = (f"<!DOCTYPE html><html><head><title>{HEADLINE} - The Canal Street Chronicle Online"
            f"</title></head><body>{BODY}{footer}</body></html>")
    assert extract_html(page).title == HEADLINE


@pytest.mark.parametrize("title", ["Harbour Tunnel Boss: Traffic Will Be Sent Through",
                                   "Old Bridge - Canal Closes for a Month of Repairs"])
def test_a_name_the_story_bears_out_stays_in_the_title(title):
    assert title_of(f"<title>{title}</title>") == title


@pytest.mark.parametrize("own", ["Bridge closes - and the city reels",
                                 "Bridge closes - and traffic - moves to the tunnel"])
def test_a_dash_before_a_word_in_lower_case_is_the_headlines_own(own):
    assert title_of(f"<title>{own} - Riverside Gazette</title>", URL) == own
    assert title_of(f"<title>{own} | Riverside Gazette</title>", URL) == own


def test_a_sites_address_in_lower_case_after_a_dash_is_still_parted_off():
    assert title_of(f"<title>{HEADLINE} - canalstreet.com</title>") == HEADLINE


def test_a_story_set_between_line_breaks_bears_its_headline_out():
    lines = ("The old bridge over the canal will close on Monday for a month of repairs, the city "
             "said.<br><br>Traffic will be sent through the harbour tunnel while crews work.")
    page = (f"<!DOCTYPE html><html><head><title>Canal Street Notes: {HEADLINE}</title></head>"
            f"<body><div class='post-body'>{lines}</div></body></html>")
    assert extract_html(page).title == HEADLINE


@pytest.mark.parametrize("title", ["Tom Reed: The canal bridge will close for a month",
                                   "Reed - Lane debate: what the bridge vote means"])
def test_a_name_the_story_gives_in_part_is_no_sites_name(title):
    body = ("<article><p>Councillor Reed said the old bridge over the canal will close on Monday "
            "for a month of repairs, and Lane voted against it.</p></article>")
    page = f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"
    assert extract_html(page).title == title


@pytest.mark.parametrize("suffix", ["riversidegazette", "opinion", "by Ann Hill"])
def test_a_site_label_or_byline_in_lower_case_after_a_dash_is_still_parted_off(suffix):
    assert title_of(f"<title>{HEADLINE} - {suffix}</title>", URL) == HEADLINE
