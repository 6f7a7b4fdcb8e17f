"""Coverage of level intervals scaled by the changes *before* the latest value.

The evaluation scales a level's interval by the mean absolute change of the window without its
latest value (``project_series(..., series_class="history_scale")``), so that a better latest figure
moves the projection but never the width. Here each development set is held out in turn and
scored with a table from the other two, against the ordinary scale (the whole window): default
method, horizons 1-3, windows 3-10, coverage of 80 % / 95 % intervals and the mean width of the
80 % interval in units of the whole window's scale (so the two are comparable). M3 is not used.

    python benchmarks/history_scale.py        # -> results/history_scale.json
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from _common import DEV_SETS, cases, load
from calibrate import calibrate

from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast.calibration import from_dict

H = 3
WINDOWS = (3, 4, 5, 6, 8, 10)
OUT = Path(__file__).resolve().parent / "results" / "history_scale.json"


def main() -> None:
    rows = []
    for held in DEV_SETS:
        others = tuple(s for s in DEV_SETS if s != held)
        cal = from_dict(calibrate(others, "+".join(others)))
        series = load(held)
        for w in WINDOWS:
            Y, F, _ = cases(series, w, H, 6, min_future=H)
            whole = np.abs(np.diff(Y, axis=1)).mean(axis=1)
            hist = np.abs(np.diff(Y[:, :-1], axis=1)).mean(axis=1)
            ok = (whole > 0) & (hist > 0)
            Y, F, whole, hist = Y[ok], F[ok], whole[ok], hist[ok]
            method = M.resolve(M.DEFAULT_METHOD, w).used
            fc = M.forecast_matrix(method, Y, H)
            rbin = M.calibration_bin(Y)
            hz = np.arange(1, H + 1, dtype=float)
            for kind, scale in (("level", whole), ("history_scale", hist)):
                row = {"set": held, "window": w, "scale": kind, "method": method,
                       "cases": int(len(Y))}
                for lv in (80, 95):
                    a = (1 - lv / 100) / 2
                    lo, hi = np.empty_like(F), np.empty_like(F)
                    for b in np.unique(rbin):
                        q = cal.scaled_quantiles(method, w, hz, int(b), kind)  # type: ignore[arg-type]
                        sel = rbin == b
                        lo[sel] = [np.interp(a, cal.probs, q[k]) for k in range(H)]
                        hi[sel] = [np.interp(1 - a, cal.probs, q[k]) for k in range(H)]
                    lo_, hi_ = fc + scale[:, None] * lo, fc + scale[:, None] * hi
                    row[f"cov{lv}"] = round(float(((F >= lo_) & (F <= hi_)).mean()), 3)
                    if lv == 80:
                        row["width80"] = round(float(((hi_ - lo_) / whole[:, None]).mean()), 2)
                rows.append(row)
                print(row, flush=True)
    OUT.write_text(json.dumps(rows, indent=1))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
