"""Advisory file locks beside the state file: one scheduled runner, one sender at a time.
With the state in PostgreSQL, the send lock is held in the database (`DatabaseLock`), so it
holds across every host that shares it; the runners there share a lease instead
(`leadership.py`), which passes to a standby on a timing of its own.

flock locks belong to the open file, so the kernel releases them when the process dies,
even by SIGKILL: a crash never leaves a stale lock behind. A lock file that cannot be
created or opened (a read-only folder, no permission) is a StateError: one
line naming the file, and nothing is done.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import suppress
from pathlib import Path
from types import TracebackType

from ..config import Settings
from ..core.errors import DigestError, StateError
from ..store.location import is_url


class LockedError(DigestError):
    """Another process holds the lock; exit code 3 (nothing could be done)."""

    exit_code = 3


class FileLock:
    def __init__(self, path: Path, purpose: str) -> None:
        self.path = path
        self.purpose = purpose
        self._fd: int | None = None

    def acquire(self, wait: bool = False) -> FileLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK, 0o644)
        except OSError as exc:
            raise self._unusable(exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 64).decode(errors="replace").strip() or "another process"
            os.close(fd)
            raise LockedError(
                f"{self.purpose} is already running (pid {holder}, lock {self.path}); "
                "wait for it to finish, or pass --wait"
            ) from None
        with suppress(OSError):  # the pid only helps the message above; a full disk is no bar
            os.ftruncate(fd, 0)
            os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def _unusable(self, exc: OSError) -> StateError:
        return StateError(
            f"{self.path}: cannot use the lock file: {exc.strerror or exc}; let this user "
            f"write to {self.path.parent} (the state's folder), or free some space"
        )

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def is_held(self) -> bool:
        """True when a process holds the lock now; asks without keeping it, creating
        nothing (a lock file that is missing or cannot be opened is held by nobody)."""
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(fd)  # closing releases a lock just taken
        return False

    def __enter__(self) -> FileLock:
        return self if self._fd is not None else self.acquire()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


class DatabaseLock:
    """A FileLock's twin in the PostgreSQL state: released when its holder's session ends
    (its process exits or dies, or its host is lost: see `store/postgres_lock.py`)."""

    def __init__(self, url: str, name: str, purpose: str) -> None:
        from ..store.postgres_lock import AdvisoryLock  # psycopg, only for a PostgreSQL state

        self._lock = AdvisoryLock(url, name)
        self.name = name
        self.purpose = purpose
        self.url = url

    def acquire(self, wait: bool = False) -> DatabaseLock:
        from ..store.postgres_db import where

        if not self._lock.take(wait):
            raise LockedError(
                f"{self.purpose} is already running (on this host or another: lock "
                f"'{self.name}' in {where(self.url)}); wait for it to finish, or pass --wait")
        return self

    def release(self) -> None:
        self._lock.release()

    def is_held(self) -> bool:
        return self._lock.held_elsewhere()

    def __enter__(self) -> DatabaseLock:
        return self if self._lock.held else self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def state_lock(settings: Settings, name: str, purpose: str) -> FileLock | DatabaseLock:
    """The lock `name` of this state: a file beside the SQLite state, or a lock in the
    PostgreSQL database, shared by every host."""
    location = settings.state_location()
    if is_url(location):
        return DatabaseLock(str(location), name, purpose)
    return FileLock(settings.path(settings.state.path).with_name(f"{name}.lock"), purpose)


def send_lock(settings: Settings) -> FileLock | DatabaseLock:
    """The lock one send holds at a time: beside the state file, or in the database."""
    return state_lock(settings, "send", "a digest send")
