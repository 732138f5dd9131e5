"""A project on disk for tests that run `digest` end to end: the sample stories, a list of
readers and a `delivery:` section of the test's choosing."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

from .conftest import ROOT


def people(count: int) -> list[str]:
    return [f"reader{i}@example.com" for i in range(count)]


def write_project(folder: Path, delivery: str, count: int) -> Path:
    """config.yaml sending the sample stories to `count` readers through `delivery` (the YAML
    of the `delivery:` section, indented by two)."""
    if not (folder / "samples").exists():
        shutil.copytree(ROOT / "samples", folder / "samples")
    (folder / "people.csv").write_text(
        "email,name\n" + "".join(f"{a},Reader\n" for a in people(count)))
    config = folder / "config.yaml"
    config.write_text(textwrap.dedent("""\
        newsletter:
          title: Fault Test Daily
          from: news@example.com
        sources:
          - name: Samples
            type: files
            path: samples
            ignore_age: true
        recipients_file: people.csv
        delivery:
        """) + textwrap.indent(textwrap.dedent(delivery), "  "))
    return config


def use_state(config: Path, location: Path | str) -> None:
    """Point the project's state at a SQLite file or a PostgreSQL URL (`state_at`)."""
    key = "path" if isinstance(location, Path) else "url"
    with config.open("a") as out:
        out.write(f"state:\n  {key}: {location}\n")


def stop_once_built() -> Callable[[], bool]:
    """A send's `should_stop` that lets it make the edition, then stops it before sending."""
    asked = iter([False])
    return lambda: next(asked, True)
