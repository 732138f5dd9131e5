"""Logs that fit a log file: the real CLI with stderr a pipe (timestamped lines, or JSON with
--log-format json) and with stderr a terminal (a pseudo-terminal: the short form); -v shows
digest's own info, -vv the libraries' debug lines too."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from .logs import STAMP
from .projects import write_project
from .webserver import WebServer, static

FILE_DELIVERY = "backend: file\nfile:\n  outbox: outbox\n"


def run(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "digest", "--config", str(config), *args],
                          cwd=config.parent, capture_output=True, text=True, timeout=120)


def project(folder: Path, web: WebServer) -> Path:
    """The samples, and a feed served by `web` that answers 503."""
    web.routes["/feed"] = static(b"down", status=503)
    config = write_project(folder, FILE_DELIVERY, 1)
    config.write_text(config.read_text().replace("recipients_file:", (
        f"  - name: Broken\n    type: feed\n    url: {web.url('/feed')}\n"
        "recipients_file:")) + "http:\n  retries: 0\n")
    return config


def test_lines_to_a_pipe_carry_an_iso_timestamp_and_the_level(tmp_path, web):
    result = run(project(tmp_path, web), "send")
    assert "Sent 3 stories" in result.stdout, result.stderr
    (line,) = result.stderr.splitlines()
    assert STAMP.match(line), line
    assert STAMP.sub("", line).startswith("digest: warning: source Broken: HTTP 503")

    broken = tmp_path / "config.yaml"
    broken.write_text(broken.read_text().replace("backend: file", "backend: pigeon"))
    error = run(broken, "send")
    assert error.returncode == 2
    assert re.match(STAMP.pattern + r"digest: error: .*delivery\.backend", error.stderr)


def test_json_log_format_gives_one_object_a_line_with_extra_fields(tmp_path, web):
    result = run(project(tmp_path, web), "--log-format", "json", "-v", "send")
    assert "Sent 3 stories" in result.stdout, result.stderr
    records = [json.loads(line) for line in result.stderr.splitlines()]
    warning = next(r for r in records if r["level"] == "warning")
    assert warning["logger"] == "digest.app.collect"
    assert warning["message"].startswith("source Broken: HTTP 503")
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$", warning["ts"])
    summary = next(r for r in records if r["message"] == "3 stories in the edition")
    assert summary["level"] == "info" and summary["left_out"]["older"] == 0


def test_a_terminal_keeps_the_short_form(tmp_path, web):
    config = project(tmp_path, web)
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "digest", "--config", str(config), "collect", "--json"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=terminal, text=True, timeout=120)
        os.close(terminal)
        written = b""
        while chunk := read_some(controller):
            written += chunk
    finally:
        os.close(controller)
    assert result.returncode == 1  # collect: a source failed
    assert written.decode().startswith("digest: warning: source Broken: HTTP 503")


def read_some(fd: int) -> bytes:
    """What the terminal holds; b"" once the writer has closed it (EIO on Linux)."""
    try:
        return os.read(fd, 4096)
    except OSError:
        return b""


def test_library_debug_lines_need_a_second_v(tmp_path, web):
    config = project(tmp_path, web)
    once = run(config, "-v", "send", "--force")
    assert "digest: info: 3 stories in the edition" in STAMP.sub("", once.stderr)
    assert "urllib3" not in once.stderr and "debug" not in once.stderr
    twice = run(config, "-vv", "send", "--force")
    assert re.search(STAMP.pattern + r"urllib3\.connectionpool: debug: ", twice.stderr,
                     re.MULTILINE)
