"""`digest serve` refusing to start: one line saying what and where, an exit code, no
traceback, and nothing listening."""

from __future__ import annotations

import shutil
import socket

from ..conftest import ROOT
from .conftest import ENV, digest, free_port, write_project


def refused(result, code: int, words: str) -> None:
    assert result.returncode == code, result.stderr
    lines = result.stderr.splitlines()
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
