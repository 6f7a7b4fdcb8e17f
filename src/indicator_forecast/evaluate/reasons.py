"""Reasons in words, with the numbers: Chinese for officials by default, English on request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from indicator_forecast._format import fmt, pct
from indicator_forecast.classify import GRADE_LABELS_EN, GRADE_LABELS_ZH
from indicator_forecast.forecast.methods import method_label

if TYPE_CHECKING:
    from indicator_forecast.evaluate.result import IndicatorResult


def _departments(r: IndicatorResult, lang: str) -> str:
    d = r.indicator.departments
    if d:
        return "、".join(d) if lang == "zh" else ", ".join(d)
    return "责任部门（规划表未列明）" if lang == "zh" else "the responsible department (not named in the plan)"


#: Kinds whose progress is a distance covered towards an end value (a required pace applies).
_LEVEL_KINDS = ("cumulative_total", "end_level", "composite", "running_level", "cumulative_change")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def missing_text(r: IndicatorResult, lang: str = "zh") -> str:
    items = [m.text(lang) for m in r.progress.missing]
    return ("；".join(items) if lang == "zh" else "; ".join(items)) if items else ""


def reason(r: IndicatorResult, lang: str = "zh") -> str:
    """A few sentences per indicator with the numbers behind the conclusion."""
    return _reason_zh(r) if lang == "zh" else _reason_en(r)


def _reason_zh(r: IndicatorResult) -> str:
    pr, ind, o, c = r.progress, r.indicator, r.outlook, r.classification
    unit = ind.unit
    parts: list[str] = []
    if c.grade == "insufficient_data":
        parts.append(f"数据待补充：缺{missing_text(r, 'zh')}，请{_departments(r, 'zh')}提供。")
        if pr.kind == "parent_assigned":
            parts.append("该指标目标由上级逐年下达，须提供各年度下达目标值方可评估。")
        return "".join(parts)
    k = pr.kind
    period = pr.midterm_period.label("zh") if pr.midterm_period else ""
    if k == "cumulative_total":
        parts.append(f"截至{period}累计完成{fmt(pr.midterm_value)}{unit}，占目标{fmt(pr.target_value)}{unit}的{pct(pr.completion)}，时间进度{pct(pr.time_elapsed)}。")
    elif k == "annual_rate":
        parts.append(f"{pr.base_year + 1}年以来年均增长{fmt(pr.midterm_value)}%，目标{ind.target.text}%，时间进度{pct(pr.time_elapsed)}。")
        if pr.required_pace is not None:
            parts.append(f"其余年份需年均增长{fmt(pr.required_pace)}%方能达到目标下限。")
    elif k in ("parent_synced", "relative_to_indicator"):
        gaps = "，".join(f"{y}年{fmt(own)}%对{fmt(ref)}%（差{fmt(g)}个百分点）" for y, own, ref, g in pr.gaps)
        parts.append(f"逐年增速对比：{gaps}；年均差距{fmt(pr.midterm_value)}个百分点。")
    elif k == "parent_assigned":
        yrs = "，".join(f"{y}年完成{fmt(a)}、下达目标{fmt(t)}（{'完成' if m else '未完成'}）" for y, a, t, m in pr.yearly_met)
        parts.append(f"{yrs}。")
    elif k == "cumulative_change" and getattr(ind.target, "compounding", False):
        parts.append(f"截至{period}累计{'降低' if getattr(ind.target, 'change', '') == 'reduction' else '提高'}{fmt(pr.midterm_value)}{unit if unit != '%' else '%'}，五年目标{fmt(ind.target.point)}，按时序应达{fmt(pr.expected_value)}，时间进度{pct(pr.time_elapsed)}。")
    else:
        base = (
            ""
            if pr.baseline is None
            else f"（{pr.base_year}年基期值{fmt(pr.baseline)}{unit}）"
            if pr.baseline_year is None
            else f"（基期值缺，以{pr.baseline_year}年{fmt(pr.baseline)}{unit}为起点）"
        )
        goal = f"目标{ind.target.text}" + (f"（即{fmt(pr.target_value)}{unit}）" if k == "cumulative_change" else unit)
        parts.append(f"{period}为{fmt(pr.midterm_value)}{unit}{base}，{goal}。")
        if pr.completion is not None:
            parts.append(f"完成进度{pct(pr.completion)}，时间进度{pct(pr.time_elapsed)}，按直线路径应达{fmt(pr.expected_value)}。")
        if k in ("floor", "ceiling", "band") and pr.met_now is not None:
            parts.append("目前已达到目标要求。" if pr.met_now else "目前尚未达到目标要求。")
    if o is not None:
        parts.append(
            f"按{method_label(o.model, 'zh')}预测{pr.target_year}年{o.what}为{fmt(o.mean)}（{o.level}%区间{fmt(o.lo)}～{fmt(o.hi)}），"
            f"达到目标的概率约{pct(o.p_meet)}。"
        )
    else:
        parts.append(f"未作趋势预测（{r.no_outlook_reason or '数据不足'}），结论仅依据当前进度。")
    if pr.met_now and k in _LEVEL_KINDS:
        parts.append("目前已达到期末目标值。")
    elif pr.required_pace is not None and k in _LEVEL_KINDS and pr.recent_pace is not None:
        parts.append(f"剩余年份需年均变化{fmt(pr.required_pace)}{pr.pace_unit}，近年平均{fmt(pr.recent_pace)}{pr.pace_unit}、最好{fmt(pr.best_pace)}{pr.pace_unit}。")
    if c.capped_binding:
        parts.append("约束性指标进度落后于时间进度，结论至多为C。")
    non_blocking = [m for m in pr.missing if not m.blocking]
    if non_blocking:
        parts.append(f"尚缺{'；'.join(m.text('zh') for m in non_blocking)}，请{_departments(r, 'zh')}补充。")
    return "".join(parts)


def _en(text: str) -> str:
    """Chinese period labels from the data layer in English ("2021年" → "2021")."""
    import re

    text = re.sub(r"(\d{4})年1-(\d{1,2})月", r"\1 Jan-M\2", text)
    text = text.replace("年度计划", "the annual plan").replace("市下达", "the city")
    return re.sub(r"(\d{4})年", r"\1", text)


def _unit_en(unit: str) -> str:
    from indicator_forecast.report._labels import labels

    u = str(labels("en")["narr"]["units"].get(unit, unit))
    return u if u in ("%", "") else f" {u}"


def _reason_en(r: IndicatorResult) -> str:
    """The English reason, sentence for sentence the Chinese one (``_reason_zh``)."""
    pr, ind, o, c = r.progress, r.indicator, r.outlook, r.classification
    unit = _unit_en(ind.unit)
    parts: list[str] = []
    if c.grade == "insufficient_data":
        parts.append(f"Data to be supplied: {_en(missing_text(r, 'en'))}; to be provided by "
                     f"{_departments(r, 'en')}.")
        if pr.kind == "parent_assigned":
            parts.append("The target is set each year by the level above: the yearly assigned "
                         "targets are needed to assess it.")
        return " ".join(parts)
    k = pr.kind
    period = pr.midterm_period.label("en") if pr.midterm_period else ""
    if k == "cumulative_total":
        parts.append(f"Running total to {period}: {fmt(pr.midterm_value)}{unit}, "
                     f"{pct(pr.completion)} of the target of {fmt(pr.target_value)}{unit}; "
                     f"time elapsed {pct(pr.time_elapsed)}.")
    elif k == "annual_rate":
        parts.append(f"Average annual growth since {pr.base_year + 1}: {fmt(pr.midterm_value)}%, "
                     f"against a target of {ind.target.text}%; time elapsed "
                     f"{pct(pr.time_elapsed)}.")
        if pr.required_pace is not None:
            parts.append(f"The remaining years must average {fmt(pr.required_pace)}% a year to "
                         f"reach the lower end of the target.")
    elif k in ("parent_synced", "relative_to_indicator"):
        gaps = ", ".join(f"{y}: {fmt(own)}% against {fmt(ref)}% (gap {fmt(g)} percentage points)"
                         for y, own, ref, g in pr.gaps)  # fmt: skip
        parts.append(f"Growth year by year against the reference: {gaps}; average gap "
                     f"{fmt(pr.midterm_value)} percentage points.")
    elif k == "parent_assigned":
        yrs = ", ".join(f"{y}: {fmt(a)} against an assigned {fmt(t)} ({'met' if m else 'not met'})"
                        for y, a, t, m in pr.yearly_met)  # fmt: skip
        parts.append(f"{yrs}.")
    elif k == "cumulative_change" and getattr(ind.target, "compounding", False):
        what = "reduction" if getattr(ind.target, "change", "") == "reduction" else "rise"
        parts.append(f"Cumulative {what} to {period}: {fmt(pr.midterm_value)}%; five-year target "
                     f"{fmt(ind.target.point)}, {fmt(pr.expected_value)} due on the time schedule; "
                     f"time elapsed {pct(pr.time_elapsed)}.")
    else:
        base = (f" (base year {pr.base_year}: {fmt(pr.baseline)}{unit})"
                if pr.baseline is not None else "")  # fmt: skip
        goal = f"target {ind.target.text}" + (
            f" (that is {fmt(pr.target_value)}{unit})" if k == "cumulative_change" else unit)
        parts.append(f"{period}: {fmt(pr.midterm_value)}{unit}{base}; {goal}.")
        if pr.completion is not None:
            parts.append(f"Completion {pct(pr.completion)} against {pct(pr.time_elapsed)} of the "
                         f"time elapsed. The straight path gives {fmt(pr.expected_value)} now.")
        if k in ("floor", "ceiling", "band") and pr.met_now is not None:
            parts.append("The target is met now." if pr.met_now else "The target is not met now.")
    if o is not None:
        parts.append(
            f"{_capital(method_label(o.model, 'en'))} projects {fmt(o.mean)} in {pr.target_year} "
            f"({o.level}% interval {fmt(o.lo)} to {fmt(o.hi)}); probability of meeting the target "
            f"about {pct(o.p_meet)}."
        )
    else:
        why = r.no_outlook_reason
        parts.append("No trend projection" + (" (too little data)" if not why or any(
            "\u4e00" <= ch <= "\u9fff" for ch in why) else f" ({why})")
            + "; graded on progress alone.")  # fmt: skip
    if pr.met_now and k in _LEVEL_KINDS:
        parts.append("The end-of-period target is already reached.")
    elif pr.required_pace is not None and k in _LEVEL_KINDS and pr.recent_pace is not None:
        pu = _unit_en(pr.pace_unit.removesuffix("/年"))
        parts.append(f"The remaining years need {fmt(pr.required_pace)}{pu} a year against a "
                     f"recent average of {fmt(pr.recent_pace)} and a best of "
                     f"{fmt(pr.best_pace)}.")
    if c.capped_binding:
        parts.append("Binding indicator behind the time schedule: at best C.")
    non_blocking = [m for m in pr.missing if not m.blocking]
    if non_blocking:
        parts.append(f"Still missing: {_en('; '.join(m.text('en') for m in non_blocking))}; to be "
                     f"supplied by {_departments(r, 'en')}.")
    return " ".join(parts)


def grade_label(grade: str, lang: str = "zh") -> str:
    return (GRADE_LABELS_ZH if lang == "zh" else GRADE_LABELS_EN)[grade]
