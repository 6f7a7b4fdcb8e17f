"""The outlooks projected together (``build_outlooks``) equal those built one at a time.

The reference is :func:`build_outlook` of each indicator alone (one engine call per indicator,
its own warning filter). Plans: the shipped plans in data/ and SYNTHETIC plans (the generator of
benchmarks/evaluate_scale.py, named ``synthetic-NNNN``). Speed is measured in
benchmarks/evaluate_scale.py, never here.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import scale_bench

from indicator_forecast.config import EvaluationConfig
from indicator_forecast.evaluate import _outlook, _prepare

DATES = ("2023-06-30", "2026-03-31")


def requests() -> Iterator[tuple[str, list[tuple[Any, Any]]]]:
    bench = scale_bench()
    for name, plan, obs in [*bench.shipped(), *bench.synthetic_units(6, seed=99)]:
        for date in DATES:
            prepared = _prepare(plan, obs, as_of=date, config=None)
            yield f"{name}@{date}", prepared.requests()


def same_outcome(a: Any, b: Any) -> None:
    (oa, wa), (ob, wb) = a, b
    assert wa == wb
    assert (oa is None) == (ob is None)
    if oa is None:
        return
    assert oa == ob  # every compared field (the functions are compared below)
    assert oa.path == ob.path
    for p in (0.025, 0.1, 0.5, 0.9, 0.975):
        assert oa.quantile(p) == ob.quantile(p)
    for x in (oa.lo, oa.mean, oa.hi, oa.lo - abs(oa.lo) - 1):
        assert oa.prob_at_least(x) == ob.prob_at_least(x)


def test_together_equals_one_at_a_time() -> None:
    config = EvaluationConfig()
    n_outlooks = n_missing = 0
    for key, reqs in requests():
        together = _outlook.build_outlooks(reqs, config)
        assert len(together) == len(reqs), key
        for (ind, pr), got in zip(reqs, together, strict=True):
            ref = _outlook.build_outlook(ind, pr, config)
            same_outcome(got, ref)
            n_outlooks += got[0] is not None
            n_missing += got[0] is None
    assert n_outlooks > 100 and n_missing > 0


def test_a_projection_that_warns_otherwise_is_made_again_alone(monkeypatch: Any) -> None:
    # One indicator's engine call raises a warning that is not a ShortSeriesWarning: it is made
    # again alone, under the filters in force (here: an error, as it would be alone).
    reqs = next(r for _, r in requests() if any(pr.series is not None for _, pr in r))
    ind0, pr0 = next((ind, pr) for ind, pr in reqs if pr.series is not None)
    steps = _outlook._projection_steps

    def noisy(ind: Any, pr: Any, *args: Any, **kw: Any) -> Any:
        if ind is ind0:
            warnings.warn("synthetic warning", UserWarning, stacklevel=1)
        return (yield from steps(ind, pr, *args, **kw))

    monkeypatch.setattr(_outlook, "_projection_steps", noisy)
    config = EvaluationConfig()
    alone: list[str] = []
    project = _outlook._project

    def spy(ind: Any, *args: Any) -> Any:
        alone.append(ind.id)
        return project(ind, *args)

    monkeypatch.setattr(_outlook, "_project", spy)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        together = _outlook.build_outlooks(reqs, config)
    assert alone == [ind0.id]
    monkeypatch.setattr(_outlook, "_projection_steps", steps)
    for (ind, pr), got in zip(reqs, together, strict=True):
        same_outcome(got, _outlook.build_outlook(ind, pr, config))
    monkeypatch.setattr(_outlook, "_projection_steps", noisy)
    with warnings.catch_warnings(), pytest.raises(UserWarning, match="synthetic warning"):
        warnings.simplefilter("error", UserWarning)
        _outlook.build_outlooks(reqs, config)
