"""Properties of the projection, checked with hypothesis on synthetic series."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicator_forecast.exceptions import ShortSeriesWarning
from indicator_forecast.forecast import project_series

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@st.composite
def synthetic_series(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.integers(min_value=3, max_value=10))
    start = draw(st.floats(min_value=1.0, max_value=1000.0))
    steps = draw(st.lists(st.floats(min_value=-50.0, max_value=80.0), min_size=n - 1,
                          max_size=n - 1))
    values = start + np.concatenate([[0.0], np.cumsum(steps)])
    years = np.arange(2023 - n, 2023)
    return years, values


def _project(years: np.ndarray, values: np.ndarray, **kw):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ShortSeriesWarning)
        return project_series(years, values, **kw)


@SETTINGS
@given(synthetic_series(), st.floats(min_value=1e-3, max_value=1e4))
def test_multiplying_by_a_positive_constant_scales_forecasts_and_intervals(
    s: tuple[np.ndarray, np.ndarray], c: float
) -> None:
    years, values = s
    a, b = _project(years, values), _project(years, c * values)
    assert a.model == b.model
    tol = 1e-7 * c * (np.abs(values).max() + 1)
    np.testing.assert_allclose(b.mean, c * a.mean, rtol=1e-7, atol=tol)
    for lv in (80, 95):
        np.testing.assert_allclose(b.lo(lv), c * a.lo(lv), rtol=1e-7, atol=tol)
        np.testing.assert_allclose(b.hi(lv), c * a.hi(lv), rtol=1e-7, atol=tol)


@SETTINGS
@given(synthetic_series(), st.floats(min_value=1, max_value=98),
       st.floats(min_value=0.5, max_value=50))
def test_a_wider_level_gives_a_wider_interval(
    s: tuple[np.ndarray, np.ndarray], lv: float, extra: float
) -> None:
    p = _project(*s)
    wider = min(lv + extra, 99.5)
    assert np.all(p.lo(wider) <= p.lo(lv) + 1e-12)
    assert np.all(p.hi(wider) >= p.hi(lv) - 1e-12)


@SETTINGS
@given(synthetic_series(), st.lists(st.floats(min_value=-1e4, max_value=1e4), min_size=2,
                                    max_size=8))
def test_probability_of_exceeding_falls_as_the_threshold_rises(
    s: tuple[np.ndarray, np.ndarray], xs: list[float]
) -> None:
    p = _project(*s)
    xs = sorted(xs)
    probs = [p.prob_at_least(x) for x in xs]
    assert all(0.0 <= q <= 1.0 for q in probs)
    assert all(a >= b - 1e-12 for a, b in zip(probs, probs[1:], strict=False))
    for x in xs:
        assert p.prob_at_least(x) + p.prob_at_most(x) == pytest.approx(1.0)


@settings(max_examples=10, deadline=None)
@given(synthetic_series())
def test_interval_of_a_sum_is_consistent_with_its_parts(s: tuple[np.ndarray, np.ndarray]) -> None:
    years, values = s
    flows = np.abs(values) + 1.0
    p = _project(years, flows, measure="flow")
    c = p.cumulative(observed_total=0.0)
    # the mean adds up exactly
    assert c.mean[0] == pytest.approx(p.mean.sum())
    # the simulated yearly paths have exactly the calibrated per-year marginals
    paths = p._paths()
    for j, year in enumerate(p.periods):
        w = p.hi(95)[j] - p.lo(95)[j]
        for q in (0.1, 0.5, 0.9):
            assert np.quantile(paths[:, j], q) == pytest.approx(p.quantile(q, int(year)),
                                                                abs=0.03 * w + 1e-9)
    # the sum's width lies between independence and perfect dependence of the parts; quantiles
    # of skewed, heavy-tailed errors are not exactly subadditive, hence the 25 % allowance
    k = len(p.periods)
    for lv in (80, 95):
        w_sum = c.hi(lv)[0] - c.lo(lv)[0]
        widths = p.hi(lv) - p.lo(lv)
        assert w_sum <= widths.sum() * 1.25 + 1e-9
        assert w_sum >= np.sqrt((widths**2).sum()) * 0.9 - 1e-9 or k == 1
    # a "sum" over the last year alone reproduces that year's marginal
    last = p.cumulative(observed_total=0.0, from_year=int(p.periods[-1]))
    width = p.hi(95)[-1] - p.lo(95)[-1]
    for q in (0.1, 0.5, 0.9):
        assert last.quantile(q) == pytest.approx(p.quantile(q), abs=0.03 * width + 1e-9)
