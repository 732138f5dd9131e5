"""Backends by their `delivery.backend:` name in config.yaml."""

from __future__ import annotations

from ..config import Settings
from .base import Backend, OutgoingMessage
from .console import ConsoleBackend
from .file import FileBackend

__all__ = ["Backend", "OutgoingMessage", "make_backend"]


def make_backend(settings: Settings) -> Backend:
    delivery = settings.delivery
    if delivery.backend == "console":
        return ConsoleBackend(html=delivery.console.html)
    return FileBackend(settings.path(delivery.file.outbox))
