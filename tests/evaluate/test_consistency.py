"""Conclusions consistent with their numbers (issue 17.2), on SYNTHETIC plans and outlooks."""

from __future__ import annotations

import datetime as dt

from conftest import synthetic_observations, synthetic_plan

from indicator_forecast import evaluate
from indicator_forecast.classify import Outlook, classify
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Period
from indicator_forecast.progress import Progress


def _outlook(mean: float, p: float) -> Outlook:
    return Outlook(mean=mean, lo=mean - 2, hi=mean + 2, level=80, p_meet=p, p_stretch=None,
                   model="synthetic", model_reason="synthetic", what="level",
                   quantile=lambda q: q, prob_at_least=lambda x: p)


def _floor(met_now: bool) -> Progress:
    # 居民平均预期寿命-like: 84.2 now against ">84"
    return Progress("1", "floor", dt.date(2023, 6, 30), midterm_value=84.2 if met_now else 83.8,
                    midterm_period=Period(2022), baseline=83.9, target_value=84.0, threshold=84.0,
                    met_now=met_now, base_year=2020, target_year=2025)


def test_floor_met_now_and_kept_by_the_projection_is_at_least_b():
    cls = classify(_floor(True), _outlook(84.3, 0.55), binding=False, config=EvaluationConfig())
    assert cls.grade == "B"
    assert any("目前已达到目标要求" in zh for zh, _ in cls.notes)


def test_floor_met_now_but_lost_in_the_projection_says_so():
    cls = classify(_floor(True), _outlook(83.7, 0.3), binding=False, config=EvaluationConfig())
    assert cls.grade == "C"
    assert any("期末存在不达标风险" in zh for zh, _ in cls.notes)


def test_skewed_projection_is_explained():
    # a total projected 1383 against 1400 with P(meet) 62 %: the text must say why
    pr = Progress("1", "cumulative_total", dt.date(2023, 6, 30), midterm_value=650,
                  midterm_period=Period(2023, 6), time_elapsed=0.5, completion=650 / 1400,
                  target_value=1400, threshold=1400, base_year=2020, target_year=2025)
    cls = classify(pr, _outlook(1383.33, 0.62), binding=False, config=EvaluationConfig())
    assert cls.grade == "B"
    zh = "".join(z for z, _ in cls.notes)
    assert "1383" in zh and "62%" in zh and "不对称" in zh


def test_override_flows_into_the_proposal(tmp_path):
    plan = synthetic_plan([("1", "合成水平", "件", "30", "合成部门", "预期性", 10)], tmp_path)
    obs = synthetic_observations(plan, [
        ("1", "2020", 10, "件", "level", "actual"),
        ("1", "2021", 11, "件", "level", "actual"),
        ("1", "2022", 12, "件", "level", "actual"),
    ], tmp_path)
    ev = evaluate(plan, obs, as_of="2023-06-30", progress=False)
    assert ev["1"].grade == "D" and ev["1"].adjustment is not None
    ov = ev.override("1", "B", "合成：上级已安排重大项目")
    assert ov["1"].final_grade == "B"
    assert ov["1"].adjustment is None
    assert ov.adjustments_frame().empty or "1" not in set(ov.adjustments_frame()["indicator_id"])
    back = ov.override("1", "D", "合成：项目取消")
    assert back["1"].adjustment is not None


def test_met_target_on_a_quantity_that_only_rises_is_a():
    # 常住人口城镇化率-like: 65.22 against 65, P(meet) 0.87 < p_ahead; urbanisation does not fall
    pr = Progress("1", "end_level", dt.date(2023, 6, 30), midterm_value=65.22,
                  midterm_period=Period(2022), baseline=63.89, target_value=65.0, threshold=65.0,
                  met_now=True, completion=1.2, time_elapsed=0.4, base_year=2020,
                  target_year=2025)
    rising = _outlook(67.2, 0.87)
    assert classify(pr, rising, binding=False, config=EvaluationConfig()).grade == "B"
    from dataclasses import replace
    cls = classify(pr, replace(rising, only_rises=True), binding=False, config=EvaluationConfig())
    assert cls.grade == "A" and "only rises" in cls.rule
    assert any("只升不降" in zh for zh, _ in cls.notes)
