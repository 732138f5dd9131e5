"""The order of the stages, once: collect -> select and summarize -> render -> deliver.

The CLI and the scheduler call these functions and hold no logic of their own.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from .addresses import load_recipients
from .backends import make_backend
from .collect import Collection, SourceReport, SourceResult, fetch_sources, summarize_results
from .config import Settings
from .deliver import deliver
from .errors import ConfigError, DigestError
from .message import build_message
from .models import DeliveryResult, Digest, Email, Recipient, Section, Story
from .render import Renderer
from .select import select_stories
from .sources import make_source
from .state import State
from .summarize import summarize

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
KNOWN_FOR = timedelta(days=90)  # how long a fetched story is remembered as not new


def utc_now() -> datetime:
    return datetime.now(UTC)


def collect(
    settings: Settings,
    state: State,
    now: datetime,
    *,
    store: bool,
    on_done: Callable[[SourceResult], None] | None = None,
) -> Collection:
    """Fetch every source; with `store`, remember new stories and HTTP validators."""
    known = state.known_ids(now - KNOWN_FOR)
    results = fetch_sources(settings, now=now, validators=state.validators, known_ids=known,
                            on_done=on_done)
    fetched = {s.id for r in results if r.fetched for s in r.fetched.stories}
    collection = summarize_results(results, fetched - known)
    if store:
        state.record_stories(collection.stories, now)
        state.record_validators(collection.validators, now)
    return collection


def collect_and_store(
    settings: Settings,
    clock: Clock = utc_now,
    on_done: Callable[[SourceResult], None] | None = None,
) -> Collection:
    """`digest collect`: fetch every source now and store what is new; build nothing."""
    with State.open(settings.path(settings.state.path)) as state:
        return collect(settings, state, clock(), store=True, on_done=on_done)


def edition_day(settings: Settings, now: datetime) -> str:
    """The date of the edition in the newsletter's own time zone."""
    return now.astimezone(settings.schedule.zone).date().isoformat()


def build_digest(
    settings: Settings, fresh: Sequence[Story], state: State, now: datetime
) -> Digest:
    """Choose, summarize and group the stories of the edition that would be sent `now`.

    The candidates are the stories stored since the last edition, and `fresh` ones.
    """
    day = edition_day(settings, now)
    previous = state.last_edition_before(day)
    since = previous.created_at if previous else now - settings.window
    candidates = {s.id: s for s in state.stored_stories(seen_since=since)}
    candidates.update((s.id, s) for s in fresh)
    stories = list(candidates.values())
    chosen = select_stories(
        stories,
        since=since,
        now=now,
        first_seen=state.first_seen(s.id for s in stories),
        already_sent=state.sent_story_ids(before_day=day),
        sent_urls=state.sent_urls(before_day=day),
        ageless_sources={s.name for s in settings.sources if s.ignore_age},
        max_per_source={s.name: s.max_stories for s in settings.sources if s.max_stories},
        max_stories=settings.max_stories,
    )
    options = settings.summarizer
    summaries = [
        replace(
            summarize(
                story,
                max_quotes=options.max_quotes,
                lead_paragraphs=options.lead_paragraphs,
                lead_max_words=options.lead_max_words,
            ),
            also_in=also_in,
        )
        for story, also_in in chosen
    ]
    section_of = {s.name: s.section or s.name for s in settings.sources}
    sections: dict[str, list] = {section_of.get(s.name, s.name): [] for s in settings.sources}
    for summary in summaries:
        sections.setdefault(section_of.get(summary.story.source, summary.story.source), []).append(
            summary
        )
    return Digest(
        title=settings.newsletter.title,
        date=now.astimezone(settings.schedule.zone),
        sections=tuple(Section(title, tuple(items)) for title, items in sections.items() if items),
    )


def render_digest(settings: Settings, digest: Digest) -> Email:
    templates_dir = settings.path(settings.templates_dir) if settings.templates_dir else None
    return Renderer.create(templates_dir).render(digest, settings.newsletter)


@dataclass
class SendReport:
    """What `send` did, for the CLI to print and to turn into an exit code."""

    status: str  # sent | partial | failed | already_sent | nothing_new | dry_run
    day: str
    edition: int | None = None
    stories: int = 0
    results: list[DeliveryResult] = field(default_factory=list)
    sources: list[SourceReport] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        failed = [r for r in self.results if r.status == "failed"]
        if self.results and len(failed) == len(self.results):
            return 3
        if failed or self.problems or any(s.status == "error" for s in self.sources):
            return 1
        return 0


def recipients_of(settings: Settings) -> tuple[list[Recipient], list[str]]:
    recipients, problems = load_recipients(
        ((r.email, r.name) for r in settings.recipients),
        settings.path(settings.recipients_file) if settings.recipients_file else None,
    )
    if not recipients:
        raise ConfigError(
            "no recipients to send to: add addresses under recipients: or a recipients_file:"
            + (f" ({len(problems)} invalid rows skipped)" if problems else "")
        )
    return recipients, problems


def check(settings: Settings) -> list[str]:
    """Every problem that would stop a send, found without fetching or sending anything."""
    problems: list[str] = []
    try:
        problems += recipients_of(settings)[1]
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
    return problems


def preview(settings: Settings, now: datetime) -> tuple[Digest, Email, Collection]:
    """The digest that `send` would deliver now, without changing any state."""
    with State.peek(settings.path(settings.state.path)) as state:
        collection = collect(settings, state, now, store=False)
        digest = build_digest(settings, collection.stories, state, now)
    return digest, render_digest(settings, digest), collection


def send(
    settings: Settings,
    *,
    clock: Clock = utc_now,
    dry_run: bool = False,
    force: bool = False,
    to: Sequence[Recipient] = (),
) -> SendReport:
    """Build today's edition and deliver it to every recipient once.

    `to` makes a test send to those addresses alone: nothing is recorded. `dry_run` builds
    and checks every message and contacts nobody. `force` starts a new edition even when
    today's was already sent. An edition whose sending was interrupted is resumed first,
    with the content it was rendered with.
    """
    now = clock()
    day = edition_day(settings, now)
    if to or dry_run:
        return _send_unrecorded(settings, clock, dry_run, to)
    recipients, problems = recipients_of(settings)
    with State.open(settings.path(settings.state.path)) as state:
        edition = state.unfinished_edition()
        sources: list[SourceReport] = []
        if edition is None:
            today = state.last_edition(day)
            if today is not None and not force:
                return SendReport("already_sent", day, edition=today.id,
                                  stories=len(today.story_ids), problems=problems)
            collection = collect(settings, state, now, store=True)
            sources = collection.reports
            digest = build_digest(settings, collection.stories, state, now)
            if not digest.summaries:
                return SendReport("nothing_new", day, sources=sources, problems=problems)
            edition = state.create_edition(
                day=day, now=now, email=render_digest(settings, digest),
                story_ids=[s.story.id for s in digest.summaries],
                recipients=[(r.email, r.name) for r in recipients],
            )
        else:
            log.info("resuming edition %s of %s", edition.id, edition.day)
        pending = [Recipient(d.address, d.name) for d in state.deliveries(edition.id, "pending")]

        def record(result: DeliveryResult) -> None:
            state.record_delivery(edition.id, result.recipient, result.status, clock(),
                                  result.message_id, result.error)

        results = deliver(edition.email, pending, make_backend(settings), settings.newsletter,
                          clock, record)
        state.finish_edition(edition.id)
        return SendReport(_status(results), edition.day, edition=edition.id,
                          stories=len(edition.story_ids), results=results, sources=sources,
                          problems=problems)


def _send_unrecorded(
    settings: Settings, clock: Clock, dry_run: bool, to: Sequence[Recipient]
) -> SendReport:
    """A dry run (every message built, nobody contacted) or a test send: no state changes."""
    now = clock()
    recipients, problems = (list(to), []) if to else recipients_of(settings)
    digest, email, collection = preview(settings, now)
    report = SendReport("dry_run", edition_day(settings, now), stories=len(digest.summaries),
                        sources=collection.reports, problems=problems)
    if not digest.summaries:
        report.status = "nothing_new"
    elif dry_run:
        for recipient in recipients:
            build_message(email, recipient, settings.newsletter, now).as_bytes()
    else:
        report.results = deliver(email, recipients, make_backend(settings), settings.newsletter,
                                 clock)
        report.status = _status(report.results)
    return report


def _status(results: Sequence[DeliveryResult]) -> str:
    failed = sum(r.status == "failed" for r in results)
    if not failed:
        return "sent"
    return "failed" if failed == len(results) else "partial"
