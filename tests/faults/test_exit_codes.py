"""Exit codes an operator can alert on: `send` is 0 when the edition reached every recipient
even though a source failed (the failure is reported), 1 when recipients were not reached;
`--strict` or `strict: true` makes any failed source 1. Real local SMTP and HTTP servers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ..logs import lines
from ..projects import people, write_project
from ..webserver import WebServer, static
from .conftest import smtp_delivery

A, B = people(2)


def digest(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digest", "--config", str(config), *args],
                          cwd=config.parent, capture_output=True, text=True, timeout=120)


def with_a_failing_source(config: Path, web: WebServer) -> Path:
    """The project, plus a feed whose server answers 503 every time."""
    web.routes["/feed"] = static(b"down for maintenance", status=503)
    config.write_text(config.read_text().replace("recipients_file:", (
        f"  - name: Broken\n    type: feed\n    url: {web.url('/feed')}\n"
        "recipients_file:")) + "http:\n  retries: 0\n")
    return config


def test_a_failed_source_is_reported_but_a_delivered_edition_exits_0(tmp_path, smtp, web):
    _, port = smtp
    config = with_a_failing_source(write_project(tmp_path, smtp_delivery(port), 2), web)
    result = digest(config, "send", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["status"] == "sent"
    assert {s["name"]: s["status"] for s in report["sources"]} == {
        "Samples": "ok", "Broken": "error"}
    assert [line for line in lines(result.stderr) if "Broken" in line] == [
        "digest: warning: source Broken: HTTP 503 (after 1 attempt)"]

    strict = digest(config, "send", "--force", "--strict")
    assert strict.returncode == 1
    assert "Sent 3 stories to 2 recipients" in strict.stdout

    config.write_text("strict: true\n" + config.read_text())
    assert digest(config, "send", "--force").returncode == 1


def test_recipients_not_reached_exit_1_whatever_the_sources(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 2)
    handler.rcpt[B] = "550 5.1.1 No such user"
    result = digest(config, "send")
    assert result.returncode == 1
    assert "Sent 3 stories to 1 recipient; 1 failed." in result.stdout


def test_nothing_sent_because_every_source_failed_is_not_a_quiet_day(tmp_path, smtp, web):
    _, port = smtp
    config = with_a_failing_source(write_project(tmp_path, smtp_delivery(port), 1), web)
    config.write_text(config.read_text().replace(
        "  - name: Samples\n    type: files\n    path: samples\n    ignore_age: true\n", ""))
    result = digest(config, "send")
    assert result.returncode == 1
    assert "No new stories in the last 24h; nothing sent." in result.stdout
