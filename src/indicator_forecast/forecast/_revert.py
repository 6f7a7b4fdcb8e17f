r"""The interval of a yearly rate that returns toward its level (the ``rate`` nature).

A yearly rate (an unemployment rate, a growth rate) is forecast by
:math:`\hat y_{n+h} = \bar y + \varphi^h (y_n - \bar y)` (:mod:`~indicator_forecast.forecast.
priors`). Its interval is

.. math:: Q_h(p) = \hat y_{n+h} + s\, q_{n,h}(p), \qquad s = w\,s_{own} + (1 - w)\,s_0

- :math:`s_{own}`: the series' own mean absolute change (before the latest value when
  history-scaled, so the latest value moves the centre, never the width);
- :math:`s_0`: the kind's typical yearly change relative to the level (``Nature.spread``) times
  the mean level before the latest value; :math:`w = m/(m + k)` with :math:`m` own changes;
- :math:`q_{n,h}(p) = g(h)\, q_n(p)`: the reverting forecast's own one-year errors in units of
  :math:`s`, measured on the yearly GDP growth rates of Chinese cities 2001-2020 and
  symmetrised, :math:`q_n(p) = [e(p) - e(1 - p)]/2`, so that the interval is centred on the
  forecast: a rate has no trend to carry, and the long-series table used before carried the
  growth of the series it was measured on into the upper tail (its median error at three
  points was 0.79 scales above the forecast). They widen with the horizon as the AR(1) error
  does, :math:`g(h) = \sqrt{(1 - \varphi^{2h})/(1 - \varphi^2)}`: the city rates' own errors
  stop growing after two years, but those of an unemployment rate (the US rate, 1959-2009) keep
  growing, and a table flat in the horizon covered half of them in its 80 % interval.

The table is made by ``benchmarks/rate_prior.py`` on half the cities (windows whose earlier
rates lie between 2 and 40 %: a scale relative to the level means nothing near 0, and city
rates beyond 40 % are GDP revisions) and scored on the other half and on the US unemployment
rate. Between the fitted numbers of points it interpolates
linearly, outside them it takes the nearest.
"""

from __future__ import annotations

import numpy as np

from indicator_forecast.forecast.priors import Nature

#: Upper probabilities of :data:`ONE_STEP` (the lower ones mirror them).
UPPER = np.array([0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 0.995,
                  0.9975])

#: Symmetrised one-year errors of the reverting forecast in units of the blended scale, by
#: number of points, at :data:`UPPER` (``benchmarks/rate_prior.py``).
ONE_STEP: dict[int, tuple[float, ...]] = {
    2: (0.158, 0.310, 0.461, 0.639, 0.819, 1.053, 1.334,
        1.744, 2.089, 2.603, 3.658, 6.104, 8.389, 10.632),
    3: (0.147, 0.288, 0.438, 0.580, 0.778, 1.014, 1.261,
        1.656, 1.910, 2.310, 3.122, 4.747, 6.927, 8.459),
    4: (0.143, 0.272, 0.406, 0.555, 0.736, 0.942, 1.211,
        1.544, 1.864, 2.222, 2.824, 4.212, 5.522, 8.561),
    5: (0.141, 0.267, 0.395, 0.532, 0.725, 0.922, 1.174,
        1.485, 1.757, 2.149, 2.741, 3.731, 4.958, 7.030),
    6: (0.129, 0.248, 0.378, 0.509, 0.696, 0.885, 1.156,
        1.461, 1.718, 2.114, 2.674, 3.551, 4.776, 6.768),
    8: (0.107, 0.220, 0.346, 0.481, 0.655, 0.859, 1.097,
        1.510, 1.741, 2.162, 2.804, 3.654, 4.557, 5.906),
}


def _table(n: int) -> np.ndarray:
    pts = sorted(ONE_STEP)
    x = min(max(n, pts[0]), pts[-1])
    rows = np.array([ONE_STEP[p] for p in pts])
    out: np.ndarray = np.array([np.interp(float(x), np.array(pts, dtype=float), rows[:, j])
                                for j in range(UPPER.size)])
    return out


def growth(horizons: np.ndarray, phi: float) -> np.ndarray:
    """AR(1) growth of the error's spread, :math:`\\sqrt{(1 - \\varphi^{2h})/(1 - \\varphi^2)}`
    (0 at horizon 0, 1 at one year)."""
    h = np.maximum(np.asarray(horizons, dtype=float), 0.0)
    out: np.ndarray = np.sqrt((1 - phi ** (2 * h)) / (1 - phi**2))
    return out


def shape(n: int, horizons: np.ndarray, probs: np.ndarray, phi: float) -> np.ndarray:
    """Symmetric error quantiles (len(horizons), len(probs)) in units of the scale.

    Parameters
    ----------
    n : int
        Number of points the forecast is made from.
    horizons : numpy.ndarray
        Horizons in years (fractional for a nowcast; 0 gives 0).
    probs : numpy.ndarray
        Probabilities in (0, 1).
    phi : float
        Persistence of the reverting forecast.

    Returns
    -------
    numpy.ndarray
        :math:`g(h)\\,q_n(p)`, with :math:`q(1 - p) = -q(p)` and :math:`q(0.5) = 0`.
    """
    p = np.asarray(probs, dtype=float)
    up = np.concatenate([[0.5], UPPER])
    mag = np.interp(0.5 + np.abs(p - 0.5), up, np.concatenate([[0.0], _table(n)]))
    out: np.ndarray = growth(horizons, phi)[:, None] * (np.sign(p - 0.5) * mag)[None, :]
    return out


def revert_spread(
    nature: Nature, before: np.ndarray, own_scale: float, own_changes: int,
    horizons: np.ndarray, probs: np.ndarray, n: int,
) -> tuple[np.ndarray, float, str]:
    """Distance of each quantile from the reverting forecast, the prior's weight and a note.

    Parameters
    ----------
    nature : Nature
        A reverting kind (``revert`` set) with a pooled spread (relative to the level).
    before : numpy.ndarray
        The values before the latest one (the pooled scale is read from them).
    own_scale : float
        The series' own scale (0 when nothing changed before the latest value).
    own_changes : int
        How many changes ``own_scale`` is measured on.
    horizons : numpy.ndarray
        Horizons in years.
    probs : numpy.ndarray
        Probabilities of the quantile grid.
    n : int
        Number of points the forecast is made from.

    Returns
    -------
    tuple of (numpy.ndarray, float, str)
        Spread (len(horizons), len(probs)), the weight :math:`1 - w` of the pooled scale, and
        the note saying how the width was made.
    """
    if nature.revert is None or nature.spread <= 0:
        raise ValueError(f"{nature.name!r} is not a reverting kind with a pooled spread")
    w = nature.own_weight(max(own_changes, 0))
    s0 = float(nature.spread * np.abs(np.asarray(before, dtype=float)).mean())
    s = w * own_scale + (1 - w) * s0
    note = (f"{n} points: scale {s:.3g} = {w:.0%} the series' own ({own_scale:.3g}) and "
            f"{1 - w:.0%} the typical yearly change of a {nature.name} ({s0:.3g}); errors of a "
            "reverting forecast on yearly rates, centred on the forecast")
    return s * shape(n, horizons, probs, nature.revert), 1 - w, note
