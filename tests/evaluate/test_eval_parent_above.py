"""'高于全市' (growth above the parent's) on SYNTHETIC data, with the gaps worked by hand."""

from __future__ import annotations

import pytest
from conftest import synthetic_observations, synthetic_plan

from indicator_forecast.evaluate import evaluate
from indicator_forecast.plan.parser import parse_target


@pytest.mark.parametrize(
    ("text", "parent"),
    [("高于全市", "市"), ("高于全市平均水平", "市"), ("快于全省", "省"), ("高于全国平均", "国家")],
)
def test_above_the_parent_is_a_parent_comparison(text, parent):
    t = parse_target(text, unit="%", name="合成收入增长率")
    assert t.kind == "parent_synced"
    assert (t.parent, t.relation) == (parent, "above")


def test_in_step_and_reference_indicator_spellings_are_unchanged():
    assert parse_target("与全市同步", unit="%", name="合成增长率").relation == "in_step"
    t = parse_target("高于GDP增长", unit="%", name="合成劳动生产率增长")
    assert (t.kind, t.reference) == ("relative_to_indicator", "GDP增长")


def _run(text: str, own: tuple[float, float], city: tuple[float, float]):
    plan = synthetic_plan([("1", "合成收入增长率", "%", text, "合成部门", "预期性", None)])
    obs = synthetic_observations(plan, [
        ("1", "2021", own[0], "%", "growth_rate", "actual"),
        ("1", "2022", own[1], "%", "growth_rate", "actual"),
        ("1", "2021", city[0], "%", "growth_rate", "parent_actual"),
        ("1", "2022", city[1], "%", "growth_rate", "parent_actual"),
    ])
    return evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]


def test_above_needs_a_positive_average_gap():
    # Gaps 2021: 8.0 - 8.6 = -0.6; 2022: 3.0 - 2.8 = +0.2; average -0.2 points.
    above = _run("高于全市", (8.0, 3.0), (8.6, 2.8))
    assert above.progress.midterm_value == pytest.approx(-0.2)
    assert above.progress.met_now is False
    # Gaps +0.4 and +0.2: average +0.3, above the city.
    above2 = _run("高于全市", (9.0, 3.0), (8.6, 2.8))
    assert above2.progress.midterm_value == pytest.approx(0.3)
    assert above2.progress.met_now is True


def test_above_is_stricter_than_in_step():
    # The same gaps (average 0.0 points): in step is met, above is not.
    in_step = _run("与全市同步", (8.6, 2.8), (8.6, 2.8))
    above = _run("高于全市", (8.6, 2.8), (8.6, 2.8))
    assert in_step.progress.met_now is True
    assert above.progress.met_now is False


def test_without_the_citys_figures_the_missing_figure_is_named():
    plan = synthetic_plan([("1", "合成收入增长率", "%", "高于全市", "合成部门", "预期性", None)])
    obs = synthetic_observations(plan, [
        ("1", "2021", 8.0, "%", "growth_rate", "actual"),
        ("1", "2022", 3.0, "%", "growth_rate", "actual"),
    ])
    r = evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]
    assert r.grade == "insufficient_data"
    assert "市（上级）同期增速" in r.reason()
