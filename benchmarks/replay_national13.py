"""Replay the national 13th Five-Year Plan at its mid-term and print the table for README.md.

Run from the repository root: ``PYTHONPATH=src python3 benchmarks/replay_national13.py [OUT]``.
The mid-term is 2018-06-30, so the evaluation uses the shipped figures of 2017 and before; the
outcome uses 2016–2020. Writes replay.csv/.xlsx and the reliability diagram to OUT
(default ``benchmarks/results/replay_national13``).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from indicator_forecast import read_plan
from indicator_forecast.evaluate.replay import replay, write_replay

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "benchmarks/results/replay_national13"
    data = ROOT / "data" / "national-13th"
    t0 = time.perf_counter()
    plan = read_plan(data / "plan.csv", name="国家“十三五”规划纲要主要指标", jurisdiction="全国")
    r = replay(plan, data / "observations.csv", mid_term="2018-06-30")
    elapsed = time.perf_counter() - t0
    write_replay(r, out)
    f = r.to_frame()
    print("| # | indicator | grade | P(meet) | 80 % interval | final | met |")
    print("|---|---|---|---|---|---|---|")
    for _, x in f.iterrows():
        p = "—" if x["p_meet"] != x["p_meet"] else f"{x['p_meet']:.2f}"
        print(
            f"| {x['indicator_id']} | {x['name']} | {x['grade']} | {p} | {x['interval_text']} "
            f"| {x['final_text']} | {x['outcome_text']} |"
        )
    print()
    print(r.summary())
    print()
    print("| rule | n | hit rate |")
    print("|---|---|---|")
    for _, x in r.totals_frame().iterrows():
        print(f"| {x['rule_label']} | {x['n']} | {x['hit_rate']:.2f} |")
    print(f"\nreplay computed in {elapsed:.2f} s; outputs in {out}")


if __name__ == "__main__":
    main()
