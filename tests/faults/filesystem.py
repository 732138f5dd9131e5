"""Real faults of the file system: a folder another user can reach, privileges dropped to
that user, and a tiny tmpfs that a test fills to the last byte."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

NOBODY = 65534


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder every user may enter (pytest's own tmp folders are root's alone)."""
    path = Path(tempfile.mkdtemp(prefix="digest-faults-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def as_nobody(action: Callable[[], str]) -> str:
    """`action` run in a forked child that dropped root for `nobody`: root reads and writes
    through any permission bits, so a refusal is only seen as another user. Returns what
    the action returned, or the exception it raised as "Name: message"."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's coverage is not collected
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            out = action()
        except BaseException as exc:  # reported to the parent
            out = f"{type(exc).__name__}: {exc}"
        os.write(write, out.encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        out = pipe.read().decode()
    os.waitpid(pid, 0)
    return out


@pytest.fixture
def tiny_disk(shared_dir: Path) -> Iterator[Path]:
    """A 1 MiB tmpfs: a real file system whose writes fail with ENOSPC once it is full."""
    mount = shared_dir / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", str(mount)],
                   check=True, capture_output=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=True, capture_output=True)


def fill(disk: Path) -> None:
    """Write to `disk` until it has no byte left."""
    fd = os.open(disk / f"filler{len(list(disk.glob('filler*')))}", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * size)
    finally:
        os.close(fd)


def run_cli(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI in a subprocess, as a user runs it."""
    return subprocess.run([sys.executable, "-m", "digest", "--config", str(config), *args],
                          cwd=config.parent, capture_output=True, text=True, timeout=120)
