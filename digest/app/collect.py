"""Fetch every source in parallel; one failing source is reported and the rest go on.

Workers only fetch and parse. The state is read before and written after, in the calling
thread, so SQLite is never touched from two threads.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..config import HttpConfig, Settings, SourceConfig
from ..core.errors import DigestError
from ..core.models import Article, SourceStatus, Story
from ..core.sanitize import one_line
from ..fetch.extract import extract_html
from ..fetch.guard import AddressGuard
from ..fetch.http import HttpClient, HttpOptions, RefusedAddress
from ..sources import SOURCE_TYPES, FetchContext, Fetched, Source

log = logging.getLogger(__name__)
PAGE_WORKERS = 8
ERROR_LENGTH = 300


@dataclass(frozen=True)
class SourceReport:
    name: str
    status: SourceStatus
    new: int
    seconds: float
    error: str | None = None


@dataclass(frozen=True)
class SourceResult:
    source: Source
    fetched: Fetched | None
    seconds: float
    error: str | None = None


@dataclass(frozen=True)
class Collection:
    stories: list[Story]
    reports: list[SourceReport]
    validators: list[tuple[str, str | None, str | None]]

    @property
    def failed(self) -> list[SourceReport]:
        return [r for r in self.reports if r.status is SourceStatus.ERROR]


def http_options(config: HttpConfig) -> HttpOptions:
    return HttpOptions(
        connect_timeout=config.connect_timeout, read_timeout=config.read_timeout,
        total_timeout=config.total_timeout, max_bytes=config.max_size, retries=config.retries,
        per_host=config.per_host, pool_size=max(config.concurrency, PAGE_WORKERS) * 2,
    )


def make_source(config: SourceConfig, base_dir: Path) -> Source:
    """Build the configured source; its options were checked when the config was loaded."""
    source_type = SOURCE_TYPES[config.type]
    return source_type(config.name, source_type.Options.model_validate(config.options), base_dir)


def fetch_sources(
    settings: Settings,
    *,
    now: datetime,
    validators: Callable[[str], tuple[str | None, str | None]],
    known_ids: frozenset[str],
    http: HttpClient | None = None,
    on_done: Callable[[SourceResult], None] | None = None,
) -> list[SourceResult]:
    """Fetch all configured sources concurrently, in config order in the result."""
    sources = [make_source(config, settings.base_dir) for config in settings.sources]
    client = http or HttpClient(http_options(settings.http), guard=AddressGuard(
        (url for source in sources for url in source.urls()), settings.http.allow_hosts))
    with ThreadPoolExecutor(PAGE_WORKERS, thread_name_prefix="page") as page_pool:
        shared = FetchContext(
            http=client, now=now, known_ids=known_ids,
            validators={url: validators(url) for s in sources for url in s.urls()},
        )

        def run(source: Source) -> SourceResult:
            started = time.perf_counter()
            refused: list[str] = []

            def fetch_pages(urls: Sequence[str]) -> list[Article | None]:
                """The pages of one source share one total timeout: a feed whose links all
                lead to a server that hangs is held up no longer than by one of them."""
                until = time.monotonic() + settings.http.total_timeout
                return list(page_pool.map(
                    lambda url: fetch_article(client, url, refused, until), urls))

            try:
                fetched = with_refusals(source.fetch(replace(shared, pages=fetch_pages)), refused)
            except DigestError as exc:
                result = SourceResult(source, None, time.perf_counter() - started,
                                      one_line(exc, ERROR_LENGTH))
            except Exception as exc:  # a bug or a library's surprise must not sink the run
                log.debug("source %s failed", source.name, exc_info=True)
                message = one_line(f"unexpected {type(exc).__name__}: {exc}", ERROR_LENGTH)
                result = SourceResult(source, None, time.perf_counter() - started, message)
            else:
                result = SourceResult(source, fetched, time.perf_counter() - started)
            if on_done is not None:
                on_done(result)
            return result

        workers = max(1, min(settings.http.concurrency, len(sources)))
        with ThreadPoolExecutor(workers, thread_name_prefix="source") as pool:
            results = list(pool.map(run, sources))
    if http is None:
        client.close()
    return results


def fetch_article(client: HttpClient, url: str, refused: list[str], until: float
                  ) -> Article | None:
    """A linked article's full text, or None (the entry's own text is kept) if unreachable
    by `until`. A link to an address the guard refuses is added to `refused`, for the
    source's report."""
    if time.monotonic() >= until:
        return None
    try:
        response = client.get(url, until=until)
        article = extract_html(response.body, url=url, charset=response.charset)
    except RefusedAddress as exc:
        refused.append(str(exc))
        return None
    except DigestError as exc:
        log.info("full text of %s: %s", url, exc)
        return None
    return article if article.paragraphs else None


def with_refusals(fetched: Fetched, refused: Sequence[str]) -> Fetched:
    """`fetched` with one line in its warning naming the links the guard refused."""
    if not refused:
        return fetched
    more = len(refused) - 1
    line = refused[0] + (f"; {more} more link{'s' * (more > 1)} refused" if more else "")
    return replace(fetched, warning="; ".join(filter(None, (fetched.warning, line))))


def summarize_results(
    results: Sequence[SourceResult], new_ids: set[str]
) -> Collection:
    """Turn raw results into reports; `new_ids` are the stories not seen before."""
    stories: list[Story] = []
    reports: list[SourceReport] = []
    validators: list[tuple[str, str | None, str | None]] = []
    for result in results:
        name = result.source.name
        if result.fetched is None:
            log.warning("source %s: %s", name, result.error)
            reports.append(SourceReport(name, SourceStatus.ERROR, 0, result.seconds, result.error))
            continue
        fetched = result.fetched
        stories.extend(fetched.stories)
        validators.extend(fetched.validators)
        if fetched.warning:
            log.warning("source %s: %s", name, fetched.warning)
        reports.append(SourceReport(
            name,
            SourceStatus.NOT_MODIFIED if fetched.not_modified else SourceStatus.OK,
            sum(s.id in new_ids for s in fetched.stories),
            result.seconds,
            fetched.warning,
        ))
    return Collection(stories, reports, validators)
