"""`backend: console`: print each message to standard output, for trying things out."""

from __future__ import annotations

import sys
from typing import TextIO

from ...models import DeliveryResult
from .base import OneByOneBackend, OutgoingMessage


class ConsoleBackend(OneByOneBackend):
    def __init__(self, html: bool = False, stream: TextIO | None = None) -> None:
        self.html = html
        self.stream = stream or sys.stdout

    def send_one(self, item: OutgoingMessage) -> DeliveryResult:
        message = item.message
        for name, value in message.items():
            print(f"{name}: {value}", file=self.stream)
        print(file=self.stream)
        text = message.get_body(("plain",))
        print(text.get_content() if text else "", file=self.stream)
        html = message.get_body(("html",))
        if self.html and html is not None:
            print(html.get_content(), file=self.stream)
        print("-" * 76, file=self.stream)
        return DeliveryResult(item.recipient.email, "sent", str(message["Message-ID"]))
