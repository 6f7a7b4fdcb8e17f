"""Figures read without a plan are checked against it before they are evaluated.

Before, ``evaluate(plan, read_observations(path))`` took the rows as they stood: the national
grain output of 2022, published as 13731 亿斤, was compared with a target in 亿吨 (projected
2025: -66096 亿吨), and rates without a ``measure`` were taken as levels.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import indicator_forecast as inf
from indicator_forecast.evaluate.replay import replay
from indicator_forecast.exceptions import DataError

DATA = Path(__file__).resolve().parents[2] / "data"

SYNTHETIC_PLAN = """类别,序号,指标,单位,目标值 2021-2025 年,指标属性,基期值
安全,1,粮食产量,亿吨,＞6.5,约束性,6.6
民生,2,城镇调查失业率,%,＜5.5,预期性,5.2
"""

SYNTHETIC_OBS = """indicator_id,period,value,unit
1,2020,66949,万吨
1,2021,13657,亿斤
1,2022,13731,亿斤
2,2021,5.1,%
2,2022,5.6,%
"""


@pytest.fixture
def synthetic(tmp_path: Path) -> tuple[inf.Plan, Path]:
    (tmp_path / "plan.csv").write_text(SYNTHETIC_PLAN, encoding="utf-8")
    (tmp_path / "obs.csv").write_text(SYNTHETIC_OBS, encoding="utf-8")
    return inf.read_plan(tmp_path / "plan.csv"), tmp_path / "obs.csv"


def test_units_are_converted_when_read_without_the_plan(
    synthetic: tuple[inf.Plan, Path],
) -> None:
    plan, path = synthetic
    loose = inf.read_observations(path)
    assert loose.checked_for is None
    row = inf.evaluate(plan, loose, as_of="2023-06-30")["1"]
    # 13731 亿斤 = 13731e8 斤 × 0.5 kg = 6.8655e11 kg = 6.8655 亿吨 (hand conversion).
    assert row.progress.midterm_value == pytest.approx(6.8655)


def test_read_without_plan_evaluates_as_read_with_it() -> None:
    plan = inf.read_plan(DATA / "national-14th" / "plan.csv")
    path = DATA / "national-14th" / "observations.csv"
    loose = inf.evaluate(plan, inf.read_observations(path), as_of="2023-06-30").to_frame()
    checked = inf.evaluate(plan, inf.read_observations(path, plan), as_of="2023-06-30")
    pd.testing.assert_frame_equal(loose, checked.to_frame())


def test_checked_observations_are_not_read_again(synthetic: tuple[inf.Plan, Path]) -> None:
    plan, path = synthetic
    obs = inf.read_observations(path, plan)
    assert obs.for_plan(plan) is obs
    kept = obs.where(obs.frame["year"] <= 2021)
    assert kept.checked_for is plan and len(kept) == 3


def test_rows_the_plan_refuses_are_all_reported_at_evaluation(tmp_path: Path) -> None:
    (tmp_path / "plan.csv").write_text(SYNTHETIC_PLAN, encoding="utf-8")
    bad = SYNTHETIC_OBS + "9,2021,3,%\n1,2019,5,个\n"
    (tmp_path / "obs.csv").write_text(bad, encoding="utf-8")
    plan = inf.read_plan(tmp_path / "plan.csv")
    loose = inf.read_observations(tmp_path / "obs.csv")
    with pytest.raises(DataError) as err:
        inf.evaluate(plan, loose, as_of="2023-06-30")
    rows = {p.row for p in err.value.report.problems}
    assert rows == {7, 8}
    assert "obs.csv" in str(err.value)


def test_replay_of_figures_read_without_the_plan(synthetic: tuple[inf.Plan, Path]) -> None:
    plan, path = synthetic
    loose = replay(plan, inf.read_observations(path), mid_term="2022-06-30")
    checked = replay(plan, inf.read_observations(path, plan), mid_term="2022-06-30")
    pd.testing.assert_frame_equal(loose.to_frame(), checked.to_frame())
