"""`digest summarize` over many inputs: worker processes, the same results in input order."""

from __future__ import annotations

from digest.app.summarizing import summarize_inputs
from digest.core.errors import SourceError

from .conftest import ROOT


def test_workers_give_the_same_outcomes_in_the_order_of_the_inputs(tmp_path):
    samples = sorted(str(path) for path in (ROOT / "samples").iterdir()) * 3
    missing = str(tmp_path / "missing.txt")
    values = [*samples[:4], missing, *samples[4:]]
    alone = list(summarize_inputs(values, {"max_quotes": 0}, jobs=1))
    shared = list(summarize_inputs(values, {"max_quotes": 0}, jobs=2))
    assert [value for value, _ in shared] == values
    assert [outcome for _, outcome in shared if not isinstance(outcome, SourceError)] == [
        outcome for _, outcome in alone if not isinstance(outcome, SourceError)]
    [(where, error)] = [(v, o) for v, o in shared if isinstance(o, SourceError)]
    assert where == missing and str(error) == f"{missing}: no such file"
