"""`backend: file`: each message as an .eml (and its HTML as .html) in an outbox folder.

What writing a message means:
- done: both files written and renamed into place (`sent`).
- failed for good: a name the file system refuses for this one recipient (too long).
- retry later: anything else (a full disk, a read-only or missing folder, no permission,
  an I/O error) is about the outbox, not the recipient: `UnavailableError` stops the send
  with one line, and the recipients not yet written are left for the next run.
- unknown: none; a message is renamed into place whole or not at all.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.models import DeliveryResult
from ...core.options import Strict
from .base import OneByOneBackend, UnavailableError, failed, sent
from .registry import BackendSpec

if TYPE_CHECKING:
    from ..message import Composer, Personal


class FileBackendConfig(Strict):
    """`delivery.file`: the folder the messages are written to."""

    outbox: Path = Path("outbox")


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with suppress(OSError):
            temporary.unlink()
        raise


class FileBackend(OneByOneBackend):
    def __init__(self, outbox: Path) -> None:
        self.outbox = outbox

    def open(self) -> None:
        try:
            self.outbox.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UnavailableError(f"outbox {self.outbox}: cannot create the folder: "
                                   f"{exc.strerror}; create it, or set delivery.file.outbox "
                                   "to a folder this user may write") from None

    def send_one(self, composer: Composer, copy: Personal) -> DeliveryResult:
        digest = hashlib.sha256(copy.message_id.encode()).hexdigest()[:10]
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", copy.recipient.email)
        eml = self.outbox / f"{safe}-{digest}.eml"
        try:
            html = copy.body(composer.edition, "html")
            _write_atomically(eml.with_suffix(".html"), html.encode("utf-8"))
            _write_atomically(eml, composer.message(copy))
        except OSError as exc:
            if exc.errno == errno.ENAMETOOLONG:
                return failed(copy, f"{eml}: {exc.strerror}")
            raise UnavailableError(
                f"outbox {self.outbox}: cannot write {eml.name}: {exc.strerror}; free some "
                "space or let this user write to the folder, then send again"
            ) from None
        return sent(copy, copy.message_id)


BACKEND = BackendSpec(
    "file", FileBackendConfig,
    lambda options, context: FileBackend(context.path(options.outbox)),
    order=0, needs_section=False,
)
