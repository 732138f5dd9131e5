"""A damaged, foreign, unreadable, read-only or full state is never a fresh start: one line,
nothing sent, the file left as it was. Each fault is made for real: bytes overwritten in a
real state file, permissions seen as another user, a tmpfs filled to the last byte."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.app import pipeline
from digest.config import load_settings
from digest.core.errors import StateError
from digest.core.models import DeliveryStatus, Email, Story
from digest.store import Store

from ..logs import short
from .filesystem import NOBODY, as_nobody, fill, run_cli

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
MOVE_AWAY = "move it away to start a new state (or restore it from a backup)"


def real_state(path: Path) -> bytes:
    """A state with a few hundred stories and an edition, as a real run leaves it."""
    with Store.open(path) as store:
        store.stories.record([
            Story(id=f"s{i}", source="src", title=f"Story {i}", url=f"https://n.example/{i}",
                  published=None, paragraphs=(f"Paragraph {i} " * 20,)) for i in range(300)
        ], NOW)
        store.editions.create(day="2026-11-27", now=NOW, email=Email("S", "<p>h</p>", "t", "p"),
                              story_ids=["s1", "s2"], recipients=[("a@example.com", None)])
    return path.read_bytes()


def overwrite(data: bytes, at: int, garbage: bytes) -> bytes:
    return data[:at] + garbage + data[at + len(garbage):]


def foreign(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance REAL)")
        db.execute("INSERT INTO accounts (balance) VALUES (1.5)")


DAMAGE = {
    # name: (how the file is made from a real state's bytes, what the line says)
    "empty": (lambda data: b"", "the state file is empty (0 bytes)"),
    "truncated": (lambda data: data[: len(data) // 2], "database disk image is malformed"),
    "truncated in the header": (lambda data: data[:60], "not a SQLite database"),
    "zeroed page": (lambda data: overwrite(data, len(data) // 2, b"\0" * 4096), "damaged"),
    "garbage page": (lambda data: overwrite(data, 8192, bytes(range(256)) * 16),
                     "damaged"),
    "page header": (lambda data: overwrite(data, 4096 * 20, b"\xde\xad\xbe\xef" * 2),
                    "damaged"),
    "not SQLite": (lambda data: b"newsletter: {}\n" * 200, "not a SQLite database"),
}


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


@pytest.mark.parametrize("opener", [Store.open, Store.peek], ids=["open", "peek"])
@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_file_is_refused_and_left_as_it_was(tmp_path, kind, opener):
    path = tmp_path / "state.sqlite"
    make, says = DAMAGE[kind]
    damaged = make(real_state(path))
    path.write_bytes(damaged)
    with pytest.raises(StateError) as raised:
        opener(path)
    line = str(raised.value)
    assert line.startswith(f"{path}: ") and says in line and "\n" not in line
    assert MOVE_AWAY in line
    assert path.read_bytes() == damaged
    assert siblings(path) == ["state.sqlite"]  # no -wal, no -shm, no new file beside it


@pytest.mark.parametrize("opener", [Store.open, Store.peek], ids=["open", "peek"])
def test_a_foreign_database_is_refused_untouched(tmp_path, opener):
    path = tmp_path / "state.sqlite"
    foreign(path)
    before = path.read_bytes()
    with pytest.raises(StateError, match=r"a SQLite database with tables accounts, not a "
                                         r"digest state; point state.path at the state file"):
        opener(path)
    assert path.read_bytes() == before and siblings(path) == ["state.sqlite"]


@pytest.mark.parametrize("make", [lambda p: p.mkdir(), lambda p: os.mkfifo(p)],
                         ids=["folder", "fifo"])
def test_something_else_than_a_file_is_refused(tmp_path, make):
    path = tmp_path / "state.sqlite"
    make(path)
    for opener in (Store.open, Store.peek):
        with pytest.raises(StateError, match="not a regular file, so not a state"):
            opener(path)


def test_a_link_to_nothing_is_not_a_new_state(tmp_path):
    path = tmp_path / "state.sqlite"
    path.symlink_to(tmp_path / "gone" / "state.sqlite")
    with pytest.raises(StateError, match="a symbolic link to nothing"):
        Store.open(path)
    assert not (tmp_path / "gone").exists()


def test_only_a_missing_file_starts_a_new_state(tmp_path):
    path = tmp_path / "deep" / "state.sqlite"
    with Store.open(path) as store:
        assert store.editions.last() is None
    assert siblings(path) == ["state.sqlite"]  # made beside it and linked: nothing left over
    real_state(path)  # and it is a state that opens again


def test_a_stored_value_that_does_not_read_back_is_damage(tmp_path):
    path = tmp_path / "state.sqlite"
    real_state(path)
    with sqlite3.connect(path) as db:  # bytes changed inside a row: SQLite cannot tell
        db.execute("UPDATE stories SET data = '{\"id\": ' WHERE id = 's5'")
        db.execute("UPDATE editions SET created_at = 'yesterday'")
    with Store.open(path) as store:
        with pytest.raises(StateError, match=r"damaged \(a stored value does not read back"):
            store.stories.stored(NOW.replace(year=2000))
        with pytest.raises(StateError, match=r"damaged \(a stored value does not read back"):
            store.editions.last()


@pytest.mark.parametrize(("update", "says"), [
    ("UPDATE deliveries SET status = 'penAAAA'", "damaged (a status in deliveries that "
                                                 "digest never writes)"),
    ("UPDATE editions SET status = 'sen'", "damaged (a status in editions that digest never "
                                           "writes)"),
])
def test_a_status_digest_never_writes_is_damage(tmp_path, update, says):
    path = tmp_path / "state.sqlite"
    real_state(path)
    with sqlite3.connect(path) as db:
        db.execute(update)
    before = path.read_bytes()
    for opener in (Store.open, Store.peek):
        with pytest.raises(StateError, match=re.escape(says)):
            opener(path)
    assert path.read_bytes() == before


def test_text_that_is_not_utf8_is_damage(tmp_path):
    path = tmp_path / "state.sqlite"
    real_state(path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE stories SET data = CAST(X'7BFFFE0A0A' AS TEXT) WHERE id = 's7'")
    with Store.open(path) as store, pytest.raises(StateError) as raised:
        store.stories.stored(NOW.replace(year=2000))
    assert str(raised.value).startswith(f"{path}: cannot read the state: ")
    assert str(raised.value).endswith(f"the file is damaged; {MOVE_AWAY}")
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("kind", ["empty", "zeroed page", "foreign"])
def test_send_and_status_stop_with_one_line_and_send_nothing(project, settings, kind):
    path = settings.path(settings.state.path)
    path.parent.mkdir()
    if kind == "foreign":
        foreign(path)
    else:
        path.write_bytes(DAMAGE[kind][0](real_state(path)))
    before = path.read_bytes()
    for command in ("send", "status", "preview", "collect"):
        result = run_cli(project / "config.yaml", command)
        assert result.returncode == 3, (command, result.stderr)
        assert short(result.stderr).startswith(f"digest: error: {path}: "), result.stderr
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (project / "outbox").exists()
    assert path.read_bytes() == before
    assert siblings(path) == ["send.lock", "state.sqlite"]


# Seen as another user: root reads and writes through any permission bits.

def open_as_nobody(path: Path, opener: str = "open") -> str:
    def action() -> str:
        with getattr(Store, opener)(path) as store:
            return f"opened: {len(store.editions.recent(5))} editions"
    return as_nobody(action)


def test_an_unreadable_file_is_refused(shared_dir):
    path = shared_dir / "state.sqlite"
    real_state(path)
    path.chmod(0o000)
    for opener in ("open", "peek"):
        assert open_as_nobody(path, opener) == (
            f"StateError: {path}: cannot read the state file: Permission denied; give this "
            "user read and write access to it")


def test_a_folder_that_cannot_be_entered_is_refused_not_a_new_state(shared_dir):
    folder = shared_dir / "private"
    folder.mkdir(mode=0o700)
    path = folder / "state.sqlite"
    real_state(path)
    for opener in ("open", "peek"):
        assert open_as_nobody(path, opener) == (
            f"StateError: {path}: cannot reach the state file: Permission denied; give this "
            "user access to its folders")


def test_a_read_only_file_or_folder_refuses_to_write_and_still_reads(shared_dir):
    path = shared_dir / "state.sqlite"
    real_state(path)
    before = path.read_bytes()
    path.chmod(0o644)  # root's file: read-only for nobody
    assert open_as_nobody(path) == (
        f"StateError: {path}: the state file is read-only for this user; give it write "
        "access, or run digest as the file's owner")
    assert open_as_nobody(path, "peek") == "opened: 1 editions"
    os.chown(path, NOBODY, NOBODY)  # nobody's file in root's folder
    assert open_as_nobody(path) == (
        f"StateError: {shared_dir}: the state folder is read-only for this user (digest "
        "writes the state and its -wal and -shm files there); give it write access")
    assert open_as_nobody(path, "peek") == "opened: 1 editions"
    assert path.read_bytes() == before and siblings(path) == ["state.sqlite"]


def test_no_new_state_in_a_read_only_folder(shared_dir):
    assert open_as_nobody(shared_dir / "state.sqlite") == (
        f"StateError: {shared_dir}: the state folder is read-only for this user (digest "
        "writes the state and its -wal and -shm files there); give it write access")
    assert siblings(shared_dir / "x") == []


# A full disk: a 256 KiB tmpfs, filled.

def test_no_new_state_on_a_full_disk(tiny_disk):
    fill(tiny_disk)
    path = tiny_disk / "state.sqlite"
    with pytest.raises(StateError) as raised:
        Store.open(path)
    assert str(raised.value).startswith(f"{path}: cannot create the state: ")
    assert "free" in str(raised.value)
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["filler0"]


def test_a_full_disk_stops_the_run_with_one_line(project, tiny_disk):
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "path: .digest/state.sqlite", f"path: {tiny_disk}/state.sqlite"), encoding="utf-8")
    Store.open(tiny_disk / "state.sqlite").close()
    fill(tiny_disk)
    result = run_cli(config, "send")
    assert result.returncode == 3
    assert short(result.stderr).startswith(f"digest: error: {tiny_disk}/state.sqlite: cannot "
                                    ), result.stderr
    assert "free some space" in result.stderr or "free space" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (project / "outbox").exists()


def test_a_send_stops_when_the_ledger_cannot_be_written(project, tiny_disk, clock):
    """The disk fills after the first message went out: its result is written with the take
    of the next message, in one transaction, which fails, so the first stays in flight (in
    doubt: never sent again by itself) and every one after it unsent and pending."""
    config = project / "config.yaml"
    text = config.read_text(encoding="utf-8").replace(
        "path: .digest/state.sqlite", f"path: {tiny_disk}/state.sqlite")
    extra = "".join(f"  - reader{i}@example.com\n" for i in range(8))
    config.write_text(text.replace("recipients:\n", "recipients:\n" + extra), encoding="utf-8")
    settings = load_settings(config)
    delivered: list[int] = []

    def full_after_the_first(done: int, total: int) -> None:
        delivered.append(done)
        fill(tiny_disk)

    with pytest.raises(StateError, match="database or disk is full; the disk is full"):
        pipeline.send(settings, clock=clock, on_delivered=full_after_the_first)
    assert delivered == [1]
    assert len(list((project / "outbox").glob("*.eml"))) == 1
    for filler in tiny_disk.glob("filler*"):
        filler.unlink()
    with Store.peek(tiny_disk / "state.sqlite") as store:
        edition = store.editions.unfinished()
        statuses = [d.status for d in store.ledger.deliveries(edition.id)]
    assert statuses[0] == DeliveryStatus.SENDING
    assert statuses.count(DeliveryStatus.PENDING) == 9  # only what is in flight is claimed


@pytest.mark.parametrize("args", [("run",), ("run", "--once"), ("send", "--if-due")])
def test_the_runner_stops_at_start_on_a_damaged_state(project, settings, args):
    path = settings.path(settings.state.path)
    path.parent.mkdir()
    path.write_bytes(b"")
    result = run_cli(project / "config.yaml", *args)
    assert result.returncode == 3, result.stderr
    assert short(result.stderr) == (
        f"digest: error: {path}: the state file is empty (0 bytes), "
        f"which a state never is, so something went wrong; {MOVE_AWAY}\n")


def test_a_read_only_file_system_refuses_to_write_and_still_reads(tiny_disk):
    path = tiny_disk / "state.sqlite"
    real = tiny_disk.parent / "state.sqlite"
    real_state(real)
    shutil.copy(real, path)
    subprocess.run(["mount", "-o", "remount,ro", str(tiny_disk)], check=True)
    with pytest.raises(StateError, match="the state file is read-only for this user"):
        Store.open(path)
    with Store.peek(path) as store:
        assert store.editions.last().day == "2026-11-27"
    assert path.read_bytes() == real.read_bytes()
