"""What the state keeps of readers: addresses never sent to again, and readers who signed up
(`digest.store.sql_readers` implements them)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ..core.models import SuppressionReason


@dataclass(frozen=True)
class Suppression:
    """An address never sent to again, and why."""

    address: str
    reason: SuppressionReason
    origin: str  # who said so: web, cli, import, or the provider whose webhook told
    created_at: datetime


@dataclass(frozen=True)
class Subscriber:
    """A reader who signed up and confirmed it."""

    address: str
    name: str | None
    confirmed_at: datetime


class SuppressionStore(Protocol):
    """Addresses no edition goes to (whatever list names them), and the providers' bounce and
    complaint events that put some there, each event kept once by its id."""

    def add(self, address: str, reason: SuppressionReason, origin: str, now: datetime) -> bool:
        """List an address; False when it was listed already (it keeps its first reason)."""
        ...

    def remove(self, address: str) -> bool:
        """Take an address off the list; False when it was not on it."""
        ...

    def get(self, address: str) -> Suppression | None: ...

    def listed(self, addresses: Iterable[str]) -> set[str]:
        """Those of `addresses` on the list, spelled as given (compared without case)."""
        ...

    def all(self) -> list[Suppression]:
        """The whole list, oldest first."""
        ...

    def record_event(self, provider: str, event_id: str, address: str, kind: str,
                     now: datetime) -> bool:
        """Keep a provider's event; False when that provider's event id was kept before."""
        ...

    def count_events(self, address: str, kind: str, since: datetime) -> int:
        """How many events of a kind an address had since a moment."""
        ...


class SubscriberStore(Protocol):
    """Readers who signed up and confirmed it, beside the config's recipients."""

    def add(self, address: str, name: str | None, now: datetime) -> bool:
        """Add a reader; False when they were there already."""
        ...

    def remove(self, address: str) -> bool: ...

    def all(self) -> list[Subscriber]:
        """Every subscriber, in the order they confirmed."""
        ...
