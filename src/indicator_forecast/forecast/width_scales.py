r"""Interval width scales by the kind of quantity, the number of points and the horizon.

The calibrated errors (:mod:`~indicator_forecast.forecast.calibration`) and the pooled priors
(:mod:`~indicator_forecast.forecast.priors`) give the shape of a projection's distribution; on
plans replayed on Chinese cities its intervals were still too wide for some kinds and too narrow
for others. A width scale :math:`c` multiplies the distance of every predictive quantile from the
point forecast, on the scale the quantity is projected on (the logit for a share, the chained
index for a growth rate):

.. math:: Q'(p) = \hat y + c_{k,n,h}\,(Q(p) - \hat y)

:math:`c` depends only on the kind :math:`k`, the number of yearly figures :math:`n` and the
horizon :math:`h`, never on the values, so a better latest figure still moves only the centre and
never gives a worse grade. The table is fitted by ``benchmarks/fit_width_scales.py`` (the
smallest factor whose 80 % intervals cover 80 % on the development hindcast, plan periods ending
by 2020) and shipped as ``width_scales.json`` with how it was made. Points between the fitted ones
interpolate linearly; fewer or more points than fitted take the nearest; horizons beyond the
fitted ones take the last; a kind not in the table keeps :math:`c = 1`.

The tails beyond the 80 % bounds (:math:`p < 0.1` or :math:`p > 0.9`) may carry a factor of
their own, per side, :math:`t^-` and :math:`t^+` (``tails``), fitted so that each side of the
95 % interval leaves out 2.5 % of the outcomes; the 80 % bounds do not move:

.. math:: Q'(p) = Q'(0.1) + c\,t^-_{k,n,h}\,(Q(p) - Q(0.1)) \quad (p < 0.1)

and likewise above 0.9 with :math:`t^+`. A kind without tail factors keeps :math:`t = 1`
(the 80 % factor throughout).

A kind may also carry factors by the series' own roughness (``roughness``): at the longest
fitted length one row per roughness bin :math:`b` of the values *before* the latest
(:func:`~indicator_forecast.forecast.methods.calibration_bin`, the bins the calibration is
conditioned on), in place of the pooled row. Between the shortest fitted length (pooled: three
points carry no roughness) and the longest the factor interpolates, so the series' own roughness
counts with weight :math:`(n - 3)/5` and fully from eight points; with no bin (fewer than four
points) the pooled factors apply. The bin never reads the latest value, so it moves only the
centre as before. On the city levels the calibration's roughness bins (fitted mostly on
M1/Tourism) separate too much: the steadiest city levels (population, whose trends break at the
censuses) were covered 70-76 % and the roughest 85-92 % at the pooled factor
(``benchmarks/README.md``, engine5).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

import numpy as np

from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.forecast.methods import ROUGHNESS_EDGES

_T = TypeVar("_T")


@dataclass(frozen=True)
class WidthScales:
    """Width scales ``scales[kind]``: an array (len(points), len(horizons)) of factors.

    ``roughness[kind]``, where fitted: an array (roughness bins, len(horizons)) replacing the
    last row of ``scales[kind]`` for a series in that bin.

    Attributes
    ----------
    name : str
        Name of the table.
    points : tuple of int
        Numbers of yearly figures at which factors are fitted.
    horizons : tuple of int
        Horizons (years ahead) at which factors are fitted.
    scales : dict of str to numpy.ndarray
        Factor table per kind of indicator.
    meta : dict
        How the table was made.
    """

    name: str
    points: tuple[int, ...]
    horizons: tuple[int, ...]
    scales: dict[str, np.ndarray] = field(repr=False)
    meta: dict[str, Any] = field(repr=False, default_factory=dict)
    tails: dict[str, tuple[np.ndarray, np.ndarray]] = field(repr=False, default_factory=dict)
    roughness: dict[str, np.ndarray] = field(repr=False, default_factory=dict)
    # factor(), tail_factors(), the tail columns and describe() by their arguments (read-only
    # arrays, tuples, text): series of a kind share a few horizon sets.
    _memo: dict[tuple[Any, ...], Any] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _interp(self, table: np.ndarray, n: int, horizons: np.ndarray) -> np.ndarray:
        h = np.asarray(horizons, dtype=float)
        pts = np.asarray(self.points, dtype=float)
        by_h = np.array([np.interp(float(n), pts, table[:, j]) for j in range(table.shape[1])])
        out: np.ndarray = np.interp(h, np.asarray(self.horizons, dtype=float), by_h)
        return out

    def tail_factors(self, kind: str | None, n: int,
                     horizons: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Lower and upper tail factors :math:`t^-, t^+` per horizon (ones when none fitted)."""
        h = np.asarray(horizons, dtype=float)
        if kind is None or kind not in self.tails:
            return np.ones_like(h), np.ones_like(h)
        key = ("tails", kind, n, h.shape, h.tobytes())
        hit: tuple[np.ndarray, np.ndarray] | None = self._memo.get(key)
        if hit is not None:
            return hit
        lower, upper = self.tails[kind]
        out = self._interp(lower, n, h), self._interp(upper, n, h)
        for a in out:
            a.setflags(write=False)
        return self._remember(key, out)

    def _remember(self, key: tuple[Any, ...], value: _T) -> _T:
        if len(self._memo) >= 4096:
            self._memo.clear()
        self._memo[key] = value
        return value

    def _tail_columns(self, probs: np.ndarray) -> tuple[int, int]:
        p = np.asarray(probs, dtype=float)
        key = ("columns", p.shape, p.tobytes())
        hit: tuple[int, int] | None = self._memo.get(key)
        if hit is not None:
            return hit
        i10, i90 = np.flatnonzero(np.isclose(p, 0.1)), np.flatnonzero(np.isclose(p, 0.9))
        if i10.size == 0 or i90.size == 0:
            raise ConfigurationError(
                "tail width factors need the probabilities 0.1 and 0.9 on the grid; got "
                f"{p.tolist()}"
            )
        return self._remember(key, (int(i10[0]), int(i90[0])))

    def apply(self, kind: str | None, n: int, horizons: np.ndarray, probs: np.ndarray,
              spread: np.ndarray, rbin: int = -1) -> np.ndarray:
        r"""Scaled distances of the quantiles from the point forecast.

        Parameters
        ----------
        kind : str, optional
            The kind of quantity.
        n : int
            Number of yearly figures.
        horizons : numpy.ndarray
            Horizon of each row of ``spread``.
        probs : numpy.ndarray
            The probabilities of the columns of ``spread``; with tail factors they must hold
            0.1 and 0.9.
        spread : numpy.ndarray
            Distances :math:`Q(p) - \hat y`, shape (len(horizons), len(probs)).
        rbin : int
            Roughness bin of the values before the latest (-1: none, the pooled factors).

        Returns
        -------
        numpy.ndarray
            :math:`c\,(Q(p) - \hat y)` inside the 80 % bounds and the tails scaled further by
            :math:`t^\pm` beyond them.

        Raises
        ------
        ConfigurationError
            When tail factors apply and ``probs`` lacks 0.1 or 0.9.
        """
        c = self.factor(kind, n, horizons, rbin)[:, None]
        out: np.ndarray = spread * c
        if kind is None or kind not in self.tails:
            return out
        a, b = self._tail_columns(probs)
        lo, hi = self.tail_factors(kind, n, horizons)
        out[:, :a] = out[:, a:a + 1] + lo[:, None] * (out[:, :a] - out[:, a:a + 1])
        out[:, b + 1:] = out[:, b:b + 1] + hi[:, None] * (out[:, b + 1:] - out[:, b:b + 1])
        return out

    def factor(self, kind: str | None, n: int, horizons: np.ndarray,
               rbin: int = -1) -> np.ndarray:
        """Width factor per (possibly fractional) horizon for a ``kind`` with ``n`` figures in
        roughness bin ``rbin`` (-1: pooled); a read-only array, computed once per set of
        arguments."""
        h = np.asarray(horizons, dtype=float)
        key = (kind, n, rbin, h.shape, h.tobytes())
        hit: np.ndarray | None = self._memo.get(key)
        if hit is not None:
            return hit
        out = self._factor(kind, n, h, rbin)
        out.setflags(write=False)
        return self._remember(key, out)

    def _factor(self, kind: str | None, n: int, h: np.ndarray, rbin: int = -1) -> np.ndarray:
        if kind is None or kind not in self.scales:
            return np.ones_like(h)
        return self._interp(self.table(kind, rbin), n, h)

    def table(self, kind: str, rbin: int = -1) -> np.ndarray:
        """The factors of ``kind`` (points by horizons) for a series in roughness bin ``rbin``:
        the pooled table, its last row replaced by the bin's where one is fitted."""
        table = self.scales[kind]
        if rbin >= 0 and kind in self.roughness:
            table = table.copy()
            table[-1] = self.roughness[kind][rbin]
        return table

    def by_roughness(self, kind: str | None, n: int) -> bool:
        """Whether a ``kind`` with ``n`` figures takes factors by its roughness bin."""
        return kind is not None and kind in self.roughness and n > self.points[0] and n >= 4

    def describe(self, kind: str | None, n: int, h: float, rbin: int = -1) -> str | None:
        """A note on the factor applied, or None when no factor is fitted for the kind."""
        if kind is None or kind not in self.scales:
            return None
        key = ("describe", kind, n, float(h), rbin)
        if key in self._memo:
            known: str | None = self._memo[key]
            return known
        return self._remember(key, self._describe(kind, n, h, rbin))

    def _describe(self, kind: str, n: int, h: float, rbin: int) -> str:
        c = float(self.factor(kind, n, np.array([h]), rbin)[0])
        tail = ""
        if kind in self.tails:
            lo, hi = (float(t[0]) for t in self.tail_factors(kind, n, np.array([h])))
            tail = f", tails beyond the 80 % bounds x{lo:.2f} below and x{hi:.2f} above"
        rough = ""
        if rbin >= 0 and self.by_roughness(kind, n):
            pooled = float(self.factor(kind, n, np.array([h]))[0])
            rough = (f", by the roughness of its earlier values (bin {rbin} of "
                     f"{len(self.roughness[kind])}; the kind's pooled factor x{pooled:.2f})")
        return (f"interval width x{c:.2f}{tail} for a {kind} with {n} points at horizon {h:g}"
                f"{rough} (fitted on simulated city plans, table {self.name!r})")


#: No scaling (the engine before the width scales).
NO_SCALES = WidthScales("none", (1,), (1,), {})


def from_dict(d: dict[str, Any]) -> WidthScales:
    """Build :class:`WidthScales` from the JSON written by ``benchmarks/fit_width_scales.py``.

    Parameters
    ----------
    d : dict
        The parsed JSON: ``name``, ``points``, ``horizons``, ``scales`` (per kind, rows by
        points and columns by horizons), optionally ``tails`` (per kind, ``lower`` and
        ``upper`` tables of the same shape), ``roughness`` (per kind, rows by roughness bin and
        columns by horizons, for the longest fitted length) and metadata.

    Returns
    -------
    WidthScales
        The table (``"custom"`` when no name is given); keys other than ``scales`` go to
        ``meta``.

    Raises
    ------
    ConfigurationError
        When a kind's factors (or tail or roughness factors) are not all positive or not of
        shape (points, horizons) (roughness: (bins, horizons), for a kind in ``scales``).
    """
    points = tuple(int(x) for x in d["points"])
    horizons = tuple(int(x) for x in d["horizons"])
    scales: dict[str, np.ndarray] = {}
    for kind, rows in d["scales"].items():
        a = np.asarray(rows, dtype=float)
        if a.shape != (len(points), len(horizons)) or not np.all(a > 0):
            raise ConfigurationError(
                f"width scales for {kind!r} must be positive, shape "
                f"({len(points)}, {len(horizons)}); got {a.shape}"
            )
        scales[str(kind)] = a
    tails: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for kind, sides in d.get("tails", {}).items():
        pair = []
        for side in ("lower", "upper"):
            a = np.asarray(sides[side], dtype=float)
            if a.shape != (len(points), len(horizons)) or not np.all(a > 0):
                raise ConfigurationError(
                    f"tail width factors ({side}) for {kind!r} must be positive, shape "
                    f"({len(points)}, {len(horizons)}); got {a.shape}"
                )
            pair.append(a)
        tails[str(kind)] = (pair[0], pair[1])
    rough: dict[str, np.ndarray] = {}
    for kind, rows in d.get("roughness", {}).items():
        a = np.asarray(rows, dtype=float)
        if (kind not in scales or a.ndim != 2 or a.shape[1] != len(horizons)
                or a.shape[0] != len(ROUGHNESS_EDGES) + 1 or not np.all(a > 0)):
            raise ConfigurationError(
                f"roughness width factors for {kind!r} must be positive, shape "
                f"({len(ROUGHNESS_EDGES) + 1}, {len(horizons)}), for a kind with width scales; "
                f"got {a.shape}"
            )
        rough[str(kind)] = a
    meta = {k: v for k, v in d.items() if k not in ("scales", "tails", "roughness")}
    return WidthScales(str(d.get("name", "custom")), points, horizons, scales, meta, tails,
                       rough)


@lru_cache(maxsize=1)
def default_width_scales() -> WidthScales:
    """The shipped table (``width_scales.json``), read once."""
    text = resources.files("indicator_forecast.forecast").joinpath("width_scales.json").read_text()
    return from_dict(json.loads(text))
