"""Config and the paths it names are bounded: an alias bomb, an anchor inside itself, a FIFO
or /dev/zero where a file belongs, durations and rates out of range. Each is one line naming
the file, exit code 2, in well under a second and a few MB."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from digest.app import pipeline
from digest.config import load_settings
from digest.core.errors import ConfigError, SourceError
from digest.sources.feed import read_local

from ..logs import short

MINIMAL = "newsletter:\n  title: Test\n  from: Test <news@example.com>\n"


def bomb(levels: int = 9) -> str:
    """A "billion laughs": nine aliases of nine aliases, `levels` deep."""
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]"
              for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def refused(path: Path) -> str:
    """The ConfigError's text, checked to come fast and small."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ConfigError) as raised:
            load_settings(path)
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.perf_counter() - started < 0.5
    assert peak < 5 * 1024 * 1024
    return str(raised.value)


@pytest.mark.parametrize(("body", "line", "says"), [
    (bomb(), 9, "anchors and aliases expand to more than 100000 values"),
    ("newsletter: &n\n  title: *n\n  from: a@example.com\n", 4,
     "an alias inside its own anchor"),
    ("sources: &s [*s]\n", 4, "an alias inside its own anchor"),
    ("deep: " + "[" * 100 + "]" * 100 + "\n", 4,
     "nested more than 64 levels deep"),
])
def test_yaml_beyond_its_bounds_is_one_line(write_config, body, line, says):
    path = write_config(MINIMAL + body)
    message = refused(path)
    assert message.startswith(f"{path}:{line}: ") and says in message, message
    assert "\n" not in message


def test_aliases_within_the_bounds_still_work(write_config):
    path = write_config(MINIMAL + "recipients: &r [a@example.com]\nschedule:\n"
                        "  at: &t ['07:00']\n" + "x-copies: [" + ", ".join(["*r"] * 50) + "]\n")
    with pytest.raises(ConfigError, match="x-copies: unknown key"):
        load_settings(path)
    path = write_config(MINIMAL + "recipients: &r [a@example.com]\n")
    assert load_settings(path).recipients[0].email == "a@example.com"


@pytest.mark.parametrize(("body", "key"), [
    ("window: .inf\n", "window"),
    ("window: 1e400\n", "window"),
    ("window: -5\n", "window"),
    ("window: 0\n", "window"),
    ("window: 99999999999d\n", "window"),
    ("window: .nan\n", "window"),
    ("schedule:\n  grace: -1h\n", "schedule.grace"),
    ("schedule:\n  collect_every: 1e-300\n", "schedule.collect_every"),
    ("schedule:\n  grace: 400d\n", "schedule.grace"),
    ("delivery:\n  max_per_second: 1e-300\n", "delivery.max_per_second"),
    ("delivery:\n  max_per_second: .inf\n", "delivery.max_per_second"),
    ("http:\n  total_timeout: .inf\n", "http.total_timeout"),
    ("http:\n  connect_timeout: 1e400\n", "http.connect_timeout"),
])
def test_durations_and_rates_out_of_range_are_one_line(write_config, body, key):
    path = write_config(MINIMAL + body)
    message = refused(path)
    assert message.startswith(f"{path}:") and f": {key}: " in message, message


def test_durations_in_range_are_read(write_config):
    settings = load_settings(write_config(
        MINIMAL + "window: 7d\nschedule:\n  grace: 0\n  collect_every: 30m\n"
                  "delivery:\n  max_per_second: 0.5\n"))
    assert settings.window.days == 7 and settings.schedule.grace.total_seconds() == 0
    assert settings.schedule.collect_every.total_seconds() == 1800
    assert settings.delivery.max_per_second == 0.5


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def test_a_fifo_or_dev_zero_as_the_config_is_one_line(fifo):
    assert refused(fifo) == (f"{fifo}: cannot read config file: a FIFO, not a regular file")
    assert refused(Path("/dev/zero")) == (
        "/dev/zero: cannot read config file: a device, not a regular file")


def test_a_config_larger_than_a_megabyte_is_refused(write_config):
    path = write_config(MINIMAL + "# " + "x" * (1024 * 1024) + "\n")
    assert refused(path) == f"{path}: cannot read config file: larger than 1048576 bytes"


@pytest.mark.parametrize("target", ["fifo", "/dev/zero"])
@pytest.mark.parametrize(("body", "key"), [
    ("recipients_file: {target}\n", "recipients_file"),
    ("sources:\n  - {{name: f, type: feed, path: {target}}}\n", "sources.0.path"),
    ("sources:\n  - {{name: f, type: files, path: {target}}}\n", "sources.0.path"),
    ("templates_dir: {target}\n", "templates_dir"),
])
def test_a_fifo_or_a_device_as_a_path_is_one_line(write_config, fifo, target, body, key):
    target = str(fifo) if target == "fifo" else target
    message = refused(write_config(MINIMAL + body.format(target=target)))
    assert f": {key}: {target} is a " in message and "\n" not in message, message


def test_a_feed_file_that_became_a_fifo_is_a_source_error(fifo):
    """Swapped in after the config was read: the run goes on without that source."""
    with pytest.raises(SourceError, match="cannot read: a FIFO, not a regular file"):
        read_local(fifo)
    with pytest.raises(SourceError, match="cannot read: a device, not a regular file"):
        read_local(Path("/dev/zero"))


def test_a_recipients_file_that_became_a_fifo_is_one_line(write_config, tmp_path):
    csv = tmp_path / "people.csv"
    csv.write_text("email\na@example.com\n", encoding="utf-8")
    settings = load_settings(write_config(MINIMAL + f"recipients_file: {csv}\n"))
    csv.unlink()
    os.mkfifo(csv)
    with pytest.raises(ConfigError, match="cannot read recipients file: a FIFO, not a regular"):
        pipeline.recipients_of(settings)


def test_a_fifo_among_the_templates_is_passed_over(project):
    """Jinja2 looks for regular files only: a FIFO named like a template is not waited on,
    the packaged template is used."""
    templates = project / "templates"
    templates.mkdir()
    os.mkfifo(templates / "digest.txt.j2")
    (templates / "digest.mjml.j2").symlink_to("/dev/zero")
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "templates_dir: templates\n",
                      encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "digest", "--config", str(config), "preview", "--text"],
        cwd=project, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_the_cli_says_one_line_and_exits_2(write_config, tmp_path):
    path = write_config(MINIMAL + bomb())
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", "import resource, sys, runpy;"
         "resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20));"
         "sys.argv = ['digest', '--config', sys.argv[1], 'check'];"
         "runpy.run_module('digest', run_name='__main__')", str(path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert time.perf_counter() - started < 10  # the interpreter's start included
    assert result.returncode == 2
    assert short(result.stderr) == (f"digest: error: {path}:9: anchors and aliases expand to more "
                                    "than 100000 values; write the values out, or use fewer "
                                    "aliases\n")
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss < 512 * 1024
