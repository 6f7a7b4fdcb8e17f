"""A batch's frame built column by column is the concatenation of the plans' frames (issue 15).

:class:`BatchRows` builds ``evaluate_many``'s frame from the rows' values; the reference here is
what it replaced, ``pandas.concat`` of each plan's ``to_frame()`` with a ``plan`` column, values
and dtypes alike. Where plans' columns would be widened differently (a comparison measure made
``None`` beside floats, or an integer beside a plan without it) the plans' frames are
concatenated instead; those cases are made by hand. Plans and figures are SYNTHETIC (the
generator of benchmarks/evaluate_scale.py) or the shipped plans.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import scale_bench

from indicator_forecast.evaluate import evaluate
from indicator_forecast.evaluate.many import evaluate_chunk, evaluate_many
from indicator_forecast.evaluate.result import ROW_FIELDS, BatchRows, Evaluation


@pytest.fixture(scope="module")
def evaluations() -> list[tuple[str, Evaluation]]:
    items = [*scale_bench().shipped(), *scale_bench().synthetic_units(3, seed=404)]
    return evaluate_chunk(items, "2023-06-30")


def concatenated(evaluations: list[tuple[str, Evaluation]]) -> pd.DataFrame:
    frames = []
    for name, ev in evaluations:
        frame = ev.to_frame()
        frame.insert(0, "plan", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def batch(evaluations: list[tuple[str, Evaluation]]) -> pd.DataFrame:
    rows = BatchRows()
    for name, ev in evaluations:
        rows.add(name, ev)
    assert len(rows) == len(evaluations)
    return rows.frame()


def assert_same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert list(got.dtypes) == list(want.dtypes)
    for col in got.columns[(got.dtypes == np.dtype(object)).to_numpy()]:
        # None stays None and NaN stays NaN (assert_frame_equal takes one for the other)
        assert [v is None for v in got[col]] == [v is None for v in want[col]], col


def with_measure(ev: Evaluation, key: str, values: list[Any]) -> Evaluation:
    """The evaluation with one comparison measure set per indicator (dropped where a value is
    the marker ``...``)."""
    results = []
    values = values + [...] * (len(ev.results) - len(values))
    for r, v in zip(ev.results, values, strict=True):
        m = {k: x for k, x in r.classification.measures.items() if k != key}
        if v is not ...:
            m[key] = v
        results.append(replace(r, classification=replace(r.classification, measures=m)))
    return replace(ev, results=tuple(results))


def test_to_dict_is_the_row_and_its_measures(evaluations) -> None:
    r = evaluations[0][1].results[0]
    d = r.to_dict("en")
    assert list(d)[:len(ROW_FIELDS)] == list(ROW_FIELDS)
    assert list(d)[len(ROW_FIELDS):] == list(r.classification.measures)
    assert d["reason"] == r.reason("en") and d["final_grade"] == r.final_grade


def test_batch_frame_is_the_concatenation_of_the_plans_frames(evaluations) -> None:
    got = batch(evaluations)
    want = concatenated(evaluations)
    # the shipped plans differ in which comparison measures they have: NaN where they have none
    assert set(want.columns) - set(ROW_FIELDS) - {"plan"}
    assert got["plan"].tolist() == [n for n, ev in evaluations for _ in ev.results]
    assert_same(got, want)


def test_evaluate_many_is_the_batch_frame(evaluations) -> None:
    items = [*scale_bench().shipped(), *scale_bench().synthetic_units(3, seed=404)]
    assert_same(evaluate_many(items, as_of="2023-06-30", progress=False),
                concatenated(evaluations))
    one = items[1]
    alone = evaluate(one[1], one[2], as_of="2023-06-30", progress=False).to_frame()
    alone.insert(0, "plan", one[0])
    assert_same(evaluate_many([one], as_of="2023-06-30", progress=False), alone)


def every(v: Any, ev: Evaluation) -> list[Any]:
    return [v] * len(ev.results)


@pytest.mark.parametrize(("first", "second"), [
    (lambda ev: every(None, ev), lambda ev: every(0.5, ev)),  # object (all None), float64
    (lambda ev: [None, 0.5], lambda ev: ["x"]),      # float64 (None made NaN), object
    (lambda ev: [None, 0.5], lambda ev: [0.25]),     # float64 both
    (lambda ev: every(None, ev), lambda ev: ["x"]),  # object both, None kept
    (lambda ev: every(1, ev), lambda ev: [2.5]),     # int64, float64: float64
    (lambda ev: every(1, ev), lambda ev: ["x"]),     # int64, object: the ints kept
    (lambda ev: [1], lambda ev: ["x"]),              # float64 (1.0 beside NaN), object
    (lambda ev: every(True, ev), lambda ev: [...]),  # bool, no column: object
    (lambda ev: [True], lambda ev: [False, 1.5]),    # object both
    (lambda ev: [np.float64(0.25)], lambda ev: [1.0]),
])
def test_measure_columns_widened_as_concat_does(evaluations, first, second) -> None:
    (n1, e1), (n2, e2) = evaluations[3], evaluations[4]
    pair = [(n1, with_measure(e1, "synthetic_measure", first(e1))),
            (n2, with_measure(e2, "synthetic_measure", second(e2)))]
    want = concatenated(pair)
    got = batch(pair)
    assert_same(got, want)
    assert list(map(type, got["synthetic_measure"])) == list(map(type, want["synthetic_measure"]))


def test_plan_without_indicators_and_empty_batch(evaluations) -> None:
    name, ev = evaluations[0]
    pair = [(name, ev), ("synthetic-empty", replace(ev, results=()))]
    assert_same(batch(pair), concatenated(pair))
    empty = BatchRows().frame()
    assert list(empty.columns) == ["plan"] and len(empty) == 0
