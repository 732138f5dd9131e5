"""The plain data that flows between the stages. No I/O here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

MAX_IMAGE_SIDE = 20_000


class DeliveryStatus(StrEnum):
    """Where one recipient's copy of an edition stands in the ledger."""

    PENDING = "pending"  # not handed to the backend yet
    SENDING = "sending"  # handed to the server this moment; no outcome recorded yet
    SENT = "sent"
    FAILED = "failed"  # a permanent answer: not tried again
    DEFERRED = "deferred"  # a temporary answer outlasted this run's retries: the next run retries
    UNKNOWN = "unknown"  # in doubt, it may have gone out: resent only by `send --resend-unknown`
    SUPPRESSED = "suppressed"  # on the suppression list (left, bounced, complained): not sent


class SuppressionReason(StrEnum):
    """Why an address is on the suppression list."""

    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"  # a hard bounce
    SOFT_BOUNCED = "soft_bounced"  # soft bounces, again and again
    COMPLAINED = "complained"  # marked as spam
    MANUAL = "manual"  # put there by the operator


# Recipients the next `digest send` delivers to.
OUTSTANDING = (DeliveryStatus.PENDING, DeliveryStatus.DEFERRED)


def tally(statuses: Iterable[str]) -> dict[DeliveryStatus, int]:
    """How many recipients are in each status; every status is there, 0 when none is."""
    counts = dict.fromkeys(DeliveryStatus, 0)
    for status in statuses:
        counts[DeliveryStatus(status)] += 1
    return counts


class EditionStatus(StrEnum):
    SENDING = "sending"  # some recipients pending (a run was cut short): the next send resumes it
    DEFERRED = "deferred"  # some recipients deferred: each send retries them till give_up_after
    SENT = "sent"
    PARTIAL = "partial"  # every recipient settled, some sent and some failed
    FAILED = "failed"  # every recipient settled, none sent
    UNKNOWN = "unknown"  # settled but for some in doubt: see `send --resend-unknown`

    @classmethod
    def of(cls, counts: dict[DeliveryStatus, int]) -> EditionStatus:
        """Where an edition stands when its ledger counts are `counts`."""
        if counts[DeliveryStatus.PENDING] or counts[DeliveryStatus.SENDING]:
            return cls.SENDING
        return cls(outcome(counts))


def outcome(counts: dict[DeliveryStatus, int]) -> str:
    """What delivering to every recipient counted in `counts` came to, each settled or left
    for later: deferred, unknown, sent, partial, or failed (never partial when nobody got it)."""
    if counts[DeliveryStatus.DEFERRED]:
        return "deferred"
    if counts[DeliveryStatus.UNKNOWN]:
        return "unknown"
    if not counts[DeliveryStatus.FAILED]:
        return "sent"
    return "partial" if counts[DeliveryStatus.SENT] else "failed"


class SourceStatus(StrEnum):
    OK = "ok"
    NOT_MODIFIED = "not_modified"  # the server answered 304
    ERROR = "error"


class SendStatus(StrEnum):
    """What one `digest send` did, as `send --json` reports it."""

    SENT = "sent"
    PARTIAL = "partial"
    FAILED = "failed"
    DEFERRED = "deferred"  # some recipients are to be retried by the next send
    UNKNOWN = "unknown"  # some recipients are in doubt (`send --resend-unknown`)
    INTERRUPTED = "interrupted"
    ALREADY_SENT = "already_sent"
    NOTHING_NEW = "nothing_new"
    NONE_IN_DOUBT = "none_in_doubt"  # `--resend-unknown` found nobody to resend to
    DRY_RUN = "dry_run"

    @classmethod
    def of(cls, counts: dict[DeliveryStatus, int]) -> SendStatus:
        """The outcome of delivering to every recipient counted in `counts`: interrupted
        while some are still pending or in flight, whoever holds them."""
        if counts[DeliveryStatus.PENDING] or counts[DeliveryStatus.SENDING]:
            return cls.INTERRUPTED
        return cls(outcome(counts))


@dataclass(frozen=True)
class Article:
    """Text pulled out of one document (a page, a file) before it becomes a Story."""

    title: str | None
    paragraphs: tuple[str, ...]
    author: str | None = None
    published: datetime | None = None
    image: str | None = None
    image_size: tuple[int, int] | None = None  # (width, height) in pixels, when the source says
    site_name: str | None = None
    description: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Story:
    """One story collected from a source."""

    id: str
    source: str
    title: str
    url: str | None
    published: datetime | None
    paragraphs: tuple[str, ...]
    author: str | None = None
    image: str | None = None
    image_size: tuple[int, int] | None = None


def pixel_size(width: Any, height: Any) -> tuple[int, int] | None:
    """An image's (width, height) from a source's attributes ("800", 450, "450px", 800.0),
    when both are sane pixel counts; None otherwise."""
    try:
        size = pixels(width), pixels(height)
    except (ValueError, OverflowError):  # not a number, or not a finite one
        return None
    return size if all(0 < side <= MAX_IMAGE_SIDE for side in size) else None


def pixels(value: Any) -> int:
    return round(float(str(value).strip().removesuffix("px")))


class Reason(StrEnum):
    """Why selection kept a candidate story or left it out, in the order the rules apply."""

    KEPT = "kept"
    SENT = "sent"  # in an earlier edition (the same id or canonical URL)
    OLDER = "older"  # from before the window or the last digest
    FILTERED = "filtered"  # the source's include/exclude words
    DUPLICATE = "duplicate"  # the same story as one kept from another source
    SOURCE_LIMIT = "source_limit"  # over its source's max_stories
    LIMIT = "limit"  # over max_stories


@dataclass(frozen=True)
class Decision:
    """What selection decided for one candidate story, and the rule in words."""

    story: Story
    reason: Reason
    why: str = ""
    also_in: tuple[str, ...] = ()  # a kept story: the other sources that had it


@dataclass(frozen=True)
class Selection:
    """Every candidate of an edition, newest first, each with its decision, chosen at `now`.
    The candidates count from `since`: the last digest's time when `after_digest`, else the
    window's start."""

    decisions: tuple[Decision, ...]
    since: datetime
    now: datetime
    after_digest: bool = False
    # entries that collection did not make stories, by rule (older, over a source's limit)
    uncollected: Mapping[Reason, int] = field(default_factory=dict)

    @property
    def kept(self) -> list[Decision]:
        return [d for d in self.decisions if d.reason is Reason.KEPT]

    @property
    def counts(self) -> dict[Reason, int]:
        """How many candidates each rule decided; every reason is there, 0 when none."""
        counts = dict.fromkeys(Reason, 0)
        for decision in self.decisions:
            counts[decision.reason] += 1
        for reason, count in self.uncollected.items():
            counts[reason] += count
        return counts

    @property
    def left_out(self) -> dict[Reason, int]:
        """How many candidates each rule left out, every rule named (0 when none)."""
        return {r: n for r, n in self.counts.items() if r is not Reason.KEPT}


@dataclass(frozen=True)
class Quote:
    """A direct quotation and who said it."""

    text: str
    speaker: str | None
    role: str | None = None


@dataclass(frozen=True)
class Summary:
    """What the reader gets of one story: its lead and its key quotes."""

    story: Story
    lead: str
    quotes: tuple[Quote, ...]
    also_in: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    summaries: tuple[Summary, ...]


@dataclass(frozen=True)
class Digest:
    """One edition: the stories chosen for a day, grouped into sections."""

    title: str
    date: datetime
    sections: tuple[Section, ...]
    troubled_sources: tuple[str, ...] = ()  # sources whose last run failed (`alerts.footer`)
    selection: Selection | None = field(default=None, compare=False)

    @property
    def summaries(self) -> tuple[Summary, ...]:
        return tuple(s for section in self.sections for s in section.summaries)

    @property
    def source_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.story.source for s in self.summaries))


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str | None = None
    fields: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Email:
    """A rendered digest, the same for every recipient but for personalization."""

    subject: str
    html: str
    text: str
    preheader: str
    # the stories it shows in full or as links, when fitting its size left some out (None:
    # every story of its digest); not stored: an edition keeps the ids of what it showed
    shown: tuple[str, ...] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class DeliveryResult:
    recipient: str
    status: DeliveryStatus
    message_id: str | None = None
    error: str | None = None
