"""The Backend interface: deliver an edition to recipients, one result per recipient.

Each result is `sent`, `failed` (a permanent answer), `deferred` (a temporary answer that
outlasted the retries: the next run tries again) or `unknown` (it may have gone out: not
resent unless asked). A backend names the unit it hands over next, one message or one
request, through `on_attempt`, so that the ledger marks exactly that unit as in flight.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, overload

from ...core.errors import DeliveryError
from ...core.models import DeliveryResult, DeliveryStatus

if TYPE_CHECKING:  # the MIME work loads when a message is built, not when config is read
    from ..message import Composer, Edition, Personal

Sleep = Callable[[float], None]
# Results just known, recorded together: one each for a message, a request's all at once.
ResultHook = Callable[[Sequence[DeliveryResult]], None]
AttemptHook = Callable[[Sequence["Personal"]], None]  # these copies are about to go out
Clock = Callable[[], float]


@dataclass(frozen=True)
class Outgoing(Sequence["Personal"]):
    """An edition and the recipients to send it to, each with their own values: a sequence
    of their `Personal`s, sliced into smaller Outgoings of the same edition."""

    edition: Edition
    copies: tuple[Personal, ...]

    def __len__(self) -> int:
        return len(self.copies)

    @overload
    def __getitem__(self, index: int) -> Personal: ...

    @overload
    def __getitem__(self, index: slice) -> Outgoing: ...

    def __getitem__(self, index: int | slice) -> Personal | Outgoing:
        if isinstance(index, slice):
            return Outgoing(self.edition, self.copies[index])
        return self.copies[index]

    def __iter__(self) -> Iterator[Personal]:
        return iter(self.copies)

    def without(self, positions: Collection[int]) -> Outgoing:
        return Outgoing(self.edition, tuple(
            copy for i, copy in enumerate(self.copies) if i not in positions))


def sent(copy: Personal, message_id: str | None) -> DeliveryResult:
    return DeliveryResult(copy.recipient.email, DeliveryStatus.SENT, message_id=message_id)


def failed(copy: Personal, reason: str) -> DeliveryResult:
    return DeliveryResult(copy.recipient.email, DeliveryStatus.FAILED, error=reason)


def deferred(copy: Personal, reason: str) -> DeliveryResult:
    return DeliveryResult(copy.recipient.email, DeliveryStatus.DEFERRED, error=reason)


def unknown(copy: Personal, reason: str) -> DeliveryResult:
    return DeliveryResult(copy.recipient.email, DeliveryStatus.UNKNOWN, error=reason)


class BackendError(DeliveryError):
    """The backend cannot deliver at all; `results` holds what was settled before it gave up."""

    exit_code = 3

    def __init__(self, message: str, results: Sequence[DeliveryResult] = ()) -> None:
        super().__init__(message)
        self.results = list(results)


class AuthenticationError(BackendError):
    """The server or provider refused the credentials (SMTP 535, HTTP 401/403)."""


class UnavailableError(BackendError):
    """Unreachable, or still answering "try later" once the retries were spent: the
    recipients not settled yet are deferred to the next run."""


class ProviderError(BackendError):
    """An answer that means the configuration is wrong (unknown domain, wrong base_url,
    a sender the server refuses)."""

    exit_code = 2


class Pacer:
    """Spaces sends so that on average no more than `per_second` messages go out each second.

    The first batch goes at once; each batch of n then delays the next by n / per_second.
    """

    def __init__(self, per_second: float | None, sleep: Sleep,
                 clock: Clock = time.monotonic) -> None:
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

    `max_batch` is how many recipients one `send` call should carry: the caller chunks by it,
    and the HTTP API backends turn one call into one request.
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
    def send(self, outgoing: Outgoing, on_result: ResultHook | None = None,
             on_attempt: AttemptHook | None = None) -> list[DeliveryResult]:
        """Deliver the edition to each recipient; never raise for one recipient's failure.

        `on_attempt` is called with the copies of each unit (a message, a request) just before
        it goes out, and `on_result` with the results of each unit the moment they are known
        (a request's all at once), so that the caller can record both, each unit's results
        in one write: a crash then leaves in doubt only the unit in flight. A
        BackendError raised mid-send carries the results settled before it; the copies it
        leaves unsettled were not delivered.
        """


class OneByOneBackend(Backend):
    """A backend that delivers each message on its own (files, the console)."""

    def send(self, outgoing: Outgoing, on_result: ResultHook | None = None,
             on_attempt: AttemptHook | None = None) -> list[DeliveryResult]:
        from ..message import Composer

        composer = Composer(outgoing.edition)
        results = []
        for copy in outgoing:
            if on_attempt is not None:
                on_attempt([copy])
            results.append(self.send_one(composer, copy))
            if on_result is not None:
                on_result(results[-1:])
        return results

    @abstractmethod
    def send_one(self, composer: Composer, copy: Personal) -> DeliveryResult:
        """Deliver one recipient's copy and say how it went."""
