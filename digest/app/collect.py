"""Fetch every source in parallel; one failing source is reported and the rest go on.

Threads wait on the network: one per source (up to `http.concurrency`) and a pool for the
pages that teaser feeds link to. The work that needs a CPU (parsing a feed, making its
stories, extracting a page's text) goes to worker processes when the sources surely read
this run (none that may answer 304 Not Modified) hand them enough of it (feeds to parse,
pages to extract) to pay for starting them, so collection uses every core. The state is
read before and written after, in the calling thread, so SQLite is never touched from two
threads: while the sources run, that thread answers their questions of it (which story
ids are stored).

What each outside answer means here (an HTTP answer's own meaning is in fetch/http.py):
- a feed that fails: that source is reported failed, the others go on.
- a linked page that fails (refused, HTTP error, no time left): the entry keeps its own
  text, and the page is counted in its source's report.
- a worker process that dies, or a question to the state that fails: see workers.py.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from ..config import HttpConfig, Settings, SourceConfig
from ..core.errors import DigestError
from ..core.models import Article, Reason, SourceStatus, Story
from ..core.sanitize import one_line
from ..fetch.guard import AddressGuard
from ..fetch.http import HttpClient, HttpOptions, RefusedAddress
from ..select import Keywords
from ..sources import SOURCE_TYPES, FetchContext, Fetched, Seen, Source, Worker
from ..sources.page import page_article
from .workers import StateQuestions, Workers, default_jobs

log = logging.getLogger(__name__)
PAGE_WORKERS = 8
ERROR_LENGTH = 300
# Fewer pieces of CPU work (feeds to parse, pages to extract) are done sooner than worker
# processes start.
MIN_WORK_FOR_WORKERS = 8


@dataclass(frozen=True)
class SourceReport:
    name: str
    status: SourceStatus
    new: int
    seconds: float
    error: str | None = None
    pages_failed: int = 0  # linked pages whose full text could not be had
    left_out: Mapping[Reason, int] = field(default_factory=dict)  # entries not made stories


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
    new: frozenset[str] = frozenset()  # the ids of the stories not stored before

    def new_stories(self) -> dict[str, Story]:
        """The new stories by id (the last, of one id collected twice, as storing keeps)."""
        return {s.id: s for s in self.stories if s.id in self.new}

    @property
    def left_out(self) -> Counter[Reason]:
        """The entries the sources did not make into stories, by the rule that left them out
        (older than the window, over a source's max_stories)."""
        return sum((Counter(r.left_out) for r in self.reports), Counter())

    @property
    def failed(self) -> list[SourceReport]:
        return [r for r in self.reports if r.status is SourceStatus.ERROR]


def source_limit(settings: Settings, config: SourceConfig) -> int:
    """How many of a source's stories an edition can take."""
    return min(config.max_stories or settings.max_stories, settings.max_stories)


Remembered = Mapping[str, tuple[str | None, str | None]]  # URL -> (ETag, Last-Modified)


def worker_count(settings: Settings, built: Sequence[tuple[SourceConfig, Source]],
                 remembered: Remembered) -> int:
    """How many processes do the CPU work: one per core (or `collect.workers`), when the
    sources surely read this run (see `surely_read`) hand them enough of it (feeds to
    parse, pages to extract: a few teaser feeds link many pages) to pay for starting them;
    else 1, this one. A source that may answer 304 Not Modified is not counted, so a run
    of feeds that may all be unchanged starts no process: its parsing, if any turns out
    new, is done here."""
    work = sum(source.work(source_limit(settings, config)) for config, source in built
               if surely_read(source, remembered))
    if work < MIN_WORK_FOR_WORKERS:
        return 1
    return min(settings.collect.workers or default_jobs(), work)


def surely_read(source: Source, remembered: Remembered) -> bool:
    """Whether the source's answer cannot be 304 Not Modified, so that its work will be
    done: a local file, or a URL with no ETag or Last-Modified remembered."""
    urls = source.urls()
    return not urls or any(remembered.get(url, (None, None)) == (None, None) for url in urls)


def surely_needed(sources: Sequence[Source], remembered: Remembered) -> list[str]:
    """The modules the worker processes will need for certain: those of the sources surely
    read. Loaded before the processes start, they are loaded once, not once a process; a
    run whose feeds may all be unchanged loads none."""
    return sorted({module for source in sources if surely_read(source, remembered)
                   for module in source.worker_modules})


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
    known: Callable[[Iterable[str]], set[str]],
    sent: Callable[[Iterable[str]], set[str]],
    since: datetime,
    sources: Sequence[SourceConfig] | None = None,
    http: HttpClient | None = None,
    on_done: Callable[[SourceResult], None] | None = None,
) -> list[SourceResult]:
    """Fetch the sources (default: all configured) concurrently, in config order in the
    result. `known` and `sent` (asked in this thread) say which story ids are stored, and
    which were in an edition; stories count for the next edition from `since`."""
    configs = settings.sources if sources is None else sources
    built = [(config, make_source(config, settings.base_dir)) for config in configs]
    remembered = {url: validators(url) for _, source in built for url in source.urls()}
    sources_built = [source for _, source in built]
    workers = Workers(worker_count(settings, built, remembered),
                      preload=surely_needed(sources_built, remembered))
    questions = StateQuestions()
    client = http or HttpClient(http_options(settings.http), guard=AddressGuard(
        (url for _, source in built for url in source.urls()), settings.http.allow_hosts))
    try:
        with ThreadPoolExecutor(PAGE_WORKERS, thread_name_prefix="page") as page_pool:
            shared = FetchContext(
                http=client, now=now, worker=workers, cpu=workers.turn,
                seen=lambda ids: questions.ask(lambda: Seen(sent(ids), known(ids))),
                validators=remembered,
            )

            def run(config: SourceConfig, source: Source) -> SourceResult:
                started = time.perf_counter()
                missed = PageMisses()

                def fetch_pages(urls: Sequence[str]) -> list[Article | None]:
                    """The pages of one source share one total timeout: a feed whose links
                    all lead to a server that hangs is held up no longer than by one."""
                    until = time.monotonic() + settings.http.total_timeout
                    return list(page_pool.map(
                        lambda url: fetch_article(client, workers, url, missed, until), urls))

                keywords = Keywords.of(config.include, config.exclude)
                context = replace(
                    shared, pages=fetch_pages, since=None if config.ignore_age else since,
                    limit=source_limit(settings, config),
                    rejects=keywords.rejects if keywords else None)
                try:
                    fetched = missed.noted_in(source.fetch(context))
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

            threads = max(1, min(settings.http.concurrency, len(built)))
            with ThreadPoolExecutor(threads, thread_name_prefix="source") as pool:
                futures = [pool.submit(run, config, source) for config, source in built]
                questions.answer_until(futures)
                results = [future.result() for future in futures]
    finally:
        workers.close()
        if http is None:
            client.close()
    return results


@dataclass
class PageMisses:
    """The linked pages of one source whose full text could not be had: the links the
    address guard refused (its own lines) and the pages that failed ("url: why")."""

    refused: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def noted_in(self, fetched: Fetched) -> Fetched:
        """`fetched` with one line for the refused links and one for the failed pages in
        its warning, and their number."""
        notes = [fetched.warning]
        for found, what in ((self.refused, "link"), (sorted(self.failed), "linked page")):
            more = len(found) - 1
            if found and what == "link":
                notes.append(found[0] + (f"; {more} more link{'s' * (more > 1)} refused"
                                         if more else ""))
            elif found:
                notes.append(f"full text not fetched for {len(found)} {what}"
                             f"{'s' * (more > 0)} ({found[0]}{f'; {more} more' * (more > 0)})")
        if not (self.refused or self.failed):
            return fetched
        return replace(fetched, warning="; ".join(filter(None, notes)),
                       pages_failed=len(self.refused) + len(self.failed))


def fetch_article(client: HttpClient, worker: Worker, url: str, missed: PageMisses,
                  until: float) -> Article | None:
    """A linked article's full text, or None (the entry's own text is kept) if unreachable
    by `until`, noted in `missed`."""
    if time.monotonic() >= until:
        missed.failed.append(f"{url}: no time left")
        return None
    try:
        response = client.get(url, until=until)
        article = worker(page_article, response.body, url, response.charset)
    except RefusedAddress as exc:
        missed.refused.append(str(exc))
        return None
    except DigestError as exc:
        log.info("full text of %s: %s", url, exc)
        missed.failed.append(one_line(f"{url}: {exc}", ERROR_LENGTH))
        return None
    return article if article.paragraphs else None


def summarize_results(
    results: Sequence[SourceResult],
    new_ids: set[str],
    validators: Callable[[str], tuple[str | None, str | None]],
) -> Collection:
    """Turn raw results into reports; `new_ids` are the stories not stored before. A
    failed source's URLs keep their validators, noted as checked now: that it was tried
    counts, for a preview, as much as a success."""
    stories: list[Story] = []
    reports: list[SourceReport] = []
    checked: list[tuple[str, str | None, str | None]] = []
    for result in results:
        name = result.source.name
        if result.fetched is None:
            log.warning("source %s: %s", name, result.error)
            reports.append(SourceReport(name, SourceStatus.ERROR, 0, result.seconds, result.error))
            checked.extend((url, *validators(url)) for url in result.source.urls())
            continue
        fetched = result.fetched
        stories.extend(fetched.stories)
        checked.extend(fetched.validators)
        if fetched.warning:
            log.warning("source %s: %s", name, fetched.warning)
        reports.append(SourceReport(
            name,
            SourceStatus.NOT_MODIFIED if fetched.not_modified else SourceStatus.OK,
            sum(s.id in new_ids for s in fetched.stories),
            result.seconds,
            fetched.warning,
            fetched.pages_failed,
            fetched.left_out,
        ))
    return Collection(stories, reports, checked, frozenset(new_ids))
