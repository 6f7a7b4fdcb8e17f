"""Hindcast of simulated plans on Chinese prefecture-level cities (``city-macro-data``).

Plan periods 2006-2010, 2011-2015 and 2016-2020 (base years 2005, 2010, 2015); nothing after
2020 is read, so the 2021-2024 outcomes stay out of every choice. Targets are written the way
plans are written, from the five years before the base:

- ``share``: the tertiary sector's share of GDP at the end (%), target = base + the change of the
  five years before (direction: that change's sign; a share, bounded);
- ``population``: resident population at the end (a demographic level), same rule;
- ``deposits_pc``: deposits per resident at the end (a stock per head), target = base times the
  growth factor of the five years before;
- ``gdp_growth``: average yearly nominal GDP growth over the plan (%), target = the average of
  the five years before (a yearly growth rate);
- ``revenue_total``: five-year total of general budget revenue (a running total of yearly
  amounts), target = the previous five years' total times that period's growth factor.

At the mid-term with 3 points (base year + 2) or 8 points (five more before the base), each
method gives P(meet) and, for the engines, an 80 % interval of the final value. Scores: Brier
score of P(meet), a reliability table, 80 % coverage and the Winkler interval score (width plus
2/alpha times the miss), the latter in % of the base value (so that cities and quantities are
comparable). Methods:

- ``engine``: the projection engine as shipped (nature of the quantity, pooled priors, amounts
  that trend followed, interval width scales by kind, points and horizon; pass
  ``--width-scales`` with a table fitted on the other half of the cities to score out of sample);
- ``engine_e449b04``: the same engine with those switched off (``nature=None``,
  ``follow_trend=False``, no width scales), which is the code of commit e449b04;
- ``escap``: ESCAP anticipated progress (time-weighted straight line to the target year against
  the target; P 1 or 0);
- ``eurostat``: realised over required compound growth, on track at 0.95 (P 1 or 0);
- ``ndrc``: the NDRC time schedule, completion at least the time elapsed (40 %; P 1 or 0).

    python benchmarks/hindcast_city.py                  # -> results/hindcast_city.json
    python benchmarks/hindcast_city.py --cities 60      # a quick subset
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast import project_amounts
from indicator_forecast.forecast import project_series as _project_series
from indicator_forecast.forecast.calibration import Calibration, from_dict
from indicator_forecast.forecast.priors import NATURES
from indicator_forecast.forecast.width_scales import NO_SCALES, WidthScales
from indicator_forecast.forecast.width_scales import from_dict as scales_from_dict

BASES = (2005, 2010, 2015)
OUT = Path(__file__).resolve().parent / "results" / "hindcast_city.json"
COLS = {
    "share": "第三产业增加值占GDP比重(%)",
    "population": "常住人口(万人)",
    "gdp": "地区生产总值(万元)",
    "deposits": "年末金融机构存款余额(万元)",
    "revenue": "一般公共预算收入(万元)",
}
KINDS = ("share", "population", "deposits_pc", "gdp_growth", "revenue_total")
# What _outlook.NATURE_RULES would read from each (population is not a slow population average
# such as life expectancy: it is a plain level).
NATURE_OF = {"share": "share", "population": "level", "deposits_pc": "level"}
METHODS = ("engine", "engine_e449b04", "escap", "eurostat", "ndrc")
BINS = np.linspace(0, 1, 11)
LEVEL = 80  # interval level scored (--level); the goals of issue 13 are at 80 %
CAL: Calibration | None = None  # --calibration: a table built elsewhere (e.g. on the other half)
WS: WidthScales | None = None  # --width-scales: fitted elsewhere (e.g. on the other half)
BASE_CAL: Calibration | None = None  # --baseline-calibration: e449b04's own table


def use_share_change_kept(kept: float) -> None:
    """Project shares keeping ``kept`` of their projected change (``Nature.change_kept``), in
    place of the shipped value, for every script that reads ``NATURES`` (a research switch)."""
    NATURES["share"] = replace(NATURES["share"], change_kept=kept)


def _cal(engine: str) -> Calibration | None:
    return BASE_CAL if engine == "engine_e449b04" and BASE_CAL is not None else CAL


def project_series(*args: Any, engine: str = "engine", **kw: Any) -> Any:
    ws = NO_SCALES if engine == "engine_e449b04" else WS
    return _project_series(*args, calibration=_cal(engine), width_scales=ws, **kw)


def load() -> dict[str, dict[str, dict[int, float]]]:
    import city_macro_data

    df = city_macro_data.load_data()
    df.columns = [c.replace("\r", "").replace("\n", "") for c in df.columns]
    df = df[df["年份"] <= 2020]
    out: dict[str, dict[str, dict[int, float]]] = {}
    for city, g in df.groupby("城市"):
        rec: dict[str, dict[int, float]] = {}
        for k, col in COLS.items():
            s = g.set_index("年份")[col]
            rec[k] = {int(y): float(v) for y, v in s.items() if np.isfinite(v) and v > 0}
        pop, dep = rec["population"], rec["deposits"]
        rec["deposits_pc"] = {y: dep[y] / pop[y] for y in dep if y in pop}
        gdp = rec["gdp"]
        rec["gdp_growth"] = {y: 100 * (gdp[y] / gdp[y - 1] - 1) for y in gdp if y - 1 in gdp}
        out[str(city)] = rec
    return out


def _series(d: dict[int, float], years: range) -> np.ndarray | None:
    if not all(y in d for y in years):
        return None
    return np.array([d[y] for y in years])


def level_plan(d: dict[int, float], kind: str, b: int, npts: int
               ) -> tuple[float, float, np.ndarray, float] | None:  # fmt: skip
    """A level quantity's simulated plan with base year ``b``: (base value, target, the ``npts``
    figures to the mid-term b+2, final value at b+5), or None if a figure is missing or the
    five years before the base did not move. The target continues those five years: base times
    their growth factor for deposits per head, base plus their change otherwise."""
    T, mid = b + 5, b + 2
    if _series(d, range(b - 5, mid + 1)) is None or T not in d:
        return None
    base, before = d[b], d[b - 5]
    target = base * (base / before) if kind == "deposits_pc" else base + (base - before)
    if target == base:
        return None
    y = _series(d, range(mid - npts + 1, mid + 1))
    assert y is not None
    return base, target, y, d[T]


def _bin(p: float) -> int:
    return int(min(np.digitize(p, BINS[1:-1]), 9))


def case(rec: dict[str, dict[int, float]], kind: str, b: int, npts: int) -> dict[str, Any] | None:
    """One simulated plan indicator at the mid-term b+2: target, outcome and each method's P."""
    T, mid = b + 5, b + 2
    first = mid - npts + 1
    out: dict[str, Any] = {"kind": kind, "base": b, "points": npts}
    if kind in ("share", "population", "deposits_pc"):
        d = rec[kind]
        plan = level_plan(d, kind, b, npts)
        if plan is None:
            return None
        base, target, y, final = plan
        higher = target > base
        met = final >= target if higher else final <= target
        probs = {}
        ints = {}
        for m, nature in (("engine", NATURES[NATURE_OF.get(kind, "level")]),
                          ("engine_e449b04", None)):
            p = project_series(list(range(first, mid + 1)), y, target_year=T,
                               series_class="history_scale", nature=nature, engine=m)
            pa = p.prob_at_least(target, T)
            probs[m] = pa if higher else 1 - pa
            ints[m] = (float(p.lo(LEVEL)[-1]), float(p.hi(LEVEL)[-1]))
        esc = M.forecast_matrix("escap", y[None, :], T - mid)[0, -1]
        probs["escap"] = float((esc >= target) == higher)
        span = mid - b
        rate = (d[mid] / base) ** (1 / span) - 1
        req = (target / base) ** (1 / 5) - 1
        probs["eurostat"] = float(req != 0 and rate / req >= 0.95)
        probs["ndrc"] = float((d[mid] - base) / (target - base) >= span / 5)
        scale = abs(base)
    elif kind == "gdp_growth":
        d = rec["gdp_growth"]
        if _series(d, range(min(first, b - 4), T + 1)) is None:
            return None
        target = float(np.mean([d[y] for y in range(b - 4, b + 1)]))
        y = _series(d, range(first, mid + 1))
        assert y is not None
        fin = 100 * (np.prod([1 + d[t] / 100 for t in range(b + 1, T + 1)]) ** (1 / 5) - 1)
        final = float(fin)
        met = final >= target
        probs, ints = {}, {}
        for m in ("engine", "engine_e449b04"):
            p = project_series(list(range(first, mid + 1)), y, target_year=T,
                               measure="growth_rate", engine=m)
            g = p.end_growth_rate(base_year=b, year=T)
            probs[m] = g.prob_at_least(target, T)
            ints[m] = (float(g.lo(LEVEL)[-1]), float(g.hi(LEVEL)[-1]))
        real = 100 * (np.prod([1 + d[t] / 100 for t in range(b + 1, mid + 1)]) ** 0.5 - 1)
        idx = 100 * np.cumprod(1 + y / 100)
        esc = M.forecast_matrix("escap", idx[None, :], T - mid)[0, -1]
        esc_rate = 100 * ((esc / (idx[-1] / np.prod(1 + y[-(mid - b):] / 100))) ** (1 / 5) - 1)
        probs["escap"] = float(esc_rate >= target)
        probs["eurostat"] = float(target > 0 and real / target >= 0.95)
        probs["ndrc"] = float(real >= target)
        scale = 100.0  # rates: interval score in percentage points
    else:  # revenue_total
        d = rec["revenue"]
        if _series(d, range(b - 9, T + 1)) is None:
            return None
        prev = sum(d[y] for y in range(b - 4, b + 1))
        growth = d[b] / d[b - 5]
        target = prev * growth
        years = list(range(first if npts > 3 else b + 1, mid + 1))
        a = np.array([d[y] for y in years])
        observed = sum(d[y] for y in range(b + 1, mid + 1))
        final = sum(d[y] for y in range(b + 1, T + 1))
        met = final >= target
        probs, ints = {}, {}
        for m, ft in (("engine", True), ("engine_e449b04", False)):
            am = project_amounts(years, a, target_year=T, follow_trend=ft,
                                 calibration=_cal("engine" if ft else "engine_e449b04"))
            shift = observed - am.last_total
            dist = am.running.distribution
            probs[m] = dist.prob_at_least(target - shift, T)
            ints[m] = (float(dist.lo(LEVEL)[-1]) + shift, float(dist.hi(LEVEL)[-1]) + shift)
        c = np.concatenate([[0.0], np.cumsum(a)])
        esc = M.forecast_matrix("escap", c[None, :], T - mid)[0, -1] + shift
        probs["escap"] = float(esc >= target)
        probs["eurostat"] = float(observed / target >= 0.95 * (mid - b) / 5)
        probs["ndrc"] = float(observed / target >= (mid - b) / 5)
        scale = abs(target)
    out.update(target=float(target), final=float(final), met=bool(met),
               p={k: float(v) for k, v in probs.items()}, scale=float(scale))
    out["interval"] = {k: [float(v[0]), float(v[1])] for k, v in ints.items()}
    return out


def winkler(lo: float, hi: float, y: float, alpha: float = 0.2) -> float:
    return hi - lo + (2 / alpha) * (max(lo - y, 0) + max(y - hi, 0))


def murphy(p: np.ndarray, o: np.ndarray) -> dict[str, float]:
    """Murphy's decomposition of the Brier score, binned as the reliability table is.

    ``brier = reliability - resolution + uncertainty + within``: reliability
    :math:`\\sum_k n_k (\\bar p_k - \\bar o_k)^2 / N`, resolution
    :math:`\\sum_k n_k (\\bar o_k - \\bar o)^2 / N`, uncertainty :math:`\\bar o (1 - \\bar o)`;
    ``within`` is what binning leaves (the spread of P inside a bin and its covariance with the
    outcome; 0 for a rule whose P is 0 or 1). ``best_at_perfect_reliability`` = uncertainty -
    resolution: the Brier score of a forecast that says, for each bin of the engine's P, how
    often that bin is met, i.e. the best reachable with these bins' resolution once calibrated
    perfectly (in sample, so a bound, not a forecast).
    """
    bins = np.array([_bin(x) for x in p])
    n, obar = p.size, float(o.mean())
    rel = res = 0.0
    for k in range(10):
        sel = bins == k
        if sel.any():
            m = int(sel.sum())
            rel += m * (float(p[sel].mean()) - float(o[sel].mean())) ** 2
            res += m * (float(o[sel].mean()) - obar) ** 2
    rel, res = rel / n, res / n
    unc = obar * (1 - obar)
    brier = float(np.mean((p - o) ** 2))
    return {"brier": brier, "reliability": rel, "resolution": res, "uncertainty": unc,
            "within": brier - (rel - res + unc), "best_at_perfect_reliability": unc - res}


def score(cases: list[dict[str, Any]]) -> dict[str, Any]:
    met_share = float(np.mean([c["met"] for c in cases]))
    res: dict[str, Any] = {"cases": len(cases), "met_share": met_share}
    for m in METHODS:
        p = np.array([c["p"][m] for c in cases])
        o = np.array([c["met"] for c in cases], float)
        r: dict[str, Any] = {"brier": float(np.mean((p - o) ** 2)), "murphy": murphy(p, o)}
        if m.startswith("engine"):
            iv = np.array([c["interval"][m] for c in cases])
            f = np.array([c["final"] for c in cases])
            sc = np.array([c["scale"] for c in cases])
            r[f"coverage{LEVEL}"] = float(np.mean((iv[:, 0] <= f) & (f <= iv[:, 1])))
            alpha = 1 - LEVEL / 100
            ws = [winkler(lo, hi, y, alpha) / s * 100
                  for (lo, hi), y, s in zip(iv, f, sc, strict=True)]
            r[f"winkler{LEVEL}_pct"] = float(np.mean(ws))
            r[f"winkler{LEVEL}_pct_median"] = float(np.median(ws))
            table = []
            bins = np.array([_bin(x) for x in p])
            for k in range(10):
                sel = bins == k
                if sel.any():
                    table.append({"bin": f"{BINS[k]:.1f}-{BINS[k + 1]:.1f}", "n": int(sel.sum()),
                                  "mean_p": float(p[sel].mean()), "met": float(o[sel].mean())})
            r["reliability"] = table
        res[m] = r
    return res


def isotonic(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pool-adjacent-violators fit of y on x: the knots (x, fitted y), non-decreasing."""
    order = np.argsort(x, kind="stable")
    xs, ys = x[order], y[order].astype(float)
    vals: list[float] = []
    wts: list[float] = []
    ends: list[int] = []
    for i, v in enumerate(ys):
        vals.append(float(v))
        wts.append(1.0)
        ends.append(i)
        while len(vals) > 1 and vals[-2] > vals[-1]:
            w = wts[-2] + wts[-1]
            vals[-2] = (vals[-2] * wts[-2] + vals[-1] * wts[-1]) / w
            wts[-2] = w
            ends[-2] = ends[-1]
            del vals[-1], wts[-1], ends[-1]
    fitted = np.repeat(vals, np.diff(np.concatenate([[-1], ends])).astype(int))
    return xs, fitted


def recalibrated(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """P(meet) of the engine mapped by an isotonic fit on the other two plan periods (never on
    the period it is scored on); Brier score and reliability before and after."""
    p = np.array([c["p"]["engine"] for c in cases])
    o = np.array([c["met"] for c in cases], float)
    base = np.array([c["base"] for c in cases])
    q = np.empty_like(p)
    for b in BASES:
        fit = base != b
        kx, ky = isotonic(p[fit], o[fit])
        q[~fit] = np.interp(p[~fit], kx, ky)
    out: dict[str, Any] = {}
    for name, v in (("before", p), ("after", q)):
        bins = np.array([_bin(x) for x in v])
        out[name] = {"brier": float(np.mean((v - o) ** 2)), "reliability": [
            {"bin": f"{BINS[k]:.1f}-{BINS[k + 1]:.1f}", "n": int((bins == k).sum()),
             "mean_p": float(v[bins == k].mean()), "met": float(o[bins == k].mean())}
            for k in range(10) if (bins == k).any()]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cities", type=int, default=0, help="first N cities only (0: all)")
    ap.add_argument("--level", type=int, default=80, help="interval level scored (default 80)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--calibration", type=Path, help="calibration table JSON (default: shipped)")
    ap.add_argument("--half", choices=("a", "b"), help="cities at even (a) / odd (b) places")
    ap.add_argument("--width-scales", type=Path,
                    help="width scales JSON (default: shipped; see fit_width_scales.py)")
    ap.add_argument("--baseline-calibration", type=Path,
                    help="calibration table of engine_e449b04 (e.g. `git show e449b04:src/"
                         "indicator_forecast/forecast/calibration.json`; default: --calibration)")
    ap.add_argument("--recalibrate", action="store_true",
                    help="also score an isotonic recalibration of P(meet) fitted on the other "
                         "two plan periods (reported only, not part of the engine)")
    ap.add_argument("--share-change-kept", type=float,
                    help="share of a share's projected change kept (default: the shipped "
                         "NATURES['share'].change_kept; see centre_candidates.py)")
    a = ap.parse_args()
    if a.share_change_kept is not None:
        use_share_change_kept(a.share_change_kept)
    global CAL, WS, BASE_CAL, LEVEL
    LEVEL = a.level
    if a.baseline_calibration:
        BASE_CAL = from_dict(json.loads(a.baseline_calibration.read_text()))
    if a.calibration:
        CAL = from_dict(json.loads(a.calibration.read_text()))
    if a.width_scales:
        WS = scales_from_dict(json.loads(a.width_scales.read_text()))
    t0 = time.time()
    data = load()
    cities = sorted(data)
    if a.half:
        cities = cities[{"a": 0, "b": 1}[a.half]::2]
    cities = cities[: a.cities] if a.cities else cities
    all_cases: list[dict[str, Any]] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for city in cities:
            for kind in KINDS:
                for b in BASES:
                    for npts in (3, 8):
                        c = case(data[city], kind, b, npts)
                        if c is not None:
                            c["city"] = city
                            all_cases.append(c)
    result: dict[str, Any] = {"cities": len(cities), "seconds": round(time.time() - t0, 1)}
    for npts in (3, 8):
        sel = [c for c in all_cases if c["points"] == npts]
        result[f"points_{npts}"] = {"all": score(sel)}
        for kind in KINDS:
            ks = [c for c in sel if c["kind"] == kind]
            if ks:
                result[f"points_{npts}"][kind] = score(ks)
        # The same bound with each quantity's P recalibrated bin by bin on its own (in sample:
        # optimistic by about bins x p(1 - p) / n, ~0.002 here).
        parts = [(v["cases"], v["engine"]["murphy"]["best_at_perfect_reliability"])
                 for k, v in result[f"points_{npts}"].items() if k in KINDS]
        result[f"points_{npts}"]["best_at_perfect_reliability_by_quantity"] = (
            sum(n * b for n, b in parts) / sum(n for n, _ in parts))
    if a.recalibrate:
        result["recalibration_by_period"] = {
            f"points_{n}": recalibrated([c for c in all_cases if c["points"] == n]) for n in (3, 8)}
        for key, r in result["recalibration_by_period"].items():
            for name in ("before", "after"):
                x = r[name]
                worst = max(abs(t["met"] - t["mean_p"]) for t in x["reliability"] if t["n"] >= 20)
                print(f"{key} {name}: brier {x['brier']:.4f}, worst bin (n >= 20) off {worst:.3f}")
    a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    for npts in (3, 8):
        r = result[f"points_{npts}"]["all"]
        print(f"{npts} points: {r['cases']} cases, met {r['met_share']:.2f}")
        for m in METHODS:
            x = r[m]
            extra = (f" cover{LEVEL} {x[f'coverage{LEVEL}']:.3f} "
                     f"winkler {x[f'winkler{LEVEL}_pct']:.2f}%"
                     if f"coverage{LEVEL}" in x else "")
            print(f"  {m:15s} brier {x['brier']:.3f}{extra}")
        print("  Murphy (binned as the reliability table): brier = reliability - resolution + "
              "uncertainty + within")
        for m in METHODS:
            d = r[m]["murphy"]
            print(f"  {m:15s} {d['brier']:.4f} = {d['reliability']:.4f} - {d['resolution']:.4f}"
                  f" + {d['uncertainty']:.4f} + {d['within']:+.4f}")
        d = r["engine"]["murphy"]
        print(f"  best Brier with the engine's resolution at perfect reliability: "
              f"{d['best_at_perfect_reliability']:.4f} (uncertainty {d['uncertainty']:.4f} - "
              f"resolution {d['resolution']:.4f}); each quantity on its own bins: "
              f"{result[f'points_{npts}']['best_at_perfect_reliability_by_quantity']:.4f}")
    print(f"wrote {a.out} in {result['seconds']} s")


if __name__ == "__main__":
    main()
