"""Render the accuracy JSON files as the markdown tables of benchmarks/README.md.

    python benchmarks/report.py results/accuracy_dev.json results/accuracy_m3_heldout.json
"""

from __future__ import annotations

import json
import sys

import pandas as pd

DEFAULT = "combo(damped_fixed,drift)"
RULES = ("linear", "loglinear", "escap")
SHOW = (
    DEFAULT,
    "combo(damped,drift)",
    "combo(theta,damped,drift)",
    "damped",
    "theta",
    "drift",
    "naive",
    "linear",
    "loglinear",
    "escap",
    "sf:AutoETS",
    "sf:AutoTheta",
    "sf:RWD",
    "sf:Naive",
)


def tables(path: str) -> str:
    d = pd.DataFrame(json.load(open(path))["rows"])
    out = []
    for h in ("1-3", "1-5"):
        x = d[d.h == h]
        for metric, fmt in (("mase", "{:.3f}"), ("smape", "{:.2f}"), ("cov80", "{:.1%}"),
                            ("cov95", "{:.1%}"), ("width80", "{:.2f}")):
            if metric not in x:
                continue
            piv = x.pivot_table(index="method", columns=["set", "window"], values=metric)
            piv = piv.loc[[m for m in SHOW if m in piv.index]]
            if metric == "mase":
                best_rule = piv.loc[list(RULES)].min()
                piv.loc["gain of default vs best rule"] = 1 - piv.loc[DEFAULT] / best_rule
            cols = [f"{s} w{w}" for s, w in piv.columns]
            lines = [f"**{metric.upper()}, horizons {h}**", "",
                     "| method | " + " | ".join(cols) + " |",
                     "|---|" + "---:|" * len(cols)]
            for m, row in piv.iterrows():
                f = "{:.1%}" if m.startswith("gain") else fmt
                lines.append(f"| {m} | " + " | ".join(f.format(v) for v in row) + " |")
            out.append("\n".join(lines))
    fb = d[(d.h == "1-3") & d.method.str.startswith("sf:")].groupby("method")[
        ["fallbacks", "cases"]].sum()
    out.append("statsforecast fallbacks (model raised, Naive used): " + ", ".join(
        f"{m} {int(r.fallbacks)}/{int(r.cases)}" for m, r in fb.iterrows()))
    return "\n\n".join(out)


if __name__ == "__main__":
    for p in sys.argv[1:]:
        print(f"### {p}\n")
        print(tables(p))
        print()
