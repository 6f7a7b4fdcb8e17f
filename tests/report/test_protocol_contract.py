"""The real Evaluation satisfies the report writers' contract (report/_protocol.py), at the
mid-term and at the final evaluation, on the shipped plans: the writers' synthetic test object
and the real one cannot drift apart unnoticed."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicator_forecast import EvaluationConfig, evaluate, read_plan
from indicator_forecast.report._protocol import (
    ADJUSTMENT_COLUMNS,
    CHART_COLUMNS,
    EVIDENCE_COLUMNS,
    INDICATOR_COLUMNS,
    MISSING_COLUMNS,
    EvaluationLike,
)

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize(("plan", "as_of"), [("national-14th", "2023-06-30"),
                                             ("national-13th", "2021-06-30"),
                                             ("putuo-14th", "2023-06-30")])
def test_real_evaluation_meets_the_contract(plan, as_of):
    p = read_plan(DATA / plan / "plan.csv")
    ev = evaluate(p, DATA / plan / "observations.csv", as_of=as_of, progress=False)
    assert isinstance(ev, EvaluationLike)
    for frame, cols in ((ev.to_frame(), INDICATOR_COLUMNS), (ev.missing_frame(), MISSING_COLUMNS),
                        (ev.evidence_frame(), EVIDENCE_COLUMNS), (ev.chart_frame(), CHART_COLUMNS)):
        assert set(cols) <= set(frame.columns), set(cols) - set(frame.columns)
    adj = ev.adjustments_frame()
    assert adj.empty or set(ADJUSTMENT_COLUMNS) <= set(adj.columns)


def test_interval_columns_follow_the_level():
    p = read_plan(DATA / "national-14th" / "plan.csv")
    ev = evaluate(p, DATA / "national-14th" / "observations.csv", as_of="2023-06-30",
                  config=EvaluationConfig(level=90), progress=False)
    cols = set(ev.chart_frame().columns)
    assert {"lo-90", "hi-90"} <= cols and "lo80" not in cols
