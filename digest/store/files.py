"""What is at the state's path, looked at before SQLite is let near it.

SQLite opens a zero-byte file as a new, empty database, and finds out that a file is damaged
or foreign only when it reads the page concerned. A state is never empty, so whatever is at
the path must look like a SQLite file before it is opened; only a path where nothing exists
starts a new state.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..core.errors import StateError

MOVE_AWAY = "move it away to start a new state (or restore it from a backup)"
SQLITE_HEADER = b"SQLite format 3\x00"
HEADER_SIZE = 100  # a SQLite file's header; a file shorter than this is not one


def check_state_file(path: Path) -> bool:
    """True when a state file is at `path`, False when nothing is (a new state may start
    there); a StateError when something is there that cannot be a state."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise StateError(f"{path}: a symbolic link to nothing; point it at the state "
                             "file, or remove it to start a new state") from None
        return False
    except OSError as exc:
        raise StateError(f"{path}: cannot reach the state file: {exc.strerror}; give this "
                         "user access to its folders") from None
    if not stat.S_ISREG(info.st_mode):
        raise StateError(f"{path}: not a regular file, so not a state; point state.path at "
                         "a file") from None
    if info.st_size == 0:
        raise StateError(f"{path}: the state file is empty (0 bytes), which a state never "
                         f"is, so something went wrong; {MOVE_AWAY}")
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            header = os.read(fd, HEADER_SIZE)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StateError(f"{path}: cannot read the state file: {exc.strerror}; give this "
                         "user read and write access to it") from None
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        raise StateError(f"{path}: not a SQLite database, so not a digest state; {MOVE_AWAY}")
    return True


def check_writable(path: Path) -> None:
    """A StateError unless this user may write the state and, beside it, its journal."""
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StateError(f"{path}: the state file is read-only for this user; give it "
                         "write access, or run digest as the file's owner")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise StateError(f"{path.parent}: the state folder is read-only for this user "
                         "(digest writes the state and its -wal and -shm files there); "
                         "give it write access")
