"""Adjusted-target proposals and analyst overrides on SYNTHETIC plans."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import synthetic_observations, synthetic_plan

from indicator_forecast.adjust import granularity, propose, round_to
from indicator_forecast.classify import Classification, Outlook
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.evaluate import evaluate
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.progress import Progress

CFG = EvaluationConfig()


def test_granularity_and_rounding():
    assert granularity("累计 1400", 1400) == 100
    assert round_to(1187.3, 100) == 1200
    assert granularity("16", 16) == 1
    assert granularity("1.1", 1.1) == pytest.approx(0.1)
    assert round_to(1.14, 0.1) == pytest.approx(1.1)


def _cumulative(attr, tmp_path):
    plan = synthetic_plan(
        [("1", "合成投资总额", "亿元", "累计 1400", "合成发改部门", attr, None)], tmp_path
    )
    ind = next(iter(plan.all_indicators()))
    pr = Progress(
        "1",
        "cumulative_total",
        dt.date(2023, 6, 30),
        midterm_value=650,
        completion=650 / 1400,
        time_elapsed=0.5,
        target_value=1400,
        required_pace=300,
        recent_pace=275,
        pace_unit="亿元/年",
    )
    # a synthetic distribution whose 30 % quantile is 1187.3
    ol = Outlook(
        mean=1250,
        lo=1100,
        hi=1400,
        level=80,
        p_meet=0.1,
        p_stretch=None,
        model="synthetic",
        model_reason="synthetic",
        what="flow",
        quantile=lambda q: 1187.3 if abs(q - 0.3) < 1e-12 else float("nan"),
        prob_at_least=lambda x: 0.68 if x == 1200 else 0.1,
    )
    return ind, pr, ol


def test_proposal_lowers_to_rounded_value(tmp_path):
    ind, pr, ol = _cumulative("预期性", tmp_path)
    adj = propose(ind, pr, ol, Classification("D", "synthetic", 0.93, 0.1, {}), CFG)
    assert adj is not None and adj.direction == "lower"
    # 70 % probability → the 30 % quantile 1187.3 → hundreds → 1200
    assert adj.suggested_value == 1200
    assert adj.suggested_target == "累计 1200"
    assert adj.probability == pytest.approx(0.68)
    assert adj.binding_note is None


def test_binding_proposal_keeps_target(tmp_path):
    ind, pr, ol = _cumulative("约束性", tmp_path)
    assert ind.binding
    adj = propose(ind, pr, ol, Classification("D", "synthetic", 0.93, 0.1, {}), CFG)
    assert adj is not None and adj.direction == "keep"
    assert adj.suggested_value is None
    assert "1400" in adj.suggested_target and "1200" not in adj.suggested_target
    assert adj.binding_note and "约束性" in adj.binding_note


def test_no_proposal_for_b(tmp_path):
    ind, pr, ol = _cumulative("预期性", tmp_path)
    assert propose(ind, pr, ol, Classification("B", "synthetic", 1.0, 0.7, {}), CFG) is None


@pytest.fixture(scope="module")
def ev(tmp_path_factory):
    d = tmp_path_factory.mktemp("synthetic")
    plan = synthetic_plan([
        ("1", "合成专利拥有量", "件", "16", "合成科技部门", "预期性", 8),
        ("2", "合成绿地面积", "万平方米", "累计 75", "合成绿化部门", "约束性", None),
    ], d)
    obs = synthetic_observations(
        plan,
        [
            ("1", "2021", 10, "件", "level", "actual"),
            ("1", "2022", 12, "件", "level", "actual"),
            ("2", "2021", 8, "万平方米", "flow", "actual"),
            ("2", "2022", 7, "万平方米", "flow", "actual"),
            ("2", "2023H1", 3, "万平方米", "flow", "actual"),
        ],
        d,
    )
    return evaluate(plan, obs, as_of="2023-06-30", progress=False)


def test_binding_indicator_in_evaluation_keeps_target(ev):
    r = ev["2"]
    # 8 + 7 + 3 = 18 of 75 at half time: far behind → C or D, and binding → keep
    assert r.progress.midterm_value == pytest.approx(18)
    assert r.grade in ("C", "D")
    assert r.adjustment is not None and r.adjustment.direction == "keep"
    adj = ev.adjustments_frame().set_index("indicator_id")
    assert "75" in adj.loc["2", "suggested_target"]
    assert adj.loc["2", "binding_note"]


def test_override_kept_beside_suggestion(ev):
    suggested = ev["1"].grade
    other = "D" if suggested != "D" else "A"
    ov = ev.override("1", other, "合成：分析师依据新的合成信息调整", adjusted_target="14")
    df = ov.to_frame().set_index("indicator_id")
    for col in ("grade", "override_grade", "final_grade"):
        assert col in df.columns
    assert df.loc["1", "grade"] == suggested
    assert df.loc["1", "override_grade"] == other
    assert df.loc["1", "final_grade"] == other
    assert (
        df.loc["2", "override_grade"] is None
        or df.loc["2", "override_grade"] != df.loc["2", "override_grade"]
    )
    assert df.loc["2", "final_grade"] == df.loc["2", "grade"]
    adj = ov.adjustments_frame().set_index("indicator_id")
    assert adj.loc["1", "suggested_target"] == "14"
    assert adj.loc["1", "source"] == "analyst override"
    # the original evaluation is unchanged
    assert ev["1"].override is None


@pytest.mark.parametrize("reason", ["", "   "])
def test_override_needs_reason(ev, reason):
    with pytest.raises(ConfigurationError):
        ev.override("1", "B", reason)


def test_override_rejects_bad_grade_and_id(ev):
    with pytest.raises(ConfigurationError):
        ev.override("1", "insufficient_data", "合成理由")
    with pytest.raises(KeyError):
        ev.override("99", "B", "合成理由")
