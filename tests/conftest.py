"""Shared fixtures: a throw-away project folder with the bundled config and samples."""

from __future__ import annotations

import shutil
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.config import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the bundled default config and sample stories, so tests never touch the repo."""
    shutil.copy(ROOT / "config.yaml", tmp_path / "config.yaml")
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    return tmp_path


@pytest.fixture
def write_config(tmp_path: Path):
    """Write a config.yaml from a YAML snippet and return its path."""

    def write(body: str, name: str = "config.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    return write


@pytest.fixture
def settings(project: Path) -> Settings:
    return load_settings(project / "config.yaml")


class Clock:
    """An injectable clock that tests move by hand."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 28, 6, 0, tzinfo=UTC))


@pytest.fixture
def web():
    """A real HTTP server on 127.0.0.1; tests add routes to `web.routes`."""
    from .webserver import WebServer

    server = WebServer()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the session; a test using it fails (never skips)
    when PostgreSQL cannot start."""
    from .pgcluster import cluster

    with cluster() as made:
        yield made


@pytest.fixture
def pg_url(pg_cluster, request) -> str:
    """The URL of an empty database of this test's own."""
    return pg_cluster.fresh_database(f"t{abs(hash(request.node.nodeid)):x}")


@pytest.fixture(params=["sqlite", "postgresql"])
def state_at(request, tmp_path: Path):
    """Where a state lives, on each engine: a SQLite file's path, or a database's URL."""
    if request.param == "sqlite":
        return tmp_path / "state.sqlite"
    return request.getfixturevalue("pg_url")
