"""Build the calibration table shipped as src/indicator_forecast/forecast/calibration.json.

Scaled errors (actual - forecast) / scale by method, length group and horizon 1-8 on rolling
origins of M1 yearly, Tourism yearly, the World Bank fertility panel and the yearly series of
~300 Chinese cities in city-macro-data up to 2020 (the domain's own data; nothing of 2021-2024
is read; M3 is never used); also
for the running totals of the same windows read as yearly amounts (keys ``rt:``) and scaled by
the changes before the latest value (keys ``hs:``).

    python benchmarks/calibrate.py                      # all four sets -> shipped table
    python benchmarks/calibrate.py --sets m1 fertility --out /tmp/cal.json   # a fold
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import numpy as np
from _common import DEV_SETS, cases, load

from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast.calibration import build_table, group_key

HORIZONS = 8
GROUPS = ((2, 3), (4, 5), (6, 7), (8, 99))
WINDOWS = (2, 3, 4, 5, 6, 7, 8, 10)
MAX_ORIGINS = 12
CALIBRATED = (
    "naive", "drift", "linear", "loglinear", "escap", "theta", "damped", "damped_fixed",
    "combo(theta,damped,drift)", "combo(theta,damped)", "combo(theta,drift)",
    "combo(damped,drift)", "combo(damped_fixed,drift)", "combo(theta,damped,naive)",
    "combo(theta,naive)",
)
SHIPPED = Path(__file__).resolve().parents[1] / "src/indicator_forecast/forecast/calibration.json"


def scaled_errors(sets: tuple[str, ...]) -> dict[str, dict[str, np.ndarray]]:
    data = [s for name in sets for s in load(name)]
    out: dict[str, dict[str, list[np.ndarray]]] = {m: {} for m in CALIBRATED}
    for w in WINDOWS:
        Y, F, _ = cases(data, w, HORIZONS, MAX_ORIGINS)
        scale = M.series_scale(Y)
        ok = scale > 0
        Y, F, scale = Y[ok], F[ok], scale[ok]
        rbin = M.calibration_bin(Y)
        positive = np.all(Y > 0, axis=1)
        for m in CALIBRATED:
            if any(w < M.MIN_POINTS[p] for p in M.members(m)):
                continue
            rows = positive if "loglinear" in M.members(m) else np.ones(len(Y), bool)
            fc = np.full_like(F, np.nan)
            fc[rows] = M.forecast_matrix(m, Y[rows], HORIZONS)
            E = (F - fc) / scale[:, None]
            for b in np.unique(rbin):
                sel = rows & (rbin == b)
                out[m].setdefault(group_key(GROUPS, w, int(b)), []).append(E[sel])
            if np.any(rbin >= 0):  # all bins pooled, for projections not conditioned on roughness
                out[m].setdefault(group_key(GROUPS, w, -1), []).append(E[rows])
            if w >= 3:  # scaled by the changes before the latest value (series "history_scale")
                h_scale = np.abs(np.diff(Y[:, :-1], axis=1)).mean(axis=1)
                hs = rows & (h_scale > 0)
                EH = (F[hs] - fc[hs]) / h_scale[hs, None]
                for b in np.unique(rbin[hs]):
                    key = group_key(GROUPS, w, int(b), "history_scale")
                    out[m].setdefault(key, []).append(EH[rbin[hs] == b])
        # Running totals of the positive windows, read as yearly amounts: 0 the year before,
        # then the cumulative sums; scale = mean yearly amount (the running total's mean change).
        pos = np.all(Y > 0, axis=1)
        C = M.running_totals(Y[pos])
        CF = C[:, -1:] + np.cumsum(F[pos], axis=1)
        c_scale = Y[pos].mean(axis=1)
        for m in CALIBRATED:
            if any(w + 1 < M.MIN_POINTS[p] for p in M.members(m)) or "loglinear" in M.members(m):
                continue  # log-linear cannot take the running total's starting 0
            E = (CF - M.forecast_matrix(m, C, HORIZONS)) / c_scale[:, None]
            out[m].setdefault(group_key(GROUPS, w + 1, -1, "running_total"), []).append(E)
    return {m: {k: np.vstack(v) for k, v in g.items()} for m, g in out.items()}


def calibrate(sets: tuple[str, ...], name: str) -> dict:
    errors = scaled_errors(sets)
    meta = {
        "created": dt.date.today().isoformat(),
        "script": "benchmarks/calibrate.py",
        "data": list(sets),
        "windows": list(WINDOWS),
        "max_origins_per_series": MAX_ORIGINS,
        "scale": "mean absolute first difference of the fitted window",
        "roughness_edges": list(M.ROUGHNESS_EDGES),
    }
    return build_table(errors, HORIZONS, GROUPS, name, meta)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sets", nargs="+", default=[*DEV_SETS, "city"])
    ap.add_argument("--out", type=Path, default=SHIPPED)
    a = ap.parse_args()
    table = calibrate(tuple(a.sets), "+".join(a.sets))
    a.out.write_text(json.dumps(table, separators=(",", ":")))
    print(f"wrote {a.out} ({a.out.stat().st_size // 1024} kB) from {a.sets}")


if __name__ == "__main__":
    main()
