"""`backend: file`: each message as an .eml (and its HTML as .html) in an outbox folder."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ...core.errors import DeliveryError
from ...core.models import DeliveryResult
from ...core.options import Strict
from ..message import Composer, Personal
from .base import OneByOneBackend, failed, sent
from .registry import BackendSpec


class FileBackendConfig(Strict):
    """`delivery.file`: the folder the messages are written to."""

    outbox: Path = Path("outbox")


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


class FileBackend(OneByOneBackend):
    def __init__(self, outbox: Path) -> None:
        self.outbox = outbox

    def open(self) -> None:
        try:
            self.outbox.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DeliveryError(f"outbox {self.outbox}: cannot create folder: {exc}") from None

    def send_one(self, composer: Composer, copy: Personal) -> DeliveryResult:
        digest = hashlib.sha256(copy.message_id.encode()).hexdigest()[:10]
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", copy.recipient.email)
        eml = self.outbox / f"{safe}-{digest}.eml"
        try:
            html = copy.body(composer.edition, "html")
            _write_atomically(eml.with_suffix(".html"), html.encode("utf-8"))
            _write_atomically(eml, composer.message(copy))
        except OSError as exc:
            return failed(copy, f"{eml}: {exc}")
        return sent(copy, copy.message_id)


BACKEND = BackendSpec(
    "file", FileBackendConfig,
    lambda options, context: FileBackend(context.path(options.outbox)),
    order=0, needs_section=False,
)
