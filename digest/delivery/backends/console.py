"""`backend: console`: print each message to standard output, for trying things out."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

from ...core.models import DeliveryResult
from ...core.options import Strict
from .base import OneByOneBackend, sent
from .registry import BackendSpec

if TYPE_CHECKING:
    from ..message import Composer, Personal


class ConsoleBackendConfig(Strict):
    """`delivery.console`: `html` prints the HTML part after the text."""

    html: bool = False


class ConsoleBackend(OneByOneBackend):
    def __init__(self, html: bool = False, stream: TextIO | None = None) -> None:
        self.html = html
        self.stream = stream or sys.stdout

    def send_one(self, composer: Composer, copy: Personal) -> DeliveryResult:
        edition = composer.edition
        for name, value in [*edition.shared_headers(), *copy.own_headers()]:
            print(f"{name}: {value}", file=self.stream)
        print(file=self.stream)
        print(copy.body(edition, "text"), file=self.stream)
        if self.html:
            print(copy.body(edition, "html"), file=self.stream)
        print("-" * 76, file=self.stream)
        return sent(copy, copy.message_id)


BACKEND = BackendSpec(
    "console", ConsoleBackendConfig,
    lambda options, context: ConsoleBackend(html=options.html),
    order=1, needs_section=False,
)
