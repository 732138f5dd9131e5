"""Collection end to end: real feeds and hostile ones served on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from digest.app import pipeline
from digest.config import load_settings
from digest.core.models import SourceStatus
from digest.store import Store

from .webserver import redirect, static, streamed

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
NOW = datetime(2026, 2, 18, 6, 0, tzinfo=UTC)  # the day after the fixtures' newest stories


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """A small RSS 2.0 feed of (title, link, description) items, all published on NOW's eve."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Tue, 17 Feb 2026 12:00:00 GMT</pubDate><description>{d}</description></item>"
        for t, link, d in items
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Test</title>{entries}</channel></rss>").encode()


def config_for(write_config, sources: str, **http: object) -> Path:
    http_lines = "".join(f"  {k}: {v}\n" for k, v in http.items())
    return write_config(
        "newsletter:\n  title: T\n  from: t@example.com\nrecipients: [r@example.com]\n"
        f"sources:\n{sources}" + (f"http:\n{http_lines}" if http_lines else "")
    )


def feed_source(name: str, url: str, extra: str = "") -> str:
    return f"  - name: {name}\n    type: feed\n    url: {url}\n    full_text: never\n{extra}"


def collect(path: Path):
    settings = load_settings(path)
    with Store.open(settings.path(settings.state.path)) as state:
        collection = pipeline.collect(settings, state, NOW, store=True)
    return {r.name: r for r in collection.reports}, collection


def test_every_failure_is_isolated(web, write_config):
    web.routes["/good"] = static((FEEDS / "bbc-world.rss").read_bytes())
    web.routes["/gz"] = static(gzip.compress((FEEDS / "npr-world.rss").read_bytes()),
                               headers={"Content-Encoding": "gzip"})
    web.routes["/500"] = static(b"oops", status=500)
    web.routes["/403"] = static(b"no", status=403)
    web.routes["/html"] = static((FEEDS / "notafeed.html").read_bytes(), "text/html")
    web.routes["/empty"] = static(b"")
    web.routes["/slow"] = streamed(b" ", 200, every=0.05)
    web.routes["/huge"] = streamed(b"<item>" * 10000, 100)
    web.routes["/loop"] = redirect("/loop")
    web.routes["/broken"] = static((FEEDS / "saxerror.xml").read_bytes())
    names = ["good", "gz", "500", "403", "html", "empty", "slow", "huge", "loop", "broken"]
    sources = "".join(feed_source(n, web.url(f"/{n}")) for n in names)
    sources += feed_source("refused", "http://127.0.0.1:9/feed")
    path = config_for(write_config, sources, total_timeout=1, retries=0, max_size="1MB")
    reports, collection = collect(path)
    assert reports["good"].status is SourceStatus.OK and reports["good"].new == 33
    assert reports["gz"].status is SourceStatus.OK and reports["gz"].new == 10
    assert reports["broken"].status is SourceStatus.OK
    assert "malformed XML" in reports["broken"].error
    expected_errors = {
        "500": "HTTP 500", "403": "HTTP 403", "html": "HTML page", "empty": "empty",
        "slow": "took longer than 1 s", "huge": "cap", "loop": "too many redirects",
        "refused": "cannot connect",
    }
    for name, words in expected_errors.items():
        assert reports[name].status is SourceStatus.ERROR, name
        assert words in reports[name].error, (name, reports[name].error)
        assert "\n" not in reports[name].error
    assert len(collection.stories) == 33 + 10 + 3


def test_a_gzip_file_served_as_such_is_read(web, write_config):
    # a .xml.gz served as a file: no Content-Encoding, so the HTTP client leaves it packed
    web.routes["/feed.xml.gz"] = static(gzip.compress((FEEDS / "npr-world.rss").read_bytes()),
                                        "application/gzip")
    reports, collection = collect(config_for(write_config,
                                             feed_source("packed", web.url("/feed.xml.gz"))))
    assert reports["packed"].status is SourceStatus.OK and reports["packed"].new == 10
    assert len(collection.stories) == 10


def test_second_collection_is_conditional(web, write_config):
    web.routes["/feed"] = static((FEEDS / "bbc-world.rss").read_bytes(), etag='"abc"')
    path = config_for(write_config, feed_source("bbc", web.url("/feed")))
    first, _ = collect(path)
    second, collection = collect(path)
    assert (first["bbc"].status, first["bbc"].new) == (SourceStatus.OK, 33)
    assert (second["bbc"].status, second["bbc"].new) == (SourceStatus.NOT_MODIFIED, 0)
    assert web.requests[-1][1]["If-None-Match"] == '"abc"'
    assert collection.stories == []


def test_unchanged_feed_adds_no_new_stories(web, write_config):
    web.routes["/feed"] = static((FEEDS / "bbc-world.rss").read_bytes())  # no validators
    path = config_for(write_config, feed_source("bbc", web.url("/feed")))
    collect(path)
    again, _ = collect(path)
    assert (again["bbc"].status, again["bbc"].new) == (SourceStatus.OK, 0)


def test_teasers_get_full_text_from_the_page(web, write_config):
    article = ("<html><head><title>Bridge reopens</title>"
               '<meta property="og:image" content="https://img.example/bridge.jpg">'
               '<meta property="og:image:width" content="1600">'
               '<meta property="og:image:height" content="900"></head><body><article>'
               "<h1>Bridge reopens</h1>" + "".join(
                   f"<p>Paragraph {i} of the full story about the bridge, which reopened on "
                   f"Monday after months of repairs, with many more words here.</p>"
                   for i in range(8)) + "</article></body></html>").encode()
    web.routes["/story"] = static(article, "text/html")
    web.routes["/feed"] = static(rss([("Bridge reopens", web.url("/story"), "A teaser…")]))
    sources = (f"  - name: local\n    type: feed\n    url: {web.url('/feed')}\n"
               "    full_text: auto\n")
    _, collection = collect(config_for(write_config, sources))
    story = collection.stories[0]
    assert len(story.paragraphs) >= 8 and story.paragraphs[0].startswith("Paragraph 0")
    assert (story.image, story.image_size) == ("https://img.example/bridge.jpg", (1600, 900))


def test_filters_and_max_stories(web, write_config):
    web.routes["/feed"] = static(rss([
        ("Election results are in", "https://example.com/1", "Voters chose."),
        ("Football final tonight", "https://example.com/2", "Sport news."),
        ("Election recount ordered", "https://example.com/3", "Sport is not involved."),
    ]))
    extra = "    include: [election]\n    exclude: sport\n"
    settings = load_settings(config_for(write_config, feed_source("f", web.url("/feed"), extra)))
    digest, _, _ = pipeline.preview(settings, NOW)
    assert [s.story.title for s in digest.summaries] == ["Election results are in"]
    assert digest.selection is not None
    assert {(d.story.title, d.why) for d in digest.selection.decisions if d.why} == {
        ("Football final tonight", "has none of the include words"),
        ("Election recount ordered", "has the exclude word 'sport'")}


def test_same_story_in_two_feeds_is_merged(web, write_config, tmp_path):
    link = "https://news.example.com/a/story"
    web.routes["/one"] = static(rss([("Dam holds after storm", link + "?utm_source=rss",
                                      "The dam held.")]))
    web.routes["/two"] = static(rss([("Dam holds after storm", link + "#top", "The dam held.")]))
    sources = feed_source("One", web.url("/one")) + feed_source("Two", web.url("/two"))
    settings = load_settings(config_for(write_config, sources))
    digest, _, _ = pipeline.preview(settings, NOW)
    assert len(digest.summaries) == 1
    assert digest.summaries[0].also_in == ("Two",)


def test_collect_cli_json(web, write_config):
    web.routes["/good"] = static((FEEDS / "bbc-world.rss").read_bytes())
    sources = feed_source("good", web.url("/good")) + feed_source("bad", web.url("/missing"))
    path = config_for(write_config, sources, retries=0)
    result = subprocess.run([sys.executable, "-m", "digest", "--config", str(path), "collect",
                             "--json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["stories"] == 33
    good, bad = data["sources"]
    assert (good["name"], good["status"], good["new"], good["error"]) == ("good", "ok", 33, None)
    assert bad["status"] == "error" and bad["error"] == "HTTP 404"
    assert isinstance(good["seconds"], float)
