"""Reference values for the kernels the pipeline runs: statsmodels for damped trend and Theta;
hand-worked drift, log-linear and time-weighted regression. All series here are synthetic."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.tsa.forecasting.theta import ThetaModel
from statsmodels.tsa.holtwinters import Holt

from indicator_forecast.exceptions import ProjectionError
from indicator_forecast.forecast import _kernels as K
from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast import project_series

SYNTHETIC_YEARS = np.arange(2014, 2023)
SYNTHETIC_TREND = np.array([3.0, 4.5, 5.1, 6.8, 7.0, 8.2, 8.9, 9.1, 9.8])


def _row(y: object) -> np.ndarray:
    return np.asarray(y, dtype=float)[None, :]


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
    ours = K.damped(_row(y), 4, alpha=alpha, beta=beta, phi=phi)[0][0]
    np.testing.assert_allclose(ours, np.asarray(ref), rtol=1e-10)


def test_damped_fixed_is_damped_trend_at_its_documented_parameters() -> None:
    a, b, p = K.DAMPED_FIXED
    np.testing.assert_allclose(K.damped_fixed(_row(SYNTHETIC_TREND), 3)[0],
                               K.damped(_row(SYNTHETIC_TREND), 3, alpha=a, beta=b, phi=p)[0])


def test_damped_trend_estimated_parameters_stay_in_fpp3_ranges() -> None:
    _, params = K.damped(_row(SYNTHETIC_TREND), 1)
    assert 0.8 <= params["phi"][0] <= 0.98
    assert 0 < params["alpha"][0] < 1


@pytest.mark.parametrize("series", [SYNTHETIC_TREND, SYNTHETIC_TREND[::-1] ** 1.5])
def test_theta_matches_statsmodels_theta_model_given_its_alpha(series: np.ndarray) -> None:
    res = ThetaModel(series, deseasonalize=False).fit()
    ref = np.asarray(res.forecast(5))
    alpha = float(res.params["alpha"])
    ours, params = K.theta(_row(series), 5, alpha=alpha)
    np.testing.assert_allclose(ours[0], ref, rtol=1e-8)
    assert params["b0"][0] == pytest.approx(float(res.params["b0"]))


def test_drift_hand_worked() -> None:
    # slope = (16 - 10) / (4 - 1) = 2  ->  16 + 2 = 18, 16 + 4 = 20
    point, params = K.drift(_row([10, 12, 13, 16]), 2)
    np.testing.assert_allclose(point[0], [18.0, 20.0])
    assert params["slope"][0] == pytest.approx(2.0)


def test_loglinear_hand_worked_constant_growth() -> None:
    # 100, 110, 121 grow exactly 10 % a year: 121 * 1.1 = 133.1, 133.1 * 1.1 = 146.41
    point, params = K.loglinear(_row([100, 110, 121]), 2)
    np.testing.assert_allclose(point[0], [133.1, 146.41], rtol=1e-12)
    assert params["growth"][0] == pytest.approx(0.1)


def test_weighted_linear_hand_worked() -> None:
    # t = 0, 1, 2; y = 1, 2, 4; weights 1, 2, 3 (p = 1), sum 6
    # tbar = (0 + 2 + 6)/6 = 4/3; ybar = (1 + 4 + 12)/6 = 17/6
    # Stt = 1(16/9) + 2(1/9) + 3(4/9) = 10/3
    # Sty = (-4/3)(-11/6) + 2(-1/3)(-5/6) + 3(2/3)(7/6) = 16/3 -> slope = 1.6
    # intercept = 17/6 - 1.6 * 4/3 = 0.7 -> t=3: 5.5, t=4: 7.1
    np.testing.assert_allclose(K.linear(_row([1, 2, 4]), 2, weight_power=1.0)[0][0], [5.5, 7.1],
                               rtol=1e-12)
    # p = 0 is ordinary least squares: slope 1.5, intercept 5/6 -> t=3: 5.3333
    np.testing.assert_allclose(K.linear(_row([1, 2, 4]), 1, weight_power=0.0)[0][0], [16 / 3])
    np.testing.assert_allclose(K.linear(_row([1, 2, 4]), 1)[0][0], [16 / 3])


def test_combination_is_the_mean_of_its_members() -> None:
    Y = _row(SYNTHETIC_TREND)
    parts = [K.theta(Y, 3)[0], K.damped(Y, 3)[0], K.drift(Y, 3)[0]]
    combo = M.forecast_matrix("combo(theta,damped,drift)", Y, 3)
    np.testing.assert_allclose(combo, np.mean(parts, axis=0))


def test_a_batch_gives_each_series_its_own_answer() -> None:
    # The pipeline fits many series in one call: each row must equal its fit alone.
    Y = np.vstack([SYNTHETIC_TREND, SYNTHETIC_TREND[::-1], SYNTHETIC_TREND ** 1.2])
    together = M.forecast_matrix("combo(damped_fixed,drift)", Y, 3)
    for i in range(Y.shape[0]):
        np.testing.assert_allclose(together[i], M.forecast_matrix("combo(damped_fixed,drift)",
                                                                  Y[i:i + 1], 3)[0])


def test_short_series_are_refused_or_fall_back_with_the_reason_written() -> None:
    with pytest.raises(ProjectionError, match="at least two"):
        M.resolve("damped", 1)
    r = M.resolve("damped", 3)
    assert r.fell_back and r.used == "drift" and "damped needs 5" in r.reason
    with pytest.warns(UserWarning, match="drift used instead"):
        p = project_series([2018, 2019, 2020], [1.0, 2.0, 3.5], target_year=2025)
    assert p.model == "drift"
