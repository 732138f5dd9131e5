"""The CLI under delivery faults: `send --json` always prints its object, `status` tells
deferred and unknown apart, `--resend-unknown` sends to those in doubt."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ..logs import lines
from ..projects import people, write_project
from .conftest import smtp_delivery

A, B, C = people(3)


def digest(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digest", "--config", str(config), *args],
        cwd=config.parent, capture_output=True, text=True, timeout=120,
    )


def test_send_json_prints_its_object_when_everyone_failed(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 2)
    handler.rcpt.update({a: "550 5.1.1 No such user" for a in people(2)})
    result = digest(config, "send", "--json")
    assert result.returncode == 3
    report = json.loads(result.stdout)
    assert report["status"] == "failed"
    assert [r["status"] for r in report["recipients"]] == ["failed", "failed"]
    assert result.stderr.count("digest: error: reader") == 2


def test_send_json_prints_its_object_when_the_backend_stops_mid_send(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.rcpt[B] = "550 5.1.1 No such user"
    handler.mail.extend(["250 OK", "250 OK", "530 5.7.0 Must issue a STARTTLS command first"])
    result = digest(config, "send", "--json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["status"] == "failed"
    assert [(r["recipient"], r["status"]) for r in report["recipients"]] == [
        (A, "sent"), (B, "failed")]
    (problem,) = report["problems"]
    assert "security: starttls" in problem
    assert f"digest: error: {problem}" in lines(result.stderr)
    assert "Traceback" not in result.stderr


def test_send_json_prints_an_object_for_an_error_before_sending(tmp_path, smtp):
    _, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 1)
    config.write_text(config.read_text().replace("backend: smtp", "backend: pigeon"))
    result = digest(config, "send", "--json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["status"] == "error" and "delivery.backend" in report["problems"][0]
    assert len(result.stderr.strip().splitlines()) == 1


def test_status_lists_deferred_and_unknown_and_resend_unknown_sends_to_them(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 3)
    handler.rcpt[A] = "451 4.7.1 Greylisted"
    handler.after_data[B] = "drop"
    sent = digest(config, "send")
    assert sent.returncode == 1
    assert "1 deferred" in sent.stdout and "1 unknown" in sent.stdout
    assert f"digest: deferred: {A}: " in sent.stderr and f"digest: unknown: {B}: " in sent.stderr

    status = digest(config, "status")
    assert status.returncode == 0
    assert f"deferred: {A}: smtp 127.0.0.1:{port}: RCPT TO answered 451" in status.stdout
    assert f"unknown: {B}: " in status.stdout and "--resend-unknown" in status.stdout
    (edition,) = json.loads(digest(config, "status", "--json").stdout)["editions"]
    assert edition["status"] == "deferred"
    assert {k: v for k, v in edition["counts"].items() if v} == {
        "sent": 1, "deferred": 1, "unknown": 1}

    del handler.rcpt[A]
    assert digest(config, "send").returncode == 0  # the deferred one, not the unknown one
    assert handler.copies() == {A: 1, B: 1, C: 1}
    again = digest(config, "send", "--resend-unknown", "--json")
    assert again.returncode == 0, again.stderr
    assert [r["recipient"] for r in json.loads(again.stdout)["recipients"]] == [B]
    assert handler.copies() == {A: 1, B: 2, C: 1} and len(handler.message_ids()[B]) == 1
    (edition,) = json.loads(digest(config, "status", "--json").stdout)["editions"]
    assert edition["status"] == "sent"
    nothing = digest(config, "send", "--resend-unknown")
    assert nothing.returncode == 0 and "nothing to send again" in nothing.stdout


def test_resend_unknown_is_not_combined_with_a_new_edition(tmp_path, smtp):
    _, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 1)
    result = digest(config, "send", "--resend-unknown", "--force")
    assert result.returncode == 2 and "--resend-unknown cannot be combined" in result.stderr


def test_a_test_send_stopped_by_the_backend_prints_its_object_too(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 1)
    handler.mail.append("530 5.7.0 Must issue a STARTTLS command first")
    result = digest(config, "send", "--to", "tester@example.net", "--json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert report["status"] == "failed" and "security: starttls" in report["problems"][0]


def test_a_send_stopped_by_the_backend_says_so_in_plain_words(tmp_path, smtp):
    handler, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 2)
    handler.mail.append("530 5.7.0 Must issue a STARTTLS command first")
    result = digest(config, "send")
    assert result.returncode == 2
    assert "Stopped after 0 recipients" in result.stdout
    (line,) = lines(result.stderr)
    assert line.startswith("digest: error: smtp 127.0.0.1") and "security: starttls" in line


def test_send_if_due_json_prints_an_object_when_nothing_is_due(tmp_path, smtp):
    _, port = smtp
    config = write_project(tmp_path, smtp_delivery(port), 1)
    far = (datetime.now(UTC) + timedelta(hours=12)).strftime("%H:00")  # 12 h from any grace
    config.write_text(config.read_text() + f"schedule:\n  at: '{far}'\n  timezone: UTC\n")
    result = digest(config, "send", "--if-due", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"status": "not_due", "problems": []}
