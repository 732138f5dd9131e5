"""`digest summarize` over many inputs: each read, extracted and summarized in worker
processes, one a core, the results given back in the order of the inputs.

Summarizing and extracting are pure Python, so threads would take turns on one core; a
process each uses them all. The first input is summarized here, which imports the
extractor and builds the summarizer's tables, and only then are the workers forked (on
Linux), so that none does that work again; each makes its own HTTP client for URLs. One
input, or one core, is summarized in this process alone, as before.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..core.errors import SourceError
from ..core.models import Story, Summary
from ..fetch.http import HttpClient
from .pipeline import summarize_input

Outcome = tuple[Story, Summary] | SourceError

_worker: dict[str, Any] = {}  # in each worker process: its HTTP client and the options


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def summarize_inputs(
    values: Sequence[str], options: dict[str, Any], jobs: int | None = None
) -> Iterator[tuple[str, Outcome]]:
    """Each input with its story and summary, or the SourceError that stopped it, in order."""
    jobs = min(jobs or default_jobs(), len(values) - 1)
    http = HttpClient()
    for value in values[:1] if jobs > 1 else values:
        yield value, _outcome(value, http, options)
    if jobs <= 1:
        return
    rest = values[1:]
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    chunk = max(1, min(8, len(rest) // (jobs * 4)))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start,
                             initargs=(options,)) as pool:
        for value, (outcome, error) in zip(rest, pool.map(_summarize, rest, chunksize=chunk),
                                           strict=True):
            yield value, SourceError(error) if error is not None else outcome


def _outcome(value: str, http: HttpClient, options: dict[str, Any]) -> Outcome:
    try:
        return summarize_input(value, http, **options)
    except SourceError as exc:
        return exc


def _start(options: dict[str, Any]) -> None:
    _worker.update(http=HttpClient(), options=options)


def _summarize(value: str) -> tuple[tuple[Story, Summary] | None, str | None]:
    """In a worker: the outcome, an error as its message (what crosses back is plain)."""
    outcome = _outcome(value, _worker["http"], _worker["options"])
    return (None, str(outcome)) if isinstance(outcome, SourceError) else (outcome, None)
