r"""The interval of a yearly rate that returns toward its level (the ``rate`` nature).

A yearly rate (an unemployment rate, a growth rate) is forecast by
:math:`\hat y_{n+h} = \bar y + \varphi^h (y_n - \bar y)` (:mod:`~indicator_forecast.forecast.
priors`). Its interval is

.. math:: Q_h(p) = \hat y_{n+h} + s\, q_{n,h}(p), \qquad s = w\,s_{own} + (1 - w)\,s_0

- :math:`s_{own}`: the series' own mean absolute change (before the latest value when
  history-scaled, so the latest value moves the centre, never the width);
- :math:`s_0`: the kind's typical yearly change relative to the level (``Nature.spread``) times
  the mean level before the latest value; :math:`w = m/(m + k)` with :math:`m` own changes;
- :math:`q_{n,h}`: the reverting forecast's own errors in units of :math:`s`, measured on the
  yearly GDP growth rates of Chinese cities 2001-2020 and symmetrised,
  :math:`q(p) = [e(p) - e(1 - p)]/2`, so the interval is centred on the forecast: a rate has no
  trend to carry, and the long-series table used before carried the growth of the series it was
  measured on into the upper tail (its median error at three points was 0.79 scales above the
  forecast).

The table is made by ``benchmarks/rate_prior.py`` on half the cities and scored on the other
half. Between the fitted numbers of points it interpolates linearly, outside them it takes the
nearest; between horizon 0 and 1 it rises linearly from 0, beyond the fifth year it stays at
the fifth (the fitted errors stop growing after two or three years: the rates revert).
"""

from __future__ import annotations

import numpy as np

from indicator_forecast.forecast.priors import Nature

#: Upper probabilities of :data:`SHAPE` (the lower ones mirror them).
UPPER = np.array([0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 0.995,
                  0.9975])

#: Symmetrised errors of the reverting forecast in units of the blended scale, by number of
#: points: rows horizons 1-5, columns :data:`UPPER` (``benchmarks/rate_prior.py``).
SHAPE: dict[int, tuple[tuple[float, ...], ...]] = {
    2: (
        (0.158, 0.310, 0.461, 0.639, 0.819, 1.053, 1.334, 1.744, 2.089, 2.603, 3.658, 6.104, 8.389, 10.632),
        (0.158, 0.330, 0.542, 0.759, 1.013, 1.292, 1.631, 2.108, 2.444, 3.106, 4.537, 7.118, 9.303, 13.916),
        (0.158, 0.330, 0.542, 0.759, 1.013, 1.292, 1.631, 2.108, 2.460, 3.106, 4.537, 7.118, 9.303, 13.960),
        (0.168, 0.337, 0.542, 0.759, 1.013, 1.292, 1.631, 2.158, 2.589, 3.268, 4.821, 7.118, 9.303, 13.960),
        (0.168, 0.337, 0.542, 0.759, 1.013, 1.315, 1.685, 2.290, 2.739, 3.398, 4.821, 7.118, 9.303, 13.960),
    ),
    3: (
        (0.142, 0.294, 0.446, 0.603, 0.792, 1.030, 1.289, 1.701, 2.006, 2.374, 3.210, 4.889, 6.409, 9.217),
        (0.155, 0.298, 0.480, 0.715, 0.939, 1.178, 1.467, 1.859, 2.148, 2.595, 3.343, 5.610, 7.668, 9.846),
        (0.155, 0.298, 0.480, 0.715, 0.939, 1.178, 1.467, 1.859, 2.148, 2.651, 3.643, 5.610, 7.668, 9.846),
        (0.155, 0.327, 0.492, 0.715, 0.939, 1.189, 1.491, 1.896, 2.251, 2.797, 3.735, 5.610, 7.668, 9.846),
        (0.155, 0.327, 0.492, 0.715, 0.939, 1.189, 1.491, 1.896, 2.251, 2.797, 3.735, 5.610, 7.668, 9.846),
    ),
    4: (
        (0.149, 0.280, 0.418, 0.561, 0.746, 0.962, 1.236, 1.637, 1.948, 2.389, 2.982, 4.533, 5.740, 8.562),
        (0.155, 0.308, 0.482, 0.694, 0.924, 1.164, 1.470, 1.841, 2.133, 2.520, 3.244, 4.664, 6.337, 8.562),
        (0.155, 0.308, 0.482, 0.694, 0.924, 1.164, 1.470, 1.841, 2.133, 2.520, 3.401, 4.664, 6.337, 8.562),
        (0.155, 0.308, 0.482, 0.694, 0.924, 1.164, 1.470, 1.841, 2.133, 2.520, 3.401, 4.664, 6.337, 8.562),
        (0.155, 0.308, 0.482, 0.694, 0.924, 1.164, 1.470, 1.841, 2.133, 2.520, 3.401, 4.664, 6.337, 8.562),
    ),
    5: (
        (0.142, 0.270, 0.406, 0.552, 0.753, 0.949, 1.229, 1.571, 1.835, 2.294, 2.950, 3.971, 5.220, 7.106),
        (0.142, 0.293, 0.482, 0.681, 0.947, 1.225, 1.504, 1.898, 2.170, 2.550, 3.363, 4.393, 5.877, 7.399),
        (0.142, 0.293, 0.482, 0.681, 0.947, 1.225, 1.504, 1.898, 2.170, 2.550, 3.363, 4.393, 5.877, 7.399),
        (0.142, 0.301, 0.482, 0.681, 0.947, 1.225, 1.504, 1.898, 2.170, 2.550, 3.363, 4.393, 5.877, 7.399),
        (0.142, 0.301, 0.482, 0.681, 0.947, 1.225, 1.504, 1.898, 2.170, 2.550, 3.363, 4.393, 5.877, 7.399),
    ),
    6: (
        (0.124, 0.249, 0.390, 0.527, 0.721, 0.917, 1.198, 1.544, 1.829, 2.264, 2.838, 3.722, 5.068, 6.968),
        (0.139, 0.294, 0.455, 0.634, 0.884, 1.145, 1.420, 1.779, 2.062, 2.388, 3.115, 4.344, 5.387, 6.968),
        (0.142, 0.294, 0.455, 0.634, 0.884, 1.145, 1.420, 1.779, 2.062, 2.388, 3.115, 4.344, 5.387, 6.968),
        (0.142, 0.303, 0.455, 0.634, 0.884, 1.145, 1.420, 1.779, 2.062, 2.388, 3.115, 4.344, 5.387, 6.968),
        (0.142, 0.303, 0.455, 0.634, 0.884, 1.145, 1.420, 1.779, 2.062, 2.388, 3.115, 4.344, 5.387, 6.968),
    ),
    8: (
        (0.115, 0.230, 0.353, 0.508, 0.675, 0.892, 1.135, 1.558, 1.898, 2.284, 3.064, 3.975, 5.146, 6.072),
        (0.125, 0.259, 0.412, 0.600, 0.776, 0.988, 1.260, 1.633, 1.898, 2.284, 3.064, 4.056, 5.146, 6.072),
        (0.156, 0.283, 0.415, 0.600, 0.776, 0.988, 1.260, 1.633, 1.898, 2.284, 3.064, 4.056, 5.146, 6.072),
        (0.156, 0.283, 0.429, 0.600, 0.776, 0.988, 1.260, 1.633, 1.898, 2.284, 3.064, 4.056, 5.146, 6.072),
        (0.156, 0.283, 0.429, 0.600, 0.776, 0.988, 1.260, 1.633, 1.898, 2.284, 3.064, 4.056, 5.146, 6.072),
    ),
}


def _table(n: int) -> np.ndarray:
    pts = np.array(sorted(SHAPE), dtype=float)
    cube = np.array([SHAPE[int(p)] for p in pts])  # (points, horizons, UPPER)
    x = float(np.clip(n, pts[0], pts[-1]))
    j = int(np.searchsorted(pts, x, side="right")) - 1
    if j >= pts.size - 1:
        out: np.ndarray = cube[-1]
        return out
    t = (x - pts[j]) / (pts[j + 1] - pts[j])
    out = (1 - t) * cube[j] + t * cube[j + 1]
    return out


def shape(n: int, horizons: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Symmetric error quantiles (len(horizons), len(probs)) in units of the scale.

    Parameters
    ----------
    n : int
        Number of points the forecast is made from.
    horizons : numpy.ndarray
        Horizons in years (fractional for a nowcast; 0 gives 0).
    probs : numpy.ndarray
        Probabilities in (0, 1).

    Returns
    -------
    numpy.ndarray
        :math:`q_{n,h}(p)`, with :math:`q(1 - p) = -q(p)` and :math:`q(0.5) = 0`.
    """
    tab = _table(n)
    hs = np.arange(0, tab.shape[0] + 1, dtype=float)
    full = np.vstack([np.zeros((1, tab.shape[1])), tab])
    h = np.clip(np.asarray(horizons, dtype=float), 0.0, hs[-1])
    by_h = np.array([[np.interp(x, hs, full[:, j]) for j in range(full.shape[1])] for x in h])
    p = np.asarray(probs, dtype=float)
    up = np.concatenate([[0.5], UPPER])
    mag = np.array([np.interp(0.5 + np.abs(p - 0.5), up, np.concatenate([[0.0], row]))
                    for row in by_h])
    out: np.ndarray = np.sign(p - 0.5)[None, :] * mag
    return out


def revert_spread(
    nature: Nature, before: np.ndarray, own_scale: float, own_changes: int,
    horizons: np.ndarray, probs: np.ndarray, n: int,
) -> tuple[np.ndarray, float, str]:
    """Distance of each quantile from the reverting forecast, the prior's weight and a note.

    Parameters
    ----------
    nature : Nature
        A reverting kind with a pooled spread (relative to the level).
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
    w = nature.own_weight(max(own_changes, 0))
    s0 = float(nature.spread * np.abs(np.asarray(before, dtype=float)).mean())
    s = w * own_scale + (1 - w) * s0
    note = (f"{n} points: scale {s:.3g} = {w:.0%} the series' own ({own_scale:.3g}) and "
            f"{1 - w:.0%} the typical yearly change of a {nature.name} ({s0:.3g}); errors of a "
            "reverting forecast on yearly rates, centred on the forecast")
    return s * shape(n, horizons, probs), 1 - w, note
