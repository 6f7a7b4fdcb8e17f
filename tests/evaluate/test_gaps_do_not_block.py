"""A gap in the data never blocks what can be judged (issue 18.5), on SYNTHETIC plans: each case
still names what is missing and who supplies it."""

from __future__ import annotations

import pytest
from conftest import synthetic_observations, synthetic_plan

from indicator_forecast import evaluate


def _eval(tmp_path, row, obs_rows, as_of="2023-06-30"):
    plan = synthetic_plan([row], tmp_path)
    return evaluate(plan, synthetic_observations(plan, obs_rows, tmp_path), as_of=as_of,
                    progress=False)["1"]


def test_end_level_without_base_uses_the_earliest_figure(tmp_path):
    r = _eval(tmp_path, ("1", "合成水平", "件", "16", "合成部门", "预期性", None), [
        ("1", "2021", 10, "件", "level", "actual"),
        ("1", "2022", 12, "件", "level", "actual"),
    ])
    assert r.grade in ("A", "B", "C", "D")
    pr = r.progress
    assert pr.baseline == 10 and pr.baseline_year == 2021
    # (12 − 10)/(16 − 10) = 1/3 of the distance from 2021, in 1 of the 4 years from 2021
    assert pr.completion == pytest.approx(1 / 3)
    assert pr.pace_ratio == pytest.approx((1 / 3) / (1 / 4))
    assert pr.expected_value == pytest.approx(10 + 6 * 0.25)
    assert any("以最早的2021年数值10作为起点" in n for n in pr.notes)
    assert any(m.what_zh == "基期值" and not m.blocking for m in pr.missing)


def test_one_missing_year_inside_a_total_is_estimated_and_marked(tmp_path):
    r = _eval(tmp_path, ("1", "合成新增", "亿元", "累计 1400", "合成部门", "预期性", None), [
        ("1", "2021", 300, "亿元", "flow", "actual"),
        ("1", "2023", 280, "亿元", "flow", "actual"),
        ("1", "2024", 260, "亿元", "flow", "actual"),
    ], as_of="2025-03-31")
    pr = r.progress
    assert pr.estimated_years == (2022,)
    # 2022 estimated as (300 + 280)/2 = 290; total 300 + 290 + 280 + 260 = 1130
    assert pr.midterm_value == pytest.approx(1130)
    assert r.grade in ("A", "B", "C", "D")
    assert "2022年" in r.reason() and "合成部门" in r.reason()
    assert not pr.blocked


def test_estimated_year_makes_a_final_status_provisional(tmp_path):
    r = _eval(tmp_path, ("1", "合成新增", "亿元", "累计 1400", "合成部门", "预期性", None), [
        ("1", "2021", 300, "亿元", "flow", "actual"),
        ("1", "2023", 280, "亿元", "flow", "actual"),
        ("1", "2024", 260, "亿元", "flow", "actual"),
        ("1", "2025", 270, "亿元", "flow", "actual"),
    ], as_of="2026-03-31")
    # 300 + 290 + 280 + 260 + 270 = 1400 → 完成, provisional on the 2022 estimate
    assert r.grade == "completed" and r.final.provisional
    assert "2022年数据尚缺" in r.reason()


def test_latest_year_not_yet_reported_moves_the_position_back(tmp_path):
    r = _eval(tmp_path, ("1", "合成新增", "亿元", "累计 1400", "合成部门", "预期性", None), [
        ("1", "2020", 260, "亿元", "flow", "actual"),
        ("1", "2021", 300, "亿元", "flow", "actual"),
    ])
    assert r.progress.midterm_period.year == 2021 and r.progress.midterm_value == 300
    assert r.grade in ("A", "B", "C", "D")
    assert "2022年" in r.reason()


def test_level_series_with_a_gap_is_projected(tmp_path):
    r = _eval(tmp_path, ("1", "合成覆盖率", "%", "25", "合成部门", "预期性", None), [
        ("1", "2019", 20.0, "%", "level", "actual"),
        ("1", "2020", 21.0, "%", "level", "actual"),
        ("1", "2022", 23.0, "%", "level", "actual"),
    ])
    assert r.outlook is not None
    assert r.progress.series.years == (2019, 2020, 2021, 2022)
    assert r.progress.series.values[2] == pytest.approx(22.0)
    assert any("2021年数据缺失" in n for n in r.progress.notes)
