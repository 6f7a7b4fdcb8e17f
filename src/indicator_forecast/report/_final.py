"""The final evaluation's (总结评估) table model and part one of its report.

:func:`final_rows` gives the rows of the 总结评估 table (指标 | 规划目标 | 基期值 | 期末完成值 |
完成情况 | 说明), which :func:`~indicator_forecast.report._tables.final_table` makes the table
model the Excel and the Word writers draw. Part one of the report opens with the counts by
final status over the indicators judged (and how many still lack data), names the ones not or
only basically completed, and gives one sentence per indicator: its final reason, which carries
its numbers.
"""

from __future__ import annotations

from typing import Any

from indicator_forecast._format import fmt_unit
from indicator_forecast.final import FINAL_CODES

from . import _common as c
from ._labels import labels
from ._protocol import EvaluationLike

FINAL_KEYS = ("category", "indicator", "target", "baseline", "final", "status", "note")
"""The columns of the 总结评估 table, in order."""


def is_final(ev: EvaluationLike) -> bool:
    """Whether ``ev`` is a final evaluation (an object without the attribute is not)."""
    return bool(getattr(ev, "is_final", False))


def _final_value_text(rec: dict[Any, Any], lab: dict[str, Any]) -> str:
    value = rec.get("final_value")
    if value is None or c.is_blank(value):
        return str(lab["pending"])
    unit = c.text(rec.get("unit"))
    kind = c.kind_of(rec)
    v = float(value)
    if kind.judged_by_years:
        return str(lab["years_met"].format(share=f"{v:.0%}"))
    if kind.judged_by_gap:
        return str(lab["gap"].format(v=fmt_unit(v, "%")))
    if kind.judged_as_rate:
        return str(lab["rate"].format(v=fmt_unit(v, "%")))
    shown = fmt_unit(v, unit)
    if kind.amount_over_period:
        return str(lab["total_value"].format(v=shown, unit=unit))
    return f"{shown}{unit}" if unit else shown


def _base_year_note(rec: dict[Any, Any], ev: EvaluationLike, lang: str) -> str:
    """"（2016年）" where the base figure is not the base year's (measured from the earliest)."""
    year = rec.get("baseline_year")
    base_year = getattr(getattr(ev, "plan", None), "base_year", None)
    if year is None or c.is_blank(year) or base_year is None or int(year) == int(base_year):
        return ""
    return f"（{int(year)}年）" if lang == "zh" else f" ({int(year)})"


def final_rows(ev: EvaluationLike, lang: str = "zh") -> list[dict[str, Any]]:
    """One row per indicator (parts after their whole) of the 总结评估 table.

    Parameters
    ----------
    ev : EvaluationLike
        A final evaluation (``ev.is_final``).
    lang : {"zh", "en"}
        Language of the texts.

    Returns
    -------
    list of dict
        Keys :data:`FINAL_KEYS`, plus ``status_code`` and ``is_part``.
    """
    lab = labels(lang)["final"]
    rows = []
    for rec in ev.to_frame(lang=lang).to_dict("records"):
        part = not c.is_blank(rec.get("parent_id"))
        unit = c.text(rec.get("unit"))
        code = c.text(rec.get("final_status")) or "insufficient_data"
        base = rec.get("baseline")
        rows.append({
            "category": c.text(rec.get("category")),
            "indicator": (lab["part_prefix"] if part else "") + c.text(rec.get("name"))
            + (f"（{unit}）" if unit and lang == "zh" else (f" ({unit})" if unit else "")),
            "target": c.text(rec.get("target_text")),
            "baseline": lab["no_base"] if base is None or c.is_blank(base)
            else fmt_unit(float(base), unit)
            + _base_year_note(rec, ev, lang),
            "final": _final_value_text(rec, lab),
            "status": c.text(rec.get("final_status_label")) or labels(lang)["grade"][code],
            "note": c.text(rec.get("reason")),
            "status_code": code,
            "is_part": part,
        })
    return rows


def final_counts(ev: EvaluationLike) -> dict[str, int]:
    """Top-level indicators per final status (``insufficient_data`` included)."""
    out = {k: 0 for k in (*FINAL_CODES, "insufficient_data")}
    for rec in ev.to_frame().to_dict("records"):
        if c.is_blank(rec.get("parent_id")):
            code = c.text(rec.get("final_status")) or "insufficient_data"
            out[code] = out.get(code, 0) + 1
    return out


def final_opening(ev: EvaluationLike, lang: str = "zh") -> list[str]:
    """The opening sentences of part one at a final evaluation.

    Counts range over the indicators judged; those still without their figures are counted
    apart and never described as completed or not.
    """
    lab = labels(lang)["final"]
    frame = ev.to_frame(lang=lang)
    top = frame[frame["parent_id"].map(c.is_blank)]
    n_parts = len(frame) - len(top)
    counts = final_counts(ev)
    judged = sum(v for k, v in counts.items() if k != "insufficient_data")
    sep = lab["sep"]
    m = ev.indicators_in_plan
    total = (lab["total_subset"].format(m=m, n=len(top)) if m is not None and m > len(top)
             else lab["total"].format(n=len(top)))
    out = [total + (lab["parts"].format(n=n_parts) if n_parts else "") + lab["stop"]]
    if judged:
        parts = [lab["count"].format(n=counts[k], label=labels(lang)["grade"][k])
                 for k in FINAL_CODES if counts[k]]
        out.append(lab["judged"].format(n=judged, items=sep.join(parts)))
        for code in ("not_completed", "basic"):
            names = [c.text(r["name"]) for r in top.to_dict("records")
                     if c.text(r.get("final_status")) == code]
            if names:
                out.append(lab["named"].format(label=labels(lang)["grade"][code],
                                               items=sep.join(names)))
        provisional = int(top["final_provisional"].fillna(False).astype(bool).sum())
        if provisional:
            out.append(lab["provisional"].format(n=provisional))
    else:
        out.append(lab["none_judged"])
    if counts["insufficient_data"]:
        out.append(lab["pending_count"].format(n=counts["insufficient_data"]))
    return out


def final_indicator_text(rec: dict[str, Any], lang: str = "zh") -> str:
    """One indicator's paragraph at a final evaluation: its name and its final reason."""
    lab = labels(lang)["final"]
    name = c.text(rec.get("name"))
    reason = c.text(rec.get("reason"))
    return str(lab["indicator"].format(name=name, reason=reason))
