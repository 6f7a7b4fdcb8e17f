"""ESCAP, Eurostat and UNSD measures per kind against hand calculations from each method's
formula (SYNTHETIC figures): distances run from the base to the threshold that counts, in the
direction that is better; a threshold met at the base year is judged on whether it is kept."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from indicator_forecast.classify import Outlook, comparison_measures
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Period
from indicator_forecast.progress import Progress

CFG = EvaluationConfig()


def _outlook(mean: float) -> Outlook:
    return Outlook(mean=mean, lo=mean - 1, hi=mean + 1, level=80, p_meet=0.5, p_stretch=None,
                   model="synthetic", model_reason="synthetic", what="level",
                   quantile=lambda q: q, prob_at_least=lambda x: 0.5)


def _pr(kind, base, target, mid, direction="higher", threshold=None, completion=None):
    return Progress("1", kind, dt.date(2023, 6, 30), midterm_value=mid,
                    midterm_period=Period(2022), time_elapsed=0.4, completion=completion,
                    baseline=base, target_value=target, direction=direction,
                    threshold=threshold if threshold is not None else target)


def test_end_level_not_met_at_base():
    m = comparison_measures(_pr("end_level", 10, 16, 12, completion=1 / 3), _outlook(15), CFG)
    # ESCAP anticipated (15 − 10)/(16 − 10) = 0.8333 → accelerate
    assert m["escap_anticipated"] == pytest.approx(5 / 6)
    assert m["escap_anticipated_class"] == "accelerate"
    # Eurostat: actual CAGR (12/10)^(1/2) − 1 = 0.095445; required (16/10)^(1/5) − 1 = 0.098561
    assert m["eurostat_ratio"] == pytest.approx(0.095445 / 0.098561, rel=1e-4)
    assert m["eurostat_class"] == "on track"  # 0.968 ≥ 0.95
    assert m["unsd_class"] == "fair progress, acceleration needed"  # 0.10 ≤ 0.83 < 0.95


def test_ceiling_met_at_base_drifting_into_breach():
    # 失业率 5.2 → 5.6 against ＜5.5 (lower is better), projected 6.2
    m = comparison_measures(_pr("ceiling", 5.2, 5.5, 5.6, direction="lower"), _outlook(6.2), CFG)
    assert m["escap_anticipated_class"] == "reverse"
    assert m["eurostat_class"] == "deterioration"
    assert m["unsd_class"] == "limited or regression"
    assert "escap_anticipated" not in m and "eurostat_ratio" not in m


def test_floor_met_at_base_and_rising():
    # grain 6.69 → 6.87 above its ＞6.5 floor, projected 7.0
    m = comparison_measures(_pr("floor", 6.69, 6.5, 6.87), _outlook(7.0), CFG)
    assert m["escap_anticipated_class"] == "maintain"
    assert m["eurostat_class"] == "on track"
    assert m["unsd_class"] == "target met"


def test_band_uses_the_edge_that_matters():
    # 85左右 (band 83.3–86.7), base 82, now 83, projected 84: distance to the lower edge 83.3
    m = comparison_measures(_pr("band", 82, 85, 83, threshold=83.3), _outlook(84), CFG)
    assert m["escap_anticipated"] == pytest.approx((84 - 82) / (83.3 - 82))
    assert m["escap_anticipated_class"] == "maintain"


def test_lower_is_better_level_not_met_at_base():
    # a ratio 0.02 → 0.015 against 0.01: share (0.012 − 0.02)/(0.01 − 0.02) = 0.8
    m = comparison_measures(_pr("end_level", 0.02, 0.01, 0.015, direction="lower"),
                            _outlook(0.012), CFG)
    assert m["escap_anticipated"] == pytest.approx(0.8)
    # Eurostat: actual (0.015/0.02)^(1/2) − 1 = −0.133975; required (0.5)^(1/5) − 1 = −0.129449
    assert m["eurostat_ratio"] == pytest.approx(-0.133975 / -0.129449, rel=1e-4)
    assert math.isfinite(m["eurostat_ratio"]) and m["eurostat_class"] == "on track"
