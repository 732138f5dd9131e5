"""Article text from plain-text dumps, Markdown and HTML pages."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import lxml.html
import pytest

from digest.core.errors import SourceError
from digest.core.models import pixel_size
from digest.fetch.extract import extract_html, extract_text
from digest.fetch.htmltext import html_to_paragraphs
from digest.fetch.markdown import extract_markdown
from digest.fetch.metadata import parse_date
from digest.fetch.tidy import drop_breadcrumbs

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
SEED_HEADLINE = "North Korea quits liaison office with South after new US sanctions"
GOLD = json.loads((ARTICLES / "gold.json").read_text(encoding="utf-8"))


def page(name: str) -> bytes:
    return gzip.decompress((ARTICLES / f"{name}.html.gz").read_bytes())


def html_document(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


# --- plain text ----------------------------------------------------------------------------


def test_seed_headline_is_found_among_banner_decks_and_promo():
    article = extract_text((ARTICLES / "seed.txt").read_text(encoding="utf-8"))
    assert article.title == SEED_HEADLINE
    paragraphs = article.paragraphs
    # the deck and the headline share a block but stay two paragraphs
    deck = "Pyongyang is pulling out of the inter-Korean liaison office after new U.S. sanctions"
    assert paragraphs[paragraphs.index(deck) + 1] == SEED_HEADLINE
    assert any(p.startswith("North Korean officials on Friday abruptly") for p in paragraphs)
    assert paragraphs[-1].startswith("Cover Image:")


def test_header_lines_give_title_url_date_and_author():
    text = (
        "Title: Harbour reopens after storm\nURL: https://news.example/harbour\n"
        "Date: 2024-02-03T08:30:00+01:00\nAuthor: Ana Ruiz\n\n"
        "The harbour reopened on Saturday after a week of repairs to its sea wall.\n"
    )
    article = extract_text(text)
    assert article.title == "Harbour reopens after storm"
    assert article.url == "https://news.example/harbour"
    assert article.author == "Ana Ruiz"
    assert article.published == datetime(2024, 2, 3, 7, 30, tzinfo=UTC)
    assert article.paragraphs == (
        "The harbour reopened on Saturday after a week of repairs to its sea wall.",
    )


def test_wrapped_prose_joins_and_stacked_title_lines_stay_apart():
    text = (
        "Local library doubles its opening hours\n"
        "By Sam Okafor\n"
        "March 4, 2024\n\n"
        "The town library will open every evening from next month, the council said on\n"
        "Monday, after a survey found that most readers could only visit after work. The\n"
        "change costs less than expected.\n"
    )
    article = extract_text(text)
    assert article.title == "Local library doubles its opening hours"
    assert article.paragraphs[:3] == (
        "Local library doubles its opening hours", "By Sam Okafor", "March 4, 2024"
    )
    assert article.paragraphs[3].startswith("The town library will open every evening")
    assert article.paragraphs[3].endswith("The change costs less than expected.")
    assert len(article.paragraphs) == 4


def test_headline_is_preferred_to_kicker_and_deck():
    text = (
        "Science\n\n"
        "Rare frog found in city park\n"
        "A species thought to be extinct has been spotted by a schoolgirl on her way home\n\n"
        "A schoolgirl has found a frog last seen in the region in 1950, biologists said.\n"
    )
    assert extract_text(text).title == "Rare frog found in city park"


def test_text_without_preamble_has_no_title():
    article = extract_text("The vote was close. Turnout was the highest in a decade.\n")
    assert article.title is None
    assert article.paragraphs == ("The vote was close. Turnout was the highest in a decade.",)


# --- Markdown ------------------------------------------------------------------------------


MARKDOWN = """\
---
title: Council approves riverside park
date: 2024-03-05
author: [Ann Lee, Bo Chen]
url: https://news.example/park
image: https://news.example/park.jpg
---

# Council approves riverside park

The council **voted 7-2** on Tuesday to approve a [riverside park](https://news.example/map),
ending a _three-year_ debate.

> "We finally did it," said the mayor.

- Work starts in `May`
- It opens in 2026

![The river bank](https://news.example/bank.jpg)

## What comes next
"""


def test_markdown_front_matter_and_markup():
    article = extract_markdown(MARKDOWN)
    assert article.title == "Council approves riverside park"
    assert article.published == datetime(2024, 3, 5, tzinfo=UTC)
    assert article.author == "Ann Lee, Bo Chen"
    assert article.url == "https://news.example/park"
    assert article.image == "https://news.example/park.jpg"
    assert article.paragraphs == (
        "The council voted 7-2 on Tuesday to approve a riverside park, ending a three-year "
        "debate.",
        '"We finally did it," said the mayor.',
        "Work starts in May",
        "It opens in 2026",
        "What comes next",
    )


def test_markdown_title_from_first_heading_and_first_image():
    article = extract_markdown(
        "# Night trains return\n\n![A sleeper car](img/sleeper.jpg)\n\nThe first ran *tonight*."
    )
    assert article.title == "Night trains return"
    assert article.image == "img/sleeper.jpg"
    assert article.paragraphs == ("The first ran tonight.",)


def test_markdown_blocks():
    article = extract_markdown(
        "Ferry strike ends\n=================\n\n"
        "Crews went back to work on *Friday*.  \nThe first boat left at six.\n\n"
        "1. Timetables are restored\n2. Refunds:\n   - by post\n   - online\n\n"
        "- A loose item\n\n  with a second paragraph\n\n"
        "> Outer quote.\n>\n> > Inner quote.\n\n"
        "```python\nprint('not story text')\n```\n\n"
        "    indented code too\n\n"
        "***\n\n"
        "| port | boats |\n|------|-------|\n| Kiel | 4 |\n\n"
        '<div class="embed">\n<iframe src="https://video.example/1"></iframe>\n</div>\n\n'
        "<!-- more -->\n\n"
        "Talks resume\n------------\n"
    )
    assert article.title == "Ferry strike ends"
    assert article.paragraphs == (
        "Crews went back to work on Friday. The first boat left at six.",
        "Timetables are restored", "Refunds:", "by post", "online",
        "A loose item", "with a second paragraph",
        "Outer quote.", "Inner quote.",
        "Talks resume",
    )


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("***Both*** and **_nested_** and ~~gone~~ words.", "Both and nested and gone words."),
        ("A snake_case_name and 2 * 3 * 4 stay.", "A snake_case_name and 2 * 3 * 4 stay."),
        ("Read [the report](https://a.example/r (Report)) now.", "Read the report now."),
        ("Read [the report][r] now.\n\n[r]: https://a.example/r", "Read the report now."),
        ("See <https://a.example/r> or [![logo](l.png)](https://a.example).",
         "See https://a.example/r or ."),
        ("A <b>bold</b> <span class='x'>claim</span>.", "A bold claim."),
        ("Escaped \\*stars\\* &amp; entities &eacute;.", "Escaped *stars* & entities é."),
        ("Run `make build` first.", "Run make build first."),
    ],
)
def test_markdown_inline_text(markdown, expected):
    assert extract_markdown(markdown).paragraphs == (expected,)


def test_markdown_heading_matching_the_front_matter_title_is_not_a_paragraph():
    article = extract_markdown("---\ntitle: Night Trains Return\n---\n## Night trains return\n\n"
                               "![Car](car.jpg)\n\nThe first ran tonight.\n\n## Fares\n")
    assert article.title == "Night Trains Return"
    assert article.image == "car.jpg"
    assert article.paragraphs == ("The first ran tonight.", "Fares")


def test_markdown_with_unreadable_front_matter_keeps_its_text():
    article = extract_markdown("---\ntitle: [unclosed\n---\nBody text here.\n")
    assert article.title is None
    assert article.paragraphs == ("Body text here.",)


# --- HTML ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["ap-power-shutoff", "bbc-assange", "cbs-steelers"])
def test_news_pages_start_with_their_lead(name):
    article = extract_html(page(name), url=GOLD[name]["url"])
    gold_lead = GOLD[name]["articleBody"].split("\n\n")[0]
    assert article.paragraphs[0] == gold_lead
    assert article.title and article.title not in article.paragraphs
    assert article.url == GOLD[name]["url"]
    assert article.published is not None and article.published.tzinfo is not None


def test_page_metadata():
    article = extract_html(page("crn-tim-cook"))
    assert article.title == "Tim Cook On Apple Being ‘Pulled Into The Enterprise’"
    assert article.author == "Joseph Tsidulko"
    assert article.published == datetime(2019, 11, 19, 7, 47, tzinfo=UTC)
    assert article.site_name == "CRN"
    assert article.image and article.image.startswith("https://")
    assert article.url == "https://www.crn.com/news/cloud/tim-cook-on-apple-being-pulled-into-the-enterprise-"


def test_html_metadata_from_meta_tags_and_json_ld():
    head = (
        '<meta property="og:title" content="Bridge closes for repairs | City Gazette">'
        '<meta property="og:site_name" content="City Gazette">'
        '<meta name="description" content="The old bridge shuts for a month.">'
        '<link rel="canonical" href="https://gazette.example/bridge">'
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Lea Marx"}],'
        '"datePublished": "2024-05-06T10:00:00Z", "image": {"url": "https://gazette.example/b.jpg",'
        '"width": 1200, "height": {"@type": "QuantitativeValue", "value": "675"}}}'
        "]}</script>"
    )
    body = (
        "<article><h1>Bridge closes for repairs</h1>"
        "<p>The old bridge over the canal will close on Monday for a month of repairs, "
        "the city said, and traffic will be sent through the harbour tunnel instead.</p>"
        "<p>Cyclists may still cross on foot.<br>A ferry will run every half hour.</p></article>"
    )
    article = extract_html(html_document(body, head).encode("utf-8"))
    assert article.title == "Bridge closes for repairs"
    assert article.site_name == "City Gazette"
    assert article.description == "The old bridge shuts for a month."
    assert article.author == "Lea Marx"
    assert article.published == datetime(2024, 5, 6, 10, 0, tzinfo=UTC)
    assert article.image == "https://gazette.example/b.jpg"
    assert article.image_size == (1200, 675)
    assert article.url == "https://gazette.example/bridge"
    assert article.paragraphs[0].startswith("The old bridge over the canal")
    assert article.paragraphs[1:] == (
        "Cyclists may still cross on foot.", "A ferry will run every half hour."
    )


@pytest.mark.parametrize(
    ("width", "height", "size"),
    [("800", 450, (800, 450)), (" 640px", "360px", (640, 360)), (1200.0, "674.6", (1200, 675)),
     ("wide", 450, None), (None, 450, None), ("nan", 450, None), ("inf", 450, None),
     (0, 450, None), (-800, 450, None), (800, 10**9, None)],
)
def test_pixel_size_takes_what_sources_write_and_refuses_the_rest(width, height, size):
    assert pixel_size(width, height) == size


@pytest.mark.parametrize(
    ("head", "image", "size"),
    [
        ('<meta property="og:image" content="https://a.example/i.jpg">'
         '<meta property="og:image:width" content="800">'
         '<meta property="og:image:height" content="450">', "https://a.example/i.jpg", (800, 450)),
        # a size that is not a size, and no size at all
        ('<meta property="og:image" content="https://a.example/i.jpg">'
         '<meta property="og:image:width" content="wide">'
         '<meta property="og:image:height" content="450">', "https://a.example/i.jpg", None),
        ('<meta property="og:image" content="https://a.example/i.jpg">'
         '<meta property="og:image:width" content="0">'
         '<meta property="og:image:height" content="450">', "https://a.example/i.jpg", None),
        ('<meta name="twitter:image" content="https://a.example/t.jpg">',
         "https://a.example/t.jpg", None),
        # the size belongs to the image it is given with, not to another one
        ('<meta name="twitter:image" content="https://a.example/t.jpg">'
         '<meta property="og:image:width" content="800">'
         '<meta property="og:image:height" content="450">', "https://a.example/t.jpg", None),
    ],
)
def test_lead_image_size_comes_with_its_url(head, image, size):
    body = "<article><h1>Title</h1><p>" + "Words of the story go on. " * 20 + "</p></article>"
    article = extract_html(html_document(body, head).encode("utf-8"))
    assert (article.image, article.image_size) == (image, size)


def test_headline_and_deck_before_the_story_are_dropped_and_loose_text_kept():
    body = (
        "<article><h1>Storm closes schools</h1><h2>Winds of up to 90 mph are expected</h2>"
        "All schools in the county will stay closed on Friday as the storm arrives, officials "
        "said on Thursday evening.<p>Buses will not run either, and parents were asked to keep "
        "children at home until the warning is lifted.</p></article>"
    )
    head = '<meta property="og:title" content="Storm closes schools">'
    article = extract_html(html_document(body, head))
    assert article.title == "Storm closes schools"
    assert article.paragraphs[0].startswith("All schools in the county will stay closed")
    assert article.paragraphs[1].startswith("Buses will not run either")


@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_fragment_with_no_html_or_body_is_read(as_bytes):
    fragment = (
        '<div class="page"><div id="storytext"><h1>Storm closes schools</h1>'
        "<p>All schools in the county will stay closed on Monday after the storm brought "
        "down power lines across the region, officials said.</p>"
        "<p>“We will reopen as soon as the roads are safe for every bus,” the superintendent, "
        "Ana Ruiz, said in a statement.</p></div></div>"
    )
    article = extract_html(fragment.encode() if as_bytes else fragment)
    assert article.paragraphs[0].startswith("All schools in the county will stay closed")
    assert "Ana Ruiz" in article.paragraphs[1]


def test_a_fragment_in_another_encoding_keeps_its_accents():
    fragment = "<p>Le café de la gare rouvre lundi après deux ans de travaux, dit le maire.</p>"
    article = extract_html(fragment.encode("cp1252"))
    assert article.paragraphs == ("Le café de la gare rouvre lundi après deux ans de travaux, "
                                  "dit le maire.",)


@pytest.mark.parametrize("garbage", ["", "   ", "<<<>>>", "no markup at all", b"\x00\x01\x02",
                                     b"\xff\xfe\x00<html>", "<html></html>"])
def test_garbage_gives_an_empty_article(garbage):
    article = extract_html(garbage)
    assert article.paragraphs == ()


STORY = ("<h1>Bridge closes</h1><p>The old bridge over the canal will close on Monday for a "
         "month of repairs, the city said, and traffic will be sent through the harbour tunnel "
         "instead.</p>")


@pytest.mark.parametrize(
    ("head", "body", "url", "expected"),
    [
        # the page's own metadata first, with its time and zone
        ('<meta property="article:published_time" content="2024-05-06T10:00:00+02:00">',
         '<time datetime="2024-05-01T08:00:00Z">1 May</time>',
         "https://gazette.example/2024/04/30/bridge",
         datetime(2024, 5, 6, 10, tzinfo=timezone(timedelta(hours=2)))),
        # then htmldate: a <time> element, a day in the URL, a date written on the page
        ("", '<time datetime="2024-05-06T10:00:00+02:00">6 May</time>', None,
         datetime(2024, 5, 6, 10, tzinfo=timezone(timedelta(hours=2)))),
        ("", "", "https://gazette.example/2024/05/06/bridge-closes",
         datetime(2024, 5, 6, tzinfo=UTC)),
        ("", '<p class="byline">Published 6 May 2024</p>', None, datetime(2024, 5, 6, tzinfo=UTC)),
        # a placeholder date in the metadata is no date
        ('<meta property="article:published_time" content="0001-01-01T00:00:00Z">', "",
         "https://gazette.example/2024/05/06/bridge", datetime(2024, 5, 6, tzinfo=UTC)),
        ("", "", "https://gazette.example/bridge", None),
    ],
)
def test_publication_date(head, body, url, expected):
    article = extract_html(html_document(f"<article>{body}{STORY}</article>", head), url=url)
    assert article.published == expected


def test_input_that_is_not_text_is_a_source_error():
    with pytest.raises(SourceError):
        extract_html(12345)  # type: ignore[arg-type]


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-11-19", datetime(2019, 11, 19, tzinfo=UTC)),
        ("2019-11-19T05:45:00Z", datetime(2019, 11, 19, 5, 45, tzinfo=UTC)),
        ("Tue, 19 Nov 2019 05:45:00 GMT", datetime(2019, 11, 19, 5, 45, tzinfo=UTC)),
        ("2019-11-19 garbled tail", datetime(2019, 11, 19, tzinfo=UTC)),
        ("2019-02-30 garbled tail", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_invisible_characters_that_split_words_are_dropped_from_every_reader():
    """Soft hyphens and zero-width spaces typeset words, but split names and quotes."""
    sentence = ("“We ask the world to act now,” said Riyad Al-Mal\u00adiki\u200b of the "
                "Palest&shy;inian Authority.")
    expected = "“We ask the world to act now,” said Riyad Al-Maliki of the Palestinian Authority."
    html = f"<html><body><article><h1>West Bank</h1><p>{sentence}</p></article></body></html>"
    assert expected in extract_html(html).paragraphs
    plain = sentence.replace("&shy;", "\u00ad")
    assert extract_text(f"Title: West Bank\n\n{plain}").paragraphs == (expected,)
    assert extract_markdown(f"# West Bank\n\n{plain}").paragraphs == (expected,)
    assert html_to_paragraphs(f"<p>{sentence}</p>") == (expected,)
    assert html_to_paragraphs(plain) == (expected,)


# --- headlines and drop caps on pages of any site -------------------------------------------

STORY_BODY = ("<p>The old bridge over the canal will close on Monday for a month of repairs, the "
              "city said, and traffic will be sent through the harbour tunnel instead.</p>")


@pytest.mark.parametrize(
    ("head", "body"),
    [
        # a menu's heading is the first <h1>
        ("", "<nav><h1>Sections</h1></nav><article><h1>Bridge closes for repairs</h1>"),
        ("<title>Menu</title>", "<article><h1>Bridge closes for repairs</h1>"),
        # og:title is the site's name
        ('<meta property="og:title" content="The City Gazette">'
         '<meta property="og:site_name" content="City Gazette">',
         "<article><h1>Bridge closes for repairs</h1>"),
        ('<meta property="og:title" content="Gazette">',
         "<article><h1>Bridge closes for repairs</h1>"),
        # a breadcrumb where the headline should be
        ('<meta property="og:title" content="Home › Local › Transport">'
         '<script type="application/ld+json">{"@type": "NewsArticle", '
         '"headline": "Bridge closes for repairs"}</script>', "<article>"),
        ("<title>Home / Local</title>",
         '<article><h1>Bridge closes for repairs</h1>'),
    ],
)
def test_a_title_that_is_a_menu_the_site_or_a_breadcrumb_gives_way_to_the_headline(head, body):
    page = html_document(f"{body}{STORY_BODY}</article>", head)
    assert extract_html(page, url="https://www.gazette.example/bridge").title == (
        "Bridge closes for repairs"
    )


@pytest.mark.parametrize(
    ("head", "url"),
    [
        # the site's name in front, known from the host name alone
        ("<title>City Gazette | Bridge closes for repairs</title>", "https://citygazette.example/a"),
        # "Site: Headline"
        ('<title>City Gazette: Bridge closes for repairs</title>'
         '<meta property="og:site_name" content="City Gazette">', None),
        # the site's name with words sites add to it, longer than the headline
        ("<title>Bridge closes for repairs - The City Gazette Online</title>"
         '<meta property="og:site_name" content="City Gazette">', None),
        ("<title>Bridge closes for repairs | CityGazette.com</title>",
         "https://www.citygazette.example/a"),
        # a kind label and a section around the headline
        ("<title>Update | Bridge closes for repairs | Local | City Gazette</title>",
         "https://citygazette.example/a"),
    ],
)
def test_the_site_name_and_labels_are_cut_from_the_title(head, url):
    page = html_document(f"<article>{STORY_BODY}</article>", head)
    assert extract_html(page, url=url).title == "Bridge closes for repairs"


def test_a_headline_naming_the_site_keeps_its_words():
    head = ('<meta property="og:title" content="City Gazette wins a prize for its bridge series">'
            '<meta property="og:site_name" content="City Gazette">')
    page = html_document(f"<article>{STORY_BODY}</article>", head)
    assert extract_html(page).title == "City Gazette wins a prize for its bridge series"


def test_the_site_name_is_the_title_when_the_page_gives_nothing_else():
    head = '<meta property="og:title" content="City Gazette">'
    page = html_document(f"<article>{STORY_BODY}</article>", head)
    assert extract_html(page).title == "City Gazette"


def test_an_icon_title_is_not_the_page_title():
    body = ('<svg><title>Arrow</title></svg><article><h1>Sections</h1>'
            f"{STORY_BODY}</article>")
    page = html_document(body, "<title>Bridge closes for repairs</title>")
    assert extract_html(page).title == "Bridge closes for repairs"


DROPPED = ("The old bridge over the canal will close on Monday for repairs, the city said on "
           "Friday.")
AFTER = "Drivers will be sent through the harbour tunnel until the work is done in June."


@pytest.mark.parametrize(
    "story",
    [
        f'<p><span class="dropcap">T</span>{DROPPED[1:]}</p><p>{AFTER}</p>',
        f'<div class="body"><span class="initial">T</span><p><a href="/bridges">he</a>'
        f"{DROPPED[3:]}</p><p>{AFTER}</p></div>",
        f'<p><img class="initial" src="t.png" alt="T">{DROPPED[1:]}</p><p>{AFTER}</p>',
    ],
)
def test_a_drop_cap_in_an_element_of_its_own_joins_its_word(story):
    article = extract_html(html_document(f"<article><h1>Bridge closes</h1>{story}</article>"))
    assert article.paragraphs == (DROPPED, AFTER)


@pytest.mark.parametrize("apart", [" ", "\n  "])
@pytest.mark.parametrize("lead", [DROPPED, "It was Friday when the city said the old bridge "
                                  "over the canal would close for repairs."])
def test_a_drop_cap_image_set_apart_from_the_rest_of_its_word_joins_it(apart, lead):
    image = f'<img class="dropcap" src="caps/{lead[0].lower()}.png" alt="{lead[0]}">'
    story = f"<p>{image}{apart}{lead[1:]}</p><p>{AFTER}</p>"
    article = extract_html(html_document(f"<article><h1>Bridge closes</h1>{story}</article>"))
    assert article.paragraphs == (lead, AFTER)


def test_an_icons_letter_before_a_label_in_lower_case_is_no_drop_cap():
    """A play button's "P" before "listen to this story" makes no word with "listen"."""
    story = (f'<p><img src="/i/play.svg" alt="P"> listen to this story {DROPPED}</p>'
             f"<p>{AFTER}</p>")
    article = extract_html(html_document(f"<article><h1>Bridge closes</h1>{story}</article>"))
    assert article.paragraphs[0] == f"listen to this story {DROPPED}"


def test_a_one_letter_word_in_its_own_element_stays_a_word():
    story = ("<p>The plan has two options: <b>A</b> keeps the old bridge open and <b>B</b> "
             "closes it for repairs, the city said on Friday.</p>")
    article = extract_html(html_document(f"<article><h1>Bridge plan</h1>{story}</article>"))
    assert "<b>" not in article.paragraphs[0]
    assert "A keeps the old bridge open and B closes it" in article.paragraphs[0]


def test_a_drop_cap_on_a_line_of_its_own_joins_its_word_in_text():
    text = ("Title: Bridge closes\n\nT\nhe old bridge over the canal will close on Monday for "
            "repairs, the city said.\n")
    assert extract_text(text).paragraphs[0].startswith("The old bridge over the canal")


ARTICLE_LEAD = "A man was pulled from the canal below the old bridge on Friday, the police said."


@pytest.mark.parametrize(
    "story",
    [
        f'<p><span class="dropcap">A</span>{ARTICLE_LEAD[2:]}</p><p>{AFTER}</p>',
        f'<div class="body"><span class="initial">A</span><p>{ARTICLE_LEAD[2:]}</p>'
        f"<p>{AFTER}</p></div>",
        f'<p><img class="initial" src="a.png" alt="A">{ARTICLE_LEAD[2:]}</p><p>{AFTER}</p>',
        f'<p><img class="initial" src="a.png" alt="A"> {ARTICLE_LEAD[2:]}</p><p>{AFTER}</p>',
    ],
)
def test_a_one_letter_word_as_a_drop_cap_stays_a_word_on_a_page(story):
    article = extract_html(html_document(f"<article><h1>Man rescued</h1>{story}</article>"))
    assert article.paragraphs == (ARTICLE_LEAD, AFTER)


def test_a_one_letter_drop_cap_on_a_line_of_its_own_joins_or_stays_apart_in_text():
    later = f"fter the rescue, {AFTER[0].lower()}{AFTER[1:]}"
    text = f"Title: Man rescued\n\nA\n{ARTICLE_LEAD[2:]}\n\nA\n{later}\n"
    paragraphs = extract_text(text).paragraphs
    assert paragraphs[0] == ARTICLE_LEAD
    assert paragraphs[1].startswith("After the rescue, drivers will")


def test_a_process_reads_one_page_at_a_time(monkeypatch):
    """lxml's XPath evaluators, which trafilatura and lxml.html share module-wide, corrupt
    the heap when two threads run them at once: every page is read holding one lock."""
    import threading

    from digest.fetch import extract

    class Held:
        def __init__(self) -> None:
            self.lock, self.reads = threading.Lock(), 0

        def __enter__(self) -> None:
            self.lock.acquire()
            self.reads += 1

        def __exit__(self, *exc: object) -> None:
            self.lock.release()

    held = Held()
    monkeypatch.setattr(extract, "READING", held)
    story = "<html><body><article><p>" + "A sentence of the story. " * 40 + "</p></article>"
    assert len(extract_html(story).paragraphs) == 1
    assert extract_html(page("ap-power-shutoff")).paragraphs
    assert held.reads == 2 and not held.lock.locked()


BREAD_LEAD = ("The county will rebuild the footbridge over Mill Creek next summer after inspectors "
              "found two of its beams had rotted through, the parks department said.")


def bread_page(block: str) -> str:
    """A story page whose lead follows `block` (a trail, a crumb) in one element."""
    return (f"<html><body><article><h1>Footbridge to be rebuilt</h1><div>{block} {BREAD_LEAD}"
            "</div><p>Work will start in June and take about three months to finish.</p>"
            "</article></body></html>")


@pytest.mark.parametrize(
    "trail",
    [
        "<span class='entry-crumb'><a href='/region'>Region</a></span> "
        "<span class='entry-crumb'><a href='/region/parks'>Harbor Parks</a></span>",
        "<span aria-label='Breadcrumb'><a href='/region'>Region</a> "
        "<a href='/parks'>Parks</a></span>",
        "<span id='breadcrumbs'><a href='/region'>Region</a><i class='sep'></i>"
        "<a href='/parks'>Harbor Parks</a><i class='sep'></i>Footbridge</span>",
    ],
)
def test_a_breadcrumb_trail_marked_as_one_is_not_run_into_the_lead(trail):
    assert extract_html(bread_page(trail)).paragraphs[0] == BREAD_LEAD


@pytest.mark.parametrize("names", ["class='apple-crumble'", "class='breadcrumbs'"])
def test_a_block_named_like_a_trail_that_holds_text_of_its_own_is_kept(names):
    """A class that only looks like one ("crumble"), or one that holds the story's paragraphs."""
    html = (f"<html><body><article><h1>Footbridge to be rebuilt</h1><div {names}><p>{BREAD_LEAD}"
            "</p><p>Work will start in June and take about three months to finish.</p></div>"
            "</article></body></html>")
    assert extract_html(html).paragraphs[0] == BREAD_LEAD


BRIEF = "Police closed the Mill Creek footbridge on Monday after a truck hit its railing."


@pytest.mark.parametrize("names", ["story crumbs-hidden", "breadcrumb-offset text"])
def test_a_brief_in_a_block_whose_class_names_crumbs_is_kept(names):
    html = ("<html><body><header><a href='/'>The Harbor Ledger</a></header><main><article>"
            f"<h1>Footbridge closed</h1><div class='{names}'>{BRIEF}</div></article></main>"
            "</body></html>")
    assert BRIEF in extract_html(html).paragraphs


def crumbs_dropped(body: str) -> str:
    """The article's markup once its breadcrumbs are taken out."""
    tree = lxml.html.fromstring(f"<html><body><article>{body}</article></body></html>")
    drop_breadcrumbs(tree)
    return "".join(lxml.html.tostring(child, encoding="unicode")
                   for child in tree.find(".//article")).replace('"', "'")


@pytest.mark.parametrize(
    "inline",
    [
        "<a class='recipe-crumb' href='/cake'>crumb cake</a>",
        "<span class='breadcrumbs'><a href='/a'>Mill</a> <a href='/b'>Creek</a></span>",
    ],
)
def test_an_element_named_like_a_crumb_inside_a_paragraph_is_the_sentences(inline):
    paragraph = f"<p>The bakery sold out of its {inline} by nine on Saturday.</p>"
    assert crumbs_dropped(paragraph) == paragraph


def test_a_trail_marked_crumb_by_crumb_is_taken_out():
    trail = ("<ol><li class='breadcrumb-item'><a href='/region'>Region</a></li>"
             "<li class='breadcrumb-item'><a href='/parks'>Parks</a></li></ol>")
    assert crumbs_dropped(f"{trail}<p>{BREAD_LEAD}</p>") == f"<ol></ol><p>{BREAD_LEAD}</p>"


@pytest.mark.parametrize(
    "marked",
    [
        "<div class='crumbs'><a href='/region'>Region</a> By Ann Hill, May 4</div>",
        "<div class='crumb-note'>Read <a href='/guide'>our guide</a> and <a href='/map'>the "
        "map</a>.</div>",
    ],
)
def test_a_marked_element_that_is_no_trail_of_links_is_kept(marked):
    """One link beside words of its own, or links that are words of a sentence."""
    assert crumbs_dropped(marked) == marked


@pytest.mark.parametrize("crumb", [
    "<span class='crumb'>Business Economy</span>",
    "<div class='breadcrumb'>Local</div>",
    "<span class='crumb'>News</span><span class='crumb'>Local</span>",
])
def test_a_crumb_with_no_links_that_names_sections_only_is_taken_out(crumb):
    assert extract_html(bread_page(crumb)).paragraphs[0] == BREAD_LEAD


@pytest.mark.parametrize("crumb", ["<span class='crumb'>Mill Creek</span>",
                                   "<span class='crumb'>Business Economy Markets Money Jobs</span>",
                                   "<div class='crumb'>Business.</div>"])
def test_a_crumb_with_no_links_and_other_words_is_left_for_the_lead_rules(crumb):
    assert crumbs_dropped(f"<div>{crumb}</div><p>{BREAD_LEAD}</p>") == (
        f"<div>{crumb}</div><p>{BREAD_LEAD}</p>")
