"""Feed parsing on real feeds and broken ones (tests/fixtures/feeds, see SOURCE.md there)."""

from __future__ import annotations

import pickle
import re
import time
from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from digest.core.models import Article
from digest.core.urls import PLAIN, canonical_url, spelled_out
from digest.fetch.feeds import FeedError, malformed, parse_feed
from digest.fetch.htmltext import html_to_paragraphs
from digest.sources.base import FetchContext
from digest.sources.feed import (
    Candidate,
    FeedOptions,
    FeedSource,
    Reach,
    ReadFeed,
    is_teaser,
    read_feed,
)

FEEDS = Path(__file__).parent / "fixtures" / "feeds"


def feed(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def test_rss2():
    parsed = parse_feed(feed("bbc-world.rss"), {"content-type": "application/rss+xml"})
    assert parsed.damage is None
    assert len(parsed.entries) == 33
    first = parsed.entries[0]
    assert first.title == "US civil rights leader Jesse Jackson dies aged 84"
    assert first.link.startswith("https://www.bbc.com/news/articles/cp81l0e1eg5o")
    assert first.published == datetime(2026, 2, 17, 18, 55, 33, tzinfo=UTC)
    assert "Tributes poured in" in first.content


def test_rss1_rdf_and_no_declaration():
    dw = parse_feed(feed("dw.rdf"))
    assert len(dw.entries) == 141 and dw.entries[0].title
    merco = parse_feed(feed("mercopress.rss"))
    assert len(merco.entries) == 10 and merco.damage is None


def test_atom():
    parsed = parse_feed(feed("intertwingly.atom"))
    assert len(parsed.entries) == 20
    assert parsed.entries[0].title == "Inhibiting Suspend"
    assert parsed.entries[0].published.year == 2012


def test_json_feed():
    parsed = parse_feed(feed("daringfireball.json"), {"content-type": "application/json"})
    assert parsed.title == "Daring Fireball"
    assert parsed.entries[0].title == "Stashword"
    assert parsed.entries[0].published == datetime(2017, 5, 20, 19, 23, 6, tzinfo=UTC)
    assert parsed.entries[1].link == ("https://daringfireball.net/linked/2017/05/20/"
                                      "macstories-ios-11-concept")
    assert parsed.entries[1].author == "John Gruber"
    assert parse_feed(feed("json_feed_sample.json")).entries[0].title == "First JSON Feed Item"


def test_legacy_charset_declared():
    parsed = parse_feed(feed("iconv.xml"))
    assert parsed.damage is None
    assert parsed.entries[0].title.startswith("В Бузулуке главные стройплощадки")


def test_legacy_charset_undeclared_is_detected_and_reported():
    parsed = parse_feed(feed("koi8r.xml"))
    assert parsed.entries[0].title == "Как пережить новогоднюю ночь"
    assert "koi8" in parsed.damage.lower()


def test_charset_that_lies_is_read_as_what_it_is():
    body = feed("bbc-world.rss").replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')
    body = body.replace(b"Jesse Jackson", "Jesse Jackson – né à Greenville".encode())
    parsed = parse_feed(body, {"content-type": "text/xml; charset=iso-8859-1"})
    assert parsed.entries[0].title.endswith("Jesse Jackson – né à Greenville dies aged 84")
    assert "declared charset ISO-8859-1 but the body is UTF-8" in parsed.damage
    utf16 = parse_feed(feed("utf16_encoded.xml"))
    assert utf16.entries[0].title == "UTF-16 Entry 1" and "utf-16" in utf16.damage


MEDIA_RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Pictures</title>
<item><title>Sized</title><link>https://p.example/1</link>
<media:content url="https://p.example/1.jpg" medium="image" type="image/jpeg" width="800"
 height="450"/></item>
<item><title>Unsized</title><link>https://p.example/2</link>
<enclosure url="https://p.example/2.png" type="image/png" length="100"/></item>
<item><title>Sound</title><link>https://p.example/3</link>
<enclosure url="https://p.example/3.mp3" type="audio/mpeg" length="100"/></item>
</channel></rss>"""


@pytest.mark.parametrize("broken", [False, True], ids=["well-formed", "salvaged"])
def test_entry_image_and_its_size(broken):
    body = MEDIA_RSS.replace("</channel></rss>", "<item><title>Bad & broken</title></item>"
                             if broken else "</channel></rss>")
    parsed = parse_feed(body.encode())
    assert (parsed.damage is not None) == broken
    assert [(e.image, e.image_size) for e in parsed.entries[:3]] == [
        ("https://p.example/1.jpg", (800, 450)),
        ("https://p.example/2.png", None),
        (None, None),
    ]


def test_malformed_xml_is_salvaged_and_reported():
    parsed = parse_feed(feed("saxerror.xml"))
    assert [e.title for e in parsed.entries][:1] == ["Good Item"]
    assert parsed.damage.startswith("malformed XML") and "read 3 entries" in parsed.damage
    truncated = parse_feed(feed("bbc-world.rss")[:12000])
    assert 0 < len(truncated.entries) < 33
    assert "malformed XML" in truncated.damage and "\n" not in truncated.damage


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"", "empty"), (b"   \n", "empty"), (None, "an HTML page"),
     (b"<?xml version='1.0'?><html><body>hi</body></html>", "not a readable feed"),
     (b"{\"not\": \"a feed\"}", "not a JSON Feed"), (b"{broken json", "invalid JSON")],
)
def test_unreadable_bodies(body, message):
    with pytest.raises(FeedError, match=message):
        parse_feed(feed("notafeed.html") if body is None else body)


def test_html_to_paragraphs():
    html = ('<p>One <b>bold</b> line.</p><p>Two<br>Three</p><script>evil()</script>'
            '<ul><li>item</li></ul><p onclick="x()">Four &amp; more</p>')
    assert html_to_paragraphs(html) == ("One bold line.", "Two", "Three", "item", "Four & more")
    assert html_to_paragraphs("plain\n\ntext") == ("plain", "text")
    assert html_to_paragraphs("") == ()


@pytest.mark.parametrize(
    ("url", "expected"),
    [("HTTPS://Example.COM:443/a?utm_source=x&id=3&fbclid=y#top", "https://example.com/a?id=3"),
     ("http://example.com:80", "http://example.com/"),
     ("http://example.com:8080/x?ref=rss", "http://example.com:8080/x"),
     ("mailto:a@example.com", "mailto:a@example.com"),
     # trackers known by their whole name, also behind an escaped ampersand
     ("https://example.com/n?traffic_source=rss&smid=tw&page=2", "https://example.com/n?page=2"),
     ("https://example.com/n?amp%3Bat_campaign=rss&icid=x&mtm_source=a",
      "https://example.com/n"),
     # names that only contain a tracker's piece may be the article's identity
     ("https://example.com/view.php?cid=101", "https://example.com/view.php?cid=101"),
     ("https://example.com/a?source=ap&uid=7&game=3&gallery=2",
      "https://example.com/a?source=ap&uid=7&game=3&gallery=2"),
     # the query keeps its order and its valueless parameters: it may be the page's identity
     ("https://example.com/read?b=2&a=1", "https://example.com/read?b=2&a=1"),
     ("https://example.com/article.php?1234", "https://example.com/article.php?1234="),
     # a host in lower case; no password; IPv6 keeps its brackets
     ("https://XN--BCHER-KVA.example./x", "https://xn--bcher-kva.example/x"),
     ("https://ann:Secret@Example.com/x", "https://ann@example.com/x"),
     ("http://[::1]:8080/x", "http://[::1]:8080/x"),
     # the path as written: a stored story keeps its identity
     ("https://example.com/wiki/Café_(bar)/x", "https://example.com/wiki/Café_(bar)/x"),
     ("https://medium.com/@ann/it's-here", "https://medium.com/@ann/it's-here"),
     ("https://example.com/p;jsessionid=1", "https://example.com/p;jsessionid=1")],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("url", [
    "https://example.com/a/b.html#f12", "http://example.com", "http://example.com/",
    "https://a-b.example.co.uk/2026/02/17/x_(y)/", "https://example.com//two//slashes",
    "https://example.com/p;jsessionid=1#x", "https://medium.com/@ann/it's-here#",
    "https://example.com/wiki/Café", "https://example.com/back\\slash",
    "https://example.com/%7Eann/%20x", "http://127.0.0.1/1.rss", "https://example.com/a#b#c",
])
def test_a_plain_url_takes_the_short_way_to_the_same_form(url):
    assert PLAIN.fullmatch(url) and canonical_url(url) == spelled_out(url)
    assert canonical_url(url, "https://elsewhere.example/feed") == spelled_out(
        url, "https://elsewhere.example/feed")


@pytest.mark.parametrize("url", [
    "HTTPS://example.com/a", "https://Example.com/a", "https://example.com./a",
    "https://example.com:443/a", "https://ann@example.com/a", "https://example.com/a?id=3",
    "https://example.com/a\tb", "https://example.com/a#x\ny", "ftp://example.com/a",
    "/relative/path", "https://[::1]/a", "https://bücher.example/a", "https://example..com/a",
])
def test_any_other_url_is_spelled_out(url):
    assert not PLAIN.fullmatch(url.strip())
    assert canonical_url(url, "https://example.com/feed") == spelled_out(
        url.strip(), "https://example.com/feed")


def test_the_links_of_real_feeds_take_either_way_to_the_same_form():
    links = [link.decode() for path in sorted(FEEDS.iterdir()) if path.suffix in {".rss", ".rdf"}
             for link in re.findall(rb"<link>([^<]+)</link>", path.read_bytes())]
    assert len(links) > 50 and sum(bool(PLAIN.fullmatch(u.strip())) for u in links) > 10
    assert [canonical_url(u) for u in links] == [spelled_out(u.strip()) for u in links]


def test_a_teaser_is_told_by_its_length_or_its_ending():
    long = "The council voted to close the bridge for repairs next year. " * 20
    assert not is_teaser((long,))
    assert is_teaser((long + "Continue reading…",)) and is_teaser((long + "[…]",))
    assert is_teaser(("A short entry.",)) and is_teaser(())


def test_a_teaser_ending_is_found_in_time_whatever_the_text():
    started = time.perf_counter()
    assert not is_teaser(("... " * 50_000 + "end",))
    assert not is_teaser(("[…] " * 50_000 + "end",))
    assert time.perf_counter() - started < 1.0  # minutes when the whole text was searched


@pytest.mark.parametrize("body, headers, total", [
    (feed("bbc-world.rss"), {}, 33),
    (feed("daringfireball.json"), {"content-type": "application/json"}, 48),
    (feed("bbc-world.rss")[:12000], {}, 16),  # cut short: read by the tolerant parser
])
def test_entries_older_than_since_are_left_unread(body, headers, total):
    everything = parse_feed(body, headers).entries
    assert len(everything) == total
    dates = sorted(e.published for e in everything if e.published)
    since = dates[len(dates) // 2]
    recent = parse_feed(body, headers, since).entries
    assert recent == [e for e in everything if e.published is None or e.published >= since]
    assert 0 < len(recent) < total


@pytest.mark.parametrize("name", ["iconv.xml", "koi8r.xml", "utf16_encoded.xml", "dw.rdf",
                                  "mercopress.rss", "guid-dupes.xml", "saxerror.xml"])
def test_well_formed_is_told_as_libxml2_tells_it(name):
    """Expat answers first; whatever it says, the verdict is libxml2's, which
    fastfeedparser reads with."""
    body = feed(name)
    try:
        etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
        expected = None
    except etree.XMLSyntaxError as exc:
        expected = f"malformed XML ({exc})"
    assert malformed(body) == expected


OFFSET_RSS = MEDIA_RSS.replace(
    "<item><title>Sound</title>",
    "<item><title>Dated</title><link>https://p.example/4</link>"
    "<pubDate>Mon, 07 Dec 2026 10:00:00 +0530</pubDate><guid>p-4</guid>"
    "<description>&lt;p&gt;Its text.&lt;/p&gt;</description></item><item><title>Sound</title>")


@pytest.mark.parametrize("full_text", ["auto", "never"])
def test_a_read_feed_goes_between_processes_as_plain_tuples_and_comes_back_equal(full_text):
    """What a worker process sends back is every entry within reach: it is pickled as
    tuples (no dataclass per entry), and loads back equal, dates, image sizes and
    the include/exclude words' groups kept."""
    now = datetime(2026, 12, 7, 12, tzinfo=UTC)
    reach = Reach(None, now, lambda story: "excluded" if "Sound" in story.title else None,
                  full_text)
    read = read_feed(OFFSET_RSS.encode(), {}, None, reach)
    assert len(read.candidates) == 3 and len(read.unsure if full_text == "auto"
                                             else read.rejected) == 1
    assert any(c.entry.published for c in read.candidates)
    assert any(c.entry.image_size for c in read.candidates)
    sent = pickle.dumps(read)
    assert b"FeedEntry" not in sent and b"Candidate" not in sent
    assert pickle.loads(sent) == read


def test_every_field_of_a_read_feed_survives_the_trip_between_processes():
    """The packing names Candidate's and ReadFeed's fields one by one: a field added to
    either is set here by its name, so this fails until the packing carries it too."""
    entry = read_feed(OFFSET_RSS.encode(), {}, None,
                      Reach(None, datetime(2026, 12, 7, 12, tzinfo=UTC), lambda story: None,
                            "auto")).candidates[0].entry
    given = {"id": "entry-1", "link": "https://example.com/a", "entry": entry, "place": 7}
    candidate = Candidate(**{field.name: given[field.name] for field in fields(Candidate)})
    given = {"candidates": [candidate], "unsure": [replace(candidate, id="entry-2")],
             "rejected": [replace(candidate, id="entry-3", place=9)],
             "warning": "one entry skipped", "older": 4}
    read = ReadFeed(**{field.name: given[field.name] for field in fields(ReadFeed)})
    assert pickle.loads(pickle.dumps(read)) == read


class Turn:
    """A `FetchContext.cpu` that records when it is held."""

    def __init__(self) -> None:
        self.held = False
        self.taken = 0

    def __enter__(self) -> Turn:
        assert not self.held
        self.held, self.taken = True, self.taken + 1
        return self

    def __exit__(self, *exc: object) -> None:
        self.held = False


def test_a_feed_makes_its_stories_in_its_turn_and_waits_for_pages_out_of_it(tmp_path):
    """The stories are made holding the context's `cpu` turn (the fetching threads take
    turns at CPU work), and the turn is given back before the pages are waited for: a
    page read in this process takes the same turn."""
    path = tmp_path / "feed.xml"
    path.write_bytes(feed("bbc-world.rss"))
    turn = Turn()
    asked: list[str] = []

    def pages(urls: Sequence[str]) -> list[Article | None]:
        assert not turn.held
        asked.extend(urls)
        return [None] * len(urls)

    source = FeedSource("bbc", FeedOptions(path=path), tmp_path)
    context = FetchContext(http=None, now=datetime(2026, 2, 18, tzinfo=UTC),  # type: ignore[arg-type]
                           pages=pages, cpu=turn)
    fetched = source.fetch(context)
    assert len(fetched.stories) == 33 and asked and turn.taken == 1 and not turn.held
