"""Pages whose story the fast extraction misses: the page's JSON-LD text, the slower
extraction or the data a script-drawn page embeds for its app stands in, rather than the
chrome that was found. Invented pages."""

from __future__ import annotations

import json

from lxml import html as lxml_html

from digest.fetch.body import body_blocks
from digest.fetch.extract import extract_html
from digest.fetch.tidy import wrap_loose_lines

CAPTION = "Engineers walk along the old bridge on Monday. Photo: Ann Hill"
CHROME = ("<p>Welcome back to the Bridge Letter. Thanks for subscribing.</p>"
          "<p>Was this email forwarded to you? Sign up here to get it in your inbox.</p>"
          "<p>Tips or thoughts on what we can do better? Just reply to this email.</p>")
FIRST = ("The old bridge over the canal will close on Monday for a month of repairs, the city "
         "said, and traffic will be sent through the harbour tunnel instead.")
SECOND = ("Engineers found cracks in two of its piers last spring, and the council voted on "
          "Tuesday to pay for the work out of this year's budget for roads and bridges.")
THIRD = ("Shops on both banks said they feared a quiet month, while the ferry company said it "
         "would run boats every twenty minutes until the bridge opens again in June.")


def page_with(body: str, linked: dict[str, str] | None = None) -> str:
    script = (f'<script type="application/ld+json">{json.dumps(linked)}</script>'
              if linked else "")
    return (f"<!DOCTYPE html><html><head><title>Bridge closes</title>{script}</head>"
            f"<body><article><h1>Bridge closes</h1>{body}</article></body></html>")


def test_a_story_only_in_the_pages_json_ld_stands_in_for_chrome():
    linked = {"@type": "NewsArticle", "headline": "Bridge closes",
              "articleBody": f"{FIRST}\n\n{SECOND}\n\n{THIRD}"}
    article = extract_html(page_with(f"<p>{CAPTION}</p>{CHROME}", linked))
    assert article.paragraphs == (FIRST, SECOND, THIRD)


def test_a_story_found_on_the_page_is_kept_over_the_json_ld_text():
    linked = {"@type": "NewsArticle", "articleBody": "A summary the page's data gives instead."}
    body = f"<p>{FIRST}</p><p>{SECOND}</p><p>{THIRD}</p>"
    assert extract_html(page_with(body, linked)).paragraphs == (FIRST, SECOND, THIRD)


def test_json_ld_text_no_longer_than_what_was_found_is_not_taken():
    linked = {"@type": "NewsArticle", "articleBody": "Read the story on our app."}
    article = extract_html(page_with(f"<p>{CAPTION}</p>", linked))
    assert article.paragraphs == (CAPTION,)


def test_html_blocks_of_the_slower_extraction_read_as_paragraphs_headings_items_and_quotes():
    body = lxml_html.fromstring(
        f"<div><div class='story'><p>{FIRST}</p><h2>What closes</h2>"
        f"<ul><li>The bridge</li><li>Two bus stops</li></ul>"
        f"<blockquote><p>{SECOND}</p></blockquote><div>{THIRD}<br>Ann Hill</div></div></div>"
    )
    assert list(body_blocks(body)) == [
        ("p", [FIRST]), ("head", ["What closes"]), ("p", ["The bridge"]),
        ("p", ["Two bus stops"]), ("quote", [SECOND]), ("p", [THIRD, "Ann Hill"]),
    ]


def test_json_ld_paragraphs_may_be_parted_by_single_line_breaks():
    linked = {"@type": "NewsArticle", "articleBody": f"{FIRST}\n{SECOND}\n{THIRD}"}
    article = extract_html(page_with(f"<p>{CAPTION}</p>{CHROME}", linked))
    assert article.paragraphs == (FIRST, SECOND, THIRD)


def test_a_brief_that_was_found_is_replaced_only_by_more_of_itself():
    brief = "The old bridge will close on Monday for repairs, the city said on Friday."
    other = {"@type": "NewsArticle", "articleBody": f"{SECOND}\n\n{THIRD}\n\n{FIRST}"}
    body = f"<p>{brief}</p>{CHROME}"
    assert extract_html(page_with(body, other)).paragraphs[0] == brief
    same = {"@type": "NewsArticle", "articleBody": f"{brief}\n\n{SECOND}\n\n{THIRD}"}
    assert extract_html(page_with(body, same)).paragraphs == (brief, SECOND, THIRD)


def test_a_story_set_as_lines_between_line_breaks_keeps_its_first_line():
    body = (f'<div class="photo"><img src="a.jpg"><p>{CAPTION}</p></div>\n  {FIRST}<br />\n'
            f"Ann Hill has more.<br />\n<br />\n{SECOND}<br />\n<br />\n{THIRD}<br />")
    paragraphs = extract_html(page_with(body)).paragraphs
    assert paragraphs[paragraphs.index(FIRST):] == (FIRST, "Ann Hill has more.", SECOND, THIRD)


def test_only_loose_text_before_a_line_break_is_made_a_paragraph():
    lines = lxml_html.fromstring(f'<html><body><div><div class="photo"></div>{FIRST}<br>'
                                 f"{SECOND}</div></body></html>")
    wrap_loose_lines(lines)
    assert lines.xpath("//p/text()") == [FIRST]
    prose = lxml_html.fromstring(f'<html><body><div><div class="photo"></div>{FIRST}'
                                 f"<p>{SECOND}</p></div></body></html>")
    wrap_loose_lines(prose)
    assert prose.xpath("//p/text()") == [SECOND]


def app_page(body: str, *states: object, title: str = "Bridge closes") -> str:
    """A page drawn by a script: its HTML `body`, and the data it embeds for its app."""
    scripts = "".join(f"<script type='application/json'>{json.dumps(state)}</script>"
                      for state in states)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            f"<div id='__next'>{body}</div>{scripts}</body></html>")


SHELL = "<div class='loading'>Loading…</div>"


def test_a_shells_story_is_read_from_the_data_it_embeds_for_its_app():
    state = {"props": {"page": {"title": "Bridge closes", "url": "https://example.com/" + "x" * 90,
                                "blocks": [{"type": "p", "text": t}
                                           for t in (FIRST, SECOND, THIRD)]}}}
    assert extract_html(app_page(SHELL, state)).paragraphs == (FIRST, SECOND, THIRD)


def test_html_in_the_apps_data_is_parted_at_its_paragraphs():
    state = {"body": f"<p>{FIRST}</p><p>{SECOND} <a href='/x'>more</a></p><p>{THIRD}</p>"}
    assert extract_html(app_page(SHELL, state)).paragraphs == (
        FIRST, f"{SECOND} more", THIRD)


def test_the_list_of_the_apps_data_with_the_most_text_is_the_story():
    state = {"story": {"body": [FIRST, SECOND, THIRD]},
             "related": [{"dek": "A short summary of another story on the page's list, "
                                 "long enough to pass for a paragraph of its own."}]}
    assert extract_html(app_page(SHELL, state)).paragraphs == (FIRST, SECOND, THIRD)


def test_a_brief_found_is_not_replaced_by_other_stories_in_the_apps_data():
    others = {"related": [SECOND, THIRD]}
    assert extract_html(app_page(f"<p>{FIRST}</p>", {"body": [FIRST]}, others)).paragraphs == (
        FIRST,)


def test_a_story_found_whole_is_not_read_from_the_apps_data():
    body = f"<article><h1>Bridge closes</h1><p>{FIRST}</p><p>{SECOND}</p><p>{THIRD}</p></article>"
    state = {"body": [THIRD, SECOND, FIRST]}
    assert extract_html(app_page(body, state)).paragraphs == (FIRST, SECOND, THIRD)


def test_the_list_of_the_apps_data_that_tells_the_headlines_news_beats_longer_comments():
    comments = [f"Reader {n} wrote: I have walked to work along that canal for thirty years, and "
                "every spring the water comes up to the path, so good luck to whoever fixes it."
                for n in range(6)]
    state = {"story": {"body": [FIRST, SECOND, THIRD]},
             "comments": [{"text": text} for text in comments]}
    assert extract_html(app_page(SHELL, state)).paragraphs == (FIRST, SECOND, THIRD)


def test_a_teaser_sharing_a_word_of_the_headline_does_not_beat_a_longer_story_that_shares_none():
    story = [f"On a cold morning in March, Ana Ruiz walked her dog along the towpath, as she has "
             f"done on {day} for twenty years, past the shuttered mill and the old lock."
             for day in ("weekdays", "weekends", "holidays")]
    state = {"story": {"body": story},
             "related": [{"dek": "The bridge downtown will get new lights this summer, the "
                                 "city said, after a year of complaints from cyclists."}]}
    assert extract_html(app_page(SHELL, state)).paragraphs == tuple(story)


def test_a_story_carrying_half_the_headlines_words_beats_longer_teasers_that_carry_none():
    teasers = [{"dek": f"Teaser {n}: the county fair board voted on Monday night to move the "
                       "fair to August for the first time since it began in 1911."}
               for n in range(5)]
    state = {"story": {"body": [FIRST, SECOND, THIRD]}, "related": teasers}
    page = app_page(SHELL, state, title="Bridge closes as ferry waits")
    assert extract_html(page).paragraphs == (FIRST, SECOND, THIRD)


def test_a_teaser_that_tells_the_headlines_news_does_not_beat_a_story_three_times_longer():
    story = [f"On a cold morning in March, Ana Ruiz walked her dog along the towpath, as she has "
             f"done on {day} for twenty years, past the shuttered mill and the old lock."
             for day in ("weekdays", "weekends", "holidays", "birthdays")]
    state = {"story": {"body": story},
             "related": [{"dek": "Canal bridge closes: the city shut the bridge on Tuesday for "
                                 "repairs that will take the summer."}]}
    page = app_page(SHELL, state, title="Canal bridge closes")
    assert extract_html(page).paragraphs == tuple(story)
