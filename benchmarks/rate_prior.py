"""Yearly rates that revert (``rate``, ``unemployment`` in NATURES): pooled scale, error shape.

The ``rate`` nature projects a yearly rate (an unemployment rate, a growth rate) toward the
series' mean, :math:`\\hat y_{n+h} = \\bar y + \\varphi^h (y_n - \\bar y)` with the shipped
:math:`\\varphi` (``benchmarks/priors.py``). This script measures what its interval is made of
(``forecast/_revert.py``) and scores it, on development data only (nothing after 2020):

- the shape: the reverting forecast's own one-year errors on the yearly nominal GDP growth
  rates of the ``city-macro-data`` cities at even places in name order (half ``a``),
  2001-2020, in units of the blended scale, symmetrised around the forecast (a rate has no
  trend to carry; the city rates fell from ~15 % to ~7 % over the period, which an
  unsymmetrised table would carry into every rate's tails), by number of points; widened with
  the horizon as an AR(1) with the shipped ``phi``. The city errors stop growing after two
  years (the city rates revert faster than ``phi`` says); those of an unemployment rate (US)
  keep growing, as the AR(1) does, and a table flat in the horizon covered 51 % of them;
- the strength ``k`` of the pooled scale (``own_weight`` :math:`m/(m+k)`): the one whose
  intervals have the lowest 80 % Winkler score on half ``a``;
- the spread (typical yearly change relative to the level) of the kind: the median over
  eight-year windows. City growth rates move by ~0.35 of their level a year; the US civilian
  unemployment rate (``statsmodels`` macrodata, yearly averages 1959-2009) by ~0.11. The shipped
  spread is the unemployment one (see ``main``'s printout and benchmarks/README.md);
- the score: coverage and Winkler score of the 80 % and 95 % intervals of
  ``project_series`` (history-scaled, as the evaluation calls it) on the cities of half ``b``,
  3 and 8 points, horizons 1-5, before (the naive long-series table, ``Nature("rate",
  revert=phi)``) and after; and the same on the US unemployment rate, rolling origin.

    python benchmarks/rate_prior.py          # prints the values written into forecast/_revert.py
"""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
from _common import cases
from priors import _city, _runs

from indicator_forecast.forecast.priors import NATURES, Nature
from indicator_forecast.forecast.projection import project_series

PHI = NATURES["rate"].revert or 0.9
H = 5
POINTS = (2, 3, 4, 5, 6, 8)
UPPER = np.array([0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 0.99, 0.995,
                  0.9975])
K_GRID = (0.5, 1.0, 2.0, 3.0, 5.0, 8.0, 13.0)
#: Windows kept: every rate before the latest between these (%), known at the origin. A scale
#: relative to the level means nothing near 0, and city rates beyond 40 % are data breaks
#: (GDP revised by a census); a plan's yearly rates (unemployment) lie well inside.
RANGE = (2.0, 40.0)


def city_rates(half: str) -> list[np.ndarray]:
    """Yearly nominal GDP growth (%) of the cities of one half (``a`` even, ``b`` odd places in
    name order), 2001-2020, runs of at least 11 rates."""
    df = _city()
    names = sorted(df["城市"].unique())  # type: ignore[attr-defined]
    keep = set(names[{"a": 0, "b": 1}[half]::2])
    sub = df[df["城市"].isin(keep)]  # type: ignore[index]
    return [100 * (s[1:] / s[:-1] - 1) for s in _runs(sub, "地区生产总值(万元)", min_len=12)]


def us_unemployment() -> np.ndarray:
    """US civilian unemployment rate, yearly averages of the quarterly figures, 1959-2009."""
    import statsmodels.api as sm

    d = sm.datasets.macrodata.load_pandas().data
    return d.groupby("year")["unemp"].mean().to_numpy(float)


def spread_of(series: list[np.ndarray]) -> float:
    """Median over eight-year windows of the mean absolute yearly change over the mean level."""
    v = []
    for s in series:
        for i in range(len(s) - 7):
            w = s[i : i + 8]
            v.append(np.abs(np.diff(w)).mean() / np.abs(w).mean())
    return float(np.median(v))


def blended(Y: np.ndarray, spread: float, k: float) -> np.ndarray:
    """The scale ``forecast._revert`` gives each window: own changes before the latest value
    shrunk toward ``spread`` times the mean level before it."""
    before = Y[:, :-1]
    n = Y.shape[1]
    own = np.abs(np.diff(before, axis=1)).mean(axis=1) if n >= 3 else np.zeros(len(Y))
    w = (n - 2) / (n - 2 + k)
    out: np.ndarray = w * own + (1 - w) * spread * np.abs(before).mean(axis=1)
    return out


def std_errors(series: list[np.ndarray], n: int, spread: float, k: float) -> np.ndarray:
    """Errors (cases, H) of the reverting forecast in units of the blended scale."""
    Y, F = windows(series, n)
    m = Y.mean(axis=1, keepdims=True)
    f = m + PHI ** np.arange(1, H + 1) * (Y[:, -1:] - m)
    s = blended(Y, spread, k)
    out: np.ndarray = (F - f) / s[:, None]
    return out


def windows(series: list[np.ndarray], n: int, origins: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Rolling-origin windows of ``n`` rates whose earlier rates lie in :data:`RANGE`, and the
    ``H`` rates after each (NaN beyond the data)."""
    Y, F, _ = cases(series, n, H, origins)
    before = Y[:, :-1]
    ok = np.all((before >= RANGE[0]) & (before <= RANGE[1]), axis=1)
    return Y[ok], F[ok]


def one_step(E: np.ndarray) -> np.ndarray:
    """Symmetrised quantiles (len(UPPER),) of the one-year errors."""
    e = E[:, 0][np.isfinite(E[:, 0])]
    out: np.ndarray = (np.quantile(e, UPPER) - np.quantile(e, 1 - UPPER)) / 2
    return out


def growth(h: np.ndarray) -> np.ndarray:
    """AR(1) growth of the error's spread with the horizon, :math:`\\sqrt{(1 - \\varphi^{2h})
    /(1 - \\varphi^2)}` (as in ``forecast._revert``)."""
    out: np.ndarray = np.sqrt((1 - PHI ** (2 * h)) / (1 - PHI**2))
    return out


def measured_growth(E: np.ndarray) -> np.ndarray:
    """The measured 80 % half-width by horizon over the one-year one (for comparison)."""
    q = [(np.nanquantile(E[:, h], 0.9) - np.nanquantile(E[:, h], 0.1)) / 2 for h in range(H)]
    out: np.ndarray = np.array(q) / q[0]
    return out


def winkler(lo: np.ndarray, hi: np.ndarray, y: np.ndarray, alpha: float) -> np.ndarray:
    out: np.ndarray = (hi - lo) + 2 / alpha * (np.maximum(lo - y, 0) + np.maximum(y - hi, 0))
    return out


def fit_k(series: list[np.ndarray], spread: float) -> tuple[float, dict[float, float]]:
    """The strength by the mean 80 % Winkler score (3 and 8 points, horizons 1-5): the smallest
    within 0.5 % of the lowest (the scores flatten out; the series' own history then counts as
    soon as it can)."""
    i90 = int(np.argmin(np.abs(UPPER - 0.9)))
    got = {}
    for k in K_GRID:
        tot = []
        for n in (3, 8):
            Y, F = windows(series, n)
            s = blended(Y, spread, k)
            half = one_step(std_errors(series, n, spread, k))[i90] * growth(np.arange(1, H + 1))
            m = Y.mean(axis=1, keepdims=True)
            f = m + PHI ** np.arange(1, H + 1) * (Y[:, -1:] - m)
            lo, hi = f - s[:, None] * half, f + s[:, None] * half
            w = winkler(lo, hi, F, 0.2)
            tot.append(np.nanmean(w))
        got[k] = float(np.mean(tot))
    best = min(got.values())
    return min(k for k, v in got.items() if v <= 1.005 * best), got


def score(series: list[np.ndarray], nature: Nature, n: int, origins: int = 100) -> dict[str, float]:
    """80 %/95 % coverage and Winkler score (in the rate's points) of ``project_series`` with
    ``nature``, history-scaled, on rolling-origin windows of ``n`` points, horizons 1-5; and the
    median offset of the 80 % interval's centre from the forecast in units of its half-width."""
    Y, F = windows(series, n, origins)
    cov80, cov95, w80, w95, off = [], [], [], [], []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for y, fut in zip(Y, F, strict=True):
            p = project_series(np.arange(2000, 2000 + n), y, target_year=2000 + n - 1 + H,
                               level=(80, 95), series_class="history_scale", nature=nature)
            d = p.distribution
            ok = np.isfinite(fut)
            lo8, hi8, lo9, hi9 = d.lo(80)[ok], d.hi(80)[ok], d.lo(95)[ok], d.hi(95)[ok]
            cov80 += list((lo8 <= fut[ok]) & (fut[ok] <= hi8))
            cov95 += list((lo9 <= fut[ok]) & (fut[ok] <= hi9))
            w80 += list(winkler(lo8, hi8, fut[ok], 0.2))
            w95 += list(winkler(lo9, hi9, fut[ok], 0.05))
            off += list(((lo8 + hi8) / 2 - d.mean[ok]) / np.maximum((hi8 - lo8) / 2, 1e-12))
    return {"cover80": float(np.mean(cov80)), "cover95": float(np.mean(cov95)),
            "winkler80": float(np.mean(w80)), "winkler95": float(np.mean(w95)),
            "centre_offset": float(np.median(off)), "cases": float(len(Y))}


def main() -> None:
    a, b = city_rates("a"), city_rates("b")
    us = us_unemployment()
    s_city, s_us = spread_of(a), spread_of([us])
    print(f"spread (typical yearly change / level): city GDP growth (half a) {s_city:.4f}; "
          f"US unemployment 1959-2009 {s_us:.4f}")
    k, by_k = fit_k(a, s_city)
    print(f"strength k {k} (80 % Winkler on half a by k: "
          + ", ".join(f"{kk:g}: {v:.3f}" for kk, v in by_k.items()) + ")")
    tables = {n: one_step(std_errors(a, n, s_city, k)) for n in POINTS}
    raw3 = std_errors(a, 3, s_city, k)
    print("skew of the raw errors at 3 points (median, p10, p90 by horizon):")
    for h in range(H):
        e = raw3[:, h][np.isfinite(raw3[:, h])]
        print(f"  h={h + 1}: {np.median(e):+.2f} {np.quantile(e, 0.1):+.2f} "
              f"{np.quantile(e, 0.9):+.2f}")
    us_e = np.vstack([std_errors([us], n, s_us, k) for n in (3, 8)])
    print("80 % half-width by horizon over the one-year one: AR(1) "
          + " ".join(f"{x:.2f}" for x in growth(np.arange(1, H + 1)))
          + "; cities (3 points) " + " ".join(f"{x:.2f}" for x in measured_growth(raw3))
          + "; US unemployment (3 and 8) " + " ".join(f"{x:.2f}" for x in measured_growth(us_e)))
    print("ONE_STEP = {  # points: UPPER")
    for n, t in tables.items():
        cells = [f"{x:.3f}" for x in t]
        print(f"    {n}: ({', '.join(cells[:7])},\n        {', '.join(cells[7:])}),")
    print("}")
    before = Nature("rate", revert=PHI)
    after, jobless = NATURES["rate"], NATURES["unemployment"]
    print("held-out cities (half b), project_series, horizons 1-5:")
    for n in (3, 8):
        for name, nat in (("before", before),
                          ("after, city spread (measured)", replace(after, spread=s_city)),
                          ("after, shipped rate", after),
                          ("after, unemployment spread", jobless)):
            r = score(b, nat, n)
            print(f"  {n} points {name:>30}: cover80 {r['cover80']:.3f} cover95 "
                  f"{r['cover95']:.3f} winkler80 {r['winkler80']:.2f} winkler95 "
                  f"{r['winkler95']:.2f} centre {r['centre_offset']:+.2f} ({r['cases']:.0f})")
    print("US unemployment 1959-2009, rolling origin, horizons 1-5:")
    for n in (3, 8):
        for name, nat in (("before", before), ("after, shipped unemployment", jobless)):
            r = score([us], nat, n)
            print(f"  {n} points {name:>30}: cover80 {r['cover80']:.3f} cover95 "
                  f"{r['cover95']:.3f} winkler80 {r['winkler80']:.2f} winkler95 "
                  f"{r['winkler95']:.2f} centre {r['centre_offset']:+.2f} ({r['cases']:.0f})")


if __name__ == "__main__":
    main()
