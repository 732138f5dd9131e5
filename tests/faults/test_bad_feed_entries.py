"""One bad entry never drops its feed: invented feeds with broken entries, served on
127.0.0.1 or read from a file, lose only what is broken, and the source's report counts it."""

from __future__ import annotations

import json
from pathlib import Path

from digest.core.models import SourceStatus
from digest.fetch.feeds import parse_feed

from ..test_collect import collect, config_for, feed_source
from ..webserver import static

DATE = "2026-02-17T12:00:00Z"


def item(number: int, **fields: object) -> dict[str, object]:
    """A good JSON Feed item, with `fields` replacing or adding values."""
    return {"id": f"item-{number}", "url": f"https://example.com/{number}",
            "title": f"Story number {number}", "date_published": DATE,
            "content_html": f"<p>The text of story {number}.</p>", **fields}


def json_feed(items: list[object]) -> bytes:
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Invented",
                       "items": items}).encode()


BAD_ITEMS = [  # each broken in one way; the note the report gives it
    (item(1, title={"a": 1}, content_html=""), "1 with no title or text"),
    ({"title": "Nothing to link to", "content_html": "<p>x</p>"}, "1 with no link or id"),
    ("just a string", "1 not an object"),
    (item(4, date_published=12345), "`date_published` of 1 entry"),
    (item(5, authors="x"), "`authors` of 1 entry"),
    (item(6, content_html=["x"]), "`content_html` of 1 entry"),
    (item(7, id={"a": 1}), "`id` of 1 entry"),
    (item(8, url="http://[::1"), "`link` of 1 entry"),
]


def test_a_json_feed_keeps_its_good_items_and_counts_the_bad(web, write_config):
    good = [item(n) for n in range(20, 26)]
    web.routes["/feed.json"] = static(json_feed([*good[:3], *(i for i, _ in BAD_ITEMS),
                                                 *good[3:]]), "application/feed+json")
    reports, collection = collect(config_for(write_config,
                                             feed_source("json", web.url("/feed.json"))))
    report = reports["json"]
    assert report.status is SourceStatus.OK
    titles = {story.title for story in collection.stories}
    # The six good items, and the four whose bad value was left out of them.
    assert titles == {f"Story number {n}" for n in (*range(20, 26), 4, 5, 6, 7, 8)}
    assert report.error.startswith("skipped 3 of 14 entries (")
    for _, note in BAD_ITEMS:
        assert note in report.error, (note, report.error)
    assert "\n" not in report.error
    by_title = {story.title: story for story in collection.stories}
    assert by_title["Story number 4"].published is None  # the date left out, not guessed
    assert by_title["Story number 8"].url is None


def test_wrong_types_in_every_field_never_raise():
    odd_values = [None, 0, 12345, 1e308, True, [], ["x"], {}, {"a": 1}, "", "x" * 1000]
    keys = ["id", "url", "external_url", "title", "content_html", "content_text", "summary",
            "image", "banner_image", "date_published", "date_modified", "authors", "author"]
    items = [item(index, **{key: value}) for index, (key, value) in enumerate(
        (key, value) for key in keys for value in odd_values)]
    parsed = parse_feed(json_feed([*items, [1], 7, None]))
    assert parsed.notes.total == len(items) + 3
    assert len(parsed.entries) == len(items)  # every object is read; the 3 others skipped
    assert parsed.notes.skipped == {"not an object": 3}


def rss(items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>https://example.com/{n}</link>"
        f"<pubDate>{date}</pubDate><description>{text}</description></item>"
        for n, (title, date, text) in enumerate(items))
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Invented</title>{entries}</channel></rss>")


def items_with(text: str) -> list[tuple[str, str, str]]:
    return [
        ("Fine one", "Mon, 16 Feb 2026 12:00:00 GMT", "A short entry."),
        ("Broken date", "Mon, 99 Foo 99999999999 25:61:00 +9999", "Its date is gibberish."),
        ("Enormous", "Mon, 16 Feb 2026 12:00:00 GMT", text),
        ("Fine two", "Mon, 16 Feb 2026 13:00:00 GMT", "Another short entry."),
    ]


def test_an_rss_file_with_a_broken_date_and_an_enormous_field(tmp_path: Path, write_config):
    feed = tmp_path / "feed.xml"  # under the 10 MB a local feed file may have
    feed.write_text(rss(items_with("word " * 1_000_000)), encoding="utf-8")
    source = f"  - name: file\n    type: feed\n    path: {feed}\n    ignore_age: true\n"
    reports, collection = collect(config_for(write_config, source))
    report = reports["file"]
    assert report.status is SourceStatus.OK
    stories = {story.title: story for story in collection.stories}
    assert set(stories) == {"Fine one", "Broken date", "Enormous", "Fine two"}
    assert stories["Broken date"].published is None
    assert sum(map(len, stories["Enormous"].paragraphs)) <= 100_000


def test_a_field_past_the_xml_parsers_own_limit_keeps_the_other_entries():
    # past libxml2's 10 MB text node (a fetched feed may be larger when http.max_size allows)
    parsed = parse_feed(rss(items_with("word " * 2_100_000)).encode("utf-8"))
    assert [e.title for e in parsed.entries] == ["Fine one", "Broken date", "Enormous",
                                                 "Fine two"]
    assert parsed.entries[1].published is None and parsed.notes.dropped["date"] == 1


def test_entities_escaped_twice_in_a_title_are_decoded_once(tmp_path: Path, write_config):
    feed = tmp_path / "feed.xml"
    feed.write_text(rss([
        ("Monday&amp;#039;s vote &amp;amp; the count", "Mon, 16 Feb 2026 12:00:00 GMT",
         "It&amp;#039;s close, officials said on Monday evening."),
    ]), encoding="utf-8")
    source = f"  - name: file\n    type: feed\n    path: {feed}\n    ignore_age: true\n"
    _, collection = collect(config_for(write_config, source))
    (story,) = collection.stories
    assert story.title == "Monday's vote & the count"
    assert story.paragraphs == ("It's close, officials said on Monday evening.",)
