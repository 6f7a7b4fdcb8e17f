"""Direction targets ("持续下降") and targets against an earlier year ("比2010年翻一番") in the
evaluation, on SYNTHETIC plans built from the target models (the parser is tested elsewhere)."""

from __future__ import annotations

import pytest
from conftest import synthetic_observations

from indicator_forecast import evaluate
from indicator_forecast.plan import Indicator, Plan
from indicator_forecast.plan.targets import DirectionTarget, EarlierYearTarget


def _plan(target, unit="微克/立方米"):
    ind = Indicator(id="1", name="合成浓度", unit=unit, target=target, attribute="约束性",
                    departments=("合成环境部门",))
    return Plan(name="合成规划", indicators=(ind,))


def _rows(values, start=2020, unit="微克/立方米"):
    return [("1", str(y), v, unit, "level", "actual") for y, v in enumerate(values, start)]


def test_direction_falling_midterm_and_final(tmp_path):
    plan = _plan(DirectionTarget(text="持续下降", movement="fall", direction="lower"))
    obs = synthetic_observations(plan, _rows((40, 38, 36)), tmp_path)
    r = evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    assert r.progress.met_now is True  # 36 < 40
    assert r.progress.target_value == 40  # the base figure is the line to stay below
    assert r.outlook is not None and r.outlook.p_meet is not None
    assert r.outlook.p_meet > 0.5  # falling 2 a year: ending below 40 is likely
    assert r.grade in ("A", "B")
    assert any("2个年度变化中2个" in n for n in r.progress.notes)
    obs_end = synthetic_observations(plan, _rows((40, 38, 36, 37, 39, 41)), tmp_path)
    fin = evaluate(plan, obs_end, as_of="2026-03-31", progress=False)["1"]
    assert fin.grade == "not_completed"  # 41 > 40: not lower than where it started
    ok = evaluate(plan, synthetic_observations(plan, _rows((40, 38, 36, 37, 35, 34)), tmp_path),
                  as_of="2026-03-31", progress=False)["1"]
    assert ok.grade == "completed"


def test_direction_without_base_figure_starts_from_the_earliest(tmp_path):
    plan = _plan(DirectionTarget(text="持续下降", movement="fall", direction="lower"))
    obs = synthetic_observations(plan, _rows((38, 36), start=2021), tmp_path)
    r = evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    assert r.progress.baseline_year == 2021 and r.progress.target_value == 38
    assert r.progress.met_now is True
    one = synthetic_observations(plan, _rows((38,), start=2022), tmp_path)
    r1 = evaluate(plan, one, as_of="2023-06-30", progress=False)["1"]
    assert r1.grade == "insufficient_data" and "2020年" in r1.reason()


def test_earlier_year_target(tmp_path):
    # 到2025年比2015年翻一番: 2015 = 50 → target 100
    t = EarlierYearTarget(text="比2015年翻一番", reference_year=2015, multiple=2.0)
    plan = _plan(t, unit="亿元")
    rows = _rows((50, 56, 62, 68, 74, 80, 85, 90), start=2015, unit="亿元")
    r = evaluate(plan, synthetic_observations(plan, rows, tmp_path), as_of="2023-06-30",
                 progress=False)["1"]
    assert r.progress.target_value == pytest.approx(100)
    # (90 − 80) / (100 − 80) = 0.5 of the distance by 2022
    assert r.progress.completion == pytest.approx(0.5)
    assert r.grade in ("A", "B", "C", "D")
    end = _rows((50, 56, 62, 68, 74, 80, 85, 90, 94, 97, 101), start=2015, unit="亿元")
    fin = evaluate(plan, synthetic_observations(plan, end, tmp_path), as_of="2026-03-31",
                   progress=False)["1"]
    assert fin.grade == "completed"  # 101 ≥ 100; (101 − 80)/20 = 105 % < 110 %


def test_earlier_year_target_without_reference_figure(tmp_path):
    t = EarlierYearTarget(text="比2015年翻一番", reference_year=2015, multiple=2.0)
    plan = _plan(t, unit="亿元")
    obs = synthetic_observations(plan, _rows((80, 85, 90), unit="亿元"), tmp_path)
    r = evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    assert r.grade == "insufficient_data" and "2015年" in r.reason()
