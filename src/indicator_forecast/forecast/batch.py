"""Many series at once: long frame in, long frame of forecasts and intervals out.

Series are grouped by length and each group is fitted in one vectorised pass of the kernels
(:mod:`~indicator_forecast.forecast._kernels`), so a series gets the same numbers here as from
:func:`~indicator_forecast.forecast.project_series` with the same method.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast.calibration import Calibration, default_calibration
from indicator_forecast.forecast.distribution import _fmt_level, check_levels

if TYPE_CHECKING:
    from rich.progress import Progress

CHUNK = 25_000


def _progress(total: int, show: bool | None) -> Progress | None:
    if show is None:
        show = total > 2 * CHUNK and sys.stderr.isatty()
    if not show:
        return None
    from rich.progress import Progress

    return Progress(transient=True)


def project(
    df: pd.DataFrame,
    h: int,
    *,
    level: Sequence[float] | float = (80, 95),
    method: str = "default",
    calibration: Calibration | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Project every series of a long frame ``h`` years ahead.

    Parameters
    ----------
    df : DataFrame
        Columns ``series_id``, ``period`` (int year), ``value``. Each series must have
        consecutive years (use :func:`project_series` for series with gaps). Rows with a
        missing value are dropped first.
    h : int
        Years to project after each series' last year.
    level : sequence of float
        Interval levels in percent.
    method : str
        As in :func:`project_series`.
    calibration : Calibration, optional
        The calibration table giving the intervals; the shipped one by default.
    progress : bool, optional
        Show a progress bar (default: only for large runs in a terminal).

    Returns
    -------
    DataFrame
        ``series_id``, ``period``, ``mean``, ``lo-L``, ``hi-L`` for each level, and ``model``
        (the model actually used; ``"cannot project: ..."`` with NaN values for series with
        fewer than two points or with gaps).
    """
    levels = check_levels(level)
    if not isinstance(h, (int, np.integer)) or h < 1:
        raise ConfigurationError(f"The 'h' parameter of project must be an int >= 1. Got {h!r}.")
    missing = {"series_id", "period", "value"} - set(df.columns)
    if missing:
        raise ConfigurationError(
            f"project needs columns series_id, period, value; missing {missing}"
        )
    cal = default_calibration() if calibration is None else calibration
    d = df.loc[df["value"].notna(), ["series_id", "period", "value"]]
    codes, uniques = pd.factorize(d["series_id"], sort=False)
    period = d["period"].to_numpy(dtype=np.int64)
    value = d["value"].to_numpy(dtype=float)
    order = np.lexsort((period, codes))
    codes, period, value = codes[order], period[order], value[order]
    m = len(uniques)
    counts = np.bincount(codes, minlength=m)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    first = period[starts] if m else np.empty(0, np.int64)
    last_p = period[starts + counts - 1] if m else np.empty(0, np.int64)
    consecutive = (last_p - first + 1) == counts
    if period.size:
        dup = np.zeros(m, bool)
        same = (np.diff(codes) == 0) & (np.diff(period) == 0)
        dup[codes[1:][same]] = True
        consecutive &= ~dup

    probs = []
    for lv in levels:
        a = (1 - lv / 100) / 2
        probs += [a, 1 - a]
    mean_out = np.full((m, h), np.nan)
    bounds_out = np.full((m, h, len(probs)), np.nan)
    model_out = np.empty(m, dtype=object)
    model_out[:] = "cannot project: fewer than two points"
    model_out[~consecutive] = "cannot project: missing or repeated years"
    horizons = np.arange(1, h + 1, dtype=float)

    groups = [(n, np.flatnonzero((counts == n) & consecutive)) for n in np.unique(counts) if n >= 2]
    total = sum(len(ix) for _, ix in groups)
    bar = _progress(total, progress)
    task = bar.add_task("projecting", total=total) if bar else None
    if bar:
        bar.start()
    try:
        for n, ix in groups:
            if ix.size == 0:
                continue
            for lo in range(0, ix.size, CHUNK):
                sub = ix[lo : lo + CHUNK]
                Y = value[starts[sub][:, None] + np.arange(n)[None, :]]
                pos = np.all(Y > 0, axis=1)
                for positive in (True, False):
                    rows = sub[pos == positive]
                    if rows.size == 0:
                        continue
                    Yr = Y[pos == positive]
                    res = M.resolve(method, int(n), positive=positive)
                    fc = M.forecast_matrix(res.used, Yr, h)
                    scale = M.series_scale(Yr)
                    rbin = M.calibration_bin(Yr)
                    qb = np.empty((len(rows), h, len(probs)))
                    for b in np.unique(rbin):
                        q = cal.scaled_quantiles(res.used, int(n), horizons, int(b))
                        qb[rbin == b] = np.array(
                            [[np.interp(p, cal.probs, q[k]) for p in probs] for k in range(h)]
                        )
                    mean_out[rows] = fc
                    bounds_out[rows] = fc[:, :, None] + scale[:, None, None] * qb
                    model_out[rows] = res.used
                if bar and task is not None:
                    bar.update(task, advance=sub.size)
    finally:
        if bar:
            bar.stop()

    out = {
        "series_id": np.repeat(np.asarray(uniques), h),
        "period": (last_p[:, None] + np.arange(1, h + 1)[None, :]).ravel(),
        "mean": mean_out.ravel(),
    }
    for i, lv in enumerate(levels):
        out[f"lo-{_fmt_level(lv)}"] = bounds_out[:, :, 2 * i].ravel()
        out[f"hi-{_fmt_level(lv)}"] = bounds_out[:, :, 2 * i + 1].ravel()
    out["model"] = np.repeat(model_out, h)
    return pd.DataFrame(out)
