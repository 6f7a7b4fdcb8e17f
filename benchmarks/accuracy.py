"""Rolling-origin accuracy of the engine's methods, the plain rules and statsforecast.

Data: M1 yearly, Tourism yearly, World Bank fertility panel (development sets); ``--sets m3``
runs the held-out check (never used to choose or tune). Training windows of the last 5, 6, 8
and 10 points; horizons 1-3 and 1-5; sMAPE, MASE (scale: mean absolute first difference of the
training window) and coverage of 80 % / 95 % intervals.

Intervals of the engine are evaluated out of sample: for a development set the calibration table
is rebuilt from the *other two* development sets (leave-one-data-set-out); for M3 the shipped
table (all three development sets) is used. statsforecast models are called per series; when a
model raises (AutoETS: "tiny datasets") the Naive forecast takes its place, as
``StatsForecast(fallback_model=Naive())`` would, and the fallback is counted.

    python benchmarks/accuracy.py                 # development sets -> results/accuracy_dev.json
    python benchmarks/accuracy.py --sets m3 --tag m3
"""

from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path

import numpy as np
from _common import DEV_SETS, cases, load
from calibrate import CALIBRATED, calibrate

from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast.calibration import default_calibration, from_dict

WINDOWS = (5, 6, 8, 10)
H = 5
MAX_ORIGINS = {"m1": 4, "tourism": 4, "fertility": 6, "m3": 3}
RULES = ("linear", "loglinear", "escap")
OUT = Path(__file__).resolve().parent / "results"


def _metrics(F: np.ndarray, fc: np.ndarray, scale: np.ndarray) -> dict[str, np.ndarray]:
    err = np.abs(F - fc)
    smape = 200 * err / (np.abs(F) + np.abs(fc))
    mase = err / scale[:, None]
    return {"smape": smape, "mase": mase}


def _cov(F: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    return ((F >= lo) & (F <= hi)).astype(float)


def _summ(per_case: dict[str, np.ndarray], hmax: int) -> dict[str, float]:
    return {k: float(np.nanmean(v[:, :hmax].mean(axis=1))) for k, v in per_case.items()}


def run_statsforecast(Y: np.ndarray, h: int) -> dict[str, dict[str, np.ndarray]]:
    from statsforecast.models import AutoETS, AutoTheta, Naive, RandomWalkWithDrift

    models = {
        "sf:AutoETS": AutoETS(),
        "sf:AutoTheta": AutoTheta(),
        "sf:RWD": RandomWalkWithDrift(),
        "sf:Naive": Naive(),
    }
    out: dict[str, dict[str, np.ndarray]] = {}
    for name, mod in models.items():
        res = {
            k: np.full((len(Y), h), np.nan) for k in ("mean", "lo-80", "hi-80", "lo-95", "hi-95")
        }
        fell = np.zeros(len(Y), bool)
        for i, y in enumerate(Y):
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    r = mod.forecast(y=y.astype(float), h=h, level=[80, 95])
            except Exception:
                fell[i] = True
                r = Naive().forecast(y=y.astype(float), h=h, level=[80, 95])
            for k in res:
                res[k][i] = r[k]
        res["fallback"] = fell
        out[name] = res
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", nargs="+", default=list(DEV_SETS))
    ap.add_argument("--tag", default="dev")
    ap.add_argument("--no-sf", action="store_true")
    ap.add_argument("--windows", nargs="+", type=int, default=list(WINDOWS))
    ap.add_argument("--extra", nargs="*", default=[],
                    help="sets added to every calibration table (e.g. city), never scored here")
    a = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    results: dict = {"windows": a.windows, "rows": []}
    t0 = time.time()
    for ds in a.sets:
        series = load(ds)
        if ds in DEV_SETS:
            others = tuple(s for s in DEV_SETS if s != ds) + tuple(a.extra)
            cal = from_dict(calibrate(others, "+".join(others)))
        else:
            cal = default_calibration()
        for w in a.windows:
            Y, F, _ = cases(series, w, H, MAX_ORIGINS.get(ds, 4), min_future=H)
            scale = np.abs(np.diff(Y, axis=1)).mean(axis=1)
            ok = scale > 0
            Y, F, scale = Y[ok], F[ok], scale[ok]
            pos = np.all(Y > 0, axis=1)
            rbin = M.calibration_bin(Y)
            hz = np.arange(1, H + 1, dtype=float)
            for m in CALIBRATED:
                if any(w < M.MIN_POINTS[p] for p in M.members(m)):
                    continue
                fc = np.full_like(F, np.nan)
                rows = pos if "loglinear" in M.members(m) else np.ones(len(Y), bool)
                fc[rows] = M.forecast_matrix(m, Y[rows], H)
                if "loglinear" in M.members(m):  # non-positive windows: the linear rule
                    fc[~rows] = M.forecast_matrix("linear", Y[~rows], H)
                per = _metrics(F, fc, scale)
                for lv in (80, 95):
                    a_ = (1 - lv / 100) / 2
                    qlo, qhi = np.empty_like(F), np.empty_like(F)
                    for b in np.unique(rbin):
                        q = cal.scaled_quantiles(m, w, hz, int(b))
                        qlo[rbin == b] = [np.interp(a_, cal.probs, q[k]) for k in range(H)]
                        qhi[rbin == b] = [np.interp(1 - a_, cal.probs, q[k]) for k in range(H)]
                    lo_, hi_ = fc + scale[:, None] * qlo, fc + scale[:, None] * qhi
                    per[f"cov{lv}"] = _cov(F, lo_, hi_)
                    per[f"width{lv}"] = (hi_ - lo_) / scale[:, None]
                for hmax in (3, H):
                    results["rows"].append(
                        {"set": ds, "window": w, "h": f"1-{hmax}", "method": m,
                         "cases": int(len(Y)), **_summ(per, hmax)}
                    )
            if not a.no_sf:
                for name, r in run_statsforecast(Y, H).items():
                    per = _metrics(F, r["mean"], scale)
                    per["cov80"] = _cov(F, r["lo-80"], r["hi-80"])
                    per["cov95"] = _cov(F, r["lo-95"], r["hi-95"])
                    for lv in (80, 95):
                        per[f"width{lv}"] = (r[f"hi-{lv}"] - r[f"lo-{lv}"]) / scale[:, None]
                    for hmax in (3, H):
                        results["rows"].append(
                            {"set": ds, "window": w, "h": f"1-{hmax}", "method": name,
                             "cases": int(len(Y)), "fallbacks": int(r["fallback"].sum()),
                             **_summ(per, hmax)}
                        )
            print(f"{ds} w={w}: {len(Y)} cases, {time.time() - t0:.0f}s", flush=True)
    results["seconds"] = round(time.time() - t0, 1)
    path = OUT / f"accuracy_{a.tag}.json"
    path.write_text(json.dumps(results, indent=1))
    print("wrote", path)


if __name__ == "__main__":
    main()
