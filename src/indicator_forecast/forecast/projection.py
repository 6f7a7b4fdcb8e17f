"""Projection of one short annual series to a target year, with a calibrated distribution.

:func:`project_series` turns years and values into a :class:`SeriesProjection`: the model actually
used and why, point forecasts, calibrated intervals and probabilities at any year up to the target
year, the distribution of a five-year sum of flows (:meth:`SeriesProjection.cumulative`) and of the
compound average growth rate (:meth:`SeriesProjection.end_growth_rate`).

Joint paths (needed for sums of flows) are simulated with a Gaussian copula over the
calibrated marginals (see :mod:`~indicator_forecast.forecast.calibration`); the per-year marginals
of the simulation are the calibrated ones, so the sum's interval is consistent with the parts.
"""

from __future__ import annotations

import html
import math
import warnings
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeVar

import numpy as np
import pandas as pd
from scipy.stats import norm

from indicator_forecast.exceptions import ConfigurationError, ProjectionError, ShortSeriesWarning
from indicator_forecast.forecast import _revert
from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast._grouping import (
    KernelRequest,
    KernelResult,
    Ran,
    Steps,
    run_grouped,
    run_one,
)
from indicator_forecast.forecast.calibration import Calibration, SeriesClass, default_calibration
from indicator_forecast.forecast.distribution import (
    Predictive,
    check_levels,
    from_samples,
    sorted_quantiles,
)
from indicator_forecast.forecast.priors import (
    METHOD_WHY,
    Nature,
    from_logit,
    no_change,
    to_logit,
)
from indicator_forecast.forecast.width_scales import WidthScales, default_width_scales

ProjectedMeasure = Literal["level", "flow", "running_total", "growth_rate"]
N_DRAWS = 20_000
SEED = 12345


@dataclass(frozen=True)
class Partial:
    """A figure for part of the year after the last full year.

    Parameters
    ----------
    year : int
        The year the figure belongs to; must be the year after the last full year.
    months : float
        Months elapsed (0 < months < 12), e.g. 6 for a half-year figure.
    value : float
        The figure to date: for ``flow`` the amount so far; for ``running_total`` the running
        total at that date; for ``growth_rate`` the year-to-date growth (%); for ``level`` the
        latest reading.
    share : float, optional
        For flows: the part of a full year's amount usually reached by that date (e.g. from past
        years' half-year shares). Default: ``months / 12`` (an even pace; stated in the notes).
    """

    year: int
    months: float
    value: float
    share: float | None = None

    def __post_init__(self) -> None:
        if not 0 < self.months < 12:
            raise ConfigurationError(
                f"The 'months' parameter of Partial must be in (0, 12). Got {self.months!r} "
                f"instead."
            )
        if self.share is not None and not 0 < self.share <= 1:
            raise ConfigurationError(
                f"The 'share' parameter of Partial must be in (0, 1]. Got {self.share!r} instead."
            )

    @property
    def pace_share(self) -> float:
        """The part of a full year's amount reached by this date: ``share``, else ``months/12``."""
        return self.share if self.share is not None else self.months / 12


@dataclass(frozen=True)
class _Copula:
    """The copula's draws for one correlation, seed and probability grid, ready to be mapped
    through any series' marginal quantiles.

    ``cell`` (N_DRAWS, k) is where each uniform falls on the grid, as a flat index into a
    table of (k, len(probs) + 1) segments, and ``offset`` the uniform minus the segment's left
    grid point: a draw is then ``slope[cell] * offset + left[cell]``, the very operations of
    ``numpy.interp`` (same numbers) without its binary search per draw.
    """

    cell: np.ndarray
    offset: np.ndarray
    order: np.ndarray  # the draws sorted by their first uniform


    def draws(self, probs: np.ndarray, values: np.ndarray) -> np.ndarray:
        """The joint draws (N_DRAWS, k) with marginal quantiles ``values`` (k, len(probs))."""
        k = values.shape[0]
        slope = (values[:, 1:] - values[:, :-1]) / (probs[1:] - probs[:-1])
        # Segment 0 lies below the grid and the last one at or above its top: flat there.
        zero = np.zeros((k, 1))
        slopes = np.concatenate([zero, slope, zero], axis=1).ravel()
        lefts = np.concatenate([values[:, :1], values[:, :-1], values[:, -1:]], axis=1).ravel()
        out: np.ndarray = slopes[self.cell] * self.offset + lefts[self.cell]
        return out


_COPULAS: dict[tuple[int, int, bytes, bytes], _Copula] = {}
_COPULAS_MAX = 128


def _copula(k: int, corr: np.ndarray, probs: np.ndarray, seed: int) -> _Copula:
    """The copula's draws for ``corr``, ``probs`` and ``seed``, computed once per key.

    They depend only on the seed, the grid and the correlation (a calibration entry shared by
    every series of its cell), so thousands of series share a handful of them and each series
    only maps them through its own marginals. A bounded cache (cleared when full): the same
    numbers as drawing them afresh.
    """
    key = (seed, k, np.ascontiguousarray(corr, dtype=float).tobytes(),
           np.ascontiguousarray(probs, dtype=float).tobytes())
    hit = _COPULAS.get(key)
    if hit is None:
        rng = np.random.default_rng(seed)
        w, v = np.linalg.eigh(corr)
        root = v * np.sqrt(np.clip(w, 0, None))
        z = rng.standard_normal((N_DRAWS, k)) @ root.T
        u = np.asarray(norm.cdf(z), dtype=float)
        # numpy.interp's segment: probs[j] <= u < probs[j + 1]; below the grid and at or above
        # its top the end value (segments 0 and len(probs), with slope 0).
        seg = np.searchsorted(probs, u, side="right")
        inner = (seg > 0) & (seg < probs.size)
        left = probs[np.clip(seg - 1, 0, probs.size - 1)]
        offset = np.where(inner, u - left, 0.0)
        cell = seg + (probs.size + 1) * np.arange(k)[None, :]
        order = np.argsort(u[:, 0], kind="stable").astype(np.int32)
        # intp: numpy gathers with its own index type without converting a copy per series
        hit = _Copula(cell.astype(np.intp), offset, order)
        if len(_COPULAS) >= _COPULAS_MAX:
            _COPULAS.clear()
        _COPULAS[key] = hit
    return hit


def _simulate(base: Predictive, horizons: np.ndarray, corr: np.ndarray, seed: int) -> np.ndarray:
    """Joint draws (N_DRAWS, periods) with calibrated marginals and copula correlation ``corr``."""
    k = len(base.periods)
    return _copula(k, corr, base.probs, seed).draws(base.probs, base.values)


@dataclass(frozen=True)
class SeriesProjection:
    """Projection of one series; immutable. Build it with :func:`project_series`.

    Attributes
    ----------
    measure : {"level", "flow", "running_total", "growth_rate"}
        What the values are (see :func:`project_series`).
    years : numpy.ndarray
        Observed years after cleaning (gaps interpolated).
    values : numpy.ndarray
        Observed values after cleaning.
    target_year : int
        Last year projected.
    method : str
        The method requested, in canonical spelling.
    model : str
        The method fitted.
    model_reason : str
        Why that model, in words.
    fell_back : bool
        Whether ``model`` differs from ``method``.
    level : tuple of float
        Interval levels in percent.
    calibration : str
        Name of the calibration table used.
    scale : float
        Scale of the projected series (see
        :func:`~indicator_forecast.forecast.methods.series_scale`).
    distribution : Predictive
        Distribution of the projected quantity per period (yearly rates for a growth rate, the
        running total for a running total).
    base : Predictive
        Distribution of the series actually projected (the chained index, the yearly flows).
    horizons : numpy.ndarray
        Horizon of each projected period in years, fractional for a nowcast.
    corr : numpy.ndarray
        Correlation of the errors across horizons.
    base_years : numpy.ndarray
        Years of the series actually projected.
    base_values : numpy.ndarray
        Values of the series actually projected.
    partial : Partial, optional
        The part-year figure used, if any.
    notes : tuple of str
        What was done to the data and why (dropped values, interpolated years, fallbacks).
    prior_weight : float
        Weight of the kind's pooled prior in the interval's scale (0: the series' own).
    width_factor : float, optional
        Width scale applied at the last projected year; None when none is fitted for the kind.
    """

    measure: ProjectedMeasure
    years: np.ndarray
    values: np.ndarray
    target_year: int
    method: str
    model: str
    model_reason: str
    fell_back: bool
    level: tuple[float, ...]
    calibration: str
    scale: float
    distribution: Predictive
    base: Predictive = field(repr=False)
    horizons: np.ndarray = field(repr=False)
    corr: np.ndarray = field(repr=False)
    base_years: np.ndarray = field(repr=False)
    base_values: np.ndarray = field(repr=False)
    partial: Partial | None = None
    notes: tuple[str, ...] = ()
    prior_weight: float = 0.0
    width_factor: float | None = None

    # -- the distribution of the projected quantity -------------------------------------
    @property
    def periods(self) -> np.ndarray:
        return self.distribution.periods

    @property
    def mean(self) -> np.ndarray:
        return self.distribution.mean

    def lo(self, level: float) -> np.ndarray:
        return self.distribution.lo(level)

    def hi(self, level: float) -> np.ndarray:
        return self.distribution.hi(level)

    def quantile(self, q: float, year: int | None = None) -> float:
        return self.distribution.quantile(q, year)

    def prob_at_least(self, x: float, year: int | None = None) -> float:
        return self.distribution.prob_at_least(x, year)

    def prob_at_most(self, x: float, year: int | None = None) -> float:
        return self.distribution.prob_at_most(x, year)

    def prob_between(self, a: float, b: float, year: int | None = None) -> float:
        return self.distribution.prob_between(a, b, year)

    # -- sums and rates ------------------------------------------------------------------
    def _paths(self) -> np.ndarray:
        return _simulate(self.base, self.horizons, self.corr, seed=SEED)

    def _order(self) -> np.ndarray:
        """The ordering of the paths by their first uniform (see :func:`from_samples`)."""
        return _copula(len(self.base.periods), self.corr, self.base.probs, SEED).order

    def changes(self, start: float, at: Sequence[float] | None = None) -> Predictive:
        """Distribution of each projected year's change, the first from ``start`` (the last
        observed value), from the simulated joint paths: e.g. the yearly amounts implied by a
        projected running total.

        ``at`` (probabilities): keep only the grid points that quantiles and intervals at these
        probabilities are read from (see :func:`grid_for`); those give the same numbers as the
        whole grid, at a fraction of the cost of the sample quantiles.
        """
        dist = self.distribution
        probs = dist.probs if at is None else dist.probs[grid_for(dist.probs, at)]
        mean = dist.mean - np.concatenate([[start], dist.mean[:-1]])
        return _change_distribution(dist.periods, mean, self._paths(), start, probs,
                                    self.level, self._order())

    def cumulative(self, observed_total: float = 0.0, from_year: int | None = None) -> Predictive:
        """Distribution of ``observed_total`` plus the projected flows from ``from_year``.

        Parameters
        ----------
        observed_total : float
            The total of the years already observed that belong to the sum (e.g. 2021-2022).
        from_year : int, optional
            First projected year included (default: the first projected year; with a partial
            figure that is the partial year, whose nowcast replaces its part-year value).
        """
        if self.measure not in ("flow", "running_total"):
            raise ConfigurationError(
                f"cumulative() needs measure='flow' or 'running_total'. Got {self.measure!r}."
            )
        if self.measure == "running_total":
            return Predictive(
                self.periods[-1:], self.mean[-1:], self.distribution.probs,
                self.distribution.values[-1:], self.level, "running total",
            )
        start = int(self.base.periods[0]) if from_year is None else int(from_year)
        sel = self.base.periods >= start
        if not sel.any():
            raise ConfigurationError(
                f"The 'from_year' parameter must be at most {int(self.base.periods[-1])}. "
                f"Got {from_year!r} instead."
            )
        draws = self._paths()[:, sel].sum(axis=1) + observed_total
        mean = observed_total + float(self.base.mean[sel].sum())
        label = f"cumulative total {start}-{self.target_year} (+ observed {observed_total:g})"
        return from_samples(
            np.array([self.target_year]), np.array([mean]), draws[:, None],
            self.base.probs, self.level, label,
        )

    def _index_at(self, year: int) -> float:
        hits = np.flatnonzero(self.base_years == year)
        if hits.size == 0:
            raise ConfigurationError(
                f"The 'base_year' parameter must be an observed year "
                f"{self.base_years.tolist()}. Got {year!r} instead."
            )
        return float(self.base_values[hits[0]])

    def _default_base_year(self) -> int:
        guess = self.target_year - 5
        return guess if guess in self.base_years else int(self.base_years[0])

    def end_growth_rate(self, base_year: int | None = None, year: int | None = None) -> Predictive:
        """Distribution of the compound average yearly growth rate (%) from ``base_year``.

        :math:`g = 100\\,[(I_{year}/I_{base})^{1/(year-base)} - 1]` where :math:`I` is the level
        (for ``measure="growth_rate"`` the index chained from the rates, base 100). Defaults:
        ``base_year = target_year - 5`` (e.g. 2020 for 2021-2025) and ``year = target_year``.
        """
        if self.measure not in ("level", "growth_rate"):
            raise ConfigurationError(
                f"end_growth_rate() needs measure='level' or 'growth_rate'. Got {self.measure!r}."
            )
        b = self._default_base_year() if base_year is None else int(base_year)
        ib = self._index_at(b)
        row = self.base._row(year)
        y = int(self.base.periods[row])
        if ib <= 0 or y <= b:
            raise ProjectionError(f"growth rate needs a positive level at {b} and {y} > {b}")
        span = y - b

        def rate(v: np.ndarray) -> np.ndarray:
            r: np.ndarray = 100 * (np.sign(v) * (np.abs(v) / ib) ** (1 / span) - 1)
            return r

        vals = rate(self.base.values[row : row + 1])
        return Predictive(
            np.array([y]), rate(self.base.mean[row : row + 1]), self.base.probs,
            np.maximum.accumulate(vals, axis=1), self.level,
            f"average yearly growth {b + 1}-{y} (%)",
        )

    def required_rate(self, target_avg: float, base_year: int | None = None) -> float:
        """Average yearly growth (%) the years after the last full year must reach so that the
        average from ``base_year`` to the target year equals ``target_avg`` (%)."""
        b = self._default_base_year() if base_year is None else int(base_year)
        ib = self._index_at(b)
        last = int(self.base_years[-1])
        il = float(self.base_values[-1])
        rest = self.target_year - last
        if rest <= 0:
            raise ProjectionError("no year left before the target year")
        goal = ib * (1 + target_avg / 100) ** (self.target_year - b)
        return float(100 * ((goal / il) ** (1 / rest) - 1))

    # -- display ---------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        df = self.distribution.to_frame()
        df.insert(1, "model", self.model)
        return df

    def _head(self) -> list[str]:
        lines = [
            f"Projection of a {self.measure} series to {self.target_year}",
            f"observed: {int(self.years[0])}-{int(self.years[-1])} ({len(self.years)} points)",
            f"model: {self.model}" + (f" (requested {self.method})" if self.fell_back else ""),
            f"why: {self.model_reason}",
            f"intervals: calibrated empirical scaled errors, table {self.calibration!r}",
        ]
        lines += [f"note: {n}" for n in self.notes]
        return lines

    def summary(self) -> str:
        return "\n".join(self._head()) + "\n" + self.distribution._table_text()

    def __repr__(self) -> str:
        lv = self.level[0]
        return (
            f"<SeriesProjection {self.measure} {self.target_year}: {self.mean[-1]:.4g} "
            f"[{self.lo(lv)[-1]:.4g}, {self.hi(lv)[-1]:.4g}] at {lv:g}%, model={self.model}>"
        )

    def _repr_html_(self) -> str:
        head = "<br>".join(html.escape(line) for line in self._head())
        return f"<p>{head}</p>" + self.distribution._repr_html_()


def _clean(years: Any, values: Any) -> tuple[np.ndarray, np.ndarray, list[str]]:
    yrs = np.asarray(years, dtype=float).ravel()
    vals = np.asarray(values, dtype=float).ravel()
    if yrs.shape != vals.shape:
        raise ProjectionError(
            f"years and values must have the same length; got {yrs.size} and {vals.size}"
        )
    if _clean_already(yrs.tolist(), vals.tolist()):
        return yrs.astype(int), vals.copy(), []
    notes: list[str] = []
    keep = np.isfinite(vals)
    if not keep.all():
        notes.append(f"{int((~keep).sum())} missing value(s) dropped")
    yrs, vals = yrs[keep], vals[keep]
    if np.any(yrs != np.round(yrs)):
        raise ProjectionError("years must be whole numbers")
    order = np.argsort(yrs, kind="stable")
    yrs, vals = yrs[order].astype(int), vals[order]
    if np.any(np.diff(yrs) == 0):
        raise ProjectionError(f"years must not repeat; got {yrs.tolist()}")
    if yrs.size < 2:
        raise ProjectionError(
            f"cannot project a series of {yrs.size} point(s): at least two yearly values are "
            "needed"
        )
    if np.any(np.diff(yrs) > 1):
        full = np.arange(yrs[0], yrs[-1] + 1)
        notes.append(
            "missing years " + ", ".join(str(y) for y in sorted(set(full) - set(yrs)))
            + " filled by linear interpolation"
        )
        vals = np.interp(full, yrs, vals)
        yrs = full
    return yrs, vals, notes


def _clean_already(yrs: list[float], vals: list[float]) -> bool:
    """Whether :func:`_clean` has nothing to do: two or more finite values in whole, consecutive,
    rising years (the usual case, told in Python floats without an array call per check)."""
    return (len(yrs) >= 2 and float(yrs[0]).is_integer()
            and all(b - a == 1.0 for a, b in zip(yrs, yrs[1:], strict=False))
            and all(math.isfinite(v) for v in vals))


def project_series(
    years: Sequence[int] | np.ndarray,
    values: Sequence[float] | np.ndarray,
    *,
    target_year: int = 2025,
    measure: ProjectedMeasure = "level",
    level: Sequence[float] | float = (80, 95),
    method: str = "default",
    partial: Partial | None = None,
    calibration: Calibration | None = None,
    roughness: bool = True,
    series_class: SeriesClass = "level",
    nature: Nature | None = None,
    width_scales: WidthScales | None = None,
) -> SeriesProjection:
    """Project one annual series to ``target_year`` with calibrated intervals.

    Parameters
    ----------
    years, values : array-like
        Observed years (integers) and values. Missing values are dropped and missing years
        interpolated, both stated in ``notes``.
    target_year : int
        Last year projected.
    measure : {"level", "flow", "running_total", "growth_rate"}
        ``level``: a value at the year's end or an average; ``flow``: the year's new amount;
        ``running_total``: the total since the start (projected as yearly flows);
        ``growth_rate``: yearly growth in % (chained into an index, base 100, which is
        projected; the yearly rates from its quantiles, see :func:`yearly_rates`).
    level : sequence of float
        Interval levels in percent.
    method : str
        ``"default"`` (see :data:`~indicator_forecast.forecast.methods.DEFAULT_METHOD`), a base
        method or ``"combo(a,b,...)"``.
    partial : Partial, optional
        A part-year figure for the year after the last full year; it becomes a nowcast of that
        year with an interval at the fractional horizon of the part not yet observed.
    calibration : Calibration, optional
        Calibration table (default: the shipped one).
    roughness : bool
        Condition the interval on the roughness of the earlier values (the default). ``False``
        uses the table pooled over roughness, so that no earlier value can change which errors
        apply (used for running totals, where every earlier amount counts towards the result).
    series_class : {"level", "history_scale", "running_total"}
        Which calibration entries, and which scale, give the interval. ``"level"``: the mean
        absolute change of the whole window. ``"history_scale"``: the mean absolute change of
        the values *before* the latest one, so that the latest value moves the projection but
        not the width of its interval (from three points on; with fewer, or an unchanging
        history, ``"level"`` is used and a note says so). ``"running_total"``: ``values`` are
        the running total of positive yearly amounts (see :func:`project_amounts`).
    nature : Nature, optional
        What kind of quantity a ``level`` series is (see :mod:`~indicator_forecast.forecast.
        priors`): a bounded share is projected on the logit scale, a yearly rate reverts toward
        its mean, and a pooled prior of the kind is blended in by the number of points. Ignored
        for other measures. Default: none of these.
    width_scales : WidthScales, optional
        Interval width factors by kind (the nature's name, or ``"growth_rate"``), number of
        figures and horizon, and where fitted (plain levels) by the roughness bin of the values
        before the latest (see :mod:`~indicator_forecast.forecast.width_scales`). Default: the
        shipped table; ``NO_SCALES`` for none.

    Returns
    -------
    SeriesProjection
        The projection with its distribution per projected period, the model used and notes.

    Raises
    ------
    ProjectionError
        Fewer than two usable points.
    """
    return run_one(series_steps(
        years, values, target_year=target_year, measure=measure, level=level, method=method,
        partial=partial, calibration=calibration, roughness=roughness, series_class=series_class,
        nature=nature, width_scales=width_scales,
    ))


def project_many(
    calls: Sequence[Mapping[str, Any]], *, amounts: bool = False
) -> list[Ran[Any]]:
    """:func:`project_series` (or, with ``amounts``, :func:`project_amounts`) of many series at
    once: their kernels called once per group of series of the same method, length and horizon.

    Each result is the one the function gives alone; a failure is returned with its series, not
    raised (a :class:`~indicator_forecast.exceptions.ConfigurationError` is raised).

    Parameters
    ----------
    calls : sequence of mappings
        The keyword arguments of each call, ``years`` and ``values`` (``amounts``) included.
    amounts : bool
        Whether the calls are of :func:`project_amounts`.

    Returns
    -------
    list of Ran
        Per call: ``result`` (the projection) or ``error`` (the ProjectionError), and ``caught``,
        the warnings it raised (e.g. ShortSeriesWarning when a method fell back).

    Examples
    --------
    >>> out = project_many([dict(years=[2019, 2020, 2021, 2022], values=[1, 2, 3, 4.5]),
    ...                     dict(years=[2022], values=[1.0])])
    >>> out[0].result.model, type(out[1].error).__name__
    ('drift', 'ProjectionError')
    """
    if amounts:
        return run_grouped([amounts_steps(**dict(c), together=True) for c in calls])
    return run_grouped([series_steps(**dict(c)) for c in calls])


def series_steps(
    years: Sequence[int] | np.ndarray,
    values: Sequence[float] | np.ndarray,
    *,
    target_year: int = 2025,
    measure: ProjectedMeasure = "level",
    level: Sequence[float] | float = (80, 95),
    method: str = "default",
    partial: Partial | None = None,
    calibration: Calibration | None = None,
    roughness: bool = True,
    series_class: SeriesClass = "level",
    nature: Nature | None = None,
    width_scales: WidthScales | None = None,
    reading_note: bool = True,
) -> Steps[SeriesProjection]:
    """:func:`project_series` as steps (see :mod:`~indicator_forecast.forecast._grouping`):
    it yields its kernel request and, sent the answer, returns the projection.

    Parameters
    ----------
    years, values, target_year, measure, level, method, partial, calibration, roughness, \
series_class, nature, width_scales
        As in :func:`project_series`.
    reading_note : bool
        Whether the notes say that a level's part-year figure is a reading taken as the year's
        value (``False`` for :func:`project_amounts`, whose nowcast is not one).

    Returns
    -------
    generator
        Yields a list of one :class:`~indicator_forecast.forecast._grouping.KernelRequest`, is
        sent the list of its answers and returns the :class:`SeriesProjection`.
    """
    levels = check_levels(level)
    if measure not in ("level", "flow", "running_total", "growth_rate"):
        raise ConfigurationError(
            "The 'measure' parameter of project_series must be one of 'level', 'flow', "
            f"'running_total', 'growth_rate'. Got {measure!r} instead."
        )
    cal = default_calibration() if calibration is None else calibration
    yrs, vals, notes = _clean(years, values)
    last_total = float(vals[-1])
    if measure == "growth_rate":
        by = np.concatenate([[yrs[0] - 1], yrs])
        y = 100 * np.concatenate([[1.0], np.cumprod(1 + vals / 100)])
        notes.append(f"growth rates chained into an index, {yrs[0] - 1} = 100")
    elif measure == "running_total":
        by, y = yrs[1:], np.diff(vals)
        notes.append("running totals differenced into yearly flows")
        if y.size < 2:
            raise ProjectionError("a running total needs at least three points (two flows)")
    else:
        by, y = yrs, vals
    index_years, index_values = by.copy(), y.copy()

    offset = 0.0
    if partial is not None:
        if partial.year != int(by[-1]) + 1:
            raise ConfigurationError(
                f"The 'year' of Partial must be the year after the last full year "
                f"({int(by[-1]) + 1}). Got {partial.year!r} instead."
            )
        if measure in ("flow", "running_total"):
            share = partial.pace_share
            if partial.share is None:
                notes.append(
                    f"{partial.year}: {partial.months:g} months assumed to be {share:.0%} of the "
                    "year's amount (even pace; pass share= from past years to change this)"
                )
            so_far = partial.value - (last_total if measure == "running_total" else 0.0)
            now = so_far / share
            offset = 1 - share
        elif measure == "growth_rate":
            now = y[-1] * (1 + partial.value / 100)
            offset = 1 - partial.months / 12
            notes.append(
                f"{partial.year}: year-to-date growth {partial.value:g}% after "
                f"{partial.months:g} months taken as the year's growth, with a wider interval"
            )
        else:
            now = partial.value
            offset = 1 - partial.months / 12
            if reading_note:
                notes.append(
                    f"{partial.year}: reading after {partial.months:g} months taken as the "
                    "year's value, with a wider interval"
                )
        by = np.append(by, partial.year)
        y = np.append(y, now)

    if target_year < by[-1] or (target_year == by[-1] and partial is None):
        raise ConfigurationError(
            f"The 'target_year' parameter must be after the last observed year {int(by[-1])}. "
            f"Got {target_year!r} instead."
        )
    width_kind = "growth_rate" if measure == "growth_rate" else (
        nature.name if nature is not None and measure == "level" else None)
    if measure != "level":
        nature = None
    bounds = nature.bounds if nature is not None else None
    if bounds is not None:
        y = to_logit(y, bounds)
        notes.append(f"projected on the logit scale between {bounds[0]:g} and {bounds[1]:g}")
    n = y.size
    if nature is not None and nature.revert is not None:
        res = M.Resolution(
            M.canonical(method), "revert",
            f"{n} points: {M.DESCRIPTIONS['revert']} (phi {nature.revert:g}, a yearly rate)",
            False,
        )
    elif (nature is not None and method == "default"
          and (kind_method := nature.method_for(n, M.MIN_POINTS)) is not None):
        res = M.resolve(kind_method, n, positive=bool(np.all(y > 0)))
        res = replace(res, reason=(
            f"{res.reason} (for a {nature.name} with {n} points in place of the default "
            f"{M.DEFAULT_METHOD}: {METHOD_WHY.get(kind_method, 'the method of its kind')})"))
    else:
        res = M.resolve(method, n, positive=bool(np.all(y > 0)))
    if res.fell_back:
        warnings.warn(
            f"{res.reason}. Read the projection's model_reason; give more years to use "
            f"{res.requested}.",
            ShortSeriesWarning,
            stacklevel=4,  # the caller of project_series (through run_one and the steps)
        )
    h = int(target_year - by[-1])
    reverting = res.used == "revert"
    assert not reverting or (nature is not None and nature.revert is not None)
    (scale, mean, rbin), = yield [KernelRequest(
        res.used, nature.revert if reverting and nature is not None else None, y, h, roughness)]
    if nature is not None and not reverting and nature.change_kept != 1.0:
        mean = y[-1] + nature.change_kept * (mean - y[-1])
        notes.append(
            f"{nature.change_kept:.0%} of the projected change from the latest value kept (a "
            f"{nature.name}'s changes revert)"
        )
    # No change before the latest value (two points, or 2, 2, 2): with a pooled prior the width
    # comes from the kind alone, never from the latest value (see forecast.priors).
    flat = False
    if series_class == "history_scale":
        if not no_change(y[:-1]):  # not float dust from unit conversions
            scale = float(np.abs(np.diff(y[:-1])).mean())
        elif nature is not None and nature.spread > 0:
            flat, scale, series_class = True, 0.0, "level"
            notes.append(
                ("two points" if n < 3 else "no change before the latest value")
                + f": the interval width is the typical yearly change of a {nature.name}"
            )
        else:
            series_class = "level"
            notes.append(
                "interval scaled by the whole window: "
                + ("fewer than three points" if n < 3 else "no change before the latest value")
            )
    horizons = np.arange(1, h + 1, dtype=float) + offset
    periods = np.arange(int(by[-1]) + 1, target_year + 1)
    if partial is not None:
        mean = np.concatenate([[y[-1]], mean])
        horizons = np.concatenate([[offset], horizons])
        periods = np.concatenate([[partial.year], periods])
    # A mean-reverting forecast takes the interval of the last value carried forward at the
    # horizon where the AR(1) error variance is reached (see forecast.priors).
    table = "naive" if res.used == "revert" else res.used
    qh = horizons
    if nature is not None and nature.revert is not None:
        phi2 = nature.revert**2
        qh = np.where(horizons > 0, (1 - phi2**horizons) / (1 - phi2), 0.0)
    q = cal.scaled_quantiles(table, n, qh, rbin, series_class)
    spread = scale * q
    prior_weight = 0.0
    if res.used == "revert" and nature is not None and nature.spread > 0:
        # A yearly rate: the kind's pooled scale, errors centred on the forecast (_revert).
        spread, prior_weight, rnote = _revert.revert_spread(
            nature, y[:-1], scale, n - 2 if series_class == "history_scale" or flat else n - 1,
            horizons, cal.probs, n)
        notes.append(rnote)
    elif nature is not None and nature.spread > 0:
        # Borrowed strength (forecast.priors): the scale shrunk toward the kind's, the shape of
        # the errors the kind's.
        own_changes = n - 2 if series_class == "history_scale" or flat else n - 1
        w = nature.own_weight(max(own_changes, 0))
        s0 = nature.prior_scale(y[:-1] if partial is not None else y)
        s_blend = w * scale + (1 - w) * s0
        prior_weight = 1 - w
        q_long = cal.scaled_quantiles(table, cal.groups[-1][0], qh, -1, "level")
        spread = s_blend * nature.width_ratio * q_long
        notes.append(
            f"{n} points: scale {s_blend:.3g} = {w:.0%} the series' own ({scale:.3g}) and "
            f"{1 - w:.0%} the typical yearly change of a {nature.name} ({s0:.3g}); errors shaped "
            "as those of its kind"
        )
    ws = default_width_scales() if width_scales is None else width_scales
    # The width factor by the roughness of the values before the latest (never the latest).
    wbin = -1
    if ws.by_roughness(width_kind, vals.size):
        wbin = rbin if roughness else int(M.calibration_bin(y[None, :])[0])
    factors = ws.factor(width_kind, vals.size, horizons, wbin)
    spread = ws.apply(width_kind, vals.size, horizons, cal.probs, spread, wbin)
    width_factor = (float(factors[-1]) if h > 0 and width_kind is not None
                    and width_kind in ws.scales else None)
    ws_note = ws.describe(width_kind, vals.size, float(horizons[-1]), wbin) if h > 0 else None
    if ws_note is not None:
        notes.append(ws_note)
    values = np.maximum.accumulate(mean[:, None] + spread, axis=1)
    if bounds is not None:
        values, mean = from_logit(values, bounds), from_logit(mean, bounds)
    base = Predictive(
        periods, mean, cal.probs, values, levels,
        "index (base 100)" if measure == "growth_rate" else (
            "yearly flow" if measure in ("flow", "running_total") else "level"),
    )
    corr = cal.correlation(table, n, np.maximum(horizons, 1), rbin, series_class)
    proj = SeriesProjection(
        measure=measure, years=yrs, values=vals, target_year=int(target_year),
        method=res.requested, model=res.used, model_reason=res.reason, fell_back=res.fell_back,
        level=levels, calibration=cal.name, scale=scale, distribution=base, base=base,
        horizons=horizons, corr=corr, base_years=index_years, base_values=index_values,
        partial=partial, notes=tuple(notes), prior_weight=prior_weight,
        width_factor=width_factor,
    )
    if measure == "growth_rate":
        prev_mean = np.concatenate([[index_values[-1]], mean[:-1]])
        dist = Predictive(periods, 100 * (mean / prev_mean - 1), cal.probs,
                          yearly_rates(values, float(index_values[-1])), levels,
                          "yearly growth rate (%)")
        proj = _replace(proj, dist)
    elif measure == "running_total":
        paths = np.cumsum(proj._paths(), axis=1) + last_total
        dist = from_samples(periods, last_total + np.cumsum(mean), paths, cal.probs, levels,
                            "running total", order=proj._order())
        proj = _replace(proj, dist)
    return proj


@dataclass(frozen=True)
class AmountsProjection:
    """Yearly amounts that add up, projected as their running total (:func:`project_amounts`).

    ``running`` is the projection of the running total (0 the year before the first amount);
    ``last_total`` its value at the last full year; ``nowcast`` the part year's amount scaled to a
    full year (``Partial.value / Partial.pace_share``), if a part-year figure was given.

    Attributes
    ----------
    running : SeriesProjection
        Projection of the running total.
    last_total : float
        Running total at the last full year.
    nowcast : float, optional
        The part year's amount scaled to a full year, if a part-year figure was given.
    trending : bool
        Whether the amounts were projected with their trend (see :func:`amounts_trend`).
    """

    running: SeriesProjection
    last_total: float
    nowcast: float | None = None
    trending: bool = False

    def yearly(self, at: Sequence[float] | None = None) -> Predictive:
        """Distribution of each projected year's amount (``at``: as in
        :meth:`SeriesProjection.changes`)."""
        if self.running.measure == "running_total":  # amounts projected themselves (a trend)
            return self.running.base
        return self.running.changes(self.last_total, at=at)


def project_amounts(
    years: Sequence[int] | np.ndarray,
    amounts: Sequence[float] | np.ndarray,
    *,
    target_year: int = 2025,
    level: Sequence[float] | float = (80, 95),
    method: str = "default",
    partial: Partial | None = None,
    calibration: Calibration | None = None,
    series_class: Literal["running_total", "level"] = "running_total",
    follow_trend: bool = True,
) -> AmountsProjection:
    """Project yearly amounts that add up (new investment, yearly reductions, yearly gaps).

    The amounts are summed into their running total, a level series whose yearly changes are
    the amounts themselves: its interval is scaled by the size of the amounts, and a trend
    through it continues their average. Projected as separate amounts, the interval would be
    scaled by how much two or three amounts differ, so a better year that brought them closer
    would narrow it. The calibration is pooled over roughness, so that no earlier amount can
    change which errors apply. ``series_class="running_total"`` (the default) uses errors
    measured on running totals of positive amounts; ``"level"`` the generic table (for amounts
    of either sign, such as gaps). A part-year figure is scaled to a full year by
    ``Partial.pace_share`` and nowcast inside the running total of that year.

    When the amounts trend (``follow_trend`` and three or more amounts that each move the same
    way, see :func:`amounts_trend`), the amounts themselves are also projected with the method
    and summed along simulated paths into the running total (``measure="running_total"`` of
    :func:`project_series`): a steadily falling yearly reduction (5.0, 3.7, 3.1 %) is not
    carried at its average. The interval is then scaled by how much the amounts changed before
    the latest one, so it knows their spread. The trend is followed when it moves the total its
    own way: a falling trend when its total (the mean at the target year) is at most the running
    total's, a rising one when it is at least that. So a higher latest amount never lowers the
    total: raising it can only end a falling trend (whose total was then the lower of the two)
    or start a rising one (then the higher), and each projection rises with the latest amount;
    a hard switch between them lowered it (38, 37.75, 37.5, 37.4999 gave 299.08 by 2025,
    37.5 instead 296.28). ``trending`` says which was done.

    Parameters
    ----------
    years : array-like of int
        Years of the amounts.
    amounts : array-like of float
        The yearly amounts.
    target_year : int
        Last year projected.
    level : float or sequence of float
        Interval levels in percent.
    method : str
        As in :func:`project_series`.
    partial : Partial, optional
        A part-year amount for the year after the last full year.
    calibration : Calibration, optional
        Calibration table (default: the shipped one).
    series_class : {"running_total", "level"}
        Which calibration entries give the interval when the amounts do not trend.
    follow_trend : bool
        Project trending amounts with their trend (the default).

    Returns
    -------
    AmountsProjection
        The running-total projection, the last total, the nowcast and whether it trended.
    """
    return run_one(amounts_steps(
        years, amounts, target_year=target_year, level=level, method=method, partial=partial,
        calibration=calibration, series_class=series_class, follow_trend=follow_trend,
    ))


def amounts_steps(
    years: Sequence[int] | np.ndarray,
    amounts: Sequence[float] | np.ndarray,
    *,
    target_year: int = 2025,
    level: Sequence[float] | float = (80, 95),
    method: str = "default",
    partial: Partial | None = None,
    calibration: Calibration | None = None,
    series_class: Literal["running_total", "level"] = "running_total",
    follow_trend: bool = True,
    together: bool = False,
) -> Steps[AmountsProjection]:
    """:func:`project_amounts` as steps (see :mod:`~indicator_forecast.forecast._grouping`).

    Parameters
    ----------
    years, amounts, target_year, level, method, partial, calibration, series_class, \
follow_trend
        As in :func:`project_amounts`.
    together : bool
        Trending amounts ask for the kernels of both their projections (as running total and
        with their trend) at once, so that a batch answers them in one round; otherwise one
        after the other, as :func:`project_amounts` does. The results are the same.

    Returns
    -------
    generator
        Yields lists of kernel requests, is sent their answers and returns the
        :class:`AmountsProjection`.
    """
    yrs = np.asarray(years, dtype=int)
    c_years = np.concatenate([[yrs[0] - 1], yrs])
    a = np.asarray(amounts, dtype=float)
    c_values = M.running_totals(a[None, :])[0]
    if follow_trend and amounts_trend(a):
        flat_steps = amounts_steps(years, amounts, target_year=target_year, level=level,
                                   method=method, partial=partial, calibration=calibration,
                                   series_class=series_class, follow_trend=False)
        r_partial = None
        if partial is not None:
            r_partial = Partial(year=partial.year, months=partial.months,
                                value=float(c_values[-1] + partial.value), share=partial.share)
        running_steps = series_steps(
            c_years, c_values, target_year=target_year, measure="running_total",
            level=level, method=method, partial=r_partial, calibration=calibration,
            roughness=True, series_class="history_scale",  # bin read without the latest
        )
        if together:
            flat, running = yield from _together(flat_steps, running_steps)
        else:
            flat = yield from flat_steps
            running = yield from running_steps
        rising = bool(a[-1] > a[0])
        way = "rising" if rising else "falling"
        gap = float(running.mean[-1] - flat.running.mean[-1])
        if (gap < 0) if rising else (gap > 0):  # the trend would move the total against it
            kept = (f"the {a.size} yearly amounts trend ({way} each year), but their trend gives "
                    f"a {'lower' if rising else 'higher'} total than the running total's: "
                    "projected as the running total")
            return replace(flat, running=replace(flat.running,
                                                 notes=(*flat.running.notes, kept)))
        note = (f"the {a.size} yearly amounts trend ({way} each year): projected as amounts "
                "with their trend and summed")
        running = replace(running, notes=(*running.notes, note))
        nowcast = partial.value / partial.pace_share if partial is not None else None
        return AmountsProjection(running, float(c_values[-1]), nowcast, trending=True)
    nowcast = None
    c_partial = None
    if partial is not None:
        nowcast = partial.value / partial.pace_share
        c_partial = Partial(year=partial.year, months=partial.months,
                            value=float(c_values[-1] + nowcast))
    running = yield from series_steps(
        c_years, c_values, target_year=target_year, measure="level", level=level,
        method=method, partial=c_partial, calibration=calibration, roughness=False,
        series_class=series_class, reading_note=False,  # the nowcast is not a reading
    )
    return AmountsProjection(running, float(c_values[-1]), nowcast)




A = TypeVar("A")
B = TypeVar("B")
T = TypeVar("T")


def _together(a: Steps[A], b: Steps[B]) -> Generator[
        list[KernelRequest], list[KernelResult], tuple[A, B]]:
    """Two projections' steps as one: each round yields both requests (``a``'s first)."""
    done_a: list[A] = []
    done_b: list[B] = []
    ra = _step(a, None, done_a)
    rb = _step(b, None, done_b)
    while ra or rb:
        got = yield ra + rb
        k = len(ra)
        ra = _step(a, got[:k], done_a) if ra else []
        rb = _step(b, got[k:], done_b) if rb else []
    return done_a[0], done_b[0]


def _step(g: Steps[T], sent: list[KernelResult] | None, done: list[T]) -> list[KernelRequest]:
    """The next requests of ``g`` (``[]`` once it has returned, its result put in ``done``)."""
    try:
        return next(g) if sent is None else g.send(sent)
    except StopIteration as stop:
        done.append(stop.value)
        return []


def amounts_trend(amounts: np.ndarray) -> bool:
    """Whether yearly amounts trend: three or more, each changing the same way as the one before
    (a steadily falling yearly reduction, steadily rising new investment).

    Parameters
    ----------
    amounts : numpy.ndarray
        The yearly amounts in year order.

    Returns
    -------
    bool
        True when every change between consecutive amounts has the same strict sign and there are
        at least two changes.
    """
    d = np.diff(np.asarray(amounts, dtype=float))
    return bool(d.size >= 2 and (np.all(d > 0) or np.all(d < 0)))


def yearly_rates(index_q: np.ndarray, last: float) -> np.ndarray:
    r"""Quantiles of each projected year's growth rate (%) from those of the chained index.

    The rate at probability :math:`p` is that of the path that stays at its quantile,
    :math:`r_h(p) = 100\,[Q_h(p)/Q_{h-1}(p) - 1]` with :math:`Q_0 = I_{last}`: next year's
    band is the calibrated index band itself, and the yearly rates at a probability compound
    into the index's quantile at that probability, so the chart's yearly bands agree with the
    interval of the average growth. A ratio of simulated levels instead, whose errors are not
    perfectly correlated, adds the uncertainty of two levels to every later year (a band of
    -31 to 70 % around a 7 % average). Where the earlier quantile is not positive (a level at
    or below zero, far in a tail) the rate is -100 %.

    Parameters
    ----------
    index_q : numpy.ndarray
        Quantiles of the index per projected year, shape (years, probabilities), rising.
    last : float
        The last observed (or nowcast's base) index value, positive.

    Returns
    -------
    numpy.ndarray
        Rising quantiles of the yearly rates, same shape.
    """
    prev = np.vstack([np.full((1, index_q.shape[1]), last), index_q[:-1]])
    safe = np.where(prev > 0, prev, 1.0)
    rates = np.where(prev > 0, 100 * (np.maximum(index_q, 0.0) / safe - 1), -100.0)
    out: np.ndarray = np.maximum.accumulate(rates, axis=1)
    return out


def grid_for(probs: np.ndarray, at: Sequence[float]) -> np.ndarray:
    """Mask of the grid points ``probs`` that linear interpolation at ``at`` reads.

    A probability on the grid reads its own point, one between two points reads those two, one
    outside the grid its nearest end: a :class:`Predictive` on the kept points gives exactly the
    quantiles at ``at`` that the whole grid gives (``numpy.interp`` uses only the bracketing
    points).

    Parameters
    ----------
    probs : numpy.ndarray
        Sorted grid of probabilities.
    at : sequence of float
        Probabilities to be read by interpolation.

    Returns
    -------
    numpy.ndarray
        Boolean mask over ``probs``.
    """
    keep = np.zeros(probs.size, dtype=bool)
    for p in at:
        j = int(np.searchsorted(probs, p, side="right")) - 1
        if j < 0:
            keep[0] = True
        elif j >= probs.size - 1 or probs[j] == p:
            keep[min(j, probs.size - 1)] = True
        else:
            keep[j : j + 2] = True
    return keep


def _change_distribution(
    periods: np.ndarray, mean: np.ndarray, paths: np.ndarray, start: float, probs: np.ndarray,
    level: tuple[float, ...], order: np.ndarray,
) -> Predictive:
    """The sample quantiles of each year's change along ``paths`` (the first from ``start``).

    The numbers of ``from_samples(periods, mean, paths - prev, probs, level, "change",
    order=order)``, with ``prev`` the paths shifted by a year: each year's changes are taken as
    one contiguous column (``numpy.quantile`` of a column is that of the same column inside a
    2-d array, without the strided partial sort), the first year's quantiles read off the
    copula's order when it sorts them.
    """
    cols = [paths[:, 0] - start, *(paths[:, j] - paths[:, j - 1]
                                   for j in range(1, paths.shape[1]))]
    rows = []
    for j, x in enumerate(cols):
        q = None
        if j == 0:
            first = x[order]
            if bool(np.all(first[1:] >= first[:-1])):
                q = sorted_quantiles(first, probs)
        rows.append(np.quantile(x, probs) if q is None else q)
    return Predictive(np.asarray(periods), np.asarray(mean, float), probs, np.array(rows),
                      level, "change")


def _replace(p: SeriesProjection, dist: Predictive) -> SeriesProjection:
    return replace(p, distribution=dist)
