"""Hand-computed progress at the seed's dates (as_of 2023-06-30) on a SYNTHETIC plan."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from conftest import synthetic_observations, synthetic_plan

from indicator_forecast.evaluate import evaluate
from indicator_forecast.progress import compute_progress

AS_OF = dt.date(2023, 6, 30)

PLAN_ROWS = [
    ("1", "合成投资总额", "亿元", "累计 1400", "合成发改部门", "预期性", None),
    ("2", "合成专利拥有量", "件", "16", "合成科技部门", "预期性", 8),
    ("3", "合成预算收入年均增长率", "%", "3-5", "合成财政部门", "预期性", None),
    ("4", "合成预期寿命", "岁", ">84", "合成卫健部门", "预期性", None),
    ("5", "合成失业率", "%", "<5.5", "合成人社部门", "预期性", None),
    ("6", "合成地区生产总值增长率", "%", "与市保持同步", "合成发改部门", "预期性", None),
    ("7", "合成能耗降低率", "%", "完成市下达目标", "合成能源部门", "约束性", None),
    ("8", "合成产业占比", "%", "40", "合成产业部门", "预期性", None),
    ("", "合成甲产业", "%", "12", "合成甲部门", "", None),
    ("", "合成乙产业", "%", "28", "合成乙部门", "", None),
]
OBS_ROWS = [
    ("1", "2021", 300, "亿元", "flow", "actual"),
    ("1", "2022", 250, "亿元", "flow", "actual"),
    ("1", "2023H1", 100, "亿元", "flow", "actual"),
    ("2", "2021", 10, "件", "level", "actual"),
    ("2", "2022", 12, "件", "level", "actual"),
    ("3", "2021", 6, "%", "growth_rate", "actual"),
    ("3", "2022", 2, "%", "growth_rate", "actual"),
    ("4", "2021", 84.2, "岁", "level", "actual"),
    ("4", "2022", 84.5, "岁", "level", "actual"),
    ("5", "2021", 5.4, "%", "level", "actual"),
    ("5", "2022", 5.6, "%", "level", "actual"),
    ("6", "2021", 8.0, "%", "growth_rate", "actual"),
    ("6", "2022", 3.0, "%", "growth_rate", "actual"),
    ("6", "2021", 8.6, "%", "growth_rate", "parent_actual"),
    ("6", "2022", 2.0, "%", "growth_rate", "parent_actual"),
    # 7: own figures only, no 市下达 yearly targets.
    ("7", "2021", 3.0, "%", "change", "actual"),
    ("7", "2022", 3.2, "%", "change", "actual"),
    ("8", "2020", 30, "%", "level", "actual"),
    ("8", "2021", 33, "%", "level", "actual"),
    ("8", "2022", 35, "%", "level", "actual"),
    ("8.1", "2020", 9, "%", "level", "actual"),
    ("8.1", "2021", 10, "%", "level", "actual"),
    ("8.1", "2022", 11, "%", "level", "actual"),
    ("8.2", "2020", 21, "%", "level", "actual"),
    ("8.2", "2021", 23, "%", "level", "actual"),
    ("8.2", "2022", 24, "%", "level", "actual"),
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    d = tmp_path_factory.mktemp("synthetic")
    plan = synthetic_plan(PLAN_ROWS, d)
    obs = synthetic_observations(plan, OBS_ROWS, d)
    return plan, obs


@pytest.fixture(scope="module")
def synthetic_eval(synthetic):
    plan, obs = synthetic
    return evaluate(plan, obs, as_of="2023-06-30", progress=False)


def _progress(synthetic, ind_id):
    plan, obs = synthetic
    ind = next(i for i in plan.all_indicators() if i.id == ind_id)
    return ind, compute_progress(ind, obs, AS_OF, plan=plan)


def test_cumulative_total(synthetic):
    ind, pr = _progress(synthetic, "1")
    assert ind.kind == "cumulative_total"
    # running total to June 2023: 300 + 250 + 100 = 650
    assert pr.midterm_value == pytest.approx(650)
    assert pr.midterm_period.year == 2023 and pr.midterm_period.months == 6
    # position 2022 + 6/12 = 2022.5; elapsed (2022.5 − 2020) / 5 = 0.5
    assert pr.time_elapsed == pytest.approx(0.5)
    # completion 650 / 1400 = 0.464285…
    assert pr.completion == pytest.approx(650 / 1400)
    assert pr.completion == pytest.approx(0.4642857, abs=1e-6)
    # straight path: 1400 · 0.5 = 700
    assert pr.expected_value == pytest.approx(700)
    # remaining 1400 − 650 = 750 over 2025 − 2022.5 = 2.5 years → 300 a year
    assert pr.required_pace == pytest.approx(300)
    # recent full years: mean(300, 250) = 275, best 300
    assert pr.recent_pace == pytest.approx(275)
    assert pr.best_pace == pytest.approx(300)
    assert pr.met_now is False
    assert not pr.blocked


def test_end_level(synthetic):
    ind, pr = _progress(synthetic, "2")
    assert ind.kind == "end_level"
    assert pr.baseline == 8 and pr.target_value == 16
    assert pr.midterm_value == 12 and pr.midterm_period.year == 2022
    # (12 − 8) / (16 − 8) = 4 / 8 = 0.5
    assert pr.completion == pytest.approx(0.5)
    # (2022 − 2020) / 5 = 0.4
    assert pr.time_elapsed == pytest.approx(0.4)
    # 8 + 8 · 0.4 = 11.2
    assert pr.expected_value == pytest.approx(11.2)
    # pace ratio 0.5 / 0.4 = 1.25
    assert pr.pace_ratio == pytest.approx(1.25)
    # remaining (16 − 12) / 3 = 4/3 a year; recent diffs 10−8=2, 12−10=2
    assert pr.required_pace == pytest.approx(4 / 3)
    assert pr.recent_pace == pytest.approx(2)
    # average growth (12/8)^(1/2) − 1 = 22.47 %
    assert pr.realised_rate == pytest.approx((math.sqrt(1.5) - 1) * 100)
    assert pr.met_now is False


def test_annual_rate(synthetic):
    ind, pr = _progress(synthetic, "3")
    assert ind.kind == "annual_rate"
    # realised: (1.06 · 1.02)^(1/2) − 1 = 1.0812^0.5 − 1 = 0.0398077 → 3.98077 %
    realised = ((1.06 * 1.02) ** 0.5 - 1) * 100
    assert realised == pytest.approx(3.98077, abs=1e-5)
    assert pr.realised_rate == pytest.approx(realised)
    assert pr.midterm_value == pytest.approx(realised)
    # two of five years: 0.4
    assert pr.time_elapsed == pytest.approx(0.4)
    # lower bound 3 % over 5 years: 1.03^5 = 1.1592741; done 1.0812;
    # remaining 3 years need (1.1592741 / 1.0812)^(1/3) − 1 = 1.0722106^(1/3) − 1 = 2.3513 %
    required = ((1.03**5 / 1.0812) ** (1 / 3) - 1) * 100
    assert required == pytest.approx(2.3513, abs=1e-3)
    assert pr.required_pace == pytest.approx(required)
    # completion against the lower bound 3: 3.98077 / 3
    assert pr.completion == pytest.approx(realised / 3)
    assert pr.met_now is True


def test_floor_met(synthetic):
    ind, pr = _progress(synthetic, "4")
    assert ind.kind == "floor"
    assert pr.midterm_value == 84.5
    assert pr.met_now is True  # 84.5 > 84
    assert not pr.blocked  # a floor needs no base-year value


def test_ceiling_not_met(synthetic):
    ind, pr = _progress(synthetic, "5")
    assert ind.kind == "ceiling" and ind.direction == "lower"
    assert pr.midterm_value == 5.6
    assert pr.met_now is False  # 5.6 is not < 5.5


def test_parent_synced_gaps(synthetic):
    ind, pr = _progress(synthetic, "6")
    assert ind.kind == "parent_synced"
    # 2021: 8.0 − 8.6 = −0.6; 2022: 3.0 − 2.0 = 1.0
    assert [g[0] for g in pr.gaps] == [2021, 2022]
    assert [g[1] for g in pr.gaps] == [8.0, 3.0]
    assert [g[2] for g in pr.gaps] == [8.6, 2.0]
    assert pr.gaps[0][3] == pytest.approx(-0.6)
    assert pr.gaps[1][3] == pytest.approx(1.0)
    # average gap (−0.6 + 1.0) / 2 = 0.2
    assert pr.midterm_value == pytest.approx(0.2)
    assert pr.time_elapsed == pytest.approx(0.4)
    assert pr.met_now is True


def test_parent_synced_without_parent_is_insufficient(tmp_path):
    plan = synthetic_plan(
        [("1", "合成增长率", "%", "与市保持同步", "合成统计部门", "预期性", None)], tmp_path
    )
    obs = synthetic_observations(plan, [
        ("1", "2021", 8.0, "%", "growth_rate", "actual"),
        ("1", "2022", 3.0, "%", "growth_rate", "actual"),
    ], tmp_path)
    r = evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    assert r.grade == "insufficient_data"
    assert "市" in r.reason() and "合成统计部门" in r.reason()


def test_parent_assigned_without_parent_figures(synthetic_eval):
    r = synthetic_eval["7"]
    assert r.indicator.kind == "parent_assigned"
    assert r.grade == "insufficient_data"
    reason = r.reason()
    assert reason.startswith("数据待补充")
    assert "下达" in reason and "目标" in reason
    assert "2021年" in reason and "2022年" in reason
    assert "合成能源部门" in reason


def test_parent_assigned_with_parent_figures(tmp_path):
    plan = synthetic_plan(
        [("1", "合成能耗降低率", "%", "完成市下达目标", "合成能源部门", "约束性", None)], tmp_path
    )
    obs = synthetic_observations(plan, [
        ("1", "2021", 3.0, "%", "change", "actual"),
        ("1", "2022", 3.2, "%", "change", "actual"),
        ("1", "2021", 2.5, "%", "change", "parent_target"),
        ("1", "2022", 3.5, "%", "change", "parent_target"),
    ], tmp_path)
    r = evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    # 2021: 3.0 ≥ 2.5 met; 2022: 3.2 < 3.5 missed → share 1/2, grade C (a year missed)
    assert [m for *_, m in r.progress.yearly_met] == [True, False]
    assert r.progress.completion == pytest.approx(0.5)
    assert r.grade == "C"


def test_composite_whole_and_parts(synthetic, synthetic_eval):
    plan, _ = synthetic
    ids = [i.id for i in plan.all_indicators()]
    assert ids[-3:] == ["8", "8.1", "8.2"]
    _, whole = _progress(synthetic, "8")
    assert whole.kind == "composite"
    # (35 − 30) / (40 − 30) = 0.5; expected 30 + 10 · 0.4 = 34
    assert whole.completion == pytest.approx(0.5)
    assert whole.expected_value == pytest.approx(34)
    _, a = _progress(synthetic, "8.1")
    # (11 − 9) / (12 − 9) = 2/3; expected 9 + 3 · 0.4 = 10.2
    assert a.completion == pytest.approx(2 / 3)
    assert a.expected_value == pytest.approx(10.2)
    _, b = _progress(synthetic, "8.2")
    # (24 − 21) / (28 − 21) = 3/7; expected 21 + 7 · 0.4 = 23.8
    assert b.completion == pytest.approx(3 / 7)
    assert b.expected_value == pytest.approx(23.8)
    df = synthetic_eval.to_frame().set_index("indicator_id")
    assert df.loc["8.1", "parent_id"] == "8" and df.loc["8.2", "parent_id"] == "8"
    assert df.loc["8.1", "departments"] == "合成甲部门"
    for i in ("8", "8.1", "8.2"):
        assert df.loc[i, "grade"] in ("A", "B", "C", "D")
    # parts are not counted as indicators of their own
    assert sum(synthetic_eval.counts().values()) == 8


def test_frame_values_match_hand(synthetic_eval):
    df = synthetic_eval.to_frame().set_index("indicator_id")
    assert df.loc["1", "midterm_value"] == pytest.approx(650)
    assert df.loc["1", "progress"] == pytest.approx(650 / 1400)
    assert df.loc["1", "time_elapsed"] == pytest.approx(0.5)
    assert df.loc["2", "progress"] == pytest.approx(0.5)
    assert df.loc["2", "time_elapsed"] == pytest.approx(0.4)
    assert df.loc["2", "expected_value"] == pytest.approx(11.2)
