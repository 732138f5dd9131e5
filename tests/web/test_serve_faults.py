"""`digest serve` refusing to start: one line saying what and where, an exit code, no
traceback, and nothing listening."""

from __future__ import annotations

import json
import shutil
import socket

import requests

from digest.delivery.unsubscribe import Purpose, make_token

from .. import logs
from ..conftest import ROOT
from ..faults.filesystem import fill, shared_dir, tiny_disk  # noqa: F401  (fixtures)
from .conftest import ENV, SECRET, digest, free_port, start, stop, write_project
from .test_webhooks import HOOKS, SIGNING_KEY, mailgun_body


def refused(result, code: int, words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = logs.lines(result.stderr)
    assert len(lines) == 1 and lines[0].startswith("digest: error: ") and words in lines[0]


def test_without_base_url_it_says_what_to_set(tmp_path):
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    refused(digest(tmp_path, "serve", "--port", "0"), 2, "needs newsletter.base_url")


def test_a_damaged_state_is_refused_and_left_as_it_was(tmp_path):
    project = write_project(tmp_path, free_port())
    state = project / ".digest" / "state.sqlite"
    state.parent.mkdir()
    state.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    refused(digest(project, "serve", "--port", "0"), 3, str(state))
    assert state.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 4000


def test_a_port_in_use_is_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        project = write_project(tmp_path, port)
        refused(digest(project, "serve", "--port", str(port)), 3,
                f"cannot listen on 127.0.0.1:{port}")


def test_a_webhook_key_that_is_not_one_is_a_config_error(tmp_path):
    project = write_project(tmp_path, free_port())
    env = {**ENV, "DIGEST_SENDGRID_WEBHOOK_PUBLIC_KEY": "bm90IGEga2V5"}
    refused(digest(project, "serve", "--port", "0", env=env), 2,
            "DIGEST_SENDGRID_WEBHOOK_PUBLIC_KEY: not an EC public key")


def test_archive_build_without_base_url_says_what_to_set(tmp_path):
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    refused(digest(tmp_path, "archive", "build", "out"), 2, "needs newsletter.base_url")
    assert not (tmp_path / "out").exists()


def test_a_full_disk_answers_503_and_the_providers_retry_counts_once(tmp_path, tiny_disk):  # noqa: F811
    port = free_port()
    project = write_project(tmp_path, port)
    config = project / "config.yaml"
    config.write_text(config.read_text().replace("path: .digest/state.sqlite",
                                                 f"path: {tiny_disk}/state.sqlite"))
    env = {**ENV, "DIGEST_MAILGUN_WEBHOOK_SIGNING_KEY": SIGNING_KEY}
    server = start(project, port, env)
    try:
        event = json.loads((HOOKS / "mailgun-failed-permanent.json").read_text())
        url = f"{server.url}/webhooks/mailgun"
        assert requests.post(url, data=mailgun_body(event)).status_code == 200
        event["event-data"].update(id="second", recipient="later@example.com")
        fill(tiny_disk)
        assert requests.post(url, data=mailgun_body(event)).status_code == 503
        one_click = f"{server.url}/unsubscribe/" + make_token(
            SECRET, Purpose.UNSUBSCRIBE, "c@example.com")
        assert requests.post(one_click, data={"List-Unsubscribe": "One-Click"}
                             ).status_code == 503
        assert requests.get(f"{server.url}/healthz").json()["state"] == "ok"
        for filler in tiny_disk.glob("filler*"):
            filler.unlink()
        retried = requests.post(url, data=mailgun_body(event))
        assert retried.status_code == 200 and retried.text == "1 new events"
        assert requests.post(url, data=mailgun_body(event)).text == "0 new events"
        assert server.suppressed() == {"hard@example.com": "bounced",
                                       "later@example.com": "bounced"}
    finally:
        stop(server)
