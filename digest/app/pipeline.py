"""The order of the stages, once: collect -> choose and summarize -> render -> deliver.

Each stage is a module of its own (`collecting`, `choosing`, `building`, and for sending
`recipients`, `edition_keys`, `delivering` and `send_report`); the runs here string them
together. The CLI and the scheduler call these functions and hold no logic of their own.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..config import Settings, SourceConfig
from ..core.errors import ConfigError, DigestError
from ..core.models import (
    DeliveryStatus,
    Digest,
    Email,
    Reason,
    Recipient,
    Selection,
    SendStatus,
    Story,
    tally,
)
from ..delivery.backends.registry import make_backend
from ..store import Store
from .building import archive_linked, build_digest, render_digest
from .choosing import next_edition
from .collect import Collection, SourceReport, SourceResult, make_source
from .collecting import collect, collect_due
from .edition_keys import edition_day, manual_key, resumed
from .lock import send_lock
from .recipients import no_recipients, recipients_of, with_subscribers
from .send_report import SendReport

if TYPE_CHECKING:  # delivering loads the sending side, which `collect` never needs
    from .delivering import DeliveredHook

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]  # what tells the time: `utc_now`, or a test's own clock


def utc_now() -> datetime:
    return datetime.now(UTC)


def collect_and_store(
    settings: Settings,
    clock: Clock = utc_now,
    on_done: Callable[[SourceResult], None] | None = None,
) -> Collection:
    """`digest run`'s collect job: fetch every source now and store what is new; build
    nothing."""
    with Store.open(settings.state_location()) as state:
        return collect(settings, state, clock(), store=True, on_done=on_done)


def collect_for_next(
    settings: Settings,
    clock: Clock = utc_now,
    on_done: Callable[[SourceResult], None] | None = None,
) -> tuple[Collection, Selection]:
    """`digest collect`: fetch every source now, store what is new, and tell how the next
    edition would be chosen then (`upcoming`), read in the same session of the state."""
    with Store.open(settings.state_location()) as state:
        collection = collect(settings, state, clock(), store=True, on_done=on_done)
        return collection, next_edition(settings, state, clock(), collection.new_stories())


def upcoming(settings: Settings, clock: Clock = utc_now) -> Selection:
    """How the next new edition would be chosen from the stories stored so far (`collect`):
    today's, or when today's is out, the one after it."""
    with Store.peek(settings.state_location()) as state:
        return next_edition(settings, state, clock())


def check(settings: Settings) -> tuple[list[str], list[str]]:
    """Every problem that would stop a send, found without fetching or sending anything, and
    the recipient rows a send would skip (each already logged as a warning, as `send` does)."""
    problems: list[str] = []
    skipped: list[str] = []
    try:
        skipped = recipients_of(settings)[1]
    except ConfigError as exc:
        problems.append(str(exc))
    for config in settings.sources:
        source = make_source(config, settings.base_dir)
        problems += [f"source {config.name}: {problem}" for problem in source.check()]
    empty = Digest(settings.newsletter.title, utc_now(), ())
    try:
        render_digest(settings, empty)
    except DigestError as exc:
        problems.append(str(exc))
    return problems, skipped


def preview(
    settings: Settings, now: datetime, *, refresh: bool = False,
    on_done: Callable[[SourceResult], None] | None = None,
) -> tuple[Digest, Email, Collection]:
    """The digest that `send` would deliver now; nothing is marked as sent.

    Sources on the network are fetched only when due (`collect_due`); local ones are read
    each time and not stored, so an edit to them shows at once.
    """
    fetched = collect_due(settings, now, refresh=refresh, on_done=on_done)
    local = [c for c in settings.sources if not make_source(c, settings.base_dir).urls()]
    digest, email, read = rehearse_digest(settings, now, local, fetched)
    order = {c.name: i for i, c in enumerate(settings.sources)}
    reports = sorted(read.reports + (fetched.reports if fetched else []),
                     key=lambda r: order[r.name])
    return digest, email, replace(read, reports=reports)


def rehearse_digest(
    settings: Settings, now: datetime, sources: Sequence[SourceConfig] | None = None,
    fetched: Collection | None = None,
) -> tuple[Digest, Email, Collection]:
    """The digest `send` would deliver now with the sources (default: all) fetched afresh,
    the stories just `fetched` and the stories stored, without changing any state."""
    with Store.peek(settings.state_location()) as state:
        collection = collect(settings, state, now, store=False, sources=sources)
        fresh = [*(fetched.stories if fetched else ()), *collection.stories]
        uncollected = collection.left_out + (fetched.left_out if fetched else Counter())
        digest = build_digest(settings, fresh, state, now, uncollected=uncollected)
    return digest, render_digest(settings, digest), collection


def send(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    dry_run: bool = False,
    force: bool = False,
    to: Sequence[Recipient] = (),
    edition_key: str | None = None,
    wait: bool = False,
    collect_first: bool = True,
    should_stop: Callable[[], bool] = lambda: False,
    on_source_done: Callable[[SourceResult], None] | None = None,
    on_delivered: DeliveredHook | None = None,
    resend_unknown: bool = False,
    sleep: Callable[[float], None] = time.sleep,
) -> SendReport:
    """Build the edition and deliver it to every recipient once.

    `to` makes a test send to those addresses alone: nothing is recorded. `dry_run` builds
    and checks every message and contacts nobody. `force` starts a new edition even when this
    one was already sent. An edition whose sending was interrupted is resumed first, with the
    content it was rendered with. `edition_key` names the edition (default: today's). With a
    SQLite state one process sends at a time (`wait` waits for the other, else
    LockedError); with PostgreSQL any number share the edition, each claiming its
    recipients from the ledger, and each waits (`sleep`) while others hold some, to take
    over the batch of one that stalls or is lost. Without `collect_first`, the edition is
    built from the stories collected earlier.

    Recipients in flight when an earlier run died become unknown and are not sent again;
    `resend_unknown` sends the newest edition's unknown recipients again (and its deferred).
    Earlier editions' deferred recipients are retried before a new edition is made.
    """
    from . import delivering
    from .send_lease import settle_in_flight

    if to or dry_run:
        return _send_unrecorded(settings, clock, dry_run, to)
    recipients, problems = recipients_of(settings)
    with send_lock(settings).acquire(wait) as sender, \
            Store.open(settings.state_location()) as state:
        recipients = with_subscribers(recipients, state)
        if not recipients:
            raise no_recipients(problems)
        now = clock()
        key = edition_key or manual_key(settings, now)
        settle_in_flight(state, now, sender.alive)
        edition = resumed(state, key, now)
        if resend_unknown:
            edition = state.editions.in_doubt()
            if edition is None:
                return SendReport(SendStatus.NONE_IN_DOUBT, key, problems=problems)
            state.ledger.move(edition.id, [DeliveryStatus.UNKNOWN], DeliveryStatus.PENDING, now)
        if edition is None:
            edition, stopped = delivering.retry_deferred(
                settings, state, key, force, recipients, clock, should_stop, sender, sleep)
            problems = problems + stopped
        sources: list[SourceReport] = []
        selection = None
        if edition is None:
            existing = state.editions.last(key)
            if existing is not None and not force:
                return SendReport(SendStatus.ALREADY_SENT, key, edition=existing.id,
                                  stories=len(existing.story_ids), problems=problems)
            if should_stop():  # e.g. a runner no longer leading: it makes no edition
                return SendReport(SendStatus.INTERRUPTED, key, problems=problems)
            fresh: list[Story] = []
            uncollected: Counter[Reason] = Counter()
            if collect_first:
                collection = collect(settings, state, now, store=True, on_done=on_source_done)
                sources, fresh = collection.reports, collection.stories
                uncollected = collection.left_out
            digest = build_digest(settings, fresh, state, now, key, uncollected)
            selection = digest.selection
            if not digest.summaries:
                return SendReport(SendStatus.NOTHING_NEW, key, sources=sources, problems=problems,
                                  selection=selection, strict=settings.strict)
            email = render_digest(archive_linked(settings, key), digest)
            # What fitting the size left out is not sent: it stays a candidate. A sender
            # that stored the same edition first makes this one join it.
            edition = state.editions.create(
                day=key, now=now, email=email,
                story_ids=list(email.shown or (s.story.id for s in digest.summaries)),
                recipients=[(r.email, r.name) for r in recipients],
                number=existing.number + 1 if existing is not None else 0,
            )
        else:
            log.info("resuming edition %s of %s", edition.id, edition.day)
        results, error = delivering.deliver_edition(
            settings, state, edition, recipients, clock, should_stop, on_delivered, sender,
            sleep)
        state.editions.finish(edition.id)
        counts = tally(d.status for d in state.ledger.deliveries(edition.id))
        report = SendReport(
            SendStatus.of(counts), edition.day, edition=edition.id,
            stories=len(edition.story_ids), results=results, sources=sources, problems=problems,
            selection=selection, strict=settings.strict,
        )
        report.stopped_by(error)
        return report


def _send_unrecorded(
    settings: Settings, clock: Clock, dry_run: bool, to: Sequence[Recipient]
) -> SendReport:
    """A dry run (every message built, nobody contacted) or a test send: no state changes."""
    from ..delivery.deliver import deliver, rehearse
    from . import delivering

    now = clock()
    recipients, problems = (list(to), []) if to else recipients_of(settings)
    digest, email, collection = rehearse_digest(settings, now)
    report = SendReport(SendStatus.DRY_RUN, edition_day(settings, now),
                        stories=len(digest.summaries), sources=collection.reports,
                        problems=problems, selection=digest.selection, strict=settings.strict)
    if not digest.summaries:
        report.status = SendStatus.NOTHING_NEW
    elif dry_run:
        rehearse(email, recipients, settings.newsletter, now)
    else:
        backend = make_backend(settings.delivery, settings.path)
        report.results, error = delivering.attempted(lambda: deliver(
            email, recipients, backend, settings.newsletter, clock,
            edition=f"test:{now.isoformat()}"))
        report.status = SendStatus.of(report.counts)
        report.stopped_by(error)
    return report
