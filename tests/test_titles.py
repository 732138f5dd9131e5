"""A page's title is its headline: never a section's name, a menu or the site's name, even
when its metadata gives one of those first. Invented pages."""

from __future__ import annotations

import pytest

from digest.fetch.extract import extract_html

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
