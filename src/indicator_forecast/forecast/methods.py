"""Method names, their minimum lengths, and the rule that picks the model actually used.

A method is named by a string: one of :data:`BASE_METHODS` or a combination written
``"combo(a,b,...)"``, the equal-weight mean of its members' forecasts (the combination that
M3/M4 evidence favours for short yearly series; Makridakis, Spiliotis & Assimakopoulos 2020).

No silent fallback: :func:`resolve` returns the model that will really be fitted and a sentence
saying why, and every result carries both.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from indicator_forecast.exceptions import ConfigurationError, ProjectionError
from indicator_forecast.forecast import _kernels as K

#: Minimum number of points for each base method.
MIN_POINTS: dict[str, int] = {
    "naive": 1,
    "revert": 2,
    "drift": 2,
    "linear": 2,
    "loglinear": 2,
    "escap": 2,
    "theta": 4,
    "damped": 5,
    "damped_fixed": 5,
}
BASE_METHODS: tuple[str, ...] = tuple(MIN_POINTS)

DESCRIPTIONS: dict[str, str] = {
    "naive": "last value carried forward",
    "revert": "mean reversion toward the series' mean (a yearly rate returns toward its level)",
    "drift": "random walk with drift",
    "linear": "least-squares straight line",
    "loglinear": "constant growth (log-linear least squares)",
    "escap": "ESCAP-style time-weighted straight line (weights i^p, p=1)",
    "theta": "Theta (SES with drift = half the linear slope)",
    "damped": "damped trend (additive Holt, phi in [0.8, 0.98])",
    "damped_fixed": "damped trend (additive Holt, alpha 0.98, beta 0.5, phi 0.98 fixed)",
}

#: Short names of the base methods for officials' texts (Chinese).
NAMES_ZH: dict[str, str] = {
    "naive": "保持不变法",
    "revert": "均值回归法（年度比率向其常年水平回归，不按趋势外推）",
    "drift": "平均变化外推法",
    "linear": "直线趋势法",
    "loglinear": "年均增速外推法",
    "escap": "加权直线趋势法",
    "theta": "Theta法",
    "damped": "阻尼趋势法",
    "damped_fixed": "阻尼趋势法",
}

#: Short names of the base methods for English texts.
NAMES_EN: dict[str, str] = {
    "naive": "the last value carried forward",
    "revert": "mean reversion (a yearly rate returns toward its usual level, no trend)",
    "drift": "the random walk with drift",
    "linear": "the straight line",
    "loglinear": "constant growth",
    "escap": "the time-weighted straight line",
    "theta": "the Theta method",
    "damped": "the damped trend",
    "damped_fixed": "the damped trend",
}


@lru_cache(maxsize=256)
def method_label(method: str, lang: str = "zh") -> str:
    """A method in words with its code name, for reasons and calculation bases.

    Parameters
    ----------
    method : str
        A base method or ``combo(a,b,...)``; a name the engine does not know is returned as given.
    lang : str
        ``"zh"`` (default) for Chinese words, anything else for English.

    Returns
    -------
    str
        The method's description followed by its code name in brackets.

    Examples
    --------
    >>> method_label("combo(damped_fixed,drift)")
    '阻尼趋势法与平均变化外推法的平均（combo(damped_fixed,drift)）'
    >>> method_label("drift", "en")
    'the random walk with drift (drift)'
    """
    names = NAMES_ZH if lang == "zh" else NAMES_EN
    try:
        parts = [names[p] for p in members(method)]
    except ConfigurationError:  # a name from outside the engine (a user's model): shown as given
        return method
    if lang == "zh":
        words = parts[0] if len(parts) == 1 else "与".join(parts) + "的平均"
        return f"{words}（{method}）"
    words = parts[0] if len(parts) == 1 else "the mean of " + " and ".join(parts)
    return f"{words} ({method})"


#: The default method; chosen by the benchmark in benchmarks/README.md. Both members give a
#: forecast that rises with the latest value, so a better latest figure never lowers it (the
#: estimated ``damped`` is as accurate but lacks that guarantee).
DEFAULT_METHOD = "combo(damped_fixed,drift)"

#: ESCAP-style weighting exponent: weight of the i-th of n points is i**ESCAP_WEIGHT_POWER.
ESCAP_WEIGHT_POWER = 1.0


@lru_cache(maxsize=256)
def members(method: str) -> tuple[str, ...]:
    """Return the base methods of ``method`` (one element for a base method).

    Parameters
    ----------
    method : str
        A base method name or ``combo(a,b,...)`` of them (spaces are ignored).

    Returns
    -------
    tuple of str
        The base method names, in the order written.

    Raises
    ------
    ConfigurationError
        When a name is not a base method or the combination is empty.
    """
    name = method.replace(" ", "")
    if name.startswith("combo(") and name.endswith(")"):
        parts = tuple(p for p in name[6:-1].split(",") if p)
    else:
        parts = (name,)
    bad = [p for p in parts if p not in MIN_POINTS]
    if bad or not parts:
        raise ConfigurationError(
            f"The 'method' parameter must be one of {list(BASE_METHODS)}, 'default', or "
            f"'combo(a,b,...)' of them. Got {method!r} instead."
        )
    return parts


def canonical(method: str) -> str:
    """Canonical spelling of a method name (``"default"`` resolves to :data:`DEFAULT_METHOD`).

    Parameters
    ----------
    method : str
        A base method, ``combo(a,b,...)`` or ``"default"``.

    Returns
    -------
    str
        The name without spaces, a one-member combination written as its member.

    Raises
    ------
    ConfigurationError
        When a name is not a base method.
    """
    if method == "default":
        method = DEFAULT_METHOD
    parts = members(method)
    return parts[0] if len(parts) == 1 else "combo(" + ",".join(parts) + ")"


@dataclass(frozen=True)
class Resolution:
    """The model actually used for a series, and why.

    Attributes
    ----------
    requested : str
        The method asked for, in canonical spelling.
    used : str
        The method fitted.
    reason : str
        Why, in words (number of points, members dropped).
    fell_back : bool
        Whether ``used`` differs from ``requested``.
    """

    requested: str
    used: str
    reason: str
    fell_back: bool


@lru_cache(maxsize=1024)
def resolve(method: str, n: int, positive: bool = True) -> Resolution:
    """Pick the model to fit on ``n`` points.

    Members too short for ``n`` are dropped; if none is left the random walk with drift is used.
    ``loglinear`` needs positive values and is replaced by ``linear`` otherwise. The reason is
    always written out.

    Parameters
    ----------
    method : str
        The method asked for (base, ``combo(...)`` or ``"default"``).
    n : int
        Number of points of the series.
    positive : bool
        Whether every value is positive (``loglinear`` needs it).

    Returns
    -------
    Resolution
        The requested and used methods and the reason.

    Raises
    ------
    ProjectionError
        When ``n`` is below two.
    """
    requested = canonical(method)
    if n < 2:
        raise ProjectionError(
            f"cannot project a series of {n} point(s): at least two yearly values are needed"
        )
    parts = members(requested)
    kept: list[str] = []
    dropped: list[str] = []
    for p in parts:
        if n < MIN_POINTS[p]:
            dropped.append(f"{p} needs {MIN_POINTS[p]}")
        elif p == "loglinear" and not positive:
            dropped.append("loglinear needs positive values")
        else:
            kept.append(p)
    if not dropped:
        desc = ", ".join(DESCRIPTIONS[p] for p in parts)
        return Resolution(requested, requested, f"{n} points: {desc}", False)
    if not kept:
        used = "linear" if parts == ("loglinear",) else "drift"
        reason = (
            f"{n} points: too short or unsuitable for {requested} ({'; '.join(dropped)}); "
            f"{DESCRIPTIONS[used]} used instead"
        )
    else:
        used = kept[0] if len(kept) == 1 else "combo(" + ",".join(kept) + ")"
        reason = (
            f"{n} points: {', '.join(dropped)} — dropped from {requested}; "
            f"{used} used instead"
        )
    return Resolution(requested, used, reason, True)


def forecast_matrix(method: str, Y: np.ndarray, h: int) -> np.ndarray:
    """Point forecasts of ``method`` (already resolved) for every row of ``Y``: shape (m, h).

    Parameters
    ----------
    method : str
        A resolved method: a base method or ``combo(...)``, whose members are averaged.
    Y : numpy.ndarray
        Series of equal length, one per row, shape (m, n).
    h : int
        Number of years ahead.

    Returns
    -------
    numpy.ndarray
        The forecasts for 1..h years ahead, shape (m, h).
    """
    parts = members(method)
    total = np.zeros((Y.shape[0], h))
    for p in parts:
        total += _base(p, Y, h)
    return total / len(parts)


def _base(name: str, Y: np.ndarray, h: int) -> np.ndarray:
    if name == "escap":
        return K.linear(Y, h, weight_power=ESCAP_WEIGHT_POWER)[0]
    return K.KERNELS[name](Y, h)[0]


def series_scale(Y: np.ndarray) -> np.ndarray:
    """Scale of each row: mean absolute first difference (the MASE denominator).

    A row whose values never change gets ``1e-3 * mean |y|`` so that its interval is not a
    point; an all-zero row gets scale 0.

    Parameters
    ----------
    Y : numpy.ndarray
        Series, one per row, shape (m, n) with n of at least two.

    Returns
    -------
    numpy.ndarray
        The scale of each row, shape (m,).
    """
    # np.diff and .mean(axis=1) spelled as their own operations (subtract, add.reduce, divide):
    # the same numbers without the wrappers' cost, paid once per projected series.
    n = Y.shape[1]
    s = np.add.reduce(np.abs(Y[:, 1:] - Y[:, :-1]), axis=1) / (n - 1)
    floor = 1e-3 * (np.add.reduce(np.abs(Y), axis=1) / n)
    scale: np.ndarray = np.where(s > 0, s, floor)
    return scale


#: Edges of the roughness bins used by the calibration (see :func:`roughness`).
ROUGHNESS_EDGES: tuple[float, ...] = (0.3, 0.7, 1.2)


def roughness(Y: np.ndarray) -> np.ndarray:
    """Mean absolute second difference over mean absolute first difference, per row.

    Near 0 for a steady trend, above 1 for a series whose changes swing from year to year. It is
    scale-free and, on real yearly series, strongly predicts how far the future falls from a
    trend forecast relative to :func:`series_scale`; the calibration is conditioned on it.
    NaN for rows of fewer than three points.

    Parameters
    ----------
    Y : numpy.ndarray
        Series, one per row, shape (m, n).

    Returns
    -------
    numpy.ndarray
        The roughness of each row, shape (m,); 0 for a row that never changes.
    """
    if Y.shape[1] < 3:
        return np.full(Y.shape[0], np.nan)
    d = Y[:, 1:] - Y[:, :-1]  # np.diff's own operation (and .mean's below: add.reduce / n)
    den = np.add.reduce(np.abs(d), axis=1) / d.shape[1]
    num = np.add.reduce(np.abs(d[:, 1:] - d[:, :-1]), axis=1) / (d.shape[1] - 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0)


def roughness_bin(r: np.ndarray) -> np.ndarray:
    """Bin index 0..3 of each roughness value; -1 where it is undefined (two points).

    Parameters
    ----------
    r : numpy.ndarray
        Roughness values (see :func:`roughness`), NaN where undefined.

    Returns
    -------
    numpy.ndarray
        Integer bin of each value against :data:`ROUGHNESS_EDGES`, -1 for NaN.
    """
    r = np.asarray(r, dtype=float)
    finite = np.isfinite(r)
    # the bin of a value that is not finite is never read (it is -1): 0 stands in for it
    b = np.digitize(np.where(finite, r, 0.0), ROUGHNESS_EDGES)
    return np.where(finite, b, -1)


def running_totals(Y: np.ndarray) -> np.ndarray:
    """Each row of yearly amounts as its running total from 0 the year before: ``(m, n + 1)``.

    The yearly changes of the result are the amounts themselves, so its scale
    (:func:`series_scale`) is the mean absolute amount.

    Parameters
    ----------
    Y : numpy.ndarray
        Yearly amounts, one series per row, shape (m, n).

    Returns
    -------
    numpy.ndarray
        The running totals with a leading 0 column, shape (m, n + 1).
    """
    return np.concatenate([np.zeros((Y.shape[0], 1)), np.cumsum(Y, axis=1)], axis=1)


def calibration_bin(Y: np.ndarray) -> np.ndarray:
    """Roughness bin that selects each row's calibration entry: -1 for fewer than four points.

    The roughness is measured on the window *without its last value*. Measured on the whole
    window, a better latest figure could move a series into a bin with a less favourable
    interval, and a better observation would then lower the probability of meeting a target;
    on the earlier values the bin is fixed and the latest value moves only the point forecast
    and the scale.

    Parameters
    ----------
    Y : numpy.ndarray
        Series, one per row, shape (m, n).

    Returns
    -------
    numpy.ndarray
        The roughness bin of each row's first n - 1 values, -1 when n is below four.
    """
    return roughness_bin(roughness(np.asarray(Y, dtype=float)[:, :-1]))
