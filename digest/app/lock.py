"""Advisory file locks beside the state file: one scheduled runner, one sender at a time.
With the state in PostgreSQL, no lock is taken: the runners share a lease
(`leadership.py`), which passes to a standby on a timing of its own, and the senders share
an edition instead of taking turns (`SendGuard`).

flock locks belong to the open file, so the kernel releases them when the process dies,
even by SIGKILL: a crash never leaves a stale lock behind. A lock file that cannot be
created or opened (a read-only folder, no permission) is a StateError: one
line naming the file, and nothing is done.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import socket
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from ..config import Settings
from ..core.errors import DigestError, StateError
from ..store.location import is_url

if TYPE_CHECKING:
    from ..store.postgres_lock import AdvisoryLock


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


def run_lock(settings: Settings) -> FileLock:
    """The lock one `digest run` holds beside a SQLite state (with PostgreSQL, the runners
    share a lease instead: `leadership.py`)."""
    return FileLock(settings.path(settings.state.path).with_name("run.lock"), "digest run")


class SendGuard:
    """This process as a sender: its name in the ledger's leases (`owner`), and whether the
    sender named in a lease is still alive, so that a dead one's recipients are taken over
    at once rather than when its lease lapses.

    With a SQLite state one send runs at a time: the guard holds the send lock file, and
    while it does, every other sender named in a lease is gone. With a PostgreSQL state any
    number of senders run at once: each holds a lock named after itself for as long as it
    runs, which the server releases when its session ends (the process dies, or its host is
    lost: see `store/postgres_lock.py`). Asked about another sender, the server answers
    held (alive: its leases stand), free (gone: its leases end now) or a connection error
    (a StateError: retry later).
    """

    def __init__(self, settings: Settings) -> None:
        location = settings.state_location()
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self._url = str(location) if is_url(location) else None
        self._lock = None if self._url else FileLock(
            settings.path(settings.state.path).with_name("send.lock"), "a digest send")
        self._holding = False
        self._presence: AdvisoryLock | None = None

    def acquire(self, wait: bool = False) -> SendGuard:
        """Take the send lock (SQLite: `wait` for another send, else LockedError), or say
        that this sender is alive (PostgreSQL)."""
        if self._lock is not None:
            self._lock.acquire(wait)
        else:
            from ..store.postgres_lock import AdvisoryLock  # psycopg, for PostgreSQL alone

            presence = AdvisoryLock(str(self._url), f"sender {self.owner}")
            presence.take()  # named after this process alone: never held already
            self._presence = presence
        self._holding = True
        return self

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()
        elif self._presence is not None:
            self._presence.release()
            self._presence = None
        self._holding = False

    def keep(self) -> None:
        """Stay alive to the other senders: with PostgreSQL, take this sender's lock again
        when its session was lost (a StateError when the database cannot be reached); the
        send lock file of SQLite cannot be lost."""
        if self._presence is not None:
            self._presence.keep()

    def alive(self, owner: str) -> bool:
        """Whether the sender `owner` (named in a lease) runs now."""
        if owner == self.owner:
            return self._holding
        if self._lock is not None:  # holding the lock, no other sender can run
            return not self._holding and self._lock.is_held()
        from ..store.postgres_lock import AdvisoryLock

        return AdvisoryLock(str(self._url), f"sender {owner}").held_elsewhere()

    def running(self) -> bool:
        """Whether a send runs now that holds the send lock (SQLite; with PostgreSQL, the
        leases and `alive` tell who sends what)."""
        return self._lock is not None and self._lock.is_held()

    def __enter__(self) -> SendGuard:
        return self if self._holding else self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def send_lock(settings: Settings) -> SendGuard:
    """This process's guard as a sender: the send lock beside a SQLite state, or its
    presence in a PostgreSQL one."""
    return SendGuard(settings)
