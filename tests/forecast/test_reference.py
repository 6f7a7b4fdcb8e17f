"""Reference values: statsmodels for damped trend and Theta; hand-worked drift, log-linear and
time-weighted regression. All series here are synthetic."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.holtwinters import Holt

from indicator_forecast.exceptions import NotFittedError, ProjectionError
from indicator_forecast.forecast import (
    Combination,
    DampedTrend,
    Drift,
    LinearTrend,
    LogLinear,
    Naive,
    Theta,
    WeightedLinear,
)

SYNTHETIC_YEARS = np.arange(2014, 2023)
SYNTHETIC_TREND = np.array([3.0, 4.5, 5.1, 6.8, 7.0, 8.2, 8.9, 9.1, 9.8])


@pytest.mark.parametrize("alpha,beta,phi", [(0.4, 0.2, 0.9), (0.8, 0.05, 0.98), (0.2, 0.5, 0.8)])
def test_damped_trend_matches_statsmodels_holt(alpha: float, beta: float, phi: float) -> None:
    y = SYNTHETIC_TREND
    # our recursion starts at l_1 = y_1, b_1 = y_2 - y_1; statsmodels' "known" initial state is
    # the state before its first observation, so feed it y_2.. with those initial values
    ref = (
        Holt(y[1:], damped_trend=True, initialization_method="known",
             initial_level=y[0], initial_trend=y[1] - y[0])
        .fit(smoothing_level=alpha, smoothing_trend=beta, damping_trend=phi, optimized=False)
        .forecast(4)
    )
    ours = DampedTrend(alpha=alpha, beta=beta, phi=phi).fit(SYNTHETIC_YEARS, y).predict(4)
    np.testing.assert_allclose(ours, np.asarray(ref), rtol=1e-10)


def test_damped_trend_estimated_parameters_stay_in_fpp3_ranges() -> None:
    m = DampedTrend().fit(SYNTHETIC_YEARS, SYNTHETIC_TREND)
    assert 0.8 <= m.coef_["phi"] <= 0.98
    assert 0 < m.coef_["alpha"] < 1


@pytest.mark.parametrize("series", [SYNTHETIC_TREND, SYNTHETIC_TREND[::-1] ** 1.5])
def test_theta_matches_statsmodels_theta_model_given_its_alpha(series: np.ndarray) -> None:
    res = ThetaModel(series, deseasonalize=False).fit()
    ref = np.asarray(res.forecast(5))
    alpha = float(res.params["alpha"])
    ours = Theta(alpha=alpha).fit(np.arange(series.size), series).predict(5)
    np.testing.assert_allclose(ours, ref, rtol=1e-8)
    assert Theta(alpha=alpha).fit(np.arange(series.size), series).coef_["b0"] == pytest.approx(
        float(res.params["b0"])
    )


def test_drift_hand_worked() -> None:
    # slope = (16 - 10) / (4 - 1) = 2  ->  16 + 2 = 18, 16 + 4 = 20
    m = Drift().fit([2018, 2019, 2020, 2021], [10, 12, 13, 16])
    np.testing.assert_allclose(m.predict(2), [18.0, 20.0])
    assert m.coef_["slope"] == pytest.approx(2.0)


def test_loglinear_hand_worked_constant_growth() -> None:
    # 100, 110, 121 grow exactly 10 % a year: 121 * 1.1 = 133.1, 133.1 * 1.1 = 146.41
    m = LogLinear().fit([2020, 2021, 2022], [100, 110, 121])
    np.testing.assert_allclose(m.predict(2), [133.1, 146.41], rtol=1e-12)
    assert m.coef_["growth"] == pytest.approx(0.1)


def test_weighted_linear_hand_worked() -> None:
    # t = 0, 1, 2; y = 1, 2, 4; weights 1, 2, 3 (p = 1), sum 6
    # tbar = (0 + 2 + 6)/6 = 4/3; ybar = (1 + 4 + 12)/6 = 17/6
    # Stt = 1(16/9) + 2(1/9) + 3(4/9) = 10/3
    # Sty = (-4/3)(-11/6) + 2(-1/3)(-5/6) + 3(2/3)(7/6) = 16/3 -> slope = 1.6
    # intercept = 17/6 - 1.6 * 4/3 = 0.7 -> t=3: 5.5, t=4: 7.1
    m = WeightedLinear(weight_power=1.0).fit([2020, 2021, 2022], [1, 2, 4])
    np.testing.assert_allclose(m.predict(2), [5.5, 7.1], rtol=1e-12)
    # p = 0 is ordinary least squares: slope 1.5, intercept 5/6 -> t=3: 5.3333
    np.testing.assert_allclose(WeightedLinear(0.0).fit([0, 1, 2], [1, 2, 4]).predict(1), [16 / 3])
    np.testing.assert_allclose(LinearTrend().fit([0, 1, 2], [1, 2, 4]).predict(1), [16 / 3])


def test_combination_is_the_mean_of_its_members() -> None:
    yrs, y = SYNTHETIC_YEARS, SYNTHETIC_TREND
    parts = [Theta().fit(yrs, y).predict(3), DampedTrend().fit(yrs, y).predict(3),
             Drift().fit(yrs, y).predict(3)]
    combo = Combination(("theta", "damped", "drift")).fit(yrs, y).predict(3)
    np.testing.assert_allclose(combo, np.mean(parts, axis=0))


@pytest.mark.parametrize("cls", [Naive, Drift, LinearTrend, LogLinear, WeightedLinear, Theta,
                                 DampedTrend, Combination])
def test_every_model_follows_the_estimator_conventions(cls: type) -> None:
    m = cls()
    params = m.get_params()
    with pytest.raises(NotFittedError, match="fit"):
        m.predict(1)
    assert not any(k.endswith("_") for k in vars(m))
    m.fit(SYNTHETIC_YEARS, SYNTHETIC_TREND)
    assert m.get_params() == params
    assert m.predict(3).shape == (3,)
    assert m.resid_.shape == SYNTHETIC_TREND.shape and m.scale_ > 0


def test_models_refuse_too_short_or_gapped_series() -> None:
    with pytest.raises(ProjectionError, match="at least 5"):
        DampedTrend().fit([1, 2, 3], [1, 2, 3])
    with pytest.raises(ProjectionError, match="consecutive"):
        Drift().fit([2018, 2020], [1, 2])
    with pytest.raises(ProjectionError, match="positive"):
        LogLinear().fit([1, 2, 3], [1, -2, 3])
