"""The archive, its feed and the health probe, on a real `digest serve` after a real send."""

from __future__ import annotations

import re

import feedparser
import requests

from .conftest import digest, free_port, start, stop, write_project


def test_healthz_says_the_state_answers_and_the_last_edition(served):
    before = requests.get(f"{served.url}/healthz")
    assert before.status_code == 200
    assert before.json() == {"state": "ok", "last_edition": None}
    served.send()
    after = requests.get(f"{served.url}/healthz").json()
    assert after["state"] == "ok" and after["last_edition"]["status"] == "sent"


def test_an_edition_page_has_nothing_of_any_recipient(served):
    messages = served.send()
    day = requests.get(f"{served.url}/healthz").json()["last_edition"]["day"]
    index = requests.get(f"{served.url}/archive/")
    assert index.status_code == 200 and f'href="/archive/{day}/"' in index.text
    page = requests.get(f"{served.url}/archive/{day}/")
    assert page.status_code == 200
    assert "script-src" not in page.headers["Content-Security-Policy"]
    html = page.text
    assert messages[0]["Subject"].split(" — ")[0] in html
    tokens = [re.search(r"/unsubscribe/([^>\s]+)", m["List-Unsubscribe"])[1] for m in messages]
    for leaked in ("reader@example.com", "editor@example.com", "The Editor", "Hello",
                   *tokens):
        assert leaked not in html
    assert f"{served.url}/unsubscribe/\"" in html
    assert requests.get(f"{served.url}/archive/1999-01-01/").status_code == 404


def test_a_sent_message_links_to_its_archive_page(served):
    (message, *_) = served.send()
    day = requests.get(f"{served.url}/healthz").json()["last_edition"]["day"]
    text = message.get_body(("plain",)).get_content()
    assert f"View in your browser: {served.url}/archive/{day}/" in text


def test_the_feed_is_atom_that_feedparser_reads(served):
    served.send()
    answer = requests.get(f"{served.url}/feed.xml")
    assert answer.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(answer.content)
    assert parsed.bozo == 0 and parsed.version == "atom10"
    (entry,) = parsed.entries
    day = requests.get(f"{served.url}/healthz").json()["last_edition"]["day"]
    assert entry.link == f"{served.url}/archive/{day}/" and entry.id == entry.link
    assert parsed.feed.title == "Morning Digest"


def test_archive_build_writes_the_same_pages(served, tmp_path):
    served.send()
    out = tmp_path / "site"
    built = digest(served.project, "archive", "build", str(out))
    assert built.returncode == 0, built.stderr
    day = requests.get(f"{served.url}/healthz").json()["last_edition"]["day"]
    assert (out / "archive" / day / "index.html").read_text() == requests.get(
        f"{served.url}/archive/{day}/").text
    assert (out / "feed.xml").read_text() == requests.get(f"{served.url}/feed.xml").text
    assert (out / "archive" / "index.html").read_text() == requests.get(
        f"{served.url}/archive/").text
    assert (out / "static" / "style.css").exists()


def test_a_private_archive_is_not_served_nor_linked(tmp_path):
    port = free_port()
    project = write_project(tmp_path, port, "\narchive:\n  public: false\n")
    server = start(project, port)
    try:
        (message, *_) = server.send()
        assert "View in your browser" not in message.get_body(("plain",)).get_content()
        for path in ("/archive/", "/feed.xml"):
            assert requests.get(server.url + path).status_code == 404
        refused = digest(project, "archive", "build", str(tmp_path / "out"))
        assert refused.returncode == 2 and "archive.public is false" in refused.stderr
    finally:
        stop(server)
