r"""Trend models for short annual series, in the scikit-learn shape.

The constructor stores settings unchanged; :meth:`fit` takes years and values and sets the learned
attributes (ending in ``_``); :meth:`predict` returns point forecasts ``h`` years ahead. Using a
model before ``fit`` raises :class:`~indicator_forecast.exceptions.NotFittedError`.

Equations (:math:`y_1..y_n` consecutive yearly values, :math:`t_i = i-1`):

* Naive: :math:`\hat y_{n+k} = y_n`.
* Drift (random walk with drift): :math:`\hat y_{n+k} = y_n + k\,(y_n-y_1)/(n-1)`
  (Hyndman & Athanasopoulos, FPP3 section 5.2).
* Linear trend: least squares :math:`y_i = a + b t_i`; :math:`\hat y_{n+k} = a + b(n-1+k)`.
* Log-linear (constant growth): least squares on :math:`\log y_i`;
  :math:`\hat y_{n+k} = \exp(a + b(n-1+k))` (median forecast; no log-normal bias correction).
* Weighted linear (ESCAP-style): weighted least squares with :math:`w_i = i^p`, rising with time;
  ESCAP's SDG progress assessment gives recent years more weight (ESCAP Statistics Division
  Working Paper SD/WP/04, 2017); ``p`` is the documented parameter (``p = 1``: linear weights;
  ``p = 0``: ordinary least squares). ESCAP's exact weights are not reproduced here.
* Damped trend: additive Holt with damping (FPP3 section 8.2),
  :math:`\ell_t=\alpha y_t+(1-\alpha)(\ell_{t-1}+\phi b_{t-1})`,
  :math:`b_t=\beta^*(\ell_t-\ell_{t-1})+(1-\beta^*)\phi b_{t-1}`,
  :math:`\hat y_{n+k}=\ell_n+(\phi+\dots+\phi^k)b_n`, started at :math:`\ell_1=y_1,\ b_1=y_2-y_1`;
  checked against ``statsmodels.tsa.holtwinters.Holt`` with the same fixed parameters.
  ``damped_fixed`` uses :data:`~indicator_forecast.forecast._kernels.DAMPED_FIXED`
  (``DampedTrend(alpha=0.98, beta=0.5, phi=0.98)``); the default method combines it with drift.
* Theta (Assimakopoulos & Nikolopoulos 2000; Hyndman & Billah 2003): SES with
  :math:`\ell_0 = y_1` plus a drift of half the least-squares slope :math:`b_0`,
  :math:`\hat y_{n+k}=\tilde\ell_n+\tfrac12 b_0[k-1+1/\alpha-(1-\alpha)^n/\alpha]`; checked
  against ``statsmodels.tsa.forecasting.theta.ThetaModel``.
* Combination: equal-weight mean of the members' forecasts.

Smoothing parameters not given are estimated by least squares over a fixed grid (see
:mod:`~indicator_forecast.forecast._kernels`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from indicator_forecast.exceptions import NotFittedError, ProjectionError
from indicator_forecast.forecast import _kernels as K
from indicator_forecast.forecast import methods as M


class _TrendModel:
    """Base class: validation, ``fit`` and ``predict`` around a vectorised kernel."""

    min_points = 2

    def _kernel(self, Y: np.ndarray, h: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        raise NotImplementedError

    def get_params(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if not k.endswith("_")}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"

    def fit(self, years: Any, values: Any) -> _TrendModel:
        """Fit on consecutive ``years`` and their ``values``; returns ``self``.

        Sets ``years_``, ``values_``, ``coef_`` (dict of fitted parameters), ``resid_`` (one-step
        errors of the model refitted on each prefix long enough for it; NaN before) and
        ``scale_`` (mean absolute first difference).
        """
        yrs = np.asarray(years, dtype=float).ravel()
        y = np.asarray(values, dtype=float).ravel()
        if yrs.shape != y.shape:
            raise ProjectionError("years and values must have the same length")
        if not np.all(np.isfinite(y)):
            raise ProjectionError("values must be finite; drop missing years first")
        if y.size < self.min_points:
            raise ProjectionError(
                f"{type(self).__name__} needs at least {self.min_points} points; got {y.size}"
            )
        if y.size > 1 and np.any(np.diff(yrs) != 1):
            raise ProjectionError(f"years must be consecutive; got {yrs.astype(int).tolist()}")
        self._check(y)
        _, params = self._kernel(y[None, :], 1)
        self.years_ = yrs.astype(int)
        self.values_ = y
        self.coef_ = {k: float(v[0]) for k, v in params.items()}
        resid = np.full(y.size, np.nan)
        for t in range(max(self.min_points, 2), y.size):
            resid[t] = y[t] - self._kernel(y[None, :t], 1)[0][0, 0]
        self.resid_ = resid
        self.scale_ = float(M.series_scale(y[None, :])[0]) if y.size > 1 else 0.0
        return self

    def _check(self, y: np.ndarray) -> None:
        return None

    def predict(self, h: int) -> np.ndarray:
        """Point forecasts for the ``h`` years after the last fitted year."""
        if not hasattr(self, "values_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet; call fit(years, values) "
                "before predict."
            )
        if h < 1:
            raise ProjectionError(f"h must be at least 1; got {h}")
        point: np.ndarray = self._kernel(self.values_[None, :], int(h))[0][0]
        return point


class Naive(_TrendModel):
    """Last value carried forward."""

    min_points = 1

    def _kernel(self, Y: np.ndarray, h: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        return K.naive(Y, h)


class Drift(_TrendModel):
    """Random walk with drift."""

    def _kernel(self, Y: np.ndarray, h: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        return K.drift(Y, h)


class LinearTrend(_TrendModel):
    """Ordinary least-squares straight line on time."""

    def _kernel(self, Y: np.ndarray, h: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        return K.linear(Y, h)


class WeightedLinear(_TrendModel):
    """Time-weighted least-squares line, weights :math:`w_i = i^p` (ESCAP-style).

    Parameters
    ----------
    weight_power : float
        The exponent ``p`` (0 = ordinary least squares; 1 = linear weights, the default).
    """

    def __init__(self, weight_power: float = M.ESCAP_WEIGHT_POWER) -> None:
        self.weight_power = weight_power

    def _kernel(self, Y: np.ndarray, h: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        return K.linear(Y, h, weight_power=self.weight_power)


class LogLinear(_TrendModel):
    """Constant growth: least squares of the logarithm on time. Needs positive values."""

    def _check(self, y: np.ndarray) -> None:
        if np.any(y <= 0):
            raise ProjectionError("LogLinear needs positive values; use LinearTrend instead")

    def _kernel(self, Y: np.ndarray, h: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        return K.loglinear(Y, h)


class Theta(_TrendModel):
    """Theta method (SES with drift = half the linear slope).

    Parameters
    ----------
    alpha : float, optional
        SES smoothing parameter; estimated on a grid when None.
    """

    min_points = M.MIN_POINTS["theta"]

    def __init__(self, alpha: float | None = None) -> None:
        self.alpha = alpha

    def _kernel(self, Y: np.ndarray, h: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        return K.theta(Y, h, alpha=self.alpha)


class DampedTrend(_TrendModel):
    """Additive damped trend (Holt). Parameters left None are estimated on a grid."""

    min_points = M.MIN_POINTS["damped"]

    def __init__(
        self, alpha: float | None = None, beta: float | None = None, phi: float | None = None
    ) -> None:
        self.alpha = alpha
        self.beta = beta
        self.phi = phi

    def _kernel(self, Y: np.ndarray, h: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        return K.damped(Y, h, alpha=self.alpha, beta=self.beta, phi=self.phi)


class Combination(_TrendModel):
    """Equal-weight mean of base methods named in ``members`` (e.g. ``("theta", "damped")``)."""

    def __init__(self, members: tuple[str, ...] = ("theta", "damped", "drift")) -> None:
        self.members = members

    # Depends on the members, so a read-only property replaces the base class attribute.
    @property
    def min_points(self) -> int:  # type: ignore[override]
        return max(M.MIN_POINTS[m] for m in M.members("combo(" + ",".join(self.members) + ")"))

    def _kernel(self, Y: np.ndarray, h: int) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        name = "combo(" + ",".join(self.members) + ")"
        return M.forecast_matrix(name, Y, h), {}
