"""`digest summarize` over many inputs: worker processes, the same results in input order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from digest.app import summarizing
from digest.app.summarizing import summarize_input, summarize_inputs
from digest.core.errors import ConfigError, SourceError

from .conftest import ROOT


def test_workers_give_the_same_outcomes_in_the_order_of_the_inputs(tmp_path):
    samples = sorted(str(path) for path in (ROOT / "samples").iterdir()) * 3
    missing = str(tmp_path / "missing.txt")
    values = [*samples[:4], missing, *samples[4:]]
    alone = list(summarize_inputs(values, lambda: {"max_quotes": 0}, jobs=1))
    shared = list(summarize_inputs(values, lambda: {"max_quotes": 0}, jobs=2))
    assert [value for value, _ in shared] == values
    read = [outcome[0].source for _, outcome in shared if not isinstance(outcome, SourceError)]
    assert read == [Path(value).name for value in values if value != missing]  # each its own
    assert [outcome for _, outcome in shared if not isinstance(outcome, SourceError)] == [
        outcome for _, outcome in alone if not isinstance(outcome, SourceError)]
    [(where, error)] = [(v, o) for v, o in shared if isinstance(o, SourceError)]
    assert where == missing and str(error) == f"{missing}: no such file"


def _samples() -> list[str]:
    return sorted(str(path) for path in (ROOT / "samples").iterdir()) * 2


def _failing_on(value: str, failure: Callable[[], Any]) -> Callable[..., Any]:
    """summarize_input, except that `value` calls `failure` (in the worker that takes it)."""
    def summarize(given: str, http: Any, **options: Any) -> Any:
        if given == value:
            failure()
        return summarize_input(given, http, **options)
    return summarize


def test_an_input_whose_worker_dies_is_a_failed_input_and_the_others_go_on(monkeypatch):
    values = _samples()
    alone = dict(summarize_inputs(values, dict, jobs=1))
    monkeypatch.setattr(summarizing, "summarize_input",
                        _failing_on(values[1], lambda: os._exit(9)))
    shared = list(summarize_inputs(values, dict, jobs=2))
    assert [value for value, _ in shared] == values
    for value, outcome in shared:  # the sample at [1] is at [4] too: both kill their worker
        if value == values[1]:
            assert str(outcome) == f"{value}: the worker process summarizing it stopped"
        else:
            assert outcome == alone[value]
    assert multiprocessing.active_children() == []


def test_a_bug_in_a_worker_is_raised_in_its_turn_and_the_workers_are_stopped(monkeypatch):
    values = _samples()

    def bug() -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(summarizing, "summarize_input", _failing_on(values[2], bug))
    given = []
    with pytest.raises(RuntimeError, match="a bug"):
        for value, _ in summarize_inputs(values, dict, jobs=2):
            given.append(value)
    assert given == values[:2]
    assert multiprocessing.active_children() == []


def test_stopping_early_stops_the_workers():
    outcomes = summarize_inputs(_samples(), dict, jobs=2)
    next(outcomes)
    outcomes.close()
    assert multiprocessing.active_children() == []


def test_the_options_are_read_in_a_process_of_their_own_and_their_error_comes_back_whole(
    tmp_path,
):
    reader = tmp_path / "reader"

    def options() -> dict[str, Any]:
        reader.write_text(str(os.getpid()))
        return {"max_quotes": 0}

    alone = list(summarize_inputs(_samples(), lambda: {"max_quotes": 0}, jobs=1))
    assert list(summarize_inputs(_samples(), options, jobs=2)) == alone
    assert int(reader.read_text()) != os.getpid()

    def broken() -> dict[str, Any]:
        raise ConfigError.from_problems(["config.yaml:3: summarizer.max_quotes: not a number",
                                         "config.yaml:9: sources: missing"])

    with pytest.raises(ConfigError) as raised:
        next(summarize_inputs(_samples(), broken, jobs=2))
    assert raised.value.problems == ["config.yaml:3: summarizer.max_quotes: not a number",
                                     "config.yaml:9: sources: missing"]
    assert multiprocessing.active_children() == []
