"""Coverage of the intervals for five-year totals: running totals of yearly amounts.

The evaluation projects yearly amounts that add up (new investment, yearly reductions) as their
running total with the ``rt:`` calibration entries. Here each development set is held out in
turn and scored with a table built from the other two (and, for comparison, with the shipped
table, which has seen it): windows of 2-5 positive yearly amounts,
running total from 0, the default method, horizons 1-3, coverage of 80 % / 95 % intervals and
the mean interval width in units of the mean yearly amount. M3 is not used.

    python benchmarks/running_totals.py        # -> results/running_totals.json
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from _common import DEV_SETS, cases, load
from calibrate import calibrate

from indicator_forecast.forecast import methods as M
from indicator_forecast.forecast.calibration import default_calibration, from_dict

H = 3
WINDOWS = (2, 3, 4, 5)
OUT = Path(__file__).resolve().parent / "results" / "running_totals.json"


def main() -> None:
    rows = []
    for held, table in [(s, "leave-one-set-out") for s in DEV_SETS] + [
        (s, "shipped") for s in DEV_SETS
    ]:
        others = tuple(s for s in DEV_SETS if s != held)
        cal = (
            from_dict(calibrate(others, "+".join(others)))
            if table == "leave-one-set-out"
            else default_calibration()
        )
        series = load(held)
        for w in WINDOWS:
            Y, F, _ = cases(series, w, H, 6, min_future=H)
            ok = np.all(Y > 0, axis=1) & np.all(F > 0, axis=1)
            Y, F = Y[ok], F[ok]
            C = M.running_totals(Y)
            CF = C[:, -1:] + np.cumsum(F, axis=1)
            scale = Y.mean(axis=1)
            method = M.resolve(M.DEFAULT_METHOD, w + 1).used
            fc = M.forecast_matrix(method, C, H)
            q = cal.scaled_quantiles(method, w + 1, np.arange(1, H + 1, dtype=float), -1,
                                     "running_total")
            row = {"set": held, "table": table, "amounts": w, "method": method,
                   "cases": int(len(Y))}
            for lv in (80, 95):
                a = (1 - lv / 100) / 2
                lo = fc + scale[:, None] * np.array(
                    [np.interp(a, cal.probs, q[k]) for k in range(H)]
                )
                hi = fc + scale[:, None] * np.array(
                    [np.interp(1 - a, cal.probs, q[k]) for k in range(H)]
                )
                row[f"cov{lv}"] = round(float(((CF >= lo) & (CF <= hi)).mean()), 3)
                row[f"width{lv}"] = round(float(((hi - lo) / scale[:, None]).mean()), 2)
            rows.append(row)
            print(row, flush=True)
    OUT.write_text(json.dumps(rows, indent=1))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
