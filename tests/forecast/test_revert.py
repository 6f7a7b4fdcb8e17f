"""Intervals of yearly rates that revert (issue 13.2-13.3, forecast._revert).

Hand calculations use the published constants (NATURES["rate"] and _revert.ONE_STEP); the
properties use SYNTHETIC series, an AR(1) drawn with a fixed seed and values drawn by hypothesis.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicator_forecast.forecast import _revert, project_series
from indicator_forecast.forecast.priors import NATURES, Nature

RATE = NATURES["unemployment"]


def _synthetic_ar1(n: int, seed: int) -> np.ndarray:
    """SYNTHETIC: an AR(1) with phi 0.9 around 5.0, innovations of sd 0.3."""
    rng = np.random.default_rng(seed)
    y = [5.0]
    for _ in range(n - 1):
        y.append(5.0 + 0.9 * (y[-1] - 5.0) + 0.3 * rng.standard_normal())
    return np.array(y)


@pytest.mark.parametrize("n", [2, 3, 4, 8])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_interval_is_centred_on_the_forecast(n, seed):
    # Before rate5 the naive long-series table put the 80 % interval's centre half a
    # half-width above the forecast at three points (4.21-9.87 around 5.55 for unemployment);
    # now it is centred to within 1 % of its width at every horizon and level.
    y = _synthetic_ar1(n, seed)
    p = project_series(np.arange(2023 - n, 2023), y, target_year=2027,
                       series_class="history_scale", nature=RATE)
    for lv in (80, 95):
        lo, hi = p.lo(lv), p.hi(lv)
        assert np.all(lo < p.mean) and np.all(p.mean < hi)
        assert np.all(np.abs((lo + hi) / 2 - p.mean) <= 0.01 * (hi - lo)), (lv, lo, hi, p.mean)


def test_interval_by_hand():
    # SYNTHETIC 4.0, 4.4, 4.2 (history-scaled): own scale |4.4 - 4.0| = 0.4 from one change
    # before the latest, weight 1 / (1 + 8) = 1/9; pooled 0.1076 * mean(4.0, 4.4) = 0.45192;
    # s = 0.4 / 9 + 8 / 9 * 0.45192 = 0.446152. Three points, 80 %: one-year error 1.656 s.
    # Forecast 4.2 + 0.9^h * 0 = 4.2. One year: 4.2 +- 0.738828; two: times
    # sqrt(1 + 0.81) = 1.345362, 4.2 +- 0.993990.
    p = project_series([2020, 2021, 2022], [4.0, 4.4, 4.2], target_year=2024,
                       series_class="history_scale", nature=RATE)
    np.testing.assert_allclose(p.mean, [4.2, 4.2], atol=1e-12)
    np.testing.assert_allclose(p.hi(80) - p.mean, [0.738828, 0.993990], atol=2e-6)
    np.testing.assert_allclose(p.mean - p.lo(80), [0.738828, 0.993990], atol=2e-6)
    assert p.prior_weight == pytest.approx(8 / 9)
    assert any("centred on the forecast" in note for note in p.notes)


def test_growth_with_the_horizon_is_the_ar1_one():
    g = _revert.growth(np.array([0.0, 1.0, 3.0]), 0.9)
    # sqrt((1 - 0.81^h) / 0.19) by hand: h = 0 gives 0, h = 1 gives 1, and h = 3
    # (1 - 0.531441) / 0.19 = 2.466100, sqrt 1.570382.
    np.testing.assert_allclose(g, [0.0, 1.0, 1.570382], atol=1e-6)


@settings(max_examples=40, deadline=None)
@given(vals=st.lists(st.floats(1, 20), min_size=2, max_size=7), bump=st.floats(0.01, 3))
def test_latest_value_moves_the_centre_not_the_width(vals, bump):
    years = list(range(2022 - len(vals) + 1, 2023))
    p = project_series(years, vals, target_year=2025, series_class="history_scale", nature=RATE)
    q = project_series(years, [*vals[:-1], vals[-1] + bump], target_year=2025,
                       series_class="history_scale", nature=RATE)
    np.testing.assert_allclose(q.hi(80) - q.lo(80), p.hi(80) - p.lo(80), rtol=1e-9, atol=1e-9)
    assert np.all(q.mean > p.mean)
    assert q.prob_at_least(vals[-1]) >= p.prob_at_least(vals[-1]) - 1e-12


def test_without_a_pooled_spread_the_old_interval_is_kept():
    # Nature("rate", revert=0.9) is the kind before rate5: the naive table, not _revert.
    old = project_series([2020, 2021, 2022], [5.6, 5.1, 5.6], target_year=2025,
                         series_class="history_scale", nature=Nature("rate", revert=0.9))
    new = project_series([2020, 2021, 2022], [5.6, 5.1, 5.6], target_year=2025,
                         series_class="history_scale", nature=RATE)
    assert old.mean[-1] == pytest.approx(new.mean[-1])
    # 4.21-9.87 (width 5.66, centre 7.04) against 4.08-7.03 (width 2.95, centre 5.55).
    assert (old.hi(80) - old.lo(80))[-1] > 1.5 * (new.hi(80) - new.lo(80))[-1]
    assert (old.hi(80) + old.lo(80))[-1] / 2 > old.mean[-1] + 1.0
    with pytest.raises(ValueError, match="not a reverting kind"):
        _revert.revert_spread(replace(RATE, spread=0.0), np.array([5.0]), 0.0, 0,
                              np.array([1.0]), np.array([0.1, 0.9]), 2)


def test_points_between_the_fitted_ones_interpolate():
    q6, q8 = (_revert.shape(n, np.array([1.0]), np.array([0.9]), 0.9)[0, 0] for n in (6, 8))
    q7 = _revert.shape(7, np.array([1.0]), np.array([0.9]), 0.9)[0, 0]
    assert q7 == pytest.approx((q6 + q8) / 2)
    assert _revert.shape(20, np.array([1.0]), np.array([0.9]), 0.9)[0, 0] == pytest.approx(q8)
    assert math.isclose(_revert.shape(3, np.array([2.0]), np.array([0.5]), 0.9)[0, 0], 0.0)
