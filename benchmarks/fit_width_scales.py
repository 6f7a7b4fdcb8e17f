"""Fit the interval width scales (``forecast/width_scales.json``) on the city hindcast.

The simulated plans of ``hindcast_city.py`` (city-macro-data, plan periods 2006-2010, 2011-2015,
2016-2020; nothing after 2020 is read) are projected once with no width scale. For each kind the
engine scales (``share``, ``level``: population and deposits per resident, ``growth_rate``:
average GDP growth), each number of points (3, 8) and each horizon (1-3 years after the
mid-term for levels and shares, whose yearly values are known; 3 for the plan's average growth
rate), the factor c on the distance of the quantiles from the point forecast (on the projected
scale: logit for shares, the chained index for growth) is the smallest on a grid 0.30, 0.31, ...,
3.00 whose 80 % intervals cover 80 % of the outcomes (``--criterion coverage``, the default).
``--criterion winkler`` takes the factor with the lowest mean 80 % Winkler score in % of the base
value instead; on the level kind it was dominated by the heavy tails of deposits per resident
(coverage 71 % at 3 points) and less stable from one plan period to another, so coverage was
chosen (both compared out of sample in ``benchmarks/README.md``).

Beyond the 80 % bounds a kind may carry a tail factor of its own (``tails`` in the table, see
``forecast/width_scales.py``): the smallest on the same grid whose 95 % intervals cover 95 %
(``--tails symmetric``, the default; ``sides`` fits each side to leave out 2.5 %; ``none``).
Tail factors are fitted and scored for every kind but written only for ``--tail-kinds``
(default: shares; why in ``TAIL_KINDS``).

For ``--roughness-kinds`` (default: plain levels) the factors at 8 points are also fitted per
roughness bin of the values before the latest (``roughness`` in the table; the engine
interpolates from the pooled 3-point row, see ``forecast/width_scales.py``); the crossfits score
those records with their bin's factor. ``--roughness-grid OUT`` only scores the multiplier by
the series' roughness over the pool's (``roughness_grid``), which was not adopted.

Out-of-sample checks, printed and written to ``results/fit_width_scales.json``:

- by city: c fitted on the cities at even places scores those at odd places and vice versa;
- by period: c fitted on two plan periods scores the third.

The shipped table is fitted on all cases (``--out``); ``--half a|b`` fits on one half of the
cities only (for ``hindcast_city.py --half b --width-scales ...``).

    python benchmarks/fit_width_scales.py            # writes the shipped table and the checks
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hindcast_city as H  # noqa: E402

from indicator_forecast.forecast import methods as M  # noqa: E402
from indicator_forecast.forecast import project_series  # noqa: E402
from indicator_forecast.forecast.calibration import PROBS  # noqa: E402
from indicator_forecast.forecast.priors import NATURES, to_logit  # noqa: E402
from indicator_forecast.forecast.width_scales import NO_SCALES  # noqa: E402

SHIPPED = (Path(__file__).resolve().parents[1] / "src" / "indicator_forecast" / "forecast"
           / "width_scales.json")
RESULTS = Path(__file__).resolve().parent / "results" / "fit_width_scales.json"
KINDS = {"share": "share", "population": "level", "deposits_pc": "level",
         "gdp_growth": "growth_rate"}
GRID = np.round(np.arange(0.30, 3.001, 0.01), 2)
POINTS = (3, 8)
HORIZONS = (1, 2, 3)


def records(data: dict[str, Any], cities: list[str]) -> list[dict[str, Any]]:
    """One record per (city, quantity, plan, points, horizon): the unscaled quantiles on the
    projected scale, the point forecast, the outcome and the target (at the plan's end)."""
    out: list[dict[str, Any]] = []
    for ci, city in enumerate(cities):
        rec = data[city]
        for q, kind in KINDS.items():
            for b in H.BASES:
                for npts in POINTS:
                    T, mid = b + 5, b + 2
                    first = mid - npts + 1
                    d = rec[q]
                    if q == "gdp_growth":
                        if H._series(d, range(min(first, b - 4), T + 1)) is None:
                            continue
                        y = H._series(d, range(first, mid + 1))
                        assert y is not None
                        p = project_series(list(range(first, mid + 1)), y, target_year=T,
                                           measure="growth_rate", width_scales=NO_SCALES)
                        ib = p._index_at(b)
                        target = float(np.mean([d[t] for t in range(b - 4, b + 1)]))
                        final = 100 * (np.prod([1 + d[t] / 100 for t in range(b + 1, T + 1)])
                                       ** 0.2 - 1)
                        row = p.base.values[-1]
                        out.append(dict(city=city, ci=ci, q=q, kind=kind, base=b, points=npts,
                                        h=3, ib=ib, m=float(p.base.mean[-1]), row=row,
                                        zt=ib * (1 + target / 100) ** 5,
                                        zf=ib * (1 + final / 100) ** 5, final=float(final),
                                        higher=True, scale=100.0))
                        continue
                    hist = H._series(d, range(b - 5, mid + 1))
                    if hist is None or T not in d:
                        continue
                    base, before = d[b], d[b - 5]
                    target = base * (base / before) if q == "deposits_pc" else 2 * base - before
                    if target == base:
                        continue
                    y = H._series(d, range(first, mid + 1))
                    assert y is not None
                    nat = NATURES[kind]
                    p = project_series(list(range(first, mid + 1)), y, target_year=T,
                                       series_class="history_scale", nature=nat,
                                       width_scales=NO_SCALES)
                    f = (lambda v: to_logit(np.asarray(v, float), (0, 100))) if kind == "share" \
                        else (lambda v: np.asarray(v, float))
                    rough, disp = own_roughness(f(y))
                    for hh in HORIZONS:
                        yr = mid + hh
                        if yr not in d:
                            continue
                        j = int(np.flatnonzero(p.base.periods == yr)[0])
                        out.append(dict(city=city, ci=ci, q=q, kind=kind, base=b, points=npts,
                                        h=hh, m=float(f(p.base.mean[j])), row=f(p.base.values[j]),
                                        zt=float(f(target)) if yr == T else None,
                                        zf=float(f(d[yr])), final=float(d[yr]),
                                        higher=bool(target > base), scale=abs(base),
                                        rough=rough, disp=disp))
    return out


def own_roughness(z: np.ndarray) -> tuple[float, float]:
    """The series' own roughness, from the values before the latest (as the engine reads its
    width): mean absolute second difference over mean absolute change (``methods.roughness``)
    and the spread of the changes about their mean over their mean absolute size; NaN with
    fewer than three values before the latest."""
    before = np.asarray(z, float)[:-1]
    if before.size < 3:
        return float("nan"), float("nan")
    d = np.diff(before)
    den = float(np.abs(d).mean())
    disp = float(np.abs(d - d.mean()).mean() / den) if den > 0 else 0.0
    return float(M.roughness(before[None, :])[0]), disp


def roughness_grid(rs: list[dict[str, Any]], kinds: tuple[str, ...] = ("level", "share"),
                   weights: tuple[float, ...] = (-0.3, -0.15, 0.0, 0.15, 0.3, 0.5, 0.75, 1.0),
                   floors: tuple[float, ...] = (0.0, 0.5, 0.8)) -> list[dict[str, Any]]:
    """Issue 13 (engine5): a width multiplier by the series' own roughness within its kind,
    ``max(floor, 1 + w (r / r0 - 1))`` with ``r0`` the cell's median roughness (8 points, the
    only length of the hindcast with one: 3 points leave a single change before the latest),
    ``w = 5 / (5 + k)`` at its five second differences; c refitted on the training folds with
    the multiplier in place, scored out of sample by city half and by plan period (80 %
    coverage, mean Winkler in % of the base, Brier at the plan's end). Negative ``w`` (rougher
    narrower) is scored too, outside the form asked for."""
    out = []
    folds = {"city half": lambda r: r["ci"] % 2, "period": lambda r: r["base"]}
    for kind in kinds:
        for measure in ("rough", "disp"):
            for fname, fold in folds.items():
                for w in weights:
                    for floor in (floors if w > 0 else (0.0,)):
                        acc = np.zeros(5)
                        for h in HORIZONS:
                            rr = cells(rs).get((kind, 8, h), [])
                            if not rr:
                                continue
                            r_own = np.array([r[measure] for r in rr])
                            mult = np.maximum(floor, 1 + w * (r_own / np.nanmedian(r_own) - 1))
                            rr = [dict(r, row=r["m"] + k * (np.asarray(r["row"]) - r["m"]))
                                  for r, k in zip(rr, mult, strict=True)]
                            for f in sorted({fold(r) for r in rr}):
                                test = [r for r in rr if fold(r) == f]
                                sc = scores(test, fit([r for r in rr if fold(r) != f]))
                                nb = sum(r["zt"] is not None for r in test)
                                acc += [len(test), sc["coverage80"] * len(test),
                                        sc["winkler"] * len(test), nb,
                                        sc["brier"] * nb if nb else 0.0]
                        row = {"kind": kind, "measure": measure, "split": fname, "w": w,
                               "floor": floor, "coverage80": acc[1] / acc[0],
                               "winkler": acc[2] / acc[0], "brier": acc[4] / acc[3]}
                        out.append(row)
                        print(f"{kind} {measure} {fname} w {w:+.2f} floor {floor:.1f}: cover "
                              f"{row['coverage80']:.3f} winkler {row['winkler']:.2f} brier "
                              f"{row['brier']:.4f}", flush=True)
    return out


def _back(kind: str, z: np.ndarray, ib: np.ndarray) -> np.ndarray:
    if kind == "share":
        out: np.ndarray = 100 / (1 + np.exp(-z))
        return out
    if kind == "growth_rate":
        g: np.ndarray = 100 * (np.sign(z) * (np.abs(z) / ib) ** 0.2 - 1)
        return g
    return z


def _cdf(row: np.ndarray, x: float) -> float:
    return 0.0 if x < row[0] else 1.0 if x >= row[-1] else float(np.interp(x, row, PROBS))


I10, I90 = (int(np.flatnonzero(np.isclose(PROBS, x))[0]) for x in (0.1, 0.9))
I025, I975 = (int(np.flatnonzero(np.isclose(PROBS, x))[0]) for x in (0.025, 0.975))


def scaled(m: np.ndarray, R: np.ndarray, c: float,
           tails: tuple[float, float] = (1.0, 1.0)) -> np.ndarray:
    """Quantile rows scaled as ``WidthScales.apply`` does: c around the centre, the tails
    beyond the 80 % bounds further by ``tails`` (lower, upper)."""
    m = np.asarray(m, float)
    out = np.asarray(m)[..., None] + c * (R - np.asarray(m)[..., None])
    a, b = out[..., I10:I10 + 1], out[..., I90:I90 + 1]
    out[..., :I10] = a + tails[0] * (out[..., :I10] - a)
    out[..., I90 + 1:] = b + tails[1] * (out[..., I90 + 1:] - b)
    return out


def scores(rs: list[dict[str, Any]], c: float,
           tails: tuple[float, float] = (1.0, 1.0)) -> dict[str, float]:
    """Mean Winkler (% of base), 80 % and 95 % coverage (and the 95 % misses below and above)
    and Brier of P(meet) at width factor c and tail factors ``tails`` (one kind per call)."""
    m = np.array([r["m"] for r in rs])
    R = np.array([r["row"] for r in rs])
    ib = np.array([r.get("ib", 1.0) for r in rs])
    y = np.array([r["final"] for r in rs])
    sc = np.array([r["scale"] for r in rs])
    S = scaled(m, R, c, tails)
    kind = rs[0]["kind"]
    lo, hi = _back(kind, S[:, I10], ib), _back(kind, S[:, I90], ib)
    lo95, hi95 = _back(kind, S[:, I025], ib), _back(kind, S[:, I975], ib)
    wk = (hi - lo + 10 * (np.maximum(lo - y, 0) + np.maximum(y - hi, 0))) / sc * 100
    wk95 = (hi95 - lo95 + 40 * (np.maximum(lo95 - y, 0) + np.maximum(y - hi95, 0))) / sc * 100
    cov = (lo <= y) & (y <= hi)
    br = []
    for k, r in enumerate(rs):
        if r["zt"] is not None:
            row = S[k]
            x = r["zt"]
            p = 1 - _cdf(row, x) if r["higher"] else _cdf(row, x)
            met = r["zf"] >= x if r["higher"] else r["zf"] <= x
            br.append((p - met) ** 2)
    return {"winkler": float(np.mean(wk)), "coverage80": float(np.mean(cov)),
            "coverage95": float(np.mean((lo95 <= y) & (y <= hi95))),
            "below95": float(np.mean(y < lo95)), "above95": float(np.mean(y > hi95)),
            "winkler95": float(np.mean(wk95)),
            "brier": float(np.mean(br)) if br else float("nan"), "n": len(rs)}


CRITERION = "coverage"
TAILS = "symmetric"  # --tails: "symmetric" (one factor for both tails), "sides" or "none"
#: Kinds whose tail factors are shipped (--tail-kinds): shares only. Out of sample the share
#: factor brought 95 % coverage from 97-98 % to 94-95 % and narrowed the 95 % band; the level
#: factor (population's breaks below, deposits' narrower tails above, pooled) widened every level
#: band for 2 points of coverage (Winkler95 +40 %), per side it was unstable across plan periods,
#: and growth rates were at 95 % already (benchmarks/README.md, "P(meet) accuracy and 95 % tails").
TAIL_KINDS: tuple[str, ...] = ("share",)
#: Kinds whose factors at the longest length are fitted by roughness bin of the values before the
#: latest (--roughness-kinds): plain levels. Out of sample (8 points) by bin: Winkler -4.5 % by
#: city half, -3.4 % by period, Brier -0.003 on both, coverage unchanged; shares gained nothing
#: (Winkler +0.8 / +1.1 %), so they keep the pooled row (benchmarks/README.md, engine5).
ROUGH_KINDS: tuple[str, ...] = ("level",)


def rbin_of(r: dict[str, Any]) -> int:
    """Roughness bin of a record's values before the latest (-1: none, fewer than four points)."""
    return int(M.roughness_bin(np.array([r.get("rough", float("nan"))]))[0])


def fit_rough_table(rs: list[dict[str, Any]]) -> dict[tuple[str, int, int, int], float]:
    """Factors by roughness bin at the longest length for ``ROUGH_KINDS``, fitted as ``fit``."""
    out = {}
    for (kind, n, h), rr in cells(rs).items():
        if kind in ROUGH_KINDS and n == POINTS[-1]:
            for b in range(len(M.ROUGHNESS_EDGES) + 1):
                part = [r for r in rr if rbin_of(r) == b]
                if part:
                    out[(kind, n, h, b)] = fit(part)
    return out


def fit(rs: list[dict[str, Any]]) -> float:
    light = [dict(r, zt=None) for r in rs]
    if CRITERION == "coverage":  # the smallest factor whose 80 % intervals cover 80 %
        cov = np.array([scores(light, float(c))["coverage80"] for c in GRID])
        return float(GRID[int(np.argmax(cov >= 0.8))]) if np.any(cov >= 0.8) else float(GRID[-1])
    w = [scores(light, float(c))["winkler"] for c in GRID]
    return float(GRID[int(np.argmin(w))])


def fit_tails(rs: list[dict[str, Any]], c: float) -> tuple[float, float]:
    """Per side, the smallest tail factor on the grid whose 95 % bound leaves out at most
    2.5 % of the outcomes on that side (the 80 % bounds, at factor c, stay where they are)."""
    light = [dict(r, zt=None) for r in rs]
    if TAILS == "symmetric":  # one factor for both tails: the smallest covering 95 %
        cov = np.array([scores(light, c, (float(t), float(t)))["coverage95"] for t in GRID])
        t = float(GRID[int(np.argmax(cov >= 0.95))]) if np.any(cov >= 0.95) else float(GRID[-1])
        return t, t
    out = []
    for side, key in ((0, "below95"), (1, "above95")):
        miss = np.array([scores(light, c, (float(t), 1.0) if side == 0 else (1.0, float(t)))[key]
                         for t in GRID])
        ok = miss <= 0.025
        out.append(float(GRID[int(np.argmax(ok))]) if ok.any() else float(GRID[-1]))
    return out[0], out[1]


def cells(rs: list[dict[str, Any]]) -> dict[tuple[str, int, int], list[dict[str, Any]]]:
    out: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for r in rs:
        out.setdefault((r["kind"], r["points"], r["h"]), []).append(r)
    return out


def fit_table(rs: list[dict[str, Any]]) -> dict[tuple[str, int, int], float]:
    return {k: fit(v) for k, v in cells(rs).items()}


def fit_tail_table(rs: list[dict[str, Any]], table: dict[tuple[str, int, int], float]
                   ) -> dict[tuple[str, int, int], tuple[float, float]]:
    return {k: fit_tails(v, table[k]) for k, v in cells(rs).items()}


def to_json(table: dict[tuple[str, int, int], float], name: str, note: str,
            tails: dict[tuple[str, int, int], tuple[float, float]] | None = None,
            rough: dict[tuple[str, int, int, int], float] | None = None) -> dict[str, Any]:
    kinds = sorted({k for k, _, _ in table})

    def rows_of(get: Any) -> list[list[float]]:
        rows = []
        for n in POINTS:
            fitted = [get((kind, n, h)) for h in HORIZONS]
            last = next(x for x in reversed(fitted) if x is not None)
            # growth rates are fitted at the plan's horizon (3) only: that factor at every h
            rows.append([last if x is None else x for x in fitted])
        return rows

    scales = {}
    tail_rows: dict[str, dict[str, list[list[float]]]] = {}
    for kind in kinds:
        scales[kind] = rows_of(table.get)
        if tails is not None and kind in TAIL_KINDS:
            tail_rows[kind] = {side: rows_of(lambda k, i=i: tails[k][i] if k in tails else None)
                               for i, side in enumerate(("lower", "upper"))}
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                         text=True, check=False).stdout.strip()
    out = {"name": name, "points": list(POINTS), "horizons": list(HORIZONS),
           "made_by": "benchmarks/fit_width_scales.py", "commit_before": rev,
           "data": "city-macro-data 0.1.0, ~300 prefecture-level cities, simulated plans "
                   "2006-2010, 2011-2015, 2016-2020 (nothing after 2020 read)",
           "criterion": ("smallest factor on 0.30-3.00 whose 80 % intervals cover 80 %"
                         if CRITERION == "coverage" else
                         "mean 80 % Winkler score in % of the base value, grid 0.30-3.00"),
           "note": note, "scales": scales}
    if tails is not None:
        out["tails_criterion"] = (
            "the smallest factor on 0.30-3.00 on the quantiles beyond the 80 % bounds whose 95 % "
            "intervals cover 95 %" if TAILS == "symmetric" else
            "per side, the smallest factor on 0.30-3.00 on the quantiles beyond the 80 % bounds "
            "whose 95 % bound leaves out at most 2.5 % of the outcomes on that side")
        out["tails_kinds"] = list(TAIL_KINDS)
        out["tails"] = tail_rows
    if rough:
        out["roughness_criterion"] = (
            f"at {POINTS[-1]} points, per roughness bin of the values before the latest (edges "
            f"{list(M.ROUGHNESS_EDGES)} of mean |second difference| / mean |change|), the same "
            "criterion on that bin's records; between the first and the last points the factor "
            "interpolates from the pooled one")
        out["roughness"] = {
            kind: [[rough[(kind, POINTS[-1], h, b)] for h in HORIZONS]
                   for b in range(len(M.ROUGHNESS_EDGES) + 1)]
            for kind in sorted({k for k, _, _, _ in rough})}
    return out


def crossfit(rs: list[dict[str, Any]], fold_of: Any) -> dict[str, Any]:
    """Each record scored with c (and the tail factors) fitted on the records of the other
    folds; the 95 % scores with and without the tail factors."""
    folds = sorted({fold_of(r) for r in rs})
    scored: dict[tuple[str, int, int], list[tuple[dict[str, Any], float, tuple[float, float]]]]
    scored = {}
    for f in folds:
        train = [r for r in rs if fold_of(r) != f]
        table = fit_table(train)
        tails = fit_tail_table(train, table)
        rough = fit_rough_table(train)
        for r in rs:
            if fold_of(r) == f:
                key = (r["kind"], r["points"], r["h"])
                c = rough.get((*key, rbin_of(r)), table[key])
                scored.setdefault(key, []).append((r, c, tails[key]))
    out = {}
    for key, items in scored.items():
        agg = []
        for c, t in sorted({(c, t) for _, c, t in items}):
            part = [r for r, cc, tt in items if cc == c and tt == t]
            agg.append((len(part), len([r for r in part if r["zt"] is not None]),
                        scores(part, c), scores(part, c, t)))
        n = sum(a[0] for a in agg)
        nb = sum(a[1] for a in agg)

        def mean(i: int, k: str, w: int = 0, agg: list[Any] = agg) -> float | None:
            den = sum(a[w] for a in agg)
            return sum(a[w] * a[i][k] for a in agg) / den if den else None

        out["|".join(map(str, key))] = {
            "n": n, "winkler": mean(2, "winkler"), "coverage80": mean(2, "coverage80"),
            "brier": mean(2, "brier", 1) if nb else None,
            "coverage95": mean(2, "coverage95"), "winkler95": mean(2, "winkler95"),
            "coverage95_tails": mean(3, "coverage95"), "winkler95_tails": mean(3, "winkler95"),
            "below95_tails": mean(3, "below95"), "above95_tails": mean(3, "above95"),
            "brier_tails": mean(3, "brier", 1) if nb else None,
            "c_range": [min(c for _, c, _ in items), max(c for _, c, _ in items)],
            "tails_range": [[min(t[i] for _, _, t in items), max(t[i] for _, _, t in items)]
                            for i in (0, 1)]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--half", choices=("a", "b"), help="fit on one half of the cities only")
    ap.add_argument("--share-change-kept", type=float,
                    help="share of a share's projected change kept (default: shipped)")
    ap.add_argument("--out", type=Path, default=SHIPPED)
    ap.add_argument("--cities", type=int, default=0)
    ap.add_argument("--criterion", choices=("winkler", "coverage"), default=CRITERION)
    ap.add_argument("--results", type=Path, default=RESULTS)
    ap.add_argument("--tail-kinds", default=",".join(TAIL_KINDS),
                    help="kinds whose tail factors are written (comma-separated)")
    ap.add_argument("--tails", choices=("sides", "symmetric", "none"), default=TAILS,
                    help="tail factors beyond the 80 %% bounds: one per side, one for both, "
                         "or none (the 95 %% bounds follow the 80 %% factor)")
    ap.add_argument("--roughness-kinds", default=",".join(ROUGH_KINDS),
                    help="kinds fitted by roughness bin at the longest length (comma-separated; "
                         "empty: none)")
    ap.add_argument("--roughness-grid", type=Path,
                    help="only score the roughness multiplier (roughness_grid) and write it here")
    a = ap.parse_args()
    if a.share_change_kept is not None:
        H.use_share_change_kept(a.share_change_kept)
    globals()["CRITERION"] = a.criterion
    globals()["TAILS"] = a.tails
    globals()["TAIL_KINDS"] = tuple(k for k in a.tail_kinds.split(",") if k)
    globals()["ROUGH_KINDS"] = tuple(k for k in a.roughness_kinds.split(",") if k)
    t0 = time.time()
    data = H.load()
    cities = sorted(data)
    if a.half:
        cities = cities[{"a": 0, "b": 1}[a.half]::2]
    cities = cities[: a.cities] if a.cities else cities
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rs = records(data, cities)
    if a.roughness_grid:
        a.roughness_grid.write_text(json.dumps(roughness_grid(rs), indent=1) + "\n")
        return
    table = fit_table(rs)
    tails = fit_tail_table(rs, table) if a.tails != "none" else None
    rough = fit_rough_table(rs)
    name = f"city-hindcast-{a.half or 'all'}"
    a.out.write_text(json.dumps(to_json(table, name, f"fitted on {len(cities)} cities"
                                        + (f" (half {a.half})" if a.half else ""), tails, rough),
                                indent=1) + "\n")
    print(f"{len(rs)} records from {len(cities)} cities; wrote {a.out}")
    res: dict[str, Any] = {"cities": len(cities), "records": len(rs), "table": {}}
    for key in sorted(table):
        rr = cells(rs)[key]
        one, fitted = scores(rr, 1.0), scores(rr, table[key])
        t = tails[key] if tails is not None else (1.0, 1.0)
        tailed = scores(rr, table[key], t)
        res["table"]["|".join(map(str, key))] = {"c": table[key], "tails": list(t),
                                                 "unscaled": one, "in_sample": fitted,
                                                 "in_sample_tails": tailed}
        print(f"{key}: c {table[key]:.2f} tails {t[0]:.2f}/{t[1]:.2f}  n {one['n']}  cover "
              f"{one['coverage80']:.3f} -> {fitted['coverage80']:.3f}  winkler "
              f"{one['winkler']:.1f} -> {fitted['winkler']:.1f}  brier {one['brier']:.3f} -> "
              f"{fitted['brier']:.3f}  cover95 {fitted['coverage95']:.3f} -> "
              f"{tailed['coverage95']:.3f}")
    for key in sorted(rough):
        rr = [r for r in cells(rs)[key[:3]] if rbin_of(r) == key[3]]
        pooled, own = scores(rr, table[key[:3]]), scores(rr, rough[key])
        res["table"]["|".join(map(str, key))] = {"c": rough[key], "at_pooled": pooled,
                                                 "in_sample": own}
        print(f"{key} (roughness bin): c {rough[key]:.2f} (pooled {table[key[:3]]:.2f})  n "
              f"{own['n']}  cover {pooled['coverage80']:.3f} -> {own['coverage80']:.3f}  winkler "
              f"{pooled['winkler']:.1f} -> {own['winkler']:.1f}")
    if not a.half:
        res["by_city_half"] = crossfit(rs, lambda r: r["ci"] % 2)
        res["by_period"] = crossfit(rs, lambda r: r["base"])
        for name_, cf in (("by city half", res["by_city_half"]), ("by period", res["by_period"])):
            print(f"out of sample, {name_}:")
            for k, v in sorted(cf.items()):
                print(f"  {k}: cover {v['coverage80']:.3f} winkler {v['winkler']:.1f} "
                      f"brier {v['brier']} c {v['c_range']}; cover95 {v['coverage95']:.3f} "
                      f"-> {v['coverage95_tails']:.3f} (below {v['below95_tails']:.3f}, above "
                      f"{v['above95_tails']:.3f}) winkler95 {v['winkler95']:.1f} -> "
                      f"{v['winkler95_tails']:.1f} tails {v['tails_range']}")
        res["seconds"] = round(time.time() - t0, 1)
        a.results.write_text(json.dumps(res, indent=1) + "\n")
        print(f"wrote {a.results} in {res['seconds']} s")


if __name__ == "__main__":
    main()
