"""`backend: file`: each message as an .eml (and its HTML as .html) in an outbox folder."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ...errors import DeliveryError
from ...models import DeliveryResult
from .base import OneByOneBackend, OutgoingMessage


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

    def send_one(self, item: OutgoingMessage) -> DeliveryResult:
        message_id = str(item.message["Message-ID"])
        digest = hashlib.sha256(message_id.encode()).hexdigest()[:10]
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", item.recipient.email)
        eml = self.outbox / f"{safe}-{digest}.eml"
        try:
            html = item.message.get_body(("html",))
            if html is not None:
                _write_atomically(eml.with_suffix(".html"), html.get_content().encode("utf-8"))
            _write_atomically(eml, item.message.as_bytes())
        except OSError as exc:
            return DeliveryResult(item.recipient.email, "failed", error=f"{eml}: {exc}")
        return DeliveryResult(item.recipient.email, "sent", message_id=message_id)
