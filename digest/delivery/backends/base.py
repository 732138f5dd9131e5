"""The Backend interface: deliver prepared messages, one result per recipient."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from typing import ClassVar

from ...errors import DeliveryError
from ...models import DeliveryResult, Recipient

Sleep = Callable[[float], None]
ResultHook = Callable[[DeliveryResult], None]
Clock = Callable[[], float]


@dataclass(frozen=True)
class OutgoingMessage:
    recipient: Recipient
    message: EmailMessage


class BackendError(DeliveryError):
    """The backend cannot deliver at all; `results` holds what was settled before it gave up."""

    exit_code = 3

    def __init__(self, message: str, results: Sequence[DeliveryResult] = ()) -> None:
        super().__init__(message)
        self.results = list(results)


class AuthenticationError(BackendError):
    """The server or provider refused the credentials (SMTP 535, HTTP 401/403)."""


class UnavailableError(BackendError):
    """Unreachable, or still answering "try later" once the retries were spent."""


class ProviderError(BackendError):
    """An answer that means the configuration is wrong (unknown domain, wrong base_url)."""


class Pacer:
    """Spaces sends so that on average no more than `per_second` messages go out each second.

    The first batch goes at once; each batch of n then delays the next by n / per_second.
    """

    def __init__(self, per_second: float | None, sleep: Sleep, clock: Clock = time.monotonic):
        self.per_second = per_second
        self.sleep = sleep
        self.clock = clock
        self._next = 0.0

    def wait(self, count: int) -> None:
        if not self.per_second:
            return
        now = self.clock()
        if self._next > now:
            self.sleep(self._next - now)
            now = self._next
        self._next = now + count / self.per_second


class Backend(ABC):
    """Subclasses implement `send`; those holding a connection also `open` and `close`.

    `max_batch` is how many messages one `send` call should carry: the caller chunks by it,
    and the HTTP API backends turn one call into one request where the messages share content.
    """

    max_batch: ClassVar[int] = 100

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
    def send(
        self, messages: Sequence[OutgoingMessage], on_result: ResultHook | None = None
    ) -> list[DeliveryResult]:
        """Deliver each message; never raise for one recipient's failure.

        `on_result` is called with each result the moment it is known, so that the caller can
        record it before anything else goes out: a crash then loses at most what was in flight.
        """


class OneByOneBackend(Backend):
    """A backend that delivers each message on its own (files, the console)."""

    def send(
        self, messages: Sequence[OutgoingMessage], on_result: ResultHook | None = None
    ) -> list[DeliveryResult]:
        results = []
        for item in messages:
            results.append(self.send_one(item))
            if on_result is not None:
                on_result(results[-1])
        return results

    @abstractmethod
    def send_one(self, item: OutgoingMessage) -> DeliveryResult:
        """Deliver one message and say how it went."""
