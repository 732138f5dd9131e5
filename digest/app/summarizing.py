"""`digest summarize` over many inputs: each read, extracted and summarized in worker
processes, one a core, the results given back in the order of the inputs as they come.

Summarizing and extracting are pure Python, so threads would take turns on one core; a
process each uses them all. Before any worker can start, the config must be read and the
modules the workers need (the summarizer, and the extractor with its libraries) imported,
which take about as long each: the config is read in a forked process meanwhile, and only
then are the workers forked (on Linux), so that none imports those modules again. The
workers inherit the list of inputs and take the next one from a shared counter, one at a
time, so that both cores stay busy to the last input and the parent hands nothing out: it
only reads the results (each worker's through a pipe of its own) and gives them back in
input order. A worker reads its inputs itself, files or URLs with an HTTP client of its
own; one that dies fails the input it had, and a new one takes its place. One input, or
one core, is summarized in this process alone.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

from ..core.errors import SourceError
from ..core.models import Story, Summary
from .workers import default_jobs

if TYPE_CHECKING:
    from ..fetch.http import HttpClient

T = TypeVar("T")
Outcome = tuple[Story, Summary] | SourceError
# What a worker sends back for an input: the story and its summary, a SourceError's message,
# or any other exception (a bug), raised again in the parent.
Sent = tuple[Story, Summary] | str | Exception


Http = Callable[[], "HttpClient"]  # the process's HTTP client, made when first asked for


def http_client() -> Http:
    """An HTTP client made for the first URL: reading files needs none, and its library,
    requests, takes 40 ms to import."""
    from functools import cache

    @cache
    def client() -> HttpClient:
        from ..fetch.http import HttpClient

        return HttpClient()

    return client


def load_input(value: str, http: Http) -> Story:
    """A story from a file path or an http(s) URL."""
    from ..sources.base import story_from_article
    from ..sources.files import read_article, read_fetched

    if value.startswith(("http://", "https://")):
        from ..fetch.http import FetchError

        try:
            response = http().get(value)
        except FetchError as exc:
            raise SourceError(f"{value}: {exc}") from None
        article = read_fetched(response.body, response.headers.get("content-type", ""),
                               response.url)
        return story_from_article(article, source=value, key=value, fallback_title=value,
                                  published=None)
    path = Path(value)
    if not path.is_file():
        raise SourceError(f"{value}: no such file")
    article = read_article(path)
    return story_from_article(article, source=path.name, key=str(path.resolve()),
                              fallback_title=path.stem, published=None)


def summarize_input(value: str, http: Http, **options: Any) -> tuple[Story, Summary]:
    """`digest summarize`: one file or URL read and summarized with the summarizer `options`."""
    from ..summarize import summarize

    story = load_input(value, http)
    return story, summarize(story, **options)


def summarize_inputs(
    values: Sequence[str], options: Callable[[], dict[str, Any]], jobs: int | None = None
) -> Iterator[tuple[str, Outcome]]:
    """Each input with its story and summary, or the SourceError that stopped it, in order.
    `options()` gives the summarizer's options (reading the config); it is called first,
    and its errors are raised before any input is read."""
    jobs = min(jobs or default_jobs(), len(values))
    if jobs <= 1:
        found = options()
        http = http_client()
        for value in values:
            yield value, _outcome(value, http, found)
        return
    # Reading the config and importing the readers take about as long each, one after the
    # other, before any worker can start: the config is read on the other core meanwhile.
    found = _meanwhile(options, lambda: _import_readers(values))
    gc.freeze()  # the workers' collector then leaves the inherited objects (and pages) alone
    try:
        yield from zip(values, _in_workers(values, found, jobs), strict=True)
    finally:
        gc.unfreeze()


def _meanwhile(read: Callable[[], T], work: Callable[[], object]) -> T:
    """read()'s value, or its exception, read in a forked process while this one does
    work() (on Linux; elsewhere one after the other)."""
    if sys.platform != "linux":
        work()
        return read()
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    child = context.Process(target=_send_value, args=(read, writer), daemon=True)
    child.start()
    writer.close()
    try:
        work()
        try:
            succeeded, value = reader.recv()
        except EOFError:
            raise RuntimeError("the process reading the options ended without them") from None
    finally:
        reader.close()
        child.join()
    if succeeded:
        return cast(T, value)
    raise value


def _send_value(read: Callable[[], object], into: Connection) -> None:
    """In a forked process: send read()'s value, or the exception it raised."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        into.send((True, read()))
    except Exception as exc:
        into.send((False, exc))


def _import_readers(values: Sequence[str]) -> None:
    """Import what reading and summarizing `values` load on first use, so that the workers
    forked next need not each import them again: the summarizer, and the readers of the
    kinds of input given (for pages lxml, trafilatura and htmldate, about 80 ms of it; for
    Markdown markdown-it; for URLs requests)."""
    from ..sources.files import READERS
    from ..summarize import summarize  # noqa: F401

    kinds = {"url" if value.startswith(("http://", "https://"))
             else READERS.get(Path(value).suffix.lower()) for value in values}
    if kinds & {"html", "url"}:
        import htmldate  # noqa: F401
        import trafilatura  # noqa: F401

        from ..fetch import extract  # noqa: F401
    if kinds & {"markdown", "url"}:
        from ..fetch import markdown  # noqa: F401
    if "url" in kinds:
        from ..fetch import http  # noqa: F401


def _in_workers(values: Sequence[str], options: dict[str, Any], jobs: int) -> Iterator[Outcome]:
    """The outcomes of `values` summarized by `jobs` worker processes, in input order. A
    worker that dies (killed, or crashed in a library) loses the input it had, and another
    takes its place while inputs are left."""
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    taken = context.Value("q", 0)  # the inputs taken so far: the next one to take
    workers: dict[Connection, BaseProcess] = {}

    def start() -> None:
        reader, writer = context.Pipe(duplex=False)
        worker = context.Process(target=_work, args=(values, options, taken, writer),
                                 daemon=True)
        worker.start()
        writer.close()  # the worker holds the only writing end: EOF when it ends
        workers[reader] = worker

    try:
        for _ in range(jobs):
            start()
        arrived: dict[int, Sent] = {}
        for index, value in enumerate(values):
            while index not in arrived and workers:
                for reader in wait(list(workers)):
                    try:
                        done, sent = reader.recv()
                    except EOFError:
                        workers.pop(reader).join()
                        if taken.value < len(values):
                            start()
                    else:
                        arrived[done] = sent
            yield _received(value, arrived.pop(index, None))
    finally:
        for worker in workers.values():
            worker.terminate()
            worker.join()


def _received(value: str, sent: Sent | None) -> Outcome:
    """The outcome a worker sent for `value`; None when its worker ended without one."""
    if sent is None:
        return SourceError(f"{value}: the worker process summarizing it stopped")
    if isinstance(sent, str):
        return SourceError(sent)
    if isinstance(sent, Exception):
        raise sent
    return sent


def _work(values: Sequence[str], options: dict[str, Any], taken: Synchronized,
          results: Connection) -> None:
    """In a worker: take the next input until none is left; send back each outcome."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    http = http_client()
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= len(values):
            break
        try:
            outcome = _outcome(values[index], http, options)
        except Exception as exc:  # a bug: the parent raises it in its turn
            results.send((index, exc))
            continue
        results.send((index, str(outcome) if isinstance(outcome, SourceError) else outcome))
    results.close()


def _outcome(value: str, http: Http, options: dict[str, Any]) -> Outcome:
    try:
        return summarize_input(value, http, **options)
    except SourceError as exc:
        return exc
