"""Nothing disappears without a word: `preview`, `send` and `collect` say in one line how many
stories were left out and why; `digest explain` names the rule for each candidate. The real
CLI, in a subprocess, on a project written by tests/projects.py."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from digest.app import pipeline
from digest.config import load_settings

from .projects import write_project

FILE_DELIVERY = "backend: file\nfile:\n  outbox: outbox\n"
DAM = "https://news.example.com/dam"


def digest(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digest", "--config", str(config), *args],
                          cwd=config.parent, capture_output=True, text=True, timeout=120)


def write_feed(path: Path, items: list[tuple[str, str, float, str]]) -> None:
    """An RSS file of (title, link, hours before now, text) items."""
    now = datetime.now(UTC)
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>'
        + "".join(f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                  f"<pubDate>{format_datetime(now - timedelta(hours=hours))}</pubDate>"
                  f"<description>{text}</description></item>"
                  for title, link, hours, text in items)
        + "</channel></rss>", encoding="utf-8")


def with_sources(config: Path, sources: str, top: str = "") -> Path:
    """The project's config with `sources` (YAML list items) added after the samples."""
    text = config.read_text().replace("recipients_file:", sources + "recipients_file:")
    config.write_text(top + text)
    return config


def every_rule_project(folder: Path) -> Path:
    """Stories that each rule leaves out, and the three samples (ageless)."""
    write_feed(folder / "wire.xml", [
        ("Old harbour news", "https://news.example.com/old", 50, "From two days ago."),
        ("Football final tonight", "https://news.example.com/ball", 1, "The football final."),
        ("Dam holds after storm", DAM, 2, "The dam held all night, engineers said."),
        ("Bridge reopens", "https://news.example.com/bridge", 3, "The bridge reopened."),
    ])
    write_feed(folder / "copy.xml", [
        ("Dam holds after storm", DAM + "?utm_source=rss", 2.5, "The dam held."),
    ])
    config = write_project(folder, FILE_DELIVERY, 2)
    return with_sources(config, (
        "  - name: Wire\n    type: feed\n    path: wire.xml\n    max_stories: 1\n"
        "    exclude: football\n    full_text: never\n"
        "  - name: Copy\n    type: feed\n    path: copy.xml\n    full_text: never\n"),
        top="max_stories: 3\n")


EVERY_RULE = ("3 stories in the edition; left out: 1 older than 24h, 1 filtered by "
              "include/exclude, 1 duplicate, 1 over their source's max_stories, "
              "1 over max_stories")


def test_preview_and_send_say_what_was_left_out_and_why(tmp_path):
    config = every_rule_project(tmp_path)
    preview = digest(config, "preview")
    assert preview.returncode == 0, preview.stderr
    assert preview.stderr == EVERY_RULE + "\n"
    assert preview.stdout.strip().endswith("preview.html")

    sent = digest(config, "send")
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.splitlines() == [
        EVERY_RULE, f"Sent 3 stories to 2 recipients (outbox: {tmp_path / 'outbox'})."]

    again = digest(config, "send", "--force", "--json")
    assert json.loads(again.stdout)["left_out"] == {
        "sent": 0, "older": 1, "filtered": 1, "duplicate": 1, "source_limit": 1, "limit": 1}


def test_explain_lists_each_candidate_with_its_rule(tmp_path):
    config = every_rule_project(tmp_path)
    table = digest(config, "explain")
    assert table.returncode == 0, table.stderr
    rows = {line.split()[0]: line for line in table.stdout.splitlines()[1:-1]}
    assert table.stdout.splitlines()[0].split() == [
        "decision", "source", "published", "title", "id", "why"]
    assert table.stdout.splitlines()[-1] == EVERY_RULE
    assert "has the exclude word 'football'" in rows["filtered"]
    assert "the same story as 'Dam holds after storm' (Wire)" in rows["duplicate"]
    assert "max_stories 3" in rows["limit"]
    # Entries too old, or past their source's max_stories, are never made into stories: the
    # summary line counts them, and no row lists them.
    assert "older" not in rows and "source_limit" not in rows

    data = json.loads(digest(config, "explain", "--json").stdout)
    assert data["summary"] == EVERY_RULE and data["since_last_digest"] is False
    assert data["uncollected"] == {"older": 1, "source_limit": 1}
    decisions = {s["title"]: (s["source"], s["decision"]) for s in data["stories"]}
    assert len(data["stories"]) == 6 and "Bridge reopens" not in decisions
    kept = [s for s in data["stories"] if s["decision"] == "kept"]
    assert [s["also_in"] for s in kept if s["url"] == DAM] == [["Copy"]]

    one = json.loads(digest(config, "explain", "--json", DAM + "?utm_source=rss").stdout)
    assert [(s["source"], s["decision"]) for s in one["stories"]] == [
        ("Wire", "kept"), ("Copy", "duplicate")]
    by_id = json.loads(digest(config, "explain", "--json", kept[0]["id"][:10]).stdout)
    assert [s["id"] for s in by_id["stories"]] == [kept[0]["id"]]

    missing = digest(config, "explain", "https://elsewhere.example/x")
    assert missing.returncode == 1 and missing.stdout == ""
    assert "https://elsewhere.example/x is not a candidate" in missing.stderr


def test_after_a_digest_the_summary_counts_from_it_and_names_what_was_sent(tmp_path):
    config = every_rule_project(tmp_path)
    yesterday = datetime.now(UTC) - timedelta(days=1)
    settings = load_settings(config)
    assert pipeline.send(settings, clock=lambda: yesterday).status == "sent"
    write_feed(tmp_path / "copy.xml", [("Ferry timetable changes", "https://x.example/f", 1,
                                         "New times.")])

    preview = digest(config, "preview")
    # sent yesterday: two samples, the dam story, and its copy by its URL
    assert preview.stderr == ("3 stories in the edition; left out: 1 older than the last "
                              "digest, 4 already sent, 1 filtered by include/exclude\n")
    explained = json.loads(digest(config, "explain", "--json").stdout)
    assert explained["since_last_digest"] is True
    collect = digest(config, "collect")
    assert collect.returncode == 0, collect.stderr
    assert collect.stdout.splitlines()[-1].startswith("Next edition: 3 stories so far")


def test_a_first_send_with_nothing_recent_never_says_since_the_last_digest(tmp_path):
    write_feed(tmp_path / "old.xml", [("Old harbour news", "https://news.example.com/old", 50,
                                       "From two days ago.")])
    config = write_project(tmp_path, FILE_DELIVERY, 1)
    config.write_text(config.read_text().replace(
        "    type: files\n    path: samples\n    ignore_age: true\n",
        "    type: feed\n    path: old.xml\n"))
    result = digest(config, "send")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "0 stories in the edition; left out: 1 older than 24h",
        "No new stories in the last 24h; nothing sent."]
    assert "since the last digest" not in result.stdout + result.stderr


def test_collect_tells_the_next_edition_with_the_stories_it_just_stored(tmp_path):
    """The next edition is chosen in the same session as the collection that stored its
    stories; a second run, which stores nothing new, tells the same."""
    config = every_rule_project(tmp_path)
    expected = {"stories": 3, "left_out": {"sent": 0, "older": 0, "filtered": 1,
                                           "duplicate": 1, "source_limit": 0, "limit": 1}}
    for new in (6, 0):
        collected = digest(config, "collect", "--json")
        assert collected.returncode == 0, collected.stderr
        data = json.loads(collected.stdout)
        assert (data["stories"], data["next_edition"]) == (new, expected)
