"""A higher latest value must never lower the default projection (what makes grades monotone)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicator_forecast.forecast import _kernels as K
from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast import project_series

# Found by random search (SYNTHETIC): the least-squares grid switches from (beta 0.5, phi 0.98)
# to (beta 0.02, phi 0.95) between these two latest values and the 3-year forecast drops.
SWITCH_HISTORY = [50.0, 51.31, 51.82, 52.54, 52.96, 53.38, 54.65]
SWITCH_LATEST = (56.74, 56.76)


def test_estimated_damped_trend_can_fall_when_the_latest_value_rises():
    lo, hi = (np.array([SWITCH_HISTORY + [v]]) for v in SWITCH_LATEST)
    f_lo, p_lo = K.damped(lo, 3)
    f_hi, p_hi = K.damped(hi, 3)
    assert (p_lo["beta"][0], p_lo["phi"][0]) != (p_hi["beta"][0], p_hi["phi"][0])
    assert f_hi[0, -1] < f_lo[0, -1] - 1.0  # why the default does not estimate them


def test_default_rises_on_the_same_pair():
    lo, hi = (project_series(list(range(2015, 2023)), SWITCH_HISTORY + [v], target_year=2025)
              for v in SWITCH_LATEST)
    assert lo.model == hi.model == M.DEFAULT_METHOD
    assert hi.mean[-1] > lo.mean[-1]
    assert hi.prob_at_least(60.0) > lo.prob_at_least(60.0)


def test_fixed_damped_weight_of_the_latest_value():
    # Hand calculation: with fixed parameters the k-step forecast moves by
    # alpha * (1 + beta * (phi + ... + phi^k)) per unit of the latest value.
    a, b, p = K.DAMPED_FIXED
    y = np.array([[3.0, 4.0, 4.5, 6.0, 6.2, 7.0]])
    y2 = y.copy()
    y2[0, -1] += 1.0
    d = K.damped_fixed(y2, 3)[0] - K.damped_fixed(y, 3)[0]
    expected = [a * (1 + b * sum(p**j for j in range(1, k + 1))) for k in (1, 2, 3)]
    np.testing.assert_allclose(d[0], expected, rtol=1e-12)


@settings(max_examples=200, deadline=None)
@given(
    n=st.integers(2, 12),
    data=st.data(),
    bump=st.floats(1e-3, 50.0),
)
def test_default_forecast_never_falls_when_the_latest_value_rises(n, data, bump):
    vals = data.draw(st.lists(st.floats(-100, 100), min_size=n, max_size=n))
    Y = np.array([vals])
    Y2 = Y.copy()
    Y2[0, -1] += bump
    method = M.resolve(M.DEFAULT_METHOD, n).used
    f1 = M.forecast_matrix(method, Y, 5)
    f2 = M.forecast_matrix(method, Y2, 5)
    assert np.all(f2 >= f1 - 1e-9), (vals, bump, method)


@pytest.mark.filterwarnings("ignore::indicator_forecast.exceptions.ShortSeriesWarning")
def test_project_amounts_builds_the_running_total_by_hand():
    # Amounts 100 (2021) and 140 (2022): running total 0, 100, 240 from 2020; six months of
    # 2023 worth 60 make a full-year nowcast of 60 / 0.5 = 120, i.e. 360 at the end of 2023.
    from indicator_forecast.forecast import Partial, project_amounts

    p = project_amounts([2021, 2022], [100.0, 140.0], target_year=2025,
                        partial=Partial(year=2023, months=6, value=60.0))
    assert list(p.running.years) == [2020, 2021, 2022]
    assert list(p.running.values) == [0.0, 100.0, 240.0]
    assert (p.last_total, p.nowcast) == (240.0, 120.0)
    assert p.running.mean[0] == 360.0
    # Drift through 0 .. 360 over three years: 120 a year, so the yearly amounts are 120.
    np.testing.assert_allclose(p.yearly().mean, [120.0, 120.0, 120.0])
