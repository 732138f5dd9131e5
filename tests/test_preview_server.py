"""`digest preview --serve`: a page rendered afresh on every load, read-only, on 127.0.0.1."""

from __future__ import annotations

import html
import re
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from digest.app.preview_server import PreviewServer
from digest.core.sanitize import GREETING_SLOT


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}),
                                    timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def email_in(page: str) -> str:
    """The email shown in the desktop frame, as the browser would read its srcdoc."""
    return html.unescape(re.search(r'id="desktop"[^>]*srcdoc="([^"]*)"', page).group(1))


@pytest.fixture
def server(project: Path) -> Iterator[PreviewServer]:
    server = PreviewServer(project / "config.yaml")
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_every_load_renders_current_config_templates_and_stories(server, project):
    status, page = fetch(server.url)
    assert status == 200 and "3 stories from 1 source" in email_in(page)
    assert '<dd id="stories">3 stories in the edition</dd>' in page  # the summary line
    config = project / "config.yaml"
    config.write_text(config.read_text().replace("title: Morning Digest", "title: Evening Post")
                      + "templates_dir: mine\n", encoding="utf-8")
    (project / "mine" / "partials").mkdir(parents=True)
    (project / "mine" / "partials" / "story.mjml.j2").write_text(
        "<mj-text><h3>Mine: {{ summary.story.title }}</h3></mj-text>\n", encoding="utf-8")
    (project / "samples" / "extra.md").write_text(
        "---\ntitle: A fourth story arrives\n---\nThe council met on Monday to vote on it.\n",
        encoding="utf-8")
    status, page = fetch(server.url)
    shown = email_in(page)
    assert status == 200
    assert "Evening Post" in shown and "4 stories from 1 source" in shown
    assert "<h3>Mine: A fourth story arrives</h3>" in shown
    assert "A fourth story arrives" in page.split('id="text"')[1]


def test_a_template_error_is_shown_and_reload_recovers(server, project):
    config = project / "config.yaml"
    config.write_text(config.read_text() + "templates_dir: mine\n", encoding="utf-8")
    broken = project / "mine" / "digest.txt.j2"
    broken.parent.mkdir()
    broken.write_text("{{ title }}\n{% for %}\n", encoding="utf-8")
    status, page = fetch(server.url)
    assert status == 500 and f"{broken}:2:" in html.unescape(page)
    broken.unlink()
    assert fetch(server.url)[0] == 200


def test_read_only_local_and_one_page(server, project):
    assert server.server_address[0] == "127.0.0.1"
    status, page = fetch(server.url)
    assert status == 200
    assert fetch(server.url + "state.sqlite")[0] == 404
    assert fetch(server.url, {"Host": "attacker.example"})[0] == 403
    assert not (project / ".digest").exists()
    assert GREETING_SLOT not in html.unescape(page)


def test_cli_serves_until_interrupted(project):
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(project / "config.yaml"), "preview",
         "--serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=project,
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group()
        assert fetch(url)[0] == 200
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0, process.stderr.read()


def test_cli_preview_file_has_no_greeting_slot(project):
    result = subprocess.run(
        [sys.executable, "-m", "digest", "--config", str(project / "config.yaml"), "preview",
         "--text", "--out", str(project / "p.txt")],
        capture_output=True, text=True, timeout=120, cwd=project,
    )
    assert result.returncode == 0, result.stderr
    text = (project / "p.txt").read_text(encoding="utf-8")
    assert "3 stories from 1 source" in text and GREETING_SLOT not in text
