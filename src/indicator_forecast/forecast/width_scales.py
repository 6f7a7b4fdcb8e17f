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
Winkler score of the 80 % interval minimised on the development hindcast, plan periods ending by
2020) and shipped as ``width_scales.json`` with how it was made. Points between the fitted ones
interpolate linearly; fewer or more points than fitted take the nearest; horizons beyond the
fitted ones take the last; a kind not in the table keeps :math:`c = 1`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from indicator_forecast.exceptions import ConfigurationError


@dataclass(frozen=True)
class WidthScales:
    """Width scales ``scales[kind]``: an array (len(points), len(horizons)) of factors.

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
    # factor() by its arguments (read-only arrays): series of a kind share a few horizon sets.
    _memo: dict[tuple[Any, ...], np.ndarray] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def factor(self, kind: str | None, n: int, horizons: np.ndarray) -> np.ndarray:
        """Width factor per (possibly fractional) horizon for a ``kind`` with ``n`` figures (a
        read-only array, computed once per set of arguments)."""
        h = np.asarray(horizons, dtype=float)
        key = (kind, n, h.shape, h.tobytes())
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        out = self._factor(kind, n, h)
        out.setflags(write=False)
        if len(self._memo) >= 4096:
            self._memo.clear()
        self._memo[key] = out
        return out

    def _factor(self, kind: str | None, n: int, h: np.ndarray) -> np.ndarray:
        if kind is None or kind not in self.scales:
            return np.ones_like(h)
        table = self.scales[kind]
        pts = np.asarray(self.points, dtype=float)
        by_h = np.array([np.interp(float(n), pts, table[:, j]) for j in range(table.shape[1])])
        out: np.ndarray = np.interp(h, np.asarray(self.horizons, dtype=float), by_h)
        return out

    def describe(self, kind: str | None, n: int, h: float) -> str | None:
        """A note on the factor applied, or None when no factor is fitted for the kind."""
        if kind is None or kind not in self.scales:
            return None
        c = float(self.factor(kind, n, np.array([h]))[0])
        return (f"interval width x{c:.2f} for a {kind} with {n} points at horizon {h:g} "
                f"(fitted on simulated city plans, table {self.name!r})")


#: No scaling (the engine before the width scales).
NO_SCALES = WidthScales("none", (1,), (1,), {})


def from_dict(d: dict[str, Any]) -> WidthScales:
    """Build :class:`WidthScales` from the JSON written by ``benchmarks/fit_width_scales.py``.

    Parameters
    ----------
    d : dict
        The parsed JSON: ``name``, ``points``, ``horizons``, ``scales`` (per kind, rows by
        points and columns by horizons) and metadata.

    Returns
    -------
    WidthScales
        The table (``"custom"`` when no name is given); keys other than ``scales`` go to
        ``meta``.

    Raises
    ------
    ConfigurationError
        When a kind's factors are not all positive or not of shape (points, horizons).
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
    meta = {k: v for k, v in d.items() if k != "scales"}
    return WidthScales(str(d.get("name", "custom")), points, horizons, scales, meta)


@lru_cache(maxsize=1)
def default_width_scales() -> WidthScales:
    """The shipped table (``width_scales.json``), read once."""
    text = resources.files("indicator_forecast.forecast").joinpath("width_scales.json").read_text()
    return from_dict(json.loads(text))
