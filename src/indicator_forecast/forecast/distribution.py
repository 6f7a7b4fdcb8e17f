"""Predictive distributions per period: quantiles, intervals and probabilities.

A :class:`Predictive` holds, for each projected year, the point forecast and the predictive
quantiles on a fixed probability grid (:data:`~indicator_forecast.forecast.calibration.PROBS`).
Quantiles between grid points are interpolated linearly; probabilities are read off the same
piecewise-linear distribution function, so ``quantile`` and ``prob_at_most`` are inverse to each
other. Beyond the outermost grid quantiles (0.25 % and 99.75 %) probabilities are reported as
0 or 1.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np
import pandas as pd

from indicator_forecast.exceptions import ConfigurationError


def check_levels(level: Sequence[float] | float) -> tuple[float, ...]:
    """Validate interval levels (percentages strictly between 0 and 100).

    Parameters
    ----------
    level : float or sequence of float
        One level or several, in percent.

    Returns
    -------
    tuple of float
        The levels as floats, sorted.

    Raises
    ------
    ConfigurationError
        When a level is not a number strictly between 0 and 100.
    """
    # np.isscalar does not narrow the union, hence the cast.
    levels: tuple[object, ...] = (
        (level,) if np.isscalar(level) else tuple(cast("Sequence[float]", level))
    )
    checked: list[float] = []
    for lv in levels:
        if not (isinstance(lv, (int, float, np.number)) and 0 < float(lv) < 100):
            raise ConfigurationError(
                f"The 'level' parameter must be numbers strictly between 0 and 100 "
                f"(percentages). Got {level!r} instead."
            )
        checked.append(float(lv))
    return tuple(sorted(checked))


def _fmt_level(lv: float) -> str:
    return f"{lv:g}"


@dataclass(frozen=True)
class Predictive:
    """Predictive distribution of a quantity at one or more years.

    Parameters
    ----------
    periods : ndarray of int
        The years.
    mean : ndarray
        Point forecast per year.
    probs : ndarray
        Probability grid, increasing.
    values : ndarray, shape (len(periods), len(probs))
        Predictive quantiles at ``probs`` per year, non-decreasing along each row.
    level : tuple of float
        Interval levels shown by ``summary`` and ``to_frame``.
    label : str
        What the quantity is, for display.
    """

    periods: np.ndarray
    mean: np.ndarray
    probs: np.ndarray = field(repr=False)
    values: np.ndarray = field(repr=False)
    level: tuple[float, ...] = (80.0, 95.0)
    label: str = "value"

    def __post_init__(self) -> None:
        for a in (self.periods, self.mean, self.probs, self.values):
            a.setflags(write=False)

    # -- lookup ---------------------------------------------------------------------------
    def _row(self, year: int | None) -> int:
        if year is None:
            return len(self.periods) - 1
        y = int(year)
        periods = self.periods.tolist()  # a handful of years: no array comparison per lookup
        for k, p in enumerate(periods):
            if p == y:
                return k
        raise ConfigurationError(
            f"The 'year' parameter must be one of the projected years "
            f"{periods}. Got {year!r} instead."
        )

    def quantile(self, q: float, year: int | None = None) -> float:
        """Value at probability ``q`` (0 < q < 1) at ``year`` (default: the last year)."""
        if not 0 < q < 1:
            raise ConfigurationError(f"The 'q' parameter must be in (0, 1). Got {q!r} instead.")
        return float(np.interp(q, self.probs, self.values[self._row(year)]))

    def _quantiles(self, q: float) -> np.ndarray:
        return np.array([np.interp(q, self.probs, row) for row in self.values])

    def lo(self, level: float) -> np.ndarray:
        """Lower bound of the central ``level`` % interval, per year."""
        (lv,) = check_levels(level)
        return self._quantiles((1 - lv / 100) / 2)

    def hi(self, level: float) -> np.ndarray:
        """Upper bound of the central ``level`` % interval, per year."""
        (lv,) = check_levels(level)
        return self._quantiles(1 - (1 - lv / 100) / 2)

    def cdf(self, x: float, year: int | None = None) -> float:
        """P(value <= x) at ``year``."""
        row = self.values[self._row(year)]
        if x < row[0]:
            return 0.0
        if x >= row[-1]:
            return 1.0
        # the right-most grid point at or below x handles flat stretches (ties)
        j = int(np.searchsorted(row, x, side="right")) - 1
        if row[j + 1] == row[j]:
            return float(self.probs[j + 1])
        frac = (x - row[j]) / (row[j + 1] - row[j])
        return float(self.probs[j] + frac * (self.probs[j + 1] - self.probs[j]))

    def prob_at_most(self, x: float, year: int | None = None) -> float:
        """P(value <= x) at ``year`` (default: the last year)."""
        return self.cdf(x, year)

    def prob_at_least(self, x: float, year: int | None = None) -> float:
        """P(value >= x) at ``year`` (default: the last year)."""
        return 1.0 - self.cdf(x, year)

    def prob_between(self, a: float, b: float, year: int | None = None) -> float:
        """P(a <= value <= b) at ``year``."""
        if b < a:
            raise ConfigurationError(f"prob_between needs a <= b. Got a={a!r}, b={b!r}.")
        return max(0.0, self.cdf(b, year) - self.cdf(a, year))

    # -- display --------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """One row per year: period, mean, and lo-L / hi-L for each level."""
        cols: dict[str, np.ndarray] = {"period": self.periods, "mean": self.mean}
        for lv in self.level:
            cols[f"lo-{_fmt_level(lv)}"] = self.lo(lv)
            cols[f"hi-{_fmt_level(lv)}"] = self.hi(lv)
        return pd.DataFrame(cols)

    def _table_text(self) -> str:
        return self.to_frame().to_string(index=False, float_format=lambda v: f"{v:,.4g}")

    def summary(self) -> str:
        return f"{self.label}\n{self._table_text()}"

    def __repr__(self) -> str:
        y = int(self.periods[-1])
        lv = self.level[0]
        return (
            f"<Predictive {self.label} {y}: {self.mean[-1]:.4g} "
            f"[{self.lo(lv)[-1]:.4g}, {self.hi(lv)[-1]:.4g}] at {_fmt_level(lv)}%>"
        )

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.label)}</p>" + self.to_frame().to_html(
            index=False, float_format=lambda v: f"{v:,.4g}"
        )


def from_samples(
    periods: np.ndarray,
    mean: np.ndarray,
    samples: np.ndarray,
    probs: np.ndarray,
    level: tuple[float, ...],
    label: str,
    order: np.ndarray | None = None,
) -> Predictive:
    """A :class:`Predictive` from simulated draws, shape ``(draws, len(periods))``.

    ``order`` (optional): an ordering of the draws expected to sort the first period's draws
    (the copula's uniforms sorted, when that period's draws rise with them). It is checked; if it
    sorts them, their quantiles are read off the sorted draws, which gives exactly the numbers of
    ``numpy.quantile`` without its partial sort.

    Parameters
    ----------
    periods : numpy.ndarray
        The periods projected.
    mean : numpy.ndarray
        Point forecast of each period.
    samples : numpy.ndarray
        The draws, shape ``(draws, len(periods))``.
    probs : numpy.ndarray
        Probabilities at which quantiles are kept.
    level : tuple of float
        Interval levels in percent.
    label : str
        The model's label.
    order : numpy.ndarray, optional
        An ordering of the draws, used only when it sorts the first period's draws.

    Returns
    -------
    Predictive
        Quantiles of the draws at ``probs`` for each period, with the mean, levels and label.
    """
    if order is not None and samples.shape[1] >= 1:
        first = samples[order, 0]
        if bool(np.all(first[1:] >= first[:-1])):
            rest = _column_quantiles(samples[:, 1:], probs)
            values = np.concatenate([sorted_quantiles(first, probs)[:, None], rest], axis=1).T
            return Predictive(
                np.asarray(periods), np.asarray(mean, float), probs, np.ascontiguousarray(values),
                level, label,
            )
    values = _column_quantiles(samples, probs).T
    return Predictive(
        np.asarray(periods), np.asarray(mean, float), probs, np.asarray(values), level, label
    )


def _column_quantiles(samples: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """``numpy.quantile(samples, probs, axis=0)``, one contiguous column at a time: the same
    order statistics and interpolation, without the strided partial sort (about twice as fast
    on the draws' columns)."""
    if samples.shape[1] == 0:
        empty: np.ndarray = np.quantile(samples, probs, axis=0)
        return empty
    cols = [np.quantile(np.ascontiguousarray(samples[:, j]), probs)
            for j in range(samples.shape[1])]
    return np.stack(cols, axis=1)


def sorted_quantiles(x: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """``numpy.quantile(x, probs)`` (linear method) of an already sorted 1-d ``x``, computed with
    numpy's own index and interpolation steps, so the numbers are the same.

    Parameters
    ----------
    x : numpy.ndarray
        Sorted values, 1-d.
    probs : numpy.ndarray
        Probabilities in [0, 1].

    Returns
    -------
    numpy.ndarray
        One quantile per probability.
    """
    n = x.shape[0]
    virtual = (n - 1) * np.asarray(probs, dtype=float)
    prev = np.floor(virtual)
    nxt = prev + 1
    above = virtual >= n - 1
    prev[above] = -1
    nxt[above] = -1
    below = virtual < 0
    prev[below] = 0
    nxt[below] = 0
    lo_i, hi_i = prev.astype(np.intp), nxt.astype(np.intp)
    gamma = np.asarray(virtual - lo_i, dtype=virtual.dtype)
    a, b = x[lo_i], x[hi_i]
    diff = b - a
    out: np.ndarray = a + diff * gamma
    np.subtract(b, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    return out
