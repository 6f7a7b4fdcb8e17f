"""The shipped plans (data/national-14th, data/putuo-14th) evaluated at the seed's date, as the
CLI reads them (plan.json beside each plan)."""

from __future__ import annotations

import warnings
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2023-06-30"


@cache
def shipped(name: str, as_of: str = AS_OF) -> Any:
    """The shipped plan ``name`` evaluated at ``as_of`` (the seed's date by default)."""
    from indicator_forecast import evaluate, read_observations, read_plan_folder

    folder = ROOT / "data" / name
    plan = read_plan_folder(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        obs = read_observations(folder / "observations.csv", plan)
        return evaluate(plan, obs, as_of=as_of, progress=False)


def part_one(ev: Any, lang: str) -> list[str]:
    """Part one of the report as its paragraphs (opening, category headings, indicators)."""
    from indicator_forecast.report import _narrative as narr
    from indicator_forecast.report._common import text

    facts = narr.indicator_facts(ev, lang)
    frame = ev.to_frame(lang=lang)
    cats = {str(r["indicator_id"]): text(r["category"]) for r in frame.to_dict("records")}
    out = narr.opening(facts, lang, plan_name=ev.plan_name, n_parts=len(frame) - len(facts),
                    as_of=ev.as_of, indicators_in_plan=ev.indicators_in_plan)  # fmt: skip
    last = None
    for f in facts:
        if cats[f.indicator_id] != last:
            last = cats[f.indicator_id]
            out.append(f"## {last}")
        out.append(narr.indicator_text(f, lang))
        reason = narr.table_reason(f, lang)
        if reason:
            out.append(f"   [附件6] {reason}")
    return out
