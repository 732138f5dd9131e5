"""`digest serve` as a real process on a free port, over a project whose messages link to it."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
import requests

from ..conftest import ROOT

SECRET = "s3cret-for-tests-only-0123456789"
ENV = {**os.environ, "DIGEST_UNSUBSCRIBE_SECRET": SECRET}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def digest(project: Path, *args: str, env: dict[str, str] | None = None,
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "digest", "--config", str(project / "config.yaml"), *args],
        cwd=project, capture_output=True, text=True, timeout=120, env=env or ENV)


@dataclass
class Served:
    """A running `digest serve` and its project."""

    url: str
    project: Path
    process: subprocess.Popen[str]

    def send(self) -> list[EmailMessage]:
        """Send an edition to the project's readers (file backend); the messages written."""
        result = digest(self.project, "send", "--force")
        assert result.returncode == 0, result.stderr
        return [message_from_bytes(p.read_bytes(), policy=policy.default)  # type: ignore[misc]
                for p in sorted((self.project / "outbox").glob("*.eml"))]

    def suppressed(self) -> dict[str, str]:
        listed = digest(self.project, "suppressions", "export").stdout.splitlines()[1:]
        return {line.split(",")[0]: line.split(",")[1] for line in listed}


def write_project(folder: Path, port: int, extra: str = "", newsletter: str = "") -> Path:
    """The bundled project with `base_url` on `port`, `newsletter` lines added to its
    section and `extra` YAML at the end."""
    shutil.copy(ROOT / "config.yaml", folder / "config.yaml")
    shutil.copytree(ROOT / "samples", folder / "samples")
    config = folder / "config.yaml"
    config.write_text(config.read_text().replace(
        "  postal_address:",
        f"  base_url: http://127.0.0.1:{port}\n"
        "  unsubscribe_secret: ${DIGEST_UNSUBSCRIBE_SECRET}\n"
        f"{newsletter}  postal_address:") + extra)
    return folder


def start(project: Path, port: int, env: dict[str, str] | None = None) -> Served:
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "--config", str(project / "config.yaml"), "serve",
         "--port", str(port)],
        cwd=project, stderr=subprocess.PIPE, text=True, env=env or ENV)
    assert process.stderr is not None
    line = process.stderr.readline()
    found = re.search(r"listening on (http://\S+)", line)
    if not found:
        process.kill()
        raise AssertionError(line + process.stderr.read())
    return Served(found[1], project, process)


def stop(served: Served) -> None:
    served.process.terminate()
    try:
        served.process.wait(timeout=10)
    finally:
        if served.process.poll() is None:
            served.process.kill()
        assert served.process.stderr is not None
        served.process.stderr.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    port = free_port()
    server = start(write_project(tmp_path, port), port)
    yield server
    stop(server)


@pytest.fixture
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


@pytest.fixture
def signup(tmp_path: Path) -> Iterator[Served]:
    """`digest serve` with `newsletter.signup: true`."""
    port = free_port()
    server = start(write_project(tmp_path, port, newsletter="  signup: true\n"), port)
    yield server
    stop(server)
