r"""Vectorised forecasting kernels: one call fits every row of an ``(m, n)`` array.

Every kernel takes ``Y`` of shape ``(m, n)`` (``m`` series of ``n`` consecutive yearly values, no
missing values) and a horizon ``h`` and returns ``(forecasts, params)`` where ``forecasts`` has
shape ``(m, h)`` and ``params`` maps a parameter name to an array of length ``m``. The methods
(:mod:`indicator_forecast.forecast.methods`, named by strings such as
``"combo(damped_fixed,drift)"``) and the batch function :func:`indicator_forecast.forecast.project`
call these kernels, so a series gives the same answer alone or in a batch of 100,000.

Parameters that need estimation (the smoothing parameters of damped trend and Theta) are chosen
by least squares of the one-step errors over a fixed grid. A grid, not a continuous optimiser,
is used deliberately: it fits all series in one vectorised pass, it is deterministic, and on
series of 3 to 10 points the likelihood surface is too flat for finer optimisation to matter
(this is also why the parameters are kept inside the ranges FPP3 recommends).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]
Kernel = Callable[..., tuple[Array, dict[str, Array]]]

DAMPED_ALPHAS: tuple[float, ...] = (0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.98)
DAMPED_BETAS: tuple[float, ...] = (0.02, 0.1, 0.2, 0.35, 0.5)
DAMPED_PHIS: tuple[float, ...] = (0.8, 0.85, 0.9, 0.95, 0.98)
#: Fixed parameters of ``damped_fixed`` (alpha, beta*, phi): the grid point whose combination
#: with drift had the lowest mean MASE over the three development sets (benchmarks/README.md).
DAMPED_FIXED: tuple[float, float, float] = (0.98, 0.5, 0.98)
SES_ALPHAS: tuple[float, ...] = tuple(np.round(np.linspace(0.05, 1.0, 20), 4))


def naive(Y: Array, h: int) -> tuple[Array, dict[str, Array]]:
    """Last value carried forward: :math:`\\hat y_{n+k} = y_n`."""
    last = Y[:, -1]
    return np.repeat(last[:, None], h, axis=1), {"level": last.copy()}


def drift(Y: Array, h: int) -> tuple[Array, dict[str, Array]]:
    """Random walk with drift: :math:`\\hat y_{n+k} = y_n + k (y_n - y_1)/(n-1)`."""
    n = Y.shape[1]
    slope = (Y[:, -1] - Y[:, 0]) / (n - 1)
    k = np.arange(1, h + 1, dtype=float)
    return Y[:, -1:] + slope[:, None] * k, {"level": Y[:, -1].copy(), "slope": slope}


def _wls(Y: Array, w: Array) -> tuple[Array, Array]:
    """Weighted least squares of each row on t = 0..n-1; returns (intercept, slope)."""
    n = Y.shape[1]
    t = np.arange(n, dtype=float)
    w = w / w.sum()
    tbar = float(w @ t)
    ybar = Y @ w
    stt = float(w @ (t - tbar) ** 2)
    slope = ((Y - ybar[:, None]) * (t - tbar)) @ w / stt
    return ybar - slope * tbar, slope


def linear(Y: Array, h: int, weight_power: float = 0.0) -> tuple[Array, dict[str, Array]]:
    """Least-squares straight line on time, weights :math:`w_i = i^p` (``p=0``: ordinary LS)."""
    n = Y.shape[1]
    w = np.arange(1, n + 1, dtype=float) ** weight_power
    a, b = _wls(Y, w)
    t_new = np.arange(n, n + h, dtype=float)
    return a[:, None] + b[:, None] * t_new, {"intercept": a, "slope": b}


def loglinear(Y: Array, h: int) -> tuple[Array, dict[str, Array]]:
    """Constant growth: least squares of :math:`\\log y` on time; needs every value > 0."""
    n = Y.shape[1]
    a, b = _wls(np.log(Y), np.ones(n))
    t_new = np.arange(n, n + h, dtype=float)
    fc = np.exp(a[:, None] + b[:, None] * t_new)
    return fc, {"intercept": a, "slope": b, "growth": np.expm1(b)}


def ses_level(Y: Array, alpha: Array) -> tuple[Array, Array]:
    """Simple exponential smoothing with :math:`\\ell_0 = y_1`; returns (last level, SSE)."""
    level = Y[:, 0].copy()
    sse = np.zeros(Y.shape[0])
    for t in range(1, Y.shape[1]):
        err = Y[:, t] - level
        sse += err * err
        level = level + alpha * err
    return level, sse


def theta(Y: Array, h: int, alpha: float | None = None) -> tuple[Array, dict[str, Array]]:
    r"""Theta method (theta = 2) as SES with drift equal to half the OLS slope.

    .. math:: \hat y_{n+k} = \tilde\ell_n + \tfrac12 b_0\,[k - 1 + 1/\alpha - (1-\alpha)^n/\alpha]
    """
    m, n = Y.shape
    if alpha is None:
        best_sse = np.full(m, np.inf)
        best_alpha = np.zeros(m)
        best_level = np.zeros(m)
        for a in SES_ALPHAS:
            level, sse = ses_level(Y, np.full(m, a))
            better = sse < best_sse - 1e-12 * np.abs(best_sse).clip(max=1e300)
            best_sse = np.where(better, sse, best_sse)
            best_alpha = np.where(better, a, best_alpha)
            best_level = np.where(better, level, best_level)
        al, level = best_alpha, best_level
    else:
        al = np.full(m, float(alpha))
        level, _ = ses_level(Y, al)
    _, b0 = _wls(Y, np.ones(n))
    k = np.arange(h, dtype=float)
    trend = b0[:, None] * (k[None, :] + (1.0 / al)[:, None] - ((1 - al) ** n / al)[:, None])
    return level[:, None] + 0.5 * trend, {"alpha": al, "level": level, "b0": b0}


def _holt_damped(
    Y: Array, alpha: Array | float, beta: Array | float, phi: Array | float
) -> tuple[Array, Array, Array]:
    """Run the damped-trend recursions from :math:`\\ell_1=y_1, b_1=y_2-y_1`; return
    (level, trend, SSE)."""
    if Y.shape[0] == 1 and all(isinstance(v, float) for v in (alpha, beta, phi)):
        return _holt_damped_one(Y[0].tolist(), float(alpha), float(beta), float(phi))
    level = Y[:, 0].copy()
    trend = Y[:, 1] - Y[:, 0]
    sse = np.zeros(Y.shape[0])
    for t in range(1, Y.shape[1]):
        pred = level + phi * trend
        err = Y[:, t] - pred
        if t >= 2:  # the first step only reproduces the initial trend
            sse += err * err
        new_level = pred + alpha * err
        trend = beta * (new_level - level) + (1 - beta) * phi * trend
        level = new_level
    return level, trend, sse


def _holt_damped_one(y: list[float], alpha: float, beta: float,
                     phi: float) -> tuple[Array, Array, Array]:
    """:func:`_holt_damped` of one series in Python floats: the same IEEE operations in the same
    order (so the same numbers) without a numpy call per step."""
    level = y[0]
    trend = y[1] - y[0]
    sse = 0.0
    for t in range(1, len(y)):
        pred = level + phi * trend
        err = y[t] - pred
        if t >= 2:
            sse += err * err
        new_level = pred + alpha * err
        trend = beta * (new_level - level) + (1 - beta) * phi * trend
        level = new_level
    return np.array([level]), np.array([trend]), np.array([sse])


def damped(
    Y: Array,
    h: int,
    alpha: float | None = None,
    beta: float | None = None,
    phi: float | None = None,
) -> tuple[Array, dict[str, Array]]:
    r"""Additive damped trend (Holt), FPP3 section 8.2.

    .. math::
        \ell_t = \alpha y_t + (1-\alpha)(\ell_{t-1} + \phi b_{t-1}),\quad
        b_t = \beta^*(\ell_t - \ell_{t-1}) + (1-\beta^*)\phi b_{t-1},\quad
        \hat y_{n+k} = \ell_n + (\phi + \dots + \phi^k) b_n
    """
    m = Y.shape[0]
    alphas = DAMPED_ALPHAS if alpha is None else (alpha,)
    betas = DAMPED_BETAS if beta is None else (beta,)
    phis = DAMPED_PHIS if phi is None else (phi,)
    best = np.full(m, np.inf)
    out = {k: np.zeros(m) for k in ("alpha", "beta", "phi", "level", "trend")}
    for a in alphas:
        for b in betas:
            for p in phis:
                # Scalars broadcast to the same numbers as rows of equal values, without them.
                lv, tr, sse = _holt_damped(Y, float(a), float(b), float(p))
                better = sse < best - 1e-12 * np.abs(best).clip(max=1e300)
                best = np.where(better, sse, best)
                for key, val in (("alpha", a), ("beta", b), ("phi", p)):
                    out[key] = np.where(better, val, out[key])
                out["level"] = np.where(better, lv, out["level"])
                out["trend"] = np.where(better, tr, out["trend"])
    k = np.arange(1, h + 1)
    damp = np.cumsum(out["phi"][:, None] ** k[None, :], axis=1)
    return out["level"][:, None] + damp * out["trend"][:, None], out


def damped_fixed(Y: Array, h: int) -> tuple[Array, dict[str, Array]]:
    r"""Damped trend with the fixed parameters :data:`DAMPED_FIXED` (nothing estimated).

    With fixed parameters the forecast is a linear function of the data in which the latest
    value has a positive weight, :math:`\alpha(1 + \beta^*(\phi + \dots + \phi^k))`, so a higher
    latest value always gives a higher forecast. Estimated parameters do not guarantee that:
    a higher latest value can switch the least-squares choice to a flatter trend.
    """
    a, b, p = DAMPED_FIXED
    return damped(Y, h, alpha=a, beta=b, phi=p)


#: Persistence of a deviation from the mean used by ``revert`` when none is given (the value
#: measured on city GDP growth rates; see forecast.priors).
REVERT_PHI = 0.9


def revert(Y: Array, h: int, phi: float = REVERT_PHI) -> tuple[Array, dict[str, Array]]:
    r"""Mean reversion (AR(1) toward the window mean):
    :math:`\hat y_{n+k} = \bar y + \varphi^k (y_n - \bar y)`."""
    m = Y.mean(axis=1)
    k = np.arange(1, h + 1)
    f = m[:, None] + phi**k[None, :] * (Y[:, -1] - m)[:, None]
    return f, {"mean": m, "phi": np.full(Y.shape[0], float(phi))}


KERNELS: dict[str, Kernel] = {
    "naive": naive,
    "revert": revert,
    "drift": drift,
    "linear": linear,
    "loglinear": loglinear,
    "theta": theta,
    "damped": damped,
    "damped_fixed": damped_fixed,
}
