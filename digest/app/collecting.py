"""Collecting, the first stage: the sources fetched and what they gave stored (new stories,
HTTP validators, each source's run for its health), or only read when nothing may change.
`collect.py` runs the sources themselves."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from ..config import Settings, SourceConfig
from ..core.errors import StateError
from ..store import Store
from . import health
from .collect import Collection, SourceResult, fetch_sources, make_source, summarize_results
from .edition_keys import edition_since

log = logging.getLogger("digest.app.pipeline")  # one logger for every stage of a run

PREVIEW_FRESH = timedelta(minutes=30)  # without collect_every, a preview's stories keep this


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
