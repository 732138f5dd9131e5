"""What the rest of digest asks of the state, whatever database keeps it.

Small stores, each with one job, and an `Engine` that gives them. SQLite and PostgreSQL
implement them (`digest.store.sql`, over each engine's connection); a third engine would
implement the same Protocols and nothing above the store changes. Every write is its own
short transaction, so a process killed at any moment leaves the ledger as it was after the
last delivery it recorded.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from ..core.models import (
    OUTSTANDING,
    DeliveryResult,
    DeliveryStatus,
    EditionStatus,
    Email,
    Story,
)
from .reader_stores import SubscriberStore, SuppressionStore
from .shared_stores import LeaseStore, RateLimitStore, WebhookTokenStore


@dataclass(frozen=True)
class Edition:
    """A rendered digest as it was stored, with its stories in digest order."""

    id: int
    day: str  # the edition's key: a date, or a date and send time
    created_at: datetime
    status: EditionStatus
    email: Email
    story_ids: tuple[str, ...]
    number: int = 0  # within its key: 0, then one more for each edition forced after it


@dataclass(frozen=True)
class Delivery:
    """One recipient's row in an edition's ledger."""

    address: str
    name: str | None
    status: DeliveryStatus
    message_id: str | None
    error: str | None


class StoryStore(Protocol):
    """Stories seen, and which of them went out in which edition."""

    def record(self, stories: Iterable[Story], now: datetime) -> set[str]:
        """Store stories not stored yet; return the ids of those that are new."""
        ...

    def first_seen(self, story_ids: Iterable[str]) -> dict[str, datetime]:
        """When each stored story of the ids was first seen: the others are new. Asked for
        the ids at hand only, so no set the size of the history is ever held."""
        ...

    def stored(self, seen_since: datetime, in_hand: Mapping[str, Story] | None = None,
               ) -> list[Story]:
        """Stories first seen since a moment, oldest first; those `in_hand` (by id, stored
        as they are: just collected) are not read back."""
        ...

    def sent_urls(self, before_day: str) -> set[str]:
        """Canonical URLs of the stories in editions of days before `before_day`."""
        ...

    def sent_story_ids(self, before_day: str | None = None) -> set[str]:
        """Stories that were in an edition (of a day before `before_day`, if given)."""
        ...

    def sent_among(self, story_ids: Iterable[str]) -> set[str]:
        """Those of the ids that were in an edition, asked for the ids at hand only."""
        ...


class HttpCache(Protocol):
    """ETag and Last-Modified per URL, for conditional GETs."""

    def validators(self, url: str) -> tuple[str | None, str | None]: ...

    def checked(self, urls: Iterable[str]) -> dict[str, datetime]:
        """When each URL was last fetched, whatever came of it, for those ever fetched."""
        ...

    def record(
        self, entries: Iterable[tuple[str, str | None, str | None]], now: datetime
    ) -> None: ...


class EditionStore(Protocol):
    """Rendered editions, kept so an interrupted send resumes with the same content."""

    def create(
        self,
        *,
        day: str,
        now: datetime,
        email: Email,
        story_ids: Sequence[str],
        recipients: Iterable[tuple[str, str | None]],
        number: int = 0,
    ) -> Edition:
        """Store edition `number` of `day` with one pending ledger row per recipient,
        atomically; when another sender stored that one first, return theirs instead."""
        ...

    def last(self, day: str | None = None) -> Edition | None: ...

    def last_before(self, day: str) -> Edition | None: ...

    def recent(self, limit: int) -> list[Edition]:
        """The newest editions first."""
        ...

    def unfinished(self, free_at: datetime | None = None) -> Edition | None:
        """The newest edition with recipients pending or in flight (its send was cut short,
        or runs now), if any; asked of the ledger, whatever the edition's own status says.
        With `free_at`, only an edition with pending recipients that no lease holds at that
        moment: one that nobody is sending, or whose senders have not claimed them all."""
        ...

    def stale(self) -> list[Edition]:
        """The editions still marked `sending` whose every recipient is settled: the sender
        that recorded the last result ended before it marked the edition's outcome."""
        ...

    def deferred(self) -> list[Edition]:
        """The editions waiting for nothing but deferred recipients, oldest first."""
        ...

    def in_doubt(self) -> Edition | None:
        """The newest edition with recipients whose delivery is unknown, if any."""
        ...

    def finish(self, edition_id: int) -> EditionStatus:
        """Set and return the edition's status from its ledger (`EditionStatus.of`): one with
        recipients still pending stays `sending`, to be resumed."""
        ...


class Ledger(Protocol):
    """Per-recipient deliveries of an edition: what was handed over and what came of it."""

    def deliveries(
        self, edition_id: int, status: DeliveryStatus | None = None
    ) -> list[Delivery]: ...

    def move(
        self, edition_id: int, source: Collection[DeliveryStatus], target: DeliveryStatus,
        now: datetime, *, addresses: Iterable[str] | None = None, error: str | None = None,
        holder: str | None = None,
    ) -> int:
        """Move the recipients named (all when None) that are in a `source` status to
        `target`, giving them `error` when one is given; with `holder`, only those it holds
        a live lease on. Return how many moved. Taking a message before it goes out is a
        move to `sending`; a move back to waiting frees the recipient for any sender."""
        ...

    def record(self, edition_id: int, results: Iterable[DeliveryResult], now: datetime,
               holder: str | None = None) -> None:
        """Store the outcome of a batch, in one transaction; with `holder`, only of the rows
        that sender holds (one that another sender claimed meanwhile is theirs)."""
        ...

    def record_and_take(self, edition_id: int, results: Sequence[DeliveryResult],
                        addresses: Sequence[str], now: datetime, holder: str) -> int:
        """Record the results of the unit just sent (as `record` with `holder`) and take the
        next unit, `addresses`, to `sending` (as `move` from waiting with `holder`), in one
        transaction: a crash leaves each unit recorded or in flight, as two writes would,
        for half their cost. Return how many of `addresses` moved."""
        ...

    def claim(
        self, edition_id: int, owner: str, now: datetime, until: datetime, limit: int | None,
        statuses: Sequence[DeliveryStatus] = OUTSTANDING,
    ) -> list[Delivery]:
        """Lease to `owner` until `until` up to `limit` (None: all) recipients in `statuses`
        that no live lease holds, in ledger order; concurrent claims never get the same row."""
        ...

    def renew(self, edition_id: int, owner: str, until: datetime) -> int:
        """Extend to `until` the leases of what `owner` still holds (waiting or in flight),
        lapsed or not: nobody else took it meanwhile; rows another transaction is writing
        at that moment may be passed over (renewed next time). Return how many."""
        ...

    def release(self, edition_id: int, owner: str) -> int:
        """`owner`'s waiting recipients go back to the queue (an ending send's rest)."""
        ...

    def held(self, edition_id: int, owner: str) -> list[Delivery]:
        """The recipients `owner` holds, waiting or in flight, whether its lease lapsed or not."""
        ...

    def leases(self, now: datetime) -> set[tuple[int, str]]:
        """(edition id, owner) of every lease live at `now`: who is sending what."""
        ...

    def expire(self, owner: str) -> int:
        """End every lease of `owner`, a sender known to be gone, without waiting for them
        to lapse."""
        ...

    def lapse(self, now: datetime, error: str) -> set[int]:
        """Recipients in flight (`sending`) whose lease lapsed, or that never had one, become
        `unknown` with `error`: their sender is gone, and they may have gone out. Return the
        editions they are in."""
        ...

    def undelivered(self, edition_id: int) -> list[Delivery]:
        """Recipients the next send delivers to: pending and deferred."""
        ...


@dataclass(frozen=True)
class SourceHealth:
    """How a source's runs have gone: the failures in a row, and the last streak that ended."""

    source: str
    failures: int  # failed runs in a row; 0 when the last run worked
    failing_since: datetime | None  # the first failed run of the current streak
    last_error: str | None
    last_success: datetime | None
    ended_since: datetime | None = None  # `failing_since` of the last streak that ended
    ended_failures: int = 0  # how many failed runs that streak had


class HealthStore(Protocol):
    """Each source's health across runs, and the alerts already given (each fires once)."""

    def sources(self) -> list[SourceHealth]:
        """Every source with a recorded run, by name."""
        ...

    def record(self, outcomes: Iterable[tuple[str, str | None]], now: datetime,
               ) -> list[SourceHealth]:
        """Record one run of each source named, (name, None) when it worked and (name,
        error) when it failed; return their health after it."""
        ...

    def alerted(self, key: str) -> set[str]:
        """The channels the alert `key` has gone to ("-": none was due)."""
        ...

    def record_alert(self, key: str, channel: str, now: datetime) -> None: ...


class Engine(Protocol):
    """One open state: its stores over one connection (or pool)."""

    @property
    def stories(self) -> StoryStore: ...

    @property
    def http_cache(self) -> HttpCache: ...

    @property
    def editions(self) -> EditionStore: ...

    @property
    def ledger(self) -> Ledger: ...

    @property
    def health(self) -> HealthStore: ...

    @property
    def suppressions(self) -> SuppressionStore: ...

    @property
    def subscribers(self) -> SubscriberStore: ...

    @property
    def leases(self) -> LeaseStore: ...

    @property
    def rate_limits(self) -> RateLimitStore: ...

    @property
    def webhook_tokens(self) -> WebhookTokenStore: ...

    def atomic(self) -> AbstractContextManager[Engine]:
        """These stores in one write transaction: what the block changes is all kept, or
        (an exception, a fault, a crash) none of it."""
        ...

    def close(self) -> None: ...
