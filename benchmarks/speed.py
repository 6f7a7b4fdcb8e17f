"""Speed and peak memory: projection with 80/95 % intervals of N synthetic series of 8 points.

Each configuration runs in a fresh subprocess; peak memory is the growth of the process's
maximum resident set size during the run (``resource.getrusage``), plus, for statsforecast, the
largest peak resident set of its worker processes (whole process, not growth); time is
wall-clock.
statsforecast runs its counterparts of the engine's candidates (AutoETS, AutoTheta,
RandomWalkWithDrift; a damped-only AutoETS("AAN", damped=True) refuses 8 points as "tiny
datasets") on the same series with the same levels, ``n_jobs=2``, ``fallback_model=Naive()``.

    python benchmarks/speed.py engine 100000
    python benchmarks/speed.py statsforecast 2000
    python benchmarks/speed.py all   # the table in benchmarks/README.md -> results/speed.json
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd


def synthetic_frame(n: int, points: int = 8, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    vals = 100 + np.cumsum(rng.normal(1.0, 3.0, size=(n, points)), axis=1)
    return pd.DataFrame({
        "series_id": np.repeat(np.arange(n), points),
        "period": np.tile(np.arange(2015, 2015 + points), n),
        "value": vals.ravel(),
    })


def run(which: str, n: int) -> dict:
    df = synthetic_frame(n)
    if which == "engine":
        from indicator_forecast.forecast import project

        project(synthetic_frame(10), 3)  # load the calibration table once
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        out = project(df, 3, level=(80, 95), progress=False)
    else:
        import os

        os.environ.setdefault("NIXTLA_ID_AS_COL", "1")
        from statsforecast import StatsForecast
        from statsforecast.models import AutoETS, AutoTheta, Naive, RandomWalkWithDrift

        sdf = df.rename(columns={"series_id": "unique_id", "period": "ds", "value": "y"})
        sf = StatsForecast(models=[AutoETS(), AutoTheta(), RandomWalkWithDrift()],
                           freq=1, n_jobs=2, fallback_model=Naive())
        sf.forecast(df=synthetic_frame(10).rename(
            columns={"series_id": "unique_id", "period": "ds", "value": "y"}), h=3, level=[80, 95])
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t = time.perf_counter()
        out = sf.forecast(df=sdf, h=3, level=[80, 95])
    sec = time.perf_counter() - t
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # statsforecast's workers
    return {"which": which, "series": n, "seconds": round(sec, 3),
            "peak_mb": round((rss1 - rss0) / 1024, 1),
            "worker_peak_rss_mb": round(kids / 1024, 1), "rows": len(out)}


def main() -> None:
    if sys.argv[1] == "all":
        res = []
        for which, n in [("engine", 10_000), ("engine", 100_000),
                         ("statsforecast", 1_000), ("statsforecast", 10_000)]:
            r = subprocess.run([sys.executable, __file__, which, str(n)], capture_output=True,
                               text=True, timeout=1200)
            res.append(json.loads(r.stdout.strip().splitlines()[-1]))
            print(res[-1], flush=True)
        print(json.dumps(res))
        out = Path(__file__).resolve().parent / "results" / "speed.json"
        out.write_text(json.dumps({"load_average_at_end": os.getloadavg(), "runs": res}, indent=1))
        print("wrote", out)
    else:
        print(json.dumps(run(sys.argv[1], int(sys.argv[2]))))


if __name__ == "__main__":
    main()
