"""Each EvaluationConfig field changes what it says it changes (flip it, see the effect), and the
pace of an average-rate target is the rate ratio, never divided by the time elapsed.

Every plan and figure here is SYNTHETIC (see conftest)."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import synthetic_observations, synthetic_plan

from indicator_forecast.classify import Outlook, classify
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.evaluate import evaluate
from indicator_forecast.progress import Progress


def _outlook(p: float) -> Outlook:
    return Outlook(
        mean=1.0, lo=0.0, hi=2.0, level=80, p_meet=p, p_stretch=None, model="synthetic",
        model_reason="synthetic", what="level",
        quantile=lambda q: q, prob_at_least=lambda x: 1 - x,
    )


def _progress(completion: float, elapsed: float, kind: str = "end_level") -> Progress:
    return Progress("1", kind, dt.date(2023, 6, 30), completion=completion, time_elapsed=elapsed)


def test_behind_ratio_sets_the_binding_cap():
    # pace ratio 0.38 / 0.40 = 0.95, P(meet) 0.7: B unless 0.95 counts as behind.
    pr, out = _progress(0.38, 0.40), _outlook(0.7)
    assert classify(pr, out, binding=True, config=EvaluationConfig()).grade == "B"
    strict = EvaluationConfig(behind_ratio=1.0)
    cls = classify(pr, out, binding=True, config=strict)
    assert cls.grade == "C" and cls.capped_binding
    # an expected (预期性) indicator is never capped
    assert classify(pr, out, binding=False, config=strict).grade == "B"


@pytest.mark.parametrize(
    ("field", "value", "p", "before", "after"),
    [
        ("p_on_track", 0.75, 0.7, "B", "C"),
        ("p_unlikely", 0.5, 0.4, "C", "D"),
        ("p_ahead", 0.99, 0.95, "A", "B"),
    ],
)
def test_probability_cut_offs(field, value, p, before, after):
    pr = _progress(0.6, 0.4)  # pace 1.5, ahead
    assert classify(pr, _outlook(p), binding=False, config=EvaluationConfig()).grade == before
    cfg = EvaluationConfig(**{field: value})
    assert classify(pr, _outlook(p), binding=False, config=cfg).grade == after


def test_ahead_ratio():
    pr = _progress(0.5, 0.4)  # pace 1.25
    assert classify(pr, _outlook(0.95), binding=False, config=EvaluationConfig()).grade == "A"
    cfg = EvaluationConfig(ahead_ratio=1.3)
    assert classify(pr, _outlook(0.95), binding=False, config=cfg).grade == "B"


def test_fallback_thresholds_without_projection():
    pr = _progress(0.36, 0.4)  # pace 0.9: C under 0.95, B under 0.85
    assert classify(pr, None, binding=False, config=EvaluationConfig()).grade == "C"
    cfg = EvaluationConfig(fallback_progress_on_track=0.85)
    assert classify(pr, None, binding=False, config=cfg).grade == "B"


def test_band_tolerance_share_is_no_longer_an_option():
    # The band's width belongs to the plan (read_plan(band_tolerance=…) or plan.json), so the
    # unread config field was removed rather than left to mislead.
    with pytest.raises(ValueError, match="band_tolerance_share"):
        EvaluationConfig(band_tolerance_share=0.5)


def test_rate_pace_is_the_rate_ratio_not_divided_by_time():
    # Synthetic: 7.2 % a year in 2021 and 2022 against a 15 % average target.
    plan = synthetic_plan([("1", "合成收入增长", "%", "15", "合成局", "约束性", None)])
    assert plan.indicators[0].kind == "annual_rate"
    obs = synthetic_observations(
        plan, [("1", "2021", 7.2, "%", "growth_rate", "actual"),
              ("1", "2022", 7.2, "%", "growth_rate", "actual")],
    )
    r = evaluate(plan, obs, as_of="2023-06-30").results[0]
    # hand: realised compound rate 7.2 %, required 15 %: 7.2 / 15 = 0.48 (was 0.48 / 0.4 = 1.2)
    assert r.progress.pace_ratio == pytest.approx(0.48)
    assert r.classification.grade in ("C", "D")


def test_both_interval_levels_flow_to_the_chart_frame():
    """16.2: level and wide_level are parameters end to end: the chart frame's interval columns
    are named by them (no lo-95 when 99 is asked), and each bound is the outlook's own quantile
    at the target year."""
    import warnings
    from pathlib import Path

    from indicator_forecast import read_observations, read_plan

    data = Path(__file__).resolve().parents[2] / "data" / "national-14th"
    plan = read_plan(data / "plan.csv")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        obs = read_observations(data / "observations.csv", plan)
        ev = evaluate(plan, obs, as_of="2023-06-30", progress=False,
                      config=EvaluationConfig(level=90, wide_level=99))  # fmt: skip
    frame = ev.chart_frame()
    assert {"lo-90", "hi-90", "lo-99", "hi-99"} <= set(frame.columns)
    assert not {"lo-80", "lo-95"} & set(frame.columns)
    checked = 0
    for r in ev.results:
        o = r.outlook
        if o is None or not o.path or o.path[-1][0] != r.progress.target_year:
            continue
        y, _, lo, hi, wlo, whi = o.path[-1]
        assert o.level == 90 and o.wide_level == 99
        assert wlo <= lo <= hi <= whi
        checked += 1
    assert checked


@pytest.mark.parametrize(("level", "wide"), [(95, 95), (90, 80), (80, 100)])
def test_interval_levels_must_be_two_and_the_second_wider(level, wide):
    with pytest.raises(ValueError, match="level < wide_level"):
        EvaluationConfig(level=level, wide_level=wide)
