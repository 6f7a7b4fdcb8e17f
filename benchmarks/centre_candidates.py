"""Where the centre of the city-hindcast projections is wrong, and centre changes scored out of
sample (issue 13: Brier of P(meet) <= 0.10 needs better centres, not widths).

Same cases as ``hindcast_city.py`` (plan periods ending by 2020, nothing after 2020 is read). For
each case the engine's predictive quantiles of the final value are kept on the scale the quantity
is projected on: the level itself (population, deposits per head), the logit (shares), the
average yearly growth of the *remaining* three plan years (GDP growth: the two realised years
are known) and the running total (revenue). A candidate moves the centre only, by a location
shift on that scale,

    centre' = centre + lambda * (alternative - centre),

with one pooled ``lambda`` per quantity kind and number of points, chosen on the training fold by
the Brier score of P(meet) (grid -2 ... 3); the whole distribution moves with it, so the width
is the engine's. Alternatives (``ALTS``) are rules that any plan's indicator could be given: no
change, the window's average change, the latest change, the average change of the log (a growth
by a percentage), the latest change of the log, the mean or the latest of yearly growth rates.

Out of sample two ways: by city half (fit on the even-placed cities, score the odd-placed, and
the reverse) and by plan period (fit on two, score the third). Scores: Brier, 80 % coverage and
Winkler (in % of the base value, as ``hindcast_city.py``), by quantity and pooled.

    PYTHONPATH=$PWD/src python3 benchmarks/centre_candidates.py  # -> results/centre_candidates.json
"""

from __future__ import annotations

import argparse
import json
import warnings
from pathlib import Path
from typing import Any

import hindcast_city as H
import numpy as np

from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast import project_amounts
from indicator_forecast.forecast.priors import NATURES, from_logit, to_logit

OUT = Path(__file__).resolve().parent / "results" / "centre_candidates.json"
BOUNDS = (0.0, 100.0)
LAMBDAS = np.round(np.arange(-2.0, 3.0001, 0.05), 2)


def _row(dist: Any) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(dist.probs, float), np.asarray(dist.values[-1], float)


def case(rec: dict[str, dict[int, float]], kind: str, b: int, npts: int) -> dict[str, Any] | None:
    """One case: history, quantiles of the final value on the projected scale, target, outcome."""
    T, mid = b + 5, b + 2
    first = mid - npts + 1
    h = T - mid
    if kind in ("share", "population", "deposits_pc"):
        plan = H.level_plan(rec[kind], kind, b, npts)
        if plan is None:
            return None
        base, target, y, final = plan
        p = H.project_series(list(range(first, mid + 1)), y, target_year=T,
                             series_class="history_scale",
                             nature=NATURES[H.NATURE_OF[kind]], engine="engine")
        probs, q = _row(p.distribution)
        if kind == "share":
            z = lambda v: to_logit(np.asarray(v, float), BOUNDS)  # noqa: E731
            q, ys, tz, fz = z(q), z(y), float(z([target])[0]), float(z([final])[0])
        else:
            ys, tz, fz = y, target, final
        return dict(kind=kind, base=b, points=npts, h=h, y=ys.tolist(), raw=y.tolist(),
                    probs=probs.tolist(), q=q.tolist(), centre=float(np.interp(0.5, probs, q)),
                    target=tz, final=fz, higher=bool(target > base), scale=abs(base),
                    back="logit" if kind == "share" else "id")
    if kind == "gdp_growth":
        d = rec["gdp_growth"]
        if H._series(d, range(min(first, b - 4), T + 1)) is None:
            return None
        target = float(np.mean([d[t] for t in range(b - 4, b + 1)]))
        y = H._series(d, range(first, mid + 1))
        assert y is not None
        p = H.project_series(list(range(first, mid + 1)), y, target_year=T,
                             measure="growth_rate", engine="engine")
        g = p.end_growth_rate(base_year=b, year=T)
        probs, qg = _row(g)
        realised = float(np.prod([1 + d[t] / 100 for t in range(b + 1, mid + 1)]))

        def f(v: Any) -> np.ndarray:  # average growth of the plan -> of the remaining years
            return 100 * (((1 + np.asarray(v, float) / 100) ** 5 / realised) ** (1 / h) - 1)

        fin = 100 * (np.prod([1 + d[t] / 100 for t in range(b + 1, T + 1)]) ** (1 / 5) - 1)
        q = f(np.maximum(qg, -99.9))  # the extreme lower tail of a collapsing index
        return dict(kind=kind, base=b, points=npts, h=h, y=y.tolist(), raw=y.tolist(),
                    probs=probs.tolist(), q=q.tolist(), centre=float(np.interp(0.5, probs, q)),
                    target=float(f([target])[0]), final=float(f([fin])[0]), higher=True,
                    scale=100.0, back="growth", realised=realised)
    d = rec["revenue"]
    if H._series(d, range(b - 9, T + 1)) is None:
        return None
    prev = sum(d[t] for t in range(b - 4, b + 1))
    target = prev * d[b] / d[b - 5]
    years = list(range(first if npts > 3 else b + 1, mid + 1))
    a = np.array([d[t] for t in years])
    observed = sum(d[t] for t in range(b + 1, mid + 1))
    final = sum(d[t] for t in range(b + 1, T + 1))
    am = project_amounts(years, a, target_year=T, follow_trend=True, calibration=H._cal("engine"))
    shift = observed - am.last_total
    probs, q = _row(am.running.distribution)
    q = q + shift
    return dict(kind="revenue_total", base=b, points=npts, h=h, y=a.tolist(), raw=a.tolist(),
                probs=probs.tolist(), q=q.tolist(), centre=float(np.interp(0.5, probs, q)),
                target=target, final=final, higher=True, scale=abs(target), back="id",
                observed=observed)


def alternatives(c: dict[str, Any]) -> dict[str, float]:
    """Alternative centres of the final value on the projected scale (rules, no fitting)."""
    y = np.asarray(c["y"], float)
    h = c["h"]
    k = c["kind"]
    out: dict[str, float] = {}
    # "kind_drift": the centre moved by one unit (the kind's typical drift, a constant fitted on
    # the training fold as lambda units): 1 point of growth, 0.1 on the logit of a share, 1 % of
    # the latest value a year for levels, 1 % of the total for revenue.
    unit = {"gdp_growth": 1.0, "share": 0.1, "revenue_total": 0.01 * c["centre"]}.get(
        k, 0.01 * h * float(y[-1]))
    out["kind_drift"] = c["centre"] + unit
    if k == "gdp_growth":  # the centre is the remaining years' average growth
        out["latest_rate"] = float(y[-1])
        out["mean_rate"] = float(y.mean())
        out["mean_last2"] = float(y[-2:].mean())
        return out
    if k == "revenue_total":  # the total: observed + remaining amounts
        obs = c["observed"]
        a = y
        out["flat_amount"] = obs + h * float(a[-1])
        if a.size >= 2:
            g = float(np.exp(np.mean(np.diff(np.log(a)))))
            out["log_drift_amount"] = obs + float(a[-1] * sum(g ** j for j in range(1, h + 1)))
            gl = float(a[-1] / a[-2])
            out["log_latest_amount"] = obs + float(a[-1] * sum(gl ** j for j in range(1, h + 1)))
        return out
    dy = np.diff(y)
    out["naive"] = float(y[-1])
    out["drift"] = float(y[-1] + h * dy.mean())
    out["latest_change"] = float(y[-1] + h * dy[-1])
    if k != "share" and np.all(y > 0):
        dl = np.diff(np.log(y))
        out["log_drift"] = float(y[-1] * np.exp(h * dl.mean()))
        out["log_latest"] = float(y[-1] * np.exp(h * dl[-1]))
    return out


def shifted(c: dict[str, Any], d: float) -> tuple[float, float, float, float]:
    """P(meet), 80 % bounds and final in natural units after a shift d of the centre."""
    probs = np.asarray(c["probs"])
    q = np.asarray(c["q"]) + d
    t, fin = c["target"], c["final"]
    cdf = float(np.interp(t, q, probs, left=0.0, right=1.0))
    pm = 1 - cdf if c["higher"] else cdf
    lo, hi = float(np.interp(0.1, probs, q)), float(np.interp(0.9, probs, q))
    if c["back"] == "logit":
        lo, hi, fin = (float(from_logit(np.array([v]), BOUNDS)[0]) for v in (lo, hi, fin))
    elif c["back"] == "growth":
        r = c["realised"]

        def g(v: float) -> float:
            return float(100 * ((r * (1 + v / 100) ** c["h"]) ** (1 / 5) - 1))

        lo, hi, fin = g(lo), g(hi), g(fin)
    return pm, lo, hi, fin


def scores(cs: list[dict[str, Any]], shifts: list[float]) -> dict[str, float]:
    if not cs:
        return {}
    ps, cov, wk = [], [], []
    for c, d in zip(cs, shifts, strict=True):
        pm, lo, hi, fin = shifted(c, d)
        ps.append(pm)
        cov.append(lo <= fin <= hi)
        wk.append(H.winkler(lo, hi, fin) / c["scale"] * 100)
    p = np.array(ps)
    o = np.array([c["met"] for c in cs], float)
    mur = H.murphy(p, o)
    worst = 0.0
    bins = np.array([H._bin(x) for x in p])
    for k in range(10):
        sel = bins == k
        if sel.sum() >= 20:
            worst = max(worst, abs(float(p[sel].mean()) - float(o[sel].mean())))
    return {"n": len(cs), "brier": float(np.mean((p - o) ** 2)), "coverage80": float(np.mean(cov)),
            "winkler80_pct": float(np.mean(wk)), "resolution": mur["resolution"],
            "reliability": mur["reliability"], "worst_bin": worst}


def _met(c: dict[str, Any]) -> bool:
    return c["final"] >= c["target"] if c["higher"] else c["final"] <= c["target"]


def _pm_grid(c: dict[str, Any], d: np.ndarray) -> np.ndarray:
    """P(meet) of case c for every shift in d (vectorised)."""
    cdf = np.interp(c["target"] - d, np.asarray(c["q"]), np.asarray(c["probs"]), left=0.0,
                    right=1.0)
    return 1 - cdf if c["higher"] else cdf


def fit_lambdas(cs: list[dict[str, Any]], alts: tuple[str, ...]) -> tuple[float, ...]:
    """The lambdas (one per alternative, on LAMBDAS, or a coarser product grid for pairs) with
    the lowest Brier score on cs; ties go to the smallest sum of |lambda|."""
    use = [c for c in cs if all(a in c["alts"] for a in alts)]
    if len(alts) == 1:
        grid = LAMBDAS[:, None]
    else:
        g = np.round(np.arange(-2.0, 2.0001, 0.1), 2)
        grid = np.array(np.meshgrid(*([g] * len(alts)))).reshape(len(alts), -1).T
    order = np.argsort(np.abs(grid).sum(axis=1), kind="stable")
    grid = grid[order]
    sq = np.zeros(len(grid))
    for c in use:
        x = np.array([c["alts"][a] - c["centre"] for a in alts])
        sq += (_pm_grid(c, grid @ x) - float(c["met"])) ** 2
    return tuple(float(v) for v in grid[int(np.argmin(sq))])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--cities", type=int, default=0)
    a = ap.parse_args()
    data = H.load()
    cities = sorted(data)
    cities = cities[: a.cities] if a.cities else cities
    half = {c: i % 2 for i, c in enumerate(cities)}
    cases: list[dict[str, Any]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for city in cities:
            for kind in H.KINDS:
                for b in H.BASES:
                    for npts in (3, 8):
                        c = case(data[city], kind, b, npts)
                        if c is not None:
                            c["half"] = half[city]
                            c["met"] = _met(c)
                            c["alts"] = alternatives(c)
                            c["rbin"] = int(M.calibration_bin(np.asarray(c["y"])[None, :])[0])
                            cases.append(c)
    result: dict[str, Any] = {}
    for npts in (3, 8):
        sel = [c for c in cases if c["points"] == npts]
        res: dict[str, Any] = {}
        # Where the centre is wrong: the final value against the engine's median, in units of
        # the 80 % half-width, and the Brier score (in sample, unshifted).
        for kind in (*H.KINDS, "level"):
            # "level": population and deposits per head together, the engine's kind
            ks = [c for c in sel if c["kind"] == kind or (
                kind == "level" and c["kind"] in ("population", "deposits_pc"))]
            z = [(c["final"] - c["centre"]) / max((shifted(c, 0)[2] - shifted(c, 0)[1]) / 2, 1e-12)
                 if c["back"] == "id" else np.nan for c in ks]
            pit = [float(np.interp(c["final"], c["q"], c["probs"], left=0, right=1)) for c in ks]
            res[kind] = {"engine": scores(ks, [0.0] * len(ks)),
                         "pit_mean": float(np.mean(pit)),
                         "pit_median": float(np.median(pit)),
                         "pit_by_period": {str(b): float(np.mean([p for p, c in zip(pit, ks,
                                           strict=True) if c["base"] == b])) for b in H.BASES},
                         "z_median": float(np.nanmedian(z)) if np.isfinite(z).any() else None,
                         "candidates": {}}
            names = sorted({k for c in ks for k in c["alts"]})
            cands: list[tuple[str, ...]] = [(n,) for n in names]
            if kind in ("share", "population", "deposits_pc", "level"):
                cands += [("naive", "latest_change"), ("naive", "drift"), ("naive", "kind_drift")]
            if kind == "gdp_growth":
                cands += [("latest_rate", "mean_rate"), ("latest_rate", "kind_drift")]
            if npts == 8 and kind in ("share", "level", "population", "deposits_pc"):
                cands += [("naive", "bin"), ("latest_change", "bin")]
            for alt0 in cands:
                by_bin = alt0[-1] == "bin"
                alt = alt0[:-1] if by_bin else alt0
                rows: dict[str, Any] = {}
                for split in ("half", "period"):
                    shift = np.zeros(len(ks))
                    lams = []
                    key = "half" if split == "half" else "base"
                    for g in ((0, 1) if split == "half" else H.BASES):
                        train = [c for c in ks if c[key] != g]
                        if not train:
                            continue
                        for rb in (sorted({c["rbin"] for c in ks}) if by_bin else [None]):
                            tr = [c for c in train if rb is None or c["rbin"] == rb]
                            lam = fit_lambdas(tr, alt)
                            lams.append(lam)
                            for i, c in enumerate(ks):
                                if (c[key] == g and all(x in c["alts"] for x in alt)
                                        and (rb is None or c["rbin"] == rb)):
                                    shift[i] = sum(v * (c["alts"][x] - c["centre"])
                                                   for v, x in zip(lam, alt, strict=True))
                    rows[split] = {"lambda": lams, **scores(ks, shift.tolist())}
                res[kind]["candidates"]["+".join(alt0)] = rows
                print(npts, kind, "+".join(alt0), {s: (r["lambda"], round(r["brier"], 4),
                                                      round(r["winkler80_pct"], 1),
                                                      round(r["coverage80"], 3))
                                                  for s, r in rows.items()},
                      "engine", round(res[kind]["engine"]["brier"], 4),
                      round(res[kind]["engine"]["winkler80_pct"], 1), flush=True)
        result[f"points_{npts}"] = res
    a.out.write_text(json.dumps(result, indent=1))
    for npts in (3, 8):
        for kind, r in result[f"points_{npts}"].items():
            print(npts, kind, "PIT mean", round(r["pit_mean"], 3), "by period",
                  {k: round(v, 3) for k, v in r["pit_by_period"].items()})
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
