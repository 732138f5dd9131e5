"""The Backend interface: deliver prepared messages, one result per recipient."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage

from ..models import DeliveryResult, Recipient


@dataclass(frozen=True)
class OutgoingMessage:
    recipient: Recipient
    message: EmailMessage


class Backend(ABC):
    """Subclasses implement `send`; those holding a connection also `open` and `close`."""

    def open(self) -> None:  # noqa: B027 - optional hook
        """Acquire what sending needs (a connection, a folder)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release it; safe to call more than once."""

    def __enter__(self) -> Backend:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def send(self, messages: Sequence[OutgoingMessage]) -> list[DeliveryResult]:
        """Deliver each message; never raise for one recipient's failure."""
