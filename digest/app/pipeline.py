"""The order of the stages, once: collect -> select and summarize -> render -> deliver.

The CLI and the scheduler call these functions and hold no logic of their own.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..config import Settings, SourceConfig
from ..core.errors import ConfigError, DigestError, StateError
from ..core.models import (
    DeliveryResult,
    DeliveryStatus,
    Digest,
    Email,
    Reason,
    Recipient,
    Section,
    Selection,
    SendStatus,
    SourceStatus,
    Story,
    tally,
)
from ..delivery.addresses import load_recipients
from ..delivery.backends.base import BackendError, UnavailableError
from ..delivery.backends.registry import make_backend
from ..select import Keywords, select_stories, summary_line
from ..store import Edition, Store
from . import health
from .collect import (
    Collection,
    SourceReport,
    SourceResult,
    fetch_sources,
    make_source,
    summarize_results,
)
from .lock import send_lock
from .slots import latest_slot

if TYPE_CHECKING:  # delivering loads the sending side, which `collect` never needs
    from .delivering import DeliveredHook

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]  # what tells the time: `utc_now`, or a test's own clock
PREVIEW_FRESH = timedelta(minutes=30)  # without collect_every, a preview's stories keep this


def utc_now() -> datetime:
    return datetime.now(UTC)


def collect(
    settings: Settings,
    state: Store,
    now: datetime,
    *,
    store: bool,
    on_done: Callable[[SourceResult], None] | None = None,
    sources: Sequence[SourceConfig] | None = None,
    runs_count: bool = True,
) -> Collection:
    """Fetch the sources (default: all); with `store`, remember new stories and HTTP
    validators, and with `runs_count` too, each source's run for its health (and alerts).
    Only what the next edition can take is made into stories."""

    def known(ids: Iterable[str]) -> set[str]:
        return set(state.stories.first_seen(ids))

    results = fetch_sources(settings, now=now, validators=state.http_cache.validators,
                            known=known, sent=state.stories.sent_among,
                            since=edition_since(settings, state, now),
                            sources=sources, on_done=on_done)
    fetched = [s for r in results if r.fetched for s in r.fetched.stories]
    if store:  # what storing finds new is what is new: the state is not asked twice
        new = state.stories.record(fetched, now)
    else:
        ids = {s.id for s in fetched}
        new = ids - known(ids)
    collection = summarize_results(results, new, state.http_cache.validators)
    if store:
        state.http_cache.record(collection.validators, now)
        if runs_count:
            health.record_runs(settings, state, collection.reports, now)
    return collection


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


def edition_since(settings: Settings, state: Store, now: datetime, key: str | None = None
                  ) -> datetime:
    """When stories start to count for the edition `key` (default: one sent now): the last
    edition before it, or the window back from now."""
    previous = state.editions.last_before(key or manual_key(settings, now))
    return stories_since(settings, previous, now)


def stories_since(settings: Settings, previous: Edition | None, now: datetime) -> datetime:
    """When stories start to count after the edition `previous`: when it was made, or the
    window back from `now` when there is none."""
    return previous.created_at if previous else now - settings.window


def edition_day(settings: Settings, now: datetime) -> str:
    """The date of the edition in the newsletter's own time zone."""
    return now.astimezone(settings.schedule.zone).date().isoformat()


def choose(
    settings: Settings, fresh: Sequence[Story], state: Store, now: datetime,
    key: str | None = None, uncollected: Mapping[Reason, int] | None = None,
    in_hand: Mapping[str, Story] | None = None,
) -> Selection:
    """Every candidate of the edition `key` (default: today's) and what selection decided
    for it. The candidates are the stories stored since the last edition, and `fresh` ones;
    `uncollected` counts the entries that the collection of `fresh` did not make stories;
    `in_hand`, stories just stored, by id, which are not read back."""
    day = key or manual_key(settings, now)
    previous = state.editions.last_before(day)
    since = stories_since(settings, previous, now)
    candidates = {s.id: s for s in state.stories.stored(seen_since=since, in_hand=in_hand)}
    candidates.update((s.id, s) for s in fresh)
    stories = list(candidates.values())
    selection = select_stories(
        stories,
        since=since,
        now=now,
        # A story counts from when it was first seen only when it has no date of its own.
        first_seen=state.stories.first_seen(s.id for s in stories if s.published is None),
        already_sent=state.stories.sent_story_ids(before_day=day),
        sent_urls=state.stories.sent_urls(before_day=day),
        ageless_sources={s.name for s in settings.sources if s.ignore_age},
        max_per_source={s.name: s.max_stories for s in settings.sources if s.max_stories},
        max_stories=settings.max_stories,
        filters={s.name: Keywords.of(s.include, s.exclude) for s in settings.sources},
        after_digest=previous is not None,
        uncollected=uncollected or {},
    )
    log.info("%s", summary_line(selection), extra={"left_out": selection.left_out})
    return selection


def build_digest(
    settings: Settings, fresh: Sequence[Story], state: Store, now: datetime,
    key: str | None = None, uncollected: Mapping[Reason, int] | None = None,
) -> Digest:
    """Choose, summarize and group the stories of the edition `key` (default: today's)."""
    from ..summarize import summarize

    selection = choose(settings, fresh, state, now, key, uncollected)
    options = settings.summarizer
    summaries = [
        replace(
            summarize(
                decision.story,
                max_quotes=options.max_quotes,
                lead_paragraphs=options.lead_paragraphs,
                lead_max_words=options.lead_max_words,
            ),
            also_in=decision.also_in,
        )
        for decision in selection.kept
    ]
    section_of = {s.name: heading(s.section or s.name) for s in settings.sources}
    sections: dict[str, list] = {section_of[s.name]: [] for s in settings.sources}
    for summary in summaries:
        source = summary.story.source
        sections.setdefault(section_of.get(source, heading(source)), []).append(summary)
    return Digest(
        title=settings.newsletter.title,
        date=now.astimezone(settings.schedule.zone),
        sections=tuple(Section(title, tuple(items)) for title, items in sections.items() if items),
        troubled_sources=health.troubled_sources(settings, state),
        selection=selection,
    )


def heading(name: str) -> str:
    """A section's heading: a source named by its URL is headed by its site's name."""
    parts = urlsplit(name)
    if parts.scheme in ("http", "https") and parts.hostname:
        return parts.hostname.removeprefix("www.")
    return name


def archive_linked(settings: Settings, key: str) -> Settings:
    """The settings for rendering edition `key`: `web_version_url` defaults to the edition's
    page in the public archive of `digest serve`, when there is one."""
    newsletter = settings.newsletter
    if newsletter.web_version_url or not newsletter.base_url or not settings.archive.public:
        return settings
    from ..web.links import archive_url

    linked = newsletter.model_copy(
        update={"web_version_url": archive_url(newsletter.base_url, key)})
    return settings.model_copy(update={"newsletter": linked})


def render_digest(settings: Settings, digest: Digest) -> Email:
    from ..render.renderer import Renderer

    templates_dir = settings.path(settings.templates_dir) if settings.templates_dir else None
    return Renderer.create(templates_dir).render(digest, settings.newsletter)


@dataclass
class SendReport:
    """What `send` did, for the CLI to print and to turn into an exit code."""

    status: SendStatus
    day: str
    edition: int | None = None
    stories: int = 0
    results: list[DeliveryResult] = field(default_factory=list)
    sources: list[SourceReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error_code: int | None = None  # the backend stopped the send (bad credentials, config)
    selection: Selection | None = None  # how the new edition's stories were chosen
    strict: bool = False  # any failed source makes the exit code 1

    def stopped_by(self, error: BackendError | None) -> None:
        """Note the error a backend raised mid-send; but for "try later", the send failed."""
        if error is not None:
            log.error("%s", error)
            self.problems.append(str(error))
            if not isinstance(error, UnavailableError):
                self.error_code = error.exit_code
                self.status = SendStatus.FAILED

    @property
    def counts(self) -> dict[DeliveryStatus, int]:
        """How many recipients ended in each status."""
        return tally(r.status for r in self.results)

    @property
    def sources_failed(self) -> int:
        return sum(s.status is SourceStatus.ERROR for s in self.sources)

    @property
    def exit_code(self) -> int:
        counts = self.counts
        if self.error_code:
            return self.error_code
        if self.results and not counts[DeliveryStatus.SENT]:
            return 3
        unsettled = sum(counts[s] for s in (DeliveryStatus.FAILED, DeliveryStatus.DEFERRED,
                                            DeliveryStatus.UNKNOWN))
        return 1 if unsettled or self.problems or self.failed_by_sources else 0

    @property
    def failed_by_sources(self) -> bool:
        """Whether failed sources make this send a failure: with `strict`, any one; else only
        when nothing went out and no source worked (an outage is not a quiet news day). A
        failed source is reported either way."""
        failed = self.sources_failed
        if self.strict or not failed:
            return bool(failed)
        return failed == len(self.sources) and not self.counts[DeliveryStatus.SENT]


def recipients_of(settings: Settings) -> tuple[list[Recipient], list[str]]:
    recipients, problems = load_recipients(
        ((r.email, r.name) for r in settings.recipients),
        settings.path(settings.recipients_file) if settings.recipients_file else None,
    )
    if not recipients and not settings.newsletter.signup:
        raise no_recipients(problems)
    return recipients, problems


def no_recipients(problems: Sequence[str]) -> ConfigError:
    return ConfigError(
        "no recipients to send to: add addresses under recipients: or a recipients_file:"
        + (f" ({len(problems)} invalid rows skipped)" if problems else "")
    )


def with_subscribers(recipients: list[Recipient], state: Store) -> list[Recipient]:
    """The config's recipients and the confirmed subscribers they do not name already."""
    named = {r.email.lower() for r in recipients}
    extra = [Recipient(s.address, s.name) for s in state.subscribers.all()
             if s.address.lower() not in named]
    return recipients + extra


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


def collect_due(
    settings: Settings, now: datetime, *, refresh: bool = False,
    on_done: Callable[[SourceResult], None] | None = None,
) -> Collection | None:
    """For previews: fetch and store the network sources last fetched longer ago than
    `schedule.collect_every` (or 30 minutes), or all of them with `refresh`, as
    `digest collect` does; None when none was due. So neither a second preview nor a page
    reload fetches again what was just fetched. A state this user may not write is read
    only: what is fetched is then not kept, and fetched again next time."""
    fresh_from = now - (settings.schedule.collect_every or PREVIEW_FRESH)
    remote = [(c, make_source(c, settings.base_dir).urls()) for c in settings.sources]
    remote = [(c, urls) for c, urls in remote if urls]
    location = settings.state_location()
    if not refresh:
        with Store.peek(location) as state:
            checked = state.http_cache.checked(url for _, urls in remote for url in urls)
        remote = [(c, urls) for c, urls in remote
                  if any(checked.get(url, fresh_from) <= fresh_from for url in urls)]
    if not remote:
        return None
    try:
        state, store = Store.open(location), True
    except StateError as exc:
        log.warning("%s; the preview keeps nothing it fetches", exc)
        state, store = Store.peek(location), False
    with state:
        # A preview's fetch is no run of the source: it counts toward no health or alert.
        return collect(settings, state, now, store=store, on_done=on_done,
                       sources=[c for c, _ in remote], runs_count=False)


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


def upcoming(settings: Settings, clock: Clock = utc_now) -> Selection:
    """How the next new edition would be chosen from the stories stored so far (`collect`):
    today's, or when today's is out, the one after it."""
    with Store.peek(settings.state_location()) as state:
        return next_edition(settings, state, clock())


def next_edition(settings: Settings, state: Store, now: datetime,
                 in_hand: Mapping[str, Story] | None = None) -> Selection:
    """`upcoming`, in a state already open (`in_hand`: as `choose` takes them)."""
    key = manual_key(settings, now)
    if state.editions.last(key) is not None:
        key = edition_day(settings, now + timedelta(days=1))
    return choose(settings, [], state, now, key, in_hand=in_hand)


def manual_key(settings: Settings, now: datetime) -> str:
    """The edition a hand-made `digest send` belongs to: today's, or with several send times
    a day, the latest one's."""
    if len(settings.schedule.at) > 1:
        slot = latest_slot(now, settings.schedule)
        if slot is not None:
            return slot.key
    return edition_day(settings, now)


def resumed(state: Store, key: str, now: datetime) -> Edition | None:
    """The edition a send for `key` resumes: the newest one with recipients that no live
    sender holds (cut short, or not all claimed yet), else edition `key` itself while other
    senders are on it. An older edition that live senders hold whole is theirs: this send
    goes on to `key`."""
    free = state.editions.unfinished(free_at=now)
    if free is not None:
        return free
    busy = state.editions.unfinished()
    return busy if busy is not None and busy.day == key else None


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
