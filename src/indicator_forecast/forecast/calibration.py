r"""Calibrated predictive distributions from empirical scaled errors by horizon.

For a window of ``n`` yearly values with scale :math:`s` (mean absolute first difference) and
point forecast :math:`\hat y_{n+h}`, the predictive quantile at probability :math:`p` is

.. math:: Q_h(p) = \hat y_{n+h} + s \, q_{g(n),h}(p)

where :math:`q_{g,h}(p)` is the empirical :math:`p`-quantile of the scaled errors
:math:`(y_{n+h} - \hat y_{n+h})/s` observed on real yearly series (M1 yearly, Tourism yearly,
the World Bank fertility panel and the official yearly series of ~300 Chinese prefecture-level
cities in city-macro-data up to 2020; rolling origin) for the same method, horizon ``h`` and group
``g``: the length group of ``n`` and the roughness bin of the window without its last value
(mean absolute second difference over mean absolute first difference, bins at 0.3, 0.7, 1.2;
see :func:`~indicator_forecast.forecast.methods.calibration_bin`; windows of two or three points
have no bin). Conditioning on roughness makes intervals narrow for steady series and wide for
erratic ones, and was what made the calibration transfer between data sets in the benchmark.
Leaving the last value out of the bin keeps a better latest figure from moving the series into
a less favourable bin. This is the empirical-error interval of Williams & Goodman (1971) and
Isengildina et al. (2006), in the scaled form of Hyndman & Koehler (2006). Joint behaviour
across horizons (needed for sums of yearly flows and for chained growth rates) uses a Gaussian
copula whose correlation matrix is estimated from the normal scores of the same errors.

Horizons beyond the table use :math:`q_{H}\sqrt{h/H}`; fractional horizons (partial years)
interpolate linearly between integer horizons, and below 1 use :math:`\sqrt{h}\,q_1`.

The table is produced by ``benchmarks/calibrate.py`` and shipped as ``calibration.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import numpy as np

from indicator_forecast.exceptions import ConfigurationError

#: Class of series a calibration entry was estimated on: ordinary yearly series; running totals
#: of positive yearly amounts (whose yearly changes are the amounts themselves); or ordinary
#: series whose scale is the mean absolute change *before* the latest value ("history_scale").
SeriesClass = Literal["level", "running_total", "history_scale"]

PROBS: np.ndarray = np.array(
    [0.0025, 0.005, 0.01, 0.025, 0.05, 0.075]
    + [round(x, 3) for x in np.arange(0.1, 0.901, 0.05)]
    + [0.925, 0.95, 0.975, 0.99, 0.995, 0.9975]
)


_MEMO_MAX = 4096


@dataclass(frozen=True)
class Calibration:
    """A calibration table: scaled-error quantiles per method, length group and horizon.

    Attributes
    ----------
    name : str
        Name of the table (``"custom"`` when the JSON gives none).
    probs : numpy.ndarray
        Probabilities at which the scaled-error quantiles are tabulated.
    horizons : int
        Number of horizons (years ahead) tabulated.
    groups : tuple of (int, int)
        Length groups as inclusive (lowest, highest) numbers of points; the last is open-ended.
    tables : dict
        ``tables[method][key]`` with ``count``, ``quantiles`` (horizons x probs) and ``corr``
        (horizon correlation) for each group key (see :func:`group_key`).
    meta : dict
        Everything else the JSON holds (how the table was made).
    """

    name: str
    probs: np.ndarray
    horizons: int
    groups: tuple[tuple[int, int], ...]
    tables: dict[str, dict[str, dict[str, Any]]] = field(repr=False)
    meta: dict[str, Any] = field(repr=False, default_factory=dict)
    # Results of scaled_quantiles and correlation by their arguments (read-only arrays): every
    # series of a calibration cell with the same horizons asks for the same ones.
    _memo: dict[tuple[Any, ...], np.ndarray] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def _remember(self, key: tuple[Any, ...], value: np.ndarray) -> np.ndarray:
        value.setflags(write=False)
        if len(self._memo) >= _MEMO_MAX:
            self._memo.clear()
        self._memo[key] = value
        return value

    def group_key(self, n: int, rbin: int = -1, series: SeriesClass = "level") -> str:
        """Key of the length group holding ``n`` points (the last group is open-ended), of
        the roughness bin ``rbin`` (-1: undefined, for two or three points, or pooled) and of
        the class of series (``"running_total"`` keys start with ``rt:``)."""
        return group_key(self.groups, n, rbin, series)

    def _entry(
        self, method: str, n: int, rbin: int = -1, series: SeriesClass = "level"
    ) -> dict[str, Any]:
        if method not in self.tables:
            raise ConfigurationError(
                f"no calibration for method {method!r} in table {self.name!r}; calibrated "
                f"methods: {sorted(self.tables)}"
            )
        key = self.group_key(n, rbin, series)
        if key not in self.tables[method] and n == 2:
            key = self.group_key(n, -1, series)
        if key not in self.tables[method]:
            raise ConfigurationError(
                f"no calibration for method {method!r} with {n} points (group {key}) in table "
                f"{self.name!r}"
            )
        return self.tables[method][key]

    def scaled_quantiles(
        self,
        method: str,
        n: int,
        horizons: np.ndarray,
        rbin: int = -1,
        series: SeriesClass = "level",
    ) -> np.ndarray:
        """Scaled-error quantiles at :attr:`probs` for each (possibly fractional) horizon
        (a read-only array, computed once per set of arguments)."""
        hz = np.asarray(horizons, dtype=float)
        key = ("q", method, n, rbin, series, hz.shape, hz.tobytes())
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        return self._remember(key, self._scaled_quantiles(method, n, hz, rbin, series))

    def _scaled_quantiles(
        self, method: str, n: int, horizons: np.ndarray, rbin: int, series: SeriesClass
    ) -> np.ndarray:
        entry = self._entry(method, n, rbin, series)
        q = np.asarray(entry["quantiles"], dtype=float)  # (H, K)
        H = q.shape[0]
        out = np.empty((len(horizons), q.shape[1]))
        for i, h in enumerate(np.asarray(horizons, dtype=float)):
            if h <= 0:
                out[i] = 0.0
            elif h < 1:
                out[i] = np.sqrt(h) * q[0]
            elif h <= H:
                lo = int(np.floor(h))
                frac = h - lo
                hi = min(lo + 1, H)
                out[i] = (1 - frac) * q[lo - 1] + frac * q[hi - 1]
            else:
                out[i] = q[H - 1] * np.sqrt(h / H)
        return np.maximum.accumulate(out, axis=1)

    def correlation(
        self,
        method: str,
        n: int,
        horizons: np.ndarray,
        rbin: int = -1,
        series: SeriesClass = "level",
    ) -> np.ndarray:
        """Copula correlation between the errors at ``horizons`` (rounded up to integers; a
        read-only array, computed once per set of arguments)."""
        hz = np.asarray(horizons, dtype=float)
        key = ("corr", method, n, rbin, series, hz.shape, hz.tobytes())
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        r = np.asarray(self._entry(method, n, rbin, series)["corr"], dtype=float)
        H = r.shape[0]
        idx = np.clip(np.ceil(hz).astype(int), 1, H) - 1
        c = r[np.ix_(idx, idx)]
        np.fill_diagonal(c, 1.0)
        return self._remember(key, c)

    @property
    def methods(self) -> tuple[str, ...]:
        return tuple(sorted(self.tables))


def group_key(
    groups: tuple[tuple[int, int], ...], n: int, rbin: int = -1, series: SeriesClass = "level"
) -> str:
    """Table key of a window of ``n`` points in roughness bin ``rbin`` (e.g. ``"4-5|r2"``);
    running totals of positive yearly amounts have their own entries (``"rt:4-5|r-"``).

    Parameters
    ----------
    groups : tuple of (int, int)
        Length groups as inclusive (lowest, highest) numbers of points; a window longer than
        every group falls in the last.
    n : int
        Number of points of the window.
    rbin : int
        Roughness bin (see :func:`~indicator_forecast.forecast.methods.calibration_bin`); -1
        for undefined or pooled.
    series : {"level", "running_total", "history_scale"}
        Class of series; selects the key prefix ``""``, ``"rt:"`` or ``"hs:"``.

    Returns
    -------
    str
        The key, such as ``"4-5|r2"`` or ``"rt:4-5|r-"``.
    """
    g = next((f"{lo}-{hi}" for lo, hi in groups if lo <= n <= hi), None)
    if g is None:
        g = f"{groups[-1][0]}-{groups[-1][1]}"
    key = f"{g}|r{rbin}" if rbin >= 0 else f"{g}|r-"
    prefix = {"level": "", "running_total": "rt:", "history_scale": "hs:"}[series]
    return prefix + key


def from_dict(d: dict[str, Any]) -> Calibration:
    """Build a :class:`Calibration` from the JSON structure written by the calibration script.

    Parameters
    ----------
    d : dict
        The parsed JSON: ``probs``, ``horizons``, ``groups``, ``methods`` and optionally
        ``name`` and other metadata.

    Returns
    -------
    Calibration
        The table; keys other than ``methods`` are kept in ``meta``.
    """
    return Calibration(
        name=str(d.get("name", "custom")),
        probs=np.asarray(d["probs"], dtype=float),
        horizons=int(d["horizons"]),
        groups=tuple((int(a), int(b)) for a, b in d["groups"]),
        tables=d["methods"],
        meta={k: v for k, v in d.items() if k not in ("methods",)},
    )


@lru_cache(maxsize=1)
def default_calibration() -> Calibration:
    """The shipped table (``calibration.json``), read once."""
    text = resources.files("indicator_forecast.forecast").joinpath("calibration.json").read_text()
    cal = from_dict(json.loads(text))
    if not np.allclose(cal.probs, PROBS):
        raise ConfigurationError("calibration.json was written with a different probability grid")
    return cal


def build_table(
    errors: dict[str, dict[str, np.ndarray]],
    horizons: int,
    groups: tuple[tuple[int, int], ...],
    name: str,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Turn scaled errors into the JSON structure of a calibration table.

    ``errors[method][group]`` is an array of shape ``(cases, horizons)`` of scaled errors
    (NaN where the horizon was not observed).

    Parameters
    ----------
    errors : dict
        ``errors[method][key]``: scaled errors of shape ``(cases, horizons)``.
    horizons : int
        Number of horizons.
    groups : tuple of (int, int)
        Length groups written into the table.
    name : str
        Name of the table.
    meta : dict, optional
        Further entries written at the top level (how the table was made).

    Returns
    -------
    dict
        The JSON structure read by :func:`from_dict`: per method and key, the count of errors per
        horizon, their quantiles at :data:`PROBS` and the correlation across horizons of their
        normal scores (the identity when ten or fewer cases are complete).
    """
    from scipy.stats import norm

    out: dict[str, Any] = {
        "name": name,
        "probs": PROBS.tolist(),
        "horizons": horizons,
        "groups": [list(g) for g in groups],
        **(meta or {}),
        "methods": {},
    }
    for method, by_group in errors.items():
        out["methods"][method] = {}
        for key, E in by_group.items():
            q = np.full((horizons, len(PROBS)), np.nan)
            counts = []
            for h in range(horizons):
                col = E[:, h]
                col = col[np.isfinite(col)]
                counts.append(int(col.size))
                if col.size:
                    q[h] = np.quantile(col, PROBS)
            complete = E[np.all(np.isfinite(E), axis=1)]
            if complete.shape[0] > 10:
                ranks = (np.argsort(np.argsort(complete, axis=0), axis=0) + 0.5) / complete.shape[0]
                corr = np.corrcoef(norm.ppf(ranks), rowvar=False)
            else:
                corr = np.eye(horizons)
            out["methods"][method][key] = {
                "count": counts,
                "quantiles": np.round(q, 5).tolist(),
                "corr": np.round(corr, 4).tolist(),
            }
    return out
