"""At most once across a crash: `digest send` killed with SIGKILL mid-run, then run again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

from digest.config import load_settings
from digest.store import Store

from ...projects import use_state, write_project
from .conftest import PASSWORD, USERNAME, SmtpServer

PEOPLE = 400


def smtp_project(tmp_path: Path, server: SmtpServer) -> Path:
    return write_project(tmp_path, f"""\
        backend: smtp
        smtp:
          host: 127.0.0.1
          port: {server.port}
          security: starttls
          ca_file: {server.ca_file}
          username: {USERNAME}
          password: ${{TEST_SMTP_PASSWORD}}
        """, PEOPLE)


def send(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(config), "send"],
        cwd=config.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_sigkill_mid_send_then_resume_sends_nobody_twice(
    tmp_path, smtp_server, monkeypatch, state_at
):
    monkeypatch.setenv("TEST_SMTP_PASSWORD", PASSWORD)
    config = smtp_project(tmp_path, smtp_server)
    use_state(config, state_at)
    received = smtp_server.handler.received
    first = send(config)
    deadline = time.monotonic() + 60
    while len(received) < 60 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.005)
    os.kill(first.pid, signal.SIGKILL)
    first.communicate(timeout=30)
    killed_at = len(received)
    assert 0 < killed_at < PEOPLE, "the kill must land mid-run"

    again = send(config)
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert PASSWORD not in out + err

    copies: Counter[str] = Counter()
    ids: dict[str, set[str]] = {}
    for _, rcpts, data in received:
        message = message_from_bytes(data, policy=policy.default)
        for rcpt in rcpts:
            copies[rcpt] += 1
            ids.setdefault(rcpt, set()).add(message["Message-ID"])
    settings = load_settings(config)
    with Store.peek(settings.state_location()) as state:
        (edition,) = state.editions.recent(5)
        statuses = {d.address: d.status for d in state.ledger.deliveries(edition.id)}
    in_doubt = {a for a, status in statuses.items() if status == "unknown"}
    # The one message in flight at the kill is in doubt and not sent again; all others are sent.
    assert len(in_doubt) <= 1
    assert set(statuses.values()) - {"unknown"} == {"sent"}
    everyone = {f"reader{i}@example.com" for i in range(PEOPLE)}
    assert set(copies) | in_doubt == everyone  # nobody skipped
    assert all(count == 1 for count in copies.values())  # nobody got it twice
    assert all(len(found) == 1 for found in ids.values())
    assert edition.status == ("unknown" if in_doubt else "sent")
