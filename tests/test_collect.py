"""Collection end to end: real feeds and hostile ones served on 127.0.0.1."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import threading
import urllib.request
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from digest.app import pipeline
from digest.app.collect import MIN_WORK_FOR_WORKERS, make_source, surely_needed, worker_count
from digest.app.preview_server import PreviewServer
from digest.app.workers import Workers
from digest.config import load_settings
from digest.core.models import Reason, SourceStatus
from digest.sources.feed import FeedOptions, FeedSource
from digest.store import Store

from .faults.filesystem import as_nobody, shared_dir  # noqa: F401 - a fixture
from .webserver import redirect, send, static, streamed

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
NOW = datetime(2026, 2, 18, 6, 0, tzinfo=UTC)  # the day after the fixtures' newest stories
BBC_RECENT = 24  # of bbc-world.rss's 33 entries, those of the 24 hours before NOW


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
    assert reports["good"].status is SourceStatus.OK and reports["good"].new == BBC_RECENT
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
    assert len(collection.stories) == BBC_RECENT + 10 + 3


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
    assert (first["bbc"].status, first["bbc"].new) == (SourceStatus.OK, BBC_RECENT)
    assert (second["bbc"].status, second["bbc"].new) == (SourceStatus.NOT_MODIFIED, 0)
    assert web.requests[-1][1]["If-None-Match"] == '"abc"'
    assert collection.stories == []


def test_a_password_in_a_feed_url_is_not_kept_in_the_state(web, write_config, tmp_path):
    web.routes["/feed"] = static((FEEDS / "bbc-world.rss").read_bytes(), etag='"abc"')
    url = web.url("/feed").replace("//", "//reader:s3cret-pw@", 1)
    path = config_for(write_config, feed_source("bbc", url))
    first, _ = collect(path)
    second, _ = collect(path)
    assert first["bbc"].status is SourceStatus.OK
    assert second["bbc"].status is SourceStatus.NOT_MODIFIED
    assert web.requests[-1][1]["If-None-Match"] == '"abc"'
    assert web.requests[-1][1]["Authorization"].startswith("Basic ")
    state = load_settings(path).path(load_settings(path).state.path)
    with sqlite3.connect(state) as db:
        keys = [row[0] for row in db.execute("SELECT url FROM http_cache")]
    db.close()
    assert keys == [web.url("/feed").replace("//", "//reader@", 1)]
    for file in state.parent.iterdir():
        assert b"s3cret-pw" not in file.read_bytes(), file


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
    sources = (feed_source("good", web.url("/good"), "    ignore_age: true\n")
               + feed_source("bad", web.url("/missing")))
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


def test_a_password_in_a_source_url_is_never_printed(web, write_config):
    """Failing sources and linked pages whose URLs carry a password: neither the JSON, the
    log lines (with -v) nor `check --connect` show it."""
    def secret(url: str) -> str:
        return url.replace("//", "//reader:s3cret-pw@", 1)

    web.routes["/nowhere"] = lambda handler: send(handler, 302, b"", "text/plain")
    web.routes["/packed"] = static(gzip.compress(rss([]))[:10] + b"\xff" * 20,
                                   "application/gzip")
    web.routes["/teasers"] = static(rss([("Bridge", secret(web.url("/gone")), "A teaser")]))
    sources = (feed_source("missing", secret(web.url("/missing")))
               + feed_source("nowhere", secret(web.url("/nowhere")))
               + feed_source("refused", secret("http://127.0.0.1:9/feed"))
               + feed_source("packed", secret(web.url("/packed")))
               + f"  - name: teasers\n    type: feed\n    url: {secret(web.url('/teasers'))}\n"
               "    full_text: always\n    ignore_age: true\n")
    path = config_for(write_config, sources, retries=0)
    results = [subprocess.run([sys.executable, "-m", "digest", "--config", str(path), *command],
                              capture_output=True, text=True, timeout=60)
               for command in (["-v", "collect", "--json"], ["check", "--connect"])]
    assert [result.returncode for result in results] == [1, 1], results[0].stderr
    errors = {s["name"]: s["error"] for s in json.loads(results[0].stdout)["sources"]}
    assert errors["missing"] == "HTTP 404"
    assert errors["nowhere"] == "HTTP 302 without a Location to go to"
    assert "cannot connect" in errors["refused"]
    assert "/gone" in errors["teasers"]
    assert errors["packed"].startswith(f"{web.url('/packed')}: broken gzip data")
    for result in results:
        assert "s3cret-pw" not in result.stdout + result.stderr, result


def test_a_page_without_a_title_is_not_named_by_a_url_with_its_password(web, write_config):
    text = "The bridge reopened on Tuesday after a year of repairs to its deck. " * 5
    web.routes["/page"] = static(f"<html><body><article><p>{text}</p></article></body></html>"
                                 .encode(), "text/html")
    url = web.url("/page").replace("//", "//reader:s3cret-pw@", 1)
    _, collection = collect(config_for(write_config,
                                       f"  - name: page\n    type: page\n    url: {url}\n"))
    assert collection.stories[0].title == web.url("/page")


def test_a_password_in_a_source_url_the_config_refuses_is_not_printed(write_config):
    path = config_for(write_config, feed_source("bad", "http://reader:s3cret-pw@f.example:99999/"))
    result = subprocess.run([sys.executable, "-m", "digest", "--config", str(path), "check"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "'http://f.example:99999/' has a host or port that cannot be read" in result.stderr
    assert "s3cret-pw" not in result.stdout + result.stderr


# --- only what can reach the digest, once -------------------------------------------------

def dated_rss(items: list[tuple[str, str, datetime]]) -> bytes:
    """An RSS 2.0 feed of teasers: (title, link, published) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(when)}</pubDate><description>A teaser…</description></item>"
        for t, link, when in items
    )
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Teasers</title>{entries}</channel></rss>").encode()


def article(title: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            + "".join(f"<p>Paragraph {i} of the whole story of {title}, told at length with "
                      "many more words than a teaser has.</p>" for i in range(8))
            + "</article></body></html>").encode()


def teaser_feed(web, count: int, old: int) -> list[str]:
    """A feed of `count` teasers an hour apart, the last `old` of them older than a day,
    each linking to its page on `web`; returns the pages' paths, newest first."""
    paths = [f"/story/{i}" for i in range(count)]
    for path in paths:
        web.routes[path] = static(article(path), "text/html")
    hours = [1 + i for i in range(count - old)] + [30 + i for i in range(old)]
    web.routes["/feed"] = static(dated_rss([
        (f"Story {path}", web.url(path), NOW - timedelta(hours=h))
        for path, h in zip(paths, hours, strict=True)]))
    return paths


def page_hits(web) -> list[str]:
    return [path for path, _ in web.requests if path.startswith("/story/")]


def test_full_text_only_for_what_can_reach_the_digest_and_only_once(web, write_config):
    paths = teaser_feed(web, count=60, old=15)  # 45 of the last day, 15 older
    sources = (f"  - name: teasers\n    type: feed\n    url: {web.url('/feed')}\n"
               "    max_stories: 20\n")
    path = config_for(write_config, sources)
    reports, collection = collect(path)
    assert sorted(page_hits(web)) == sorted(paths[:20])  # the newest 20, each once
    assert reports["teasers"].new == 20 and reports["teasers"].pages_failed == 0
    assert all(len(s.paragraphs) == 8 for s in collection.stories)

    web.requests.clear()
    again, collection = collect(path)  # the same feed (no validators): parsed again
    assert page_hits(web) == [] and again["teasers"].new == 0 and collection.stories == []

    newest = "/story/new"
    web.routes[newest] = static(article(newest), "text/html")
    web.routes["/feed"] = static(dated_rss([("A new story", web.url(newest),
                                             NOW - timedelta(minutes=5))]
                                           + [(f"Story {p}", web.url(p),
                                               NOW - timedelta(hours=1 + i))
                                              for i, p in enumerate(paths[:45])]))
    web.requests.clear()
    third, collection = collect(path)
    assert page_hits(web) == [newest] and third["teasers"].new == 1
    assert [s.title for s in collection.stories] == ["A new story"]


def test_old_and_stored_entries_are_not_stored_again(web, write_config):
    teaser_feed(web, count=30, old=10)
    path = config_for(write_config, feed_source("f", web.url("/feed")))
    collect(path)
    settings = load_settings(path)
    with Store.peek(settings.path(settings.state.path)) as state:
        stored = state.stories.stored(NOW - timedelta(days=400))
    assert len(stored) == 20  # the 10 older than the window were never stories
    assert {s.published for s in stored} >= {NOW - timedelta(hours=1)}
    assert min(s.published for s in stored) >= NOW - timedelta(hours=24)
    collect(path)  # again: nothing new, nothing written twice
    with Store.peek(settings.path(settings.state.path)) as state:
        assert len(state.stories.stored(NOW - timedelta(days=400))) == 20


def test_a_failed_page_counts_in_its_sources_report(web, write_config):
    teaser_feed(web, count=3, old=0)
    web.routes["/story/1"] = static(b"oops", "text/html", status=500)
    del web.routes["/story/2"]  # 404
    sources = f"  - name: teasers\n    type: feed\n    url: {web.url('/feed')}\n"
    reports, collection = collect(config_for(write_config, sources, retries=0))
    report = reports["teasers"]
    assert report.status is SourceStatus.OK and report.new == 3 and report.pages_failed == 2
    assert report.error.startswith("full text not fetched for 2 linked pages (")
    assert report.error.endswith(f"{web.url('/story/1')}: HTTP 500 (after 1 attempt); 1 more)")
    assert sorted(len(s.paragraphs) for s in collection.stories) == [1, 1, 8]


def test_the_limit_counts_entries_the_words_let_through_and_teasers_are_read_first(
        web, write_config):
    web.routes["/feed"] = static(dated_rss(
        [(f"Sport {i}", web.url(f"/story/s{i}"), NOW - timedelta(hours=1)) for i in range(3)]
        + [(f"Election {i}", web.url(f"/story/e{i}"), NOW - timedelta(hours=2))
           for i in range(3)]))
    for i in range(3):
        web.routes[f"/story/s{i}"] = static(article("sport"), "text/html")
        web.routes[f"/story/e{i}"] = static(article("election"), "text/html")
    sources = (f"  - name: f\n    type: feed\n    url: {web.url('/feed')}\n"
               "    include: election\n    max_stories: 2\n")
    _, collection = collect(config_for(write_config, sources))
    # The two newest entries the words let through count toward max_stories; the teasers
    # they reject on their own text are read in full too (the word may be in the article),
    # for selection to judge; the third election entry is past the limit.
    assert sorted(page_hits(web)) == ["/story/e0", "/story/e1", "/story/s0", "/story/s1",
                                      "/story/s2"]
    assert sorted(s.title for s in collection.stories) == [
        "Election 0", "Election 1", "Sport 0", "Sport 1", "Sport 2"]
    assert collection.left_out[Reason.SOURCE_LIMIT] == 1


def test_a_teaser_whose_article_has_the_include_word_is_kept(web, write_config):
    web.routes["/feed"] = static(dated_rss(
        [("Council news", web.url("/story/c"), NOW - timedelta(hours=1))]))
    web.routes["/story/c"] = static(article("harbour"), "text/html")
    sources = (f"  - name: f\n    type: feed\n    url: {web.url('/feed')}\n"
               "    include: harbour\n")
    digest, _, _ = pipeline.preview(load_settings(config_for(write_config, sources)), NOW)
    assert [s.story.title for s in digest.summaries] == ["Council news"]


def test_an_entry_the_words_reject_on_its_whole_text_gets_no_page(web, write_config):
    long_text = " ".join(["The football final went to extra time."] * 40)
    web.routes["/feed"] = static(rss([("Final tonight", web.url("/story/f"), long_text)]))
    web.routes["/story/f"] = static(article("football"), "text/html")
    sources = (f"  - name: f\n    type: feed\n    url: {web.url('/feed')}\n"
               "    exclude: football\n")
    _, collection = collect(config_for(write_config, sources))
    assert page_hits(web) == [] and [s.title for s in collection.stories] == ["Final tonight"]


# --- previews use what was collected lately ------------------------------------------------

def preview_config(web, write_config, extra: str = "") -> Path:
    web.routes["/feed"] = static(rss([("Bridge reopens", "https://example.com/b",
                                       "The bridge reopened on Monday after repairs.")]))
    return config_for(write_config, feed_source("local", web.url("/feed")) + extra)


def test_a_second_preview_within_collect_every_fetches_nothing(web, write_config):
    path = preview_config(web, write_config, "schedule:\n  collect_every: 2h\n")
    settings = load_settings(path)
    digest, _, first = pipeline.preview(settings, NOW)
    assert web.hits("/feed") == 1 and len(digest.summaries) == 1
    assert [r.name for r in first.reports] == ["local"]
    for minutes in (1, 90):
        digest, _, again = pipeline.preview(settings, NOW + timedelta(minutes=minutes))
        assert web.hits("/feed") == 1 and len(digest.summaries) == 1 and again.reports == []
    pipeline.preview(settings, NOW + timedelta(hours=2, minutes=1))
    assert web.hits("/feed") == 2
    pipeline.preview(settings, NOW + timedelta(hours=2, minutes=2), refresh=True)
    assert web.hits("/feed") == 3


def test_without_collect_every_a_preview_keeps_its_stories_half_an_hour(web, write_config):
    settings = load_settings(preview_config(web, write_config))
    for minutes in (0, 29, 31):
        pipeline.preview(settings, NOW + timedelta(minutes=minutes))
    assert web.hits("/feed") == 2


def test_a_source_that_failed_is_not_fetched_again_on_every_reload(web, write_config):
    path = config_for(write_config, feed_source("gone", web.url("/gone")), retries=0)
    settings = load_settings(path)
    _, _, first = pipeline.preview(settings, NOW)
    assert [r.status for r in first.reports] == [SourceStatus.ERROR]
    pipeline.preview(settings, NOW + timedelta(minutes=5))
    assert web.hits("/gone") == 1


def test_a_state_this_user_cannot_write_is_previewed_without_keeping_anything(
        web, write_config, shared_dir):  # noqa: F811 - the fixture imported above
    path = preview_config(web, write_config, f"state:\n  path: {shared_dir}/state.sqlite\n")
    settings = load_settings(path)
    Store.open(shared_dir / "state.sqlite").close()  # root's file: read-only for nobody
    before = (shared_dir / "state.sqlite").read_bytes()

    def preview_twice() -> str:
        return ", ".join(str(len(pipeline.preview(settings, NOW + timedelta(minutes=m))[0]
                                 .summaries)) for m in (0, 1))

    assert as_nobody(preview_twice) == "1, 1"
    assert web.hits("/feed") == 2  # nothing kept, so fetched each time, as before
    assert (shared_dir / "state.sqlite").read_bytes() == before


def test_preview_server_reloads_fetch_no_feed_again(web, write_config):
    server = PreviewServer(preview_config(web, write_config), clock=lambda: NOW)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        for _ in range(3):
            with urllib.request.urlopen(server.url, timeout=60) as response:
                assert response.status == 200 and b"Bridge reopens" in response.read()
    finally:
        server.shutdown()
        server.server_close()
    assert web.hits("/feed") == 1


def test_preview_collect_fetches_again(web, write_config):
    path = preview_config(web, write_config)
    command = [sys.executable, "-m", "digest", "--config", str(path), "preview", "--text",
               "--out", str(path.parent / "p.txt")]
    for extra in ([], [], ["--collect"]):
        result = subprocess.run(command + extra, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    assert web.hits("/feed") == 2


# --- both cores ----------------------------------------------------------------------------

def feeds_config(web, write_config, workers: int) -> Path:
    for i in range(MIN_WORK_FOR_WORKERS):
        web.routes[f"/f{i}"] = static(rss([(f"Story {j} of feed {i}", f"https://e.example/{i}/{j}",
                                            f"Story {j} of feed {i} begins here.")
                                           for j in range(5)]))
    sources = "".join(feed_source(f"f{i}", web.url(f"/f{i}"))
                      for i in range(MIN_WORK_FOR_WORKERS))
    return config_for(write_config, sources + f"collect:\n  workers: {workers}\n"
                      f"state:\n  path: state-{workers}.sqlite\n")


def test_many_feeds_are_read_by_worker_processes_to_the_same_stories(web, write_config):
    settings = load_settings(feeds_config(web, write_config, 2))
    assert worker_count(settings, [(c, make_source(c, settings.base_dir))
                                   for c in settings.sources], {}) == 2
    _, in_workers = collect(feeds_config(web, write_config, 2))
    web.requests.clear()
    _, here = collect(feeds_config(web, write_config, 1))  # a state of its own
    assert len(in_workers.stories) == 40 and in_workers.stories == here.stories


def test_with_worker_processes_the_parsers_load_here_once_and_only_when_surely_needed(
        web, write_config):
    """Feeds never fetched before will be parsed: the parsers load in this process before
    the worker processes start, which then share them rather than each load them. When
    every feed has an ETag remembered (each may answer 304, as here), none loads up front
    and no worker process starts: a run with nothing new to parse never loads them (a
    fresh interpreter each time)."""
    config = feeds_config(web, write_config, 2)
    for i in range(MIN_WORK_FOR_WORKERS):
        web.routes[f"/f{i}"] = static(rss([(f"Story {i}", f"https://e.example/{i}", "Text.")]),
                                      etag=f'"{i}"')
    code = ("import os, sys\nfrom digest.app.cli import main\nforks = []\n"
            "os.register_at_fork(before=lambda: forks.append(1))\ntry:\n"
            f"    main(['--config', {str(config)!r}, 'collect', '--json'])\n"
            "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
            "print('parsers here:', 'digest.fetch.feeds' in sys.modules, 'forks:', len(forks))")
    for status, parsers, forks in (("ok", "True", 2), ("not_modified", "False", 0)):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                cwd=config.parent, timeout=120)
        assert result.returncode == 0, result.stderr
        *report, loaded = result.stdout.splitlines()
        sources = json.loads("\n".join(report))["sources"]
        assert [s["status"] for s in sources] == [status] * MIN_WORK_FOR_WORKERS
        assert loaded == f"parsers here: {parsers} forks: {forks}"


def test_sources_that_may_answer_not_modified_count_no_work_for_worker_processes(
        write_config):
    """A source with an ETag or Last-Modified remembered may be unchanged: its parse (and
    its pages) count for no worker process. A URL with nothing remembered is surely read
    and counts (as a local file does: `surely_read` is what `surely_needed` asks too)."""
    urls = [f"http://news.example/{i}" for i in range(MIN_WORK_FOR_WORKERS)]
    settings = load_settings(config_for(write_config, "".join(
        feed_source(f"f{i}", url) for i, url in enumerate(urls)) + "collect:\n  workers: 2\n"))
    built = [(c, make_source(c, settings.base_dir)) for c in settings.sources]
    assert worker_count(settings, built, {}) == 2
    assert worker_count(settings, built, {url: (None, None) for url in urls}) == 2
    etags = {url: (f'"{i}"', None) for i, url in enumerate(urls)}
    assert worker_count(settings, built, etags) == 1
    assert worker_count(settings, built, {**etags, urls[0]: (None, None)}) == 1  # 1 parse
    dated = {url: (None, "Mon, 07 Dec 2026 10:00:00 GMT") for url in urls[1:]}
    assert worker_count(settings, built, dated) == 1


def die_in_a_worker() -> int:
    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return os.getpid()


def test_a_worker_process_that_dies_leaves_the_work_to_this_one(caplog):
    workers = Workers(2)
    try:
        assert workers(os.getpid) != os.getpid()
        assert workers(die_in_a_worker) == os.getpid()
        assert workers(os.getpid) == os.getpid()
    finally:
        workers.close()
    assert "a worker process died" in caplog.text


def test_the_parsers_are_loaded_before_the_workers_only_for_feeds_that_will_surely_be_read(
        tmp_path):
    """A feed with no ETag or Last-Modified remembered (or a local file) cannot be answered
    304: its parser is certain to be needed. One whose validators are remembered may not
    change, and a run of those alone loads no parser up front."""
    url = "http://feeds.example/rss"
    remote = FeedSource("remote", FeedOptions(url=url), tmp_path)
    local = FeedSource("local", FeedOptions(path=Path("feed.xml")), tmp_path)
    assert surely_needed([remote], {url: (None, None)}) == ["digest.fetch.feeds"]
    assert surely_needed([remote], {}) == ["digest.fetch.feeds"]
    assert surely_needed([remote], {url: ('"v1"', None)}) == []
    assert surely_needed([remote], {url: (None, "Mon, 07 Dec 2026 10:00:00 GMT")}) == []
    assert surely_needed([remote, local], {url: ('"v1"', None)}) == ["digest.fetch.feeds"]


def teasers_config(web, write_config, feeds: int, pages: int, workers: int) -> Path:
    """`feeds` teaser feeds of `pages` entries each, every entry linking a page of its own,
    and as many page sources when `feeds` is 0 (no page source when there are feeds)."""
    sources = ""
    for i in range(max(feeds, 1)):
        paths = [f"/story/{i}-{j}" for j in range(pages)]
        for path in paths:
            web.routes[path] = static(article(path), "text/html")
        web.routes[f"/teasers{i}"] = static(dated_rss([
            (f"Story {path}", web.url(path), NOW - timedelta(hours=1 + j))
            for j, path in enumerate(paths)]))
        sources += (f"  - {{name: teasers{i}, type: feed, url: '{web.url(f'/teasers{i}')}'}}\n"
                    if feeds else "".join(f"  - {{name: p{j}, type: page, url: '{web.url(p)}'}}\n"
                                          for j, p in enumerate(paths)))
    return config_for(write_config, sources + f"collect:\n  workers: {workers}\n"
                      f"state:\n  path: state-{feeds}-{workers}.sqlite\n")


COLLECT_AND_TELL = (
    "import json, resource, sys\nfrom datetime import datetime\n"
    "from digest.app import pipeline\nfrom digest.config import load_settings\n"
    "from digest.store import Store\n"
    "settings = load_settings(sys.argv[1])\n"
    "with Store.open(settings.path(settings.state.path)) as state:\n"
    "    collection = pipeline.collect(settings, state,"
    f" datetime.fromisoformat({NOW.isoformat()!r}), store=True)\n"
    "children = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'stories': sorted([s.title, len(s.paragraphs)] for s in collection.stories),"
    " 'extractor here': 'digest.fetch.extract' in sys.modules,"
    " 'children cpu': children.ru_utime + children.ru_stime}))")


def collect_and_tell(config: Path) -> dict:
    """Collect in a fresh interpreter: the stories (title, paragraphs), whether the
    extractor was loaded in that process, and the CPU time of its worker processes."""
    result = subprocess.run([sys.executable, "-c", COLLECT_AND_TELL, str(config)],
                            capture_output=True, text=True, cwd=config.parent, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_few_teaser_feeds_have_their_pages_extracted_in_worker_processes(web, write_config):
    """Two teaser feeds are too few to pay for worker processes by their parsing, but they
    link many pages: the pages' text is extracted in the worker processes, so that this
    process never loads the extractor and its children did the work; with
    `collect.workers: 1` it is all done here, to the same stories."""
    runs = {workers: collect_and_tell(teasers_config(web, write_config, 2, 6, workers))
            for workers in (2, 1)}
    assert len(runs[2]["stories"]) == 12
    assert all(paragraphs == 8 for _, paragraphs in runs[2]["stories"])
    assert runs[2]["stories"] == runs[1]["stories"]
    assert not runs[2]["extractor here"] and runs[2]["children cpu"] > 0
    assert runs[1]["extractor here"] and runs[1]["children cpu"] == 0


def test_page_sources_are_extracted_in_worker_processes(web, write_config):
    """Page sources alone: their pages' text is extracted by the worker processes (whose
    extractor this process loaded before starting them, to share it)."""
    runs = {workers: collect_and_tell(teasers_config(web, write_config, 0, 8, workers))
            for workers in (2, 1)}
    assert len(runs[2]["stories"]) == 8 and runs[2]["stories"] == runs[1]["stories"]
    assert runs[2]["children cpu"] > 0 and runs[1]["children cpu"] == 0


def test_worker_processes_are_counted_by_the_feeds_to_parse_and_the_pages_to_extract(
        write_config):
    """A feed is one piece of work, plus one for each story whose page it may extract (as
    many as an edition takes of it); a page source is one. Too little is done here."""
    def count(sources: str) -> int:
        settings = load_settings(config_for(write_config, sources + "collect:\n  workers: 2\n"))
        return worker_count(settings, [(c, make_source(c, settings.base_dir))
                                       for c in settings.sources], {})

    url = "http://news.example/{}"
    full = "".join(f"  - {{name: f{i}, type: feed, url: '{url.format(i)}'}}\n" for i in range(2))
    assert count(full) == 2  # full_text: auto, the default: 40 pages each at most
    few = "".join(f"  - {{name: f{i}, type: feed, url: '{url.format(i)}', max_stories: 2}}\n"
                  for i in range(2))
    assert count(few) == 1  # 2 parses and 4 pages
    assert count(few + f"  - {{name: p, type: page, url: '{url.format('p')}'}}\n"
                 f"  - {{name: q, type: page, url: '{url.format('q')}'}}\n") == 2
    never = "".join(feed_source(f"f{i}", url.format(i)) for i in range(MIN_WORK_FOR_WORKERS - 1))
    assert count(never) == 1  # feeds whose pages are never fetched: their parses alone
