"""Choose the fixed parameters of ``damped_fixed`` (the default's damped member) on the dev sets.

For every point of the estimation grid (alpha x beta* x phi, see ``_kernels.DAMPED_*``) the
combination ``(damped with those parameters + drift) / 2`` is scored by MASE at horizons 1-3 on
the rolling-origin cases of ``accuracy.py`` (windows 5, 6, 8, 10), relative to the same
combination with the damped parameters estimated per series. The shipped choice is the grid point
with the lowest mean relative MASE over the three development sets; the leave-one-set-out choices
are printed too (the README reports them). M3 is not used.

    python benchmarks/choose_fixed_damped.py          # -> results/choose_fixed_damped.json
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from _common import DEV_SETS, cases, load
from accuracy import MAX_ORIGINS

from indicator_forecast.forecast import _kernels as K

H = 3
WINDOWS = (5, 6, 8, 10)
OUT = Path(__file__).resolve().parent / "results" / "choose_fixed_damped.json"


def main() -> None:
    data = {}
    for s in DEV_SETS:
        series = load(s)
        for w in WINDOWS:
            Y, F, _ = cases(series, w, 5, MAX_ORIGINS[s], min_future=5)
            scale = np.abs(np.diff(Y, axis=1)).mean(axis=1)
            ok = scale > 0
            data[(s, w)] = (Y[ok], F[ok][:, :H], scale[ok], K.drift(Y[ok], H)[0])

    def set_mase(damped_fc) -> dict[str, float]:
        out = {}
        for s in DEV_SETS:
            vals = []
            for w in WINDOWS:
                Y, F, scale, drift = data[(s, w)]
                fc = (damped_fc(Y) + drift) / 2
                vals.append(float(np.mean(np.abs(F - fc) / scale[:, None])))
            out[s] = float(np.mean(vals))
        return out

    estimated = set_mase(lambda Y: K.damped(Y, H)[0])
    grid = []
    for a in K.DAMPED_ALPHAS:
        for b in K.DAMPED_BETAS:
            for p in K.DAMPED_PHIS:
                m = set_mase(lambda Y, a=a, b=b, p=p: K.damped(Y, H, alpha=a, beta=b, phi=p)[0])
                rel = {s: m[s] / estimated[s] for s in DEV_SETS}
                grid.append({"params": [a, b, p], "mase": m, "relative": rel})

    def choose(sets: tuple[str, ...]) -> dict:
        return min(grid, key=lambda g: np.mean([g["relative"][s] for s in sets]))

    result = {"estimated": estimated, "all_sets": choose(DEV_SETS), "leave_one_out": {}}
    for held in DEV_SETS:
        pick = choose(tuple(s for s in DEV_SETS if s != held))
        result["leave_one_out"][held] = pick
    print("estimated per series:", {s: round(v, 3) for s, v in estimated.items()})
    print("chosen on all three:", result["all_sets"]["params"],
          {s: round(v, 4) for s, v in result["all_sets"]["relative"].items()})
    for held, pick in result["leave_one_out"].items():
        print(f"chosen without {held}:", pick["params"],
              f"relative MASE on {held}: {pick['relative'][held]:.4f}")
    OUT.write_text(json.dumps(result, indent=1))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
