"""The send and run locks and the file outbox, made unusable for real: a folder or lock file
seen as another user, a tmpfs filled to the last byte, a file where the outbox folder goes.
Each is one line and exit code 3, and nothing is sent."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from digest.app import pipeline
from digest.app.status import status as recent_editions
from digest.config import load_settings
from digest.core.models import DeliveryStatus
from digest.store import Store

from ..logs import short
from .filesystem import NOBODY, as_nobody, fill, run_cli


def test_the_send_lock_in_a_read_only_folder_is_one_line(project, shared_dir):
    config = (project / "config.yaml").read_text(encoding="utf-8")
    (project / "config.yaml").write_text(
        config.replace("path: .digest/state.sqlite", f"path: {shared_dir}/state.sqlite"),
        encoding="utf-8")
    settings = load_settings(project / "config.yaml")
    assert as_nobody(lambda: repr(pipeline.send(settings))) == (
        f"StateError: {shared_dir}/send.lock: cannot use the lock file: Permission denied; "
        f"let this user write to {shared_dir} (the state's folder), or free some space")


def test_a_full_outbox_stops_the_send_with_one_line(project, tiny_disk):
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "outbox: outbox", f"outbox: {tiny_disk}/outbox"), encoding="utf-8")
    (tiny_disk / "outbox").mkdir()
    fill(tiny_disk)
    result = run_cli(config, "send")
    assert result.returncode == 3
    assert short(result.stderr).startswith(
        f"digest: error: outbox {tiny_disk}/outbox: cannot write ")
    assert "No space left on device; free some space" in result.stderr
    assert result.stderr.count("\n") == 1
    assert list((tiny_disk / "outbox").iterdir()) == []  # no half-written temporary files


def test_an_outbox_that_cannot_be_written_stops_the_send(project, shared_dir, clock):
    project = Path(shutil.copytree(project, shared_dir / "project"))
    project.chmod(0o755)
    outbox = shared_dir / "outbox"
    outbox.mkdir(mode=0o755)  # root's folder: nobody may not write there
    state = shared_dir / "state"
    state.mkdir()
    os.chown(state, NOBODY, NOBODY)
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      .replace("outbox: outbox", f"outbox: {outbox}")
                      .replace("path: .digest/state.sqlite", f"path: {state}/state.sqlite"),
                      encoding="utf-8")
    settings = load_settings(config)
    # A dry run first, as root: nobody may not import from root's Python, so every module
    # the send needs is loaded before the fork.
    pipeline.send(settings, clock=clock, dry_run=True)
    out = as_nobody(lambda: repr(
        (pipeline.send(settings, clock=clock).status, recent_editions(settings)[0]["counts"])))
    # nothing can be written now: every recipient waits for the next send, nobody failed
    assert out.startswith("(<SendStatus.DEFERRED: 'deferred'>, {"), out
    assert "<DeliveryStatus.DEFERRED: 'deferred'>: 2" in out and "SENT: 'sent'>: 0" in out
    assert list(outbox.iterdir()) == []


def test_a_lock_file_this_user_cannot_open_is_one_line(shared_dir, project):
    lock = shared_dir / "send.lock"
    lock.write_text("")  # root's, 0644: nobody may not open it to write
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "path: .digest/state.sqlite", f"path: {shared_dir}/state.sqlite"), encoding="utf-8")
    settings = load_settings(config)
    assert as_nobody(lambda: repr(pipeline.send(settings))) == (
        f"StateError: {lock}: cannot use the lock file: Permission denied; let this user "
        f"write to {shared_dir} (the state's folder), or free some space")


def test_an_outbox_that_cannot_be_made_sends_nothing_and_defers_everyone(project, settings,
                                                                         clock):
    (project / "outbox").write_text("a file where the folder should be")
    report = pipeline.send(settings, clock=clock)
    assert report.problems == [
        f"outbox {project / 'outbox'}: cannot create the folder: File exists; create it, "
        "or set delivery.file.outbox to a folder this user may write"]
    assert report.exit_code == 3
    with Store.peek(settings.path(settings.state.path)) as store:
        edition = store.editions.last()
        assert {d.status for d in store.ledger.deliveries(edition.id)} == {
            DeliveryStatus.DEFERRED}


