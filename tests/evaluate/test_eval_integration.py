"""The shipped national and Putuo plans, evaluated at the seed's date 2023-06-30."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicator_forecast import read_observations, read_plan
from indicator_forecast.evaluate import evaluate

DATA = Path(__file__).resolve().parents[2] / "data"
COLUMNS = [
    "indicator_id",
    "name",
    "kind",
    "midterm_value",
    "progress",
    "time_elapsed",
    "projected_end",
    "projected_lo",
    "projected_hi",
    "p_meet",
    "grade",
    "reason",
    "suggested_target",
]


def _evaluate(name):
    plan = read_plan(DATA / name / "plan.csv")
    obs = read_observations(DATA / name / "observations.csv", plan)
    return plan, evaluate(plan, obs, as_of="2023-06-30", progress=False)


@pytest.fixture(scope="module")
def national():
    return _evaluate("national-14th")


@pytest.fixture(scope="module")
def putuo():
    return _evaluate("putuo-14th")


def test_national_rows_graded_or_insufficient(national):
    _, ev = national
    df = ev.to_frame()
    assert len(df) == 20
    assert list(df["indicator_id"]) == [str(i) for i in range(1, 21)]
    for row in df.itertuples():
        if row.grade in ("A", "B", "C", "D"):
            assert isinstance(row.reason, str) and row.reason.strip(), row.indicator_id
            assert not row.reason.startswith("数据待补充")
        else:
            assert row.grade == "insufficient_data", row.indicator_id
            assert row.reason.startswith("数据待补充"), row.indicator_id
    assert set(df["grade"]) & {"A", "B", "C", "D"}  # the shipped data grade something


def test_to_frame_columns(national):
    _, ev = national
    df = ev.to_frame()
    for c in COLUMNS:
        assert c in df.columns, c
    graded = df[df["grade"].isin(["A", "B", "C", "D"]) & df["p_meet"].notna()]
    assert ((graded["p_meet"] >= 0) & (graded["p_meet"] <= 1)).all()
    assert (graded["projected_lo"] <= graded["projected_end"] + 1e-9).all()
    assert (graded["projected_end"] <= graded["projected_hi"] + 1e-9).all()


def test_putuo_all_insufficient_naming_department(putuo):
    plan, ev = putuo
    depts = {d for ind in plan.all_indicators() for d in ind.departments}
    assert depts
    df = ev.to_frame()
    assert len(df) == len(list(plan.all_indicators()))
    for r in ev:
        assert r.grade == "insufficient_data", r.indicator.id
        reason = r.reason()
        assert reason.startswith("数据待补充")
        assert r.indicator.departments, r.indicator.id
        assert any(d in reason for d in r.indicator.departments), (r.indicator.id, reason)
    mf = ev.missing_frame()
    assert set(mf["department"]) <= depts
