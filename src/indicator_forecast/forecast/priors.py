r"""The nature of a quantity, and what series of the same kind did (pooled priors).

A projection that knows what it projects: a share stays in :math:`[0, 100]`; a yearly rate
(unemployment, a growth rate) returns toward its usual level; a slow population average (life
expectancy, years of schooling) moves by a few tenths a year. Each :class:`Nature` says which,
and carries a pooled prior for short histories.

Bounded shares are projected on the logit scale, :math:`z = \ln\frac{p}{1-p}` with
:math:`p = (y - a)/(b - a)`, and every quantile is mapped back, so that no interval crosses a
bound (quantiles are preserved by a monotone map).

Mean-reverting rates use :math:`\hat y_{n+h} = \bar y + \varphi^h (y_n - \bar y)`, the AR(1)
forecast toward the series' own mean. With a pooled spread (the shipped ``rate``) the interval
is :mod:`~indicator_forecast.forecast._revert`'s, centred on the forecast; without one, that of
the last value carried forward at the horizon :math:`h^* = (1 - \varphi^{2h}) / (1 -
\varphi^2)`, where the AR(1) forecast-error variance equals :math:`h^*` one-step variances.

Short histories borrow strength. The scale is the series' own, :math:`s` (the mean absolute
change before the latest value), shrunk toward the pooled typical yearly change of the kind,
:math:`s_0` (``spread``, relative to the level or on the logit scale), with weight
:math:`w = m/(m + k)` on the :math:`m` changes of its own. The shape of the errors is what series
of the kind did: the long-series table rescaled by ``width_ratio`` :math:`r` (the pooled errors'
80 % width at five years over the table's), at every length, since the series' own history tells
its scale, not how far trends of its kind drift:

.. math:: Q(p) = \hat y + [w s + (1 - w) s_0]\; r\, q_{\infty,h}(p)

With two or three points the scale is mostly the kind's; as the history grows it becomes the
series' own. A kind without a pooled prior (``spread`` 0) keeps the calibrated table of its
length, :math:`Q(p) = \hat y + s\, q_{n,h}(p)`.

A yearly rate that reverts has its own interval (:mod:`~indicator_forecast.forecast._revert`):
the same blended scale, relative to the level, times the reverting forecast's own errors on
yearly rates, symmetrised so that the interval is centred on the forecast.

A plain level has no pooled prior: the kind is too mixed for one typical change (city
populations move by 0.8 % a year, trade by 22 %; ``benchmarks/priors.py``), and a pooled one
made the two-point intervals of slow national quantities several times wider than their own
change says (grain capacity 6.9 to 8.4 became 4.0 to 14.7). With no change before its latest
value it is scaled by the whole window, as the calibration's ``level`` class is.

When the values before the latest did not change (two points, or 2, 2, 2), a kind with a
prior takes its own scale as 0, :math:`s = (1 - w)\,s_0` with :math:`m` the (zero) changes
before the latest, so that the latest value never moves the width.

A kind may also have methods of its own in place of the default (``Nature.methods``): plain
levels and shares the damped trend alone from five points, shares the ESCAP line with three or
four (chosen on the city hindcast out of sample, ``benchmarks/README.md``).

The values are measured by ``benchmarks/priors.py`` on data that ends by 2020 (city-macro-data
for shares and rates, the Gapminder life-expectancy panel for demographic levels).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

NatureName = Literal["level", "share", "rate", "unemployment", "demographic"]


@dataclass(frozen=True)
class Nature:
    """What kind of quantity a series is, and the pooled prior of that kind.

    Parameters
    ----------
    name : {"level", "share", "rate", "unemployment", "demographic"}
        The kind.
    bounds : tuple of float, optional
        Lower and upper bound (a share: 0 and 100); projected on the logit scale.
    revert : float, optional
        Persistence :math:`\\varphi` of a deviation from the series' mean (a yearly rate).
    spread : float
        Pooled typical yearly change: relative to the level (``relative=True``) or, for a
        bounded quantity, on the logit scale. 0: no pooled prior.
    relative : bool
        Whether ``spread`` is a fraction of the level.
    strength : float
        Weight of the pooled prior in changes observed (``k``): with ``k`` changes of its own
        a series counts half.
    width_ratio : float
        80 % width of the pooled errors at five years (in units of ``spread``) over that of the
        shipped long-series table.
    source : str
        Where the values come from.
    methods : tuple of (int, str)
        Methods used for the kind in place of the default (``method="default"``): pairs (from
        how many points, method) in increasing points; the last whose points the series has
        (and the method needs) applies, with fewer the default. Empty: the default.
    change_kept : float
        Share of the projected change from the latest value that is kept (on the projected
        scale), :math:`\\hat y'_{n+h} = y_n + \\kappa (\\hat y_{n+h} - y_n)`; 1: the method's
        forecast as it is.
    """

    name: NatureName
    bounds: tuple[float, float] | None = None
    revert: float | None = None
    spread: float = 0.0
    relative: bool = True
    strength: float = 3.0
    width_ratio: float = 1.0
    source: str = ""
    methods: tuple[tuple[int, str], ...] = ()
    change_kept: float = 1.0

    def method_for(self, n: int, min_points: dict[str, int]) -> str | None:
        """The kind's method for a series of ``n`` points, or None for the default.

        Parameters
        ----------
        n : int
            Number of points projected.
        min_points : dict of str to int
            Points each base method needs (``methods.MIN_POINTS``).

        Returns
        -------
        str or None
            The method of the last pair whose points ``n`` reaches, if ``n`` is also enough for
            the method; else None.
        """
        out = None
        for k, m in self.methods:
            need = max(min_points[p] for p in m.removeprefix("combo(").rstrip(")").split(","))
            if n >= max(k, need):
                out = m
        return out

    def own_weight(self, changes: int) -> float:
        """Weight :math:`w = m/(m + k)` of the series' own quantiles."""
        if self.spread <= 0:
            return 1.0
        return changes / (changes + self.strength)

    def prior_weight(self, before: np.ndarray) -> float:
        """Weight :math:`1 - w` of the pooled prior in the scale of a history-scaled interval,
        from the values *before* the latest (on the projected scale: the logit for a share).

        Parameters
        ----------
        before : numpy.ndarray
            The values before the latest one.

        Returns
        -------
        float
            0 without a pooled prior; else :math:`k/(m + k)` with :math:`m` the changes among
            ``before``.
        """
        if self.spread <= 0:
            return 0.0
        return 1.0 - self.own_weight(max(np.asarray(before).size - 1, 0))

    def prior_scale(self, values: np.ndarray) -> float:
        """Pooled scale :math:`s_0` for a series (in the projected, possibly logit, units),
        read from the values *before* the latest so that the latest moves only the forecast."""
        if not self.relative:
            return self.spread
        ref = values[:-1] if values.size > 1 else values
        return float(self.spread * np.abs(ref).mean())


#: The method of plain levels and shares from five points on: the damped trend alone, whose
#: trend follows the latest changes (alpha 0.98, beta 0.5), so a trend that slows is not carried
#: at the window's average change as the random walk with drift in the default carries it. On
#: the city hindcast with 5 and 8 points (c refitted, held-out cities and plan periods) it lowered
#: the Brier score of levels (8 points 0.178 -> 0.172) and of shares (0.154 -> 0.149); growth
#: rates were mixed and keep the default (benchmarks/README.md, "P(meet) accuracy and 95 % tails").
SLOWING_TREND_METHOD = "damped_fixed"

#: The method of shares with three or four points: the ESCAP line, weighted toward the later
#: years, which reads every year given; the default there (the random walk with drift) reads only
#: the first and the last. City shares with 3 points: Brier 0.154 -> 0.149 (held-out cities),
#: 0.166 -> 0.161 (by period); levels did not gain and keep the default.
SHORT_SHARE_METHOD = "escap"

#: Share of a share's projected change kept (``Nature.change_kept``): all of it. Keeping half was
#: measured on the city hindcast (benchmarks/centre_candidates.py, hindcast_city.py
#: --share-change-kept): better on held-out cities (Brier -0.012) but not by plan period (-0.0008
#: +- 0.0028; 2011-2015 worse, 2016-2020 better), so not adopted (benchmarks/README.md, "Centres
#: of the projections").
SHARE_CHANGE_KEPT = 1.0

#: Why each kind's method is used, for the reason (``en``; the outlook words it in Chinese).
METHOD_WHY: dict[str, str] = {
    SLOWING_TREND_METHOD: "its trend follows the latest changes, so a slowing trend is not "
    "carried at the window's average change",
    SHORT_SHARE_METHOD: "a line through every year given, weighted toward the later ones (the "
    "random walk with drift reads only the first and the last)",
}

#: The kinds and their pooled priors (``benchmarks/priors.py`` prints the values).
NATURES: dict[str, Nature] = {
    "level": Nature("level", methods=((5, SLOWING_TREND_METHOD),)),
    "share": Nature(
        "share", bounds=(0.0, 100.0), spread=0.0426, relative=False, width_ratio=0.87,
        source="city-macro-data, three sectors' shares of GDP, ~300 cities 2000-2020: median "
        "yearly change of the logit over eight-year windows",
        methods=((3, SHORT_SHARE_METHOD), (5, SLOWING_TREND_METHOD)),
        change_kept=SHARE_CHANGE_KEPT,
    ),
    "rate": Nature(
        "rate", revert=0.9, spread=0.386, strength=8.0,
        source="phi: city-macro-data, yearly GDP growth of ~300 cities 2001-2020, the persistence "
        "that minimises the 1-5 year absolute error from windows of three and eight years; "
        "spread: the same growth rates, median yearly change relative to the level over "
        "eight-year windows; strength and error shape: the reverting forecast on half the cities "
        "(benchmarks/rate_prior.py, forecast._revert)",
    ),
    "unemployment": Nature(
        "unemployment", revert=0.9, spread=0.1076, strength=8.0,
        source="phi and error shape as a yearly rate (city-macro-data growth rates); spread: US "
        "unemployment rate 1959-2009 (statsmodels macrodata), median yearly change relative to "
        "the level over eight-year windows (growth rates move by 0.39 of theirs, 3.6 times as "
        "much); benchmarks/rate_prior.py",
    ),
    "demographic": Nature(
        "demographic", spread=0.00284, width_ratio=0.53,
        source="Gapminder life expectancy, 142 countries 1952-2007, countries at 70 years or "
        "more: median yearly change relative to the level; errors of the five-year trend",
    ),
}


def no_change(before: np.ndarray) -> bool:
    """Whether values carry no change to scale an interval by: fewer than two, or a mean
    absolute change that is float dust (at most 1e-9 of their mean absolute level).

    Parameters
    ----------
    before : numpy.ndarray
        The values before the latest one.

    Returns
    -------
    bool
        True when there is no change to scale by.
    """
    v = np.asarray(before, dtype=float)
    if v.size < 2:
        return True
    return not bool(np.abs(np.diff(v)).mean() > 1e-9 * np.abs(v).mean())


def to_logit(y: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    """Values as the logit of their place between the bounds (clipped 1e-6 inside them).

    Parameters
    ----------
    y : numpy.ndarray
        Values between the bounds.
    bounds : tuple of (float, float)
        The lower and upper bounds (a, b).

    Returns
    -------
    numpy.ndarray
        ``log(p / (1 - p))`` with ``p = (y - a) / (b - a)`` clipped to [1e-6, 1 - 1e-6].
    """
    a, b = bounds
    p = np.clip((np.asarray(y, dtype=float) - a) / (b - a), 1e-6, 1 - 1e-6)
    z: np.ndarray = np.log(p / (1 - p))
    return z


def from_logit(z: np.ndarray, bounds: tuple[float, float]) -> np.ndarray:
    """Inverse of :func:`to_logit`.

    Parameters
    ----------
    z : numpy.ndarray
        Logit values.
    bounds : tuple of (float, float)
        The lower and upper bounds (a, b).

    Returns
    -------
    numpy.ndarray
        ``a + (b - a) / (1 + exp(-z))``.
    """
    a, b = bounds
    y: np.ndarray = a + (b - a) / (1 + np.exp(-np.asarray(z, dtype=float)))
    return y
