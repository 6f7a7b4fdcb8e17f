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
        base = f"（{pr.base_year}年基期值{fmt(pr.baseline)}{unit}）" if pr.baseline is not None else ""
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


def _reason_en(r: IndicatorResult) -> str:
    pr, ind, o, c = r.progress, r.indicator, r.outlook, r.classification
    if c.grade == "insufficient_data":
        return f"Data to be supplied: {missing_text(r, 'en')}; to be provided by {_departments(r, 'en')}."
    parts = []
    period = pr.midterm_period.label("en") if pr.midterm_period else ""
    if pr.midterm_value is not None:
        parts.append(f"Mid-term figure ({period}): {fmt(pr.midterm_value)} {ind.unit}; target {ind.target.text}.")
    if pr.completion is not None:
        parts.append(f"Completion {pct(pr.completion)} against {pct(pr.time_elapsed)} of the time elapsed.")
    if o is not None:
        parts.append(
            f"{_capital(method_label(o.model, 'en'))} projects {fmt(o.mean)} in {pr.target_year} ({o.level}% interval {fmt(o.lo)} to {fmt(o.hi)}); "
            f"probability of meeting the target about {pct(o.p_meet)}."
        )
    else:
        parts.append(f"No projection ({r.no_outlook_reason or 'too little data'}); graded on progress alone.")
    if pr.met_now and pr.kind in _LEVEL_KINDS:
        parts.append("The end-of-period target is already reached.")
    elif pr.required_pace is not None and pr.recent_pace is not None:
        parts.append(f"The remaining years need {fmt(pr.required_pace)} {pr.pace_unit} a year against a recent {fmt(pr.recent_pace)}.")
    if c.capped_binding:
        parts.append("Binding indicator behind schedule: at best C.")
    return " ".join(parts)


def grade_label(grade: str, lang: str = "zh") -> str:
    return (GRADE_LABELS_ZH if lang == "zh" else GRADE_LABELS_EN)[grade]
