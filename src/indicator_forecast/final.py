"""The final evaluation (总结评估): a status for each indicator from its target-year figure.

At the end of the plan period each indicator is judged on its actual figure, with no projection,
on the scale evaluation reports use:

* ``exceeded`` 超额完成 — the target met and a task completed to at least ``final_exceed_share``
  (110 % by default) of it, a rate at least that share of the target rate, or a band or range
  passed on its good side;
* ``completed`` 完成 — the target met;
* ``basic`` 基本完成 — not met, but short by at most ``final_basic_tolerance`` (5 %) of the task or
  the rate, by at most ``final_threshold_tolerance`` (2 %) of a floor's, ceiling's or band edge's
  value, by at most ``final_gap_tolerance`` (0.5 points) of an average gap, or (a target set by
  the parent each year) with at least ``final_years_share`` (80 %) of the years met, the last one
  among them;
* ``not_completed`` 未完成 — otherwise;
* ``insufficient_data`` 数据待补充 — the figures needed are missing.

Which rule applies is the target kind's own (its ``final_rule``). Where the target-year figure is
missing but can be projected from the years before, the status is computed on the projection and
marked provisional (暂定); where the figure is a preliminary estimate (初步核算, 快报) the status
says so. Every status carries the numbers behind it and its reason in Chinese and English.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from indicator_forecast import _format as F  # noqa: N812
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan import Indicator
from indicator_forecast.plan.targets import BandTarget, DirectionTarget
from indicator_forecast.plan.targets._gap import GapTarget
from indicator_forecast.progress import Progress

FINAL_CODES = ("exceeded", "completed", "basic", "not_completed")
FINAL_LABELS_ZH = {
    "exceeded": "超额完成",
    "completed": "完成",
    "basic": "基本完成",
    "not_completed": "未完成",
}
FINAL_LABELS_EN = {
    "exceeded": "exceeded",
    "completed": "completed",
    "basic": "basically completed",
    "not_completed": "not completed",
}
"""The final statuses' names; ``insufficient_data`` is named once, with the grades, in
:mod:`indicator_forecast.report._labels` (which merges these in)."""
PRELIMINARY_MARKS = ("初步", "快报", "预计", "preliminary", "estimate")
"""Words in an observation's note that mark a figure as not yet final."""


@dataclass(frozen=True)
class FinalStatus:
    """The final-evaluation status of one indicator and the numbers behind it.

    Parameters
    ----------
    code : str
        One of :data:`FINAL_CODES`.
    rule : str
        The final rule of the target kind (``task``, ``threshold``, ``band``, ``rate``, ``gap``,
        ``years``, ``direction``).
    value : float or None
        The end-of-period figure in the kind's terms (a level, a five-year total, an average rate,
        a cumulative change, an average gap, the share of years met).
    target, baseline : float or None
        The number judged against, and the base-year figure.
    share : float or None
        The share of the task completed (``task``), or realised ÷ target rate (``rate``).
    provisional : bool
        The target-year figure is missing and ``value`` is a projection (暂定).
    preliminary : bool
        The target-year figure is a preliminary estimate (初步核算).
    p_meet : float or None
        For a provisional status, the probability of meeting the target.
    reason_zh, reason_en : str
        The reason, with its numbers.
    """

    code: str
    rule: str
    value: float | None
    target: float | None
    baseline: float | None
    share: float | None
    provisional: bool
    preliminary: bool
    p_meet: float | None
    reason_zh: str
    reason_en: str

    def label(self, lang: str = "zh") -> str:
        from indicator_forecast.report._labels import grade_label

        text = grade_label(self.code, lang)
        if self.provisional:
            return f"{text}（暂定）" if lang == "zh" else f"{text} (provisional)"
        return text

    def reason(self, lang: str = "zh") -> str:
        return self.reason_zh if lang == "zh" else self.reason_en


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def _task_share(ind: Indicator, pr: Progress, value: float) -> float | None:
    """Share of the task completed at ``value``: a total or change ÷ its target, else the share
    of the distance from the base figure to the target (``None`` when the target was already met
    at the base year: there was no distance to cover)."""
    target = pr.target_value
    if target is None:
        return None
    if ind.target.amount_over_period and pr.baseline is None:
        return value / target if target else None
    base = pr.baseline
    if base is None:
        return None
    distance = target - base
    if (distance > 0 and ind.direction == "higher") or (distance < 0 and ind.direction == "lower"):
        return (value - base) / distance
    return None


def _meets(higher: bool, value: float, bound: float) -> bool:
    return value >= bound if higher else value <= bound


def _relative_miss(higher: bool, value: float, bound: float) -> float:
    """How far ``value`` falls short of ``bound``, as a share of the bound's size."""
    miss = bound - value if higher else value - bound
    return miss / abs(bound) if bound else math.inf


def _edge_miss(
    higher: bool, v: float, edge: float, config: EvaluationConfig
) -> tuple[str, float, str, str]:
    """A floor, ceiling or band edge missed: its status, the miss as a share of the edge, and
    the closing clause of the reason (zh, en) that says whether it is within the tolerance."""
    miss = _relative_miss(higher, v, edge)
    tol = config.final_threshold_tolerance
    if miss <= tol:
        return "basic", miss, f"，在{tol:.0%}以内）", f", within {tol:.0%})"
    return "not_completed", miss, "）", ")"


def final_status(
    ind: Indicator,
    pr: Progress,
    config: EvaluationConfig,
    *,
    value: float | None = None,
    provisional: bool = False,
    preliminary: bool = False,
    p_meet: float | None = None,
) -> FinalStatus:
    """Judge ``ind`` on its end-of-period figure (``value``, default ``pr.midterm_value``).

    Parameters
    ----------
    ind : Indicator
        The indicator; its target's ``final_rule`` says which rule applies.
    pr : Progress
        Its progress at the end of the plan period (the target year's figure in hand, unless
        ``provisional``).
    config : EvaluationConfig
        The tolerances ``final_*``.
    value : float, optional
        The end-of-period figure in the kind's terms; a projection when ``provisional``.
    provisional, preliminary : bool
        Whether ``value`` is projected, or a preliminary estimate.
    p_meet : float, optional
        P(meeting the target) for a provisional status.

    Returns
    -------
    FinalStatus
    """
    t = ind.target
    rule = t.final_rule
    v = pr.midterm_value if value is None else value
    higher = ind.direction == "higher"
    u = ind.unit or ""
    ty = t.target_year
    if v is None:
        return FinalStatus("insufficient_data", rule, None, pr.target_value, pr.baseline, None,
                           provisional, preliminary, p_meet, "期末数据待补充",
                           "the end-of-period figure is to be supplied")
    code, share = "not_completed", None
    zh: str
    en: str
    target = pr.target_value
    du = "个百分点" if u == "%" else u
    du_en = "points" if u == "%" else u
    if t.amount_over_period:
        when_zh, when_en = f"{t.base_year + 1}—{ty}年累计", f"{t.base_year + 1}–{ty} in total:"
    else:
        when_zh, when_en = f"{ty}年为", f"{ty}:"
    if rule == "task" and target is not None:
        share = _task_share(ind, pr, v)
        met = _meets(higher, v, target)
        what_zh = f"{when_zh}{F.fmt(v)}{u}，规划目标“{t.text}”"
        what_en = f"{when_en} {F.fmt(v)} {u} against the target {t.text!r}"
        if F.fmt(target) not in t.text:
            what_zh += f"（{F.fmt(target)}{u}）"
            what_en += f" ({F.fmt(target)} {u})"
        if share is not None:
            what_zh += f"，完成目标任务的{_pct(share)}"
            what_en += f", {_pct(share)} of the task"
        if met and share is not None and share >= config.final_exceed_share:
            code = "exceeded"
        elif met:
            code = "completed"
        elif share is not None and share >= 1 - config.final_basic_tolerance:
            code = "basic"
        elif (
            share is None
            and _relative_miss(higher, v, target) <= config.final_threshold_tolerance
        ):
            code = "basic"
        zh, en = what_zh, what_en
        if code == "basic":
            zh += f"，差距在{config.final_basic_tolerance:.0%}以内"
            en += f", short by no more than {config.final_basic_tolerance:.0%}"
        elif code == "exceeded":
            zh += f"，超过{config.final_exceed_share:.0%}"
            en += f", at least {config.final_exceed_share:.0%}"
    elif rule == "threshold" and target is not None:
        if _meets(higher, v, target):
            code = "completed"
            zh = f"{ty}年为{F.fmt(v)}{u}，{'不低于' if higher else '不高于'}目标“{t.text}”"
            en = f"{ty}: {F.fmt(v)} {u}, {'not below' if higher else 'not above'} {t.text!r}"
        else:
            code, miss, end_zh, end_en = _edge_miss(higher, v, target, config)
            gap = abs(v - target)
            zh = (
                f"{ty}年为{F.fmt(v)}{u}，{'低于' if higher else '高于'}目标“{t.text}”"
                f"{F.fmt(gap)}{du}（目标值的{_pct(miss)}{end_zh}"
            )
            en = (
                f"{ty}: {F.fmt(v)} {u}, {F.fmt(gap)} {du_en} {'below' if higher else 'above'} "
                f"{t.text!r} ({_pct(miss)} of it{end_en}"
            )
    elif rule == "band" and isinstance(t, BandTarget) and t.band_low is not None:
        lo, hi = t.band_low, t.band_high
        assert hi is not None
        target = lo if higher else hi
        band = f"{F.fmt(lo)}～{F.fmt(hi)}{u}"
        if lo <= v <= hi:
            code = "completed"
            zh = f"{ty}年为{F.fmt(v)}{u}，在目标“{t.text}”的区间{band}内"
            en = f"{F.fmt(v)} {u} in {ty}, inside the band {band} of {t.text}"
        elif (v > hi) if higher else (v < lo):
            code = "exceeded"
            zh = f"{ty}年为{F.fmt(v)}{u}，好于目标“{t.text}”的区间{band}"
            en = f"{F.fmt(v)} {u} in {ty}, better than the band {band} of {t.text}"
        else:
            code, miss, end_zh, end_en = _edge_miss(higher, v, target, config)
            zh = (
                f"{ty}年为{F.fmt(v)}{u}，未达到目标“{t.text}”的区间{band}，"
                f"距区间边界{F.fmt(abs(v - target))}{du}（{_pct(miss)}{end_zh}"
            )
            en = (
                f"{F.fmt(v)} {u} in {ty}, outside the band {band} of {t.text} by "
                f"{F.fmt(abs(v - target))} {du_en} ({_pct(miss)} of its edge{end_en}"
            )
    elif rule == "rate" and target is not None:
        far = t.stretch
        share = v / target if target else None
        met = _meets(higher, v, target)
        ranged = t.low is not None and t.high is not None and t.low != t.high
        # A target rate of the better sign (growth of 7 %, a decline of −3 % a year) is a task
        # whose share can exceed it; a ceiling on a rate is only kept or missed.
        good_sign = (target > 0) == higher
        if met and (
            (ranged and far is not None and ((v > far) if higher else (v < far)))
            or (not ranged and good_sign and share is not None
                and share >= config.final_exceed_share)
        ):
            code = "exceeded"
        elif met:
            code = "completed"
        elif _relative_miss(higher, v, target) <= config.final_basic_tolerance:
            code = "basic"
        zh = f"{t.base_year + 1}—{ty}年年均增长{F.fmt(v)}%，目标“{t.text}”"
        en = f"average growth {F.fmt(v)}% a year {t.base_year + 1}–{ty} against {t.text!r}"
        if share is not None and code != "completed":
            zh += f"，为目标{'下限' if ranged else ''}{F.fmt(target)}%的{_pct(share)}"
            en += f", {_pct(share)} of {F.fmt(target)}%"
    elif rule == "gap" and isinstance(t, GapTarget):
        met = t.is_met_gap(v)
        bound = 0.0 if t.relation == "above" else -t.tolerance
        code = (
            "completed"
            if met
            else ("basic" if v >= bound - config.final_gap_tolerance else "not_completed")
        )
        target = bound
        zh = f"规划期年均增速与参照增速之差为{F.fmt(v)}个百分点"
        en = f"the average growth gap over the period is {F.fmt(v)} points"
        if code == "basic":
            zh += f"，差距在{F.fmt(config.final_gap_tolerance)}个百分点以内"
            en += f", within {F.fmt(config.final_gap_tolerance)} points"
    elif rule == "years" and pr.yearly_met:
        met_years = [y for y, _, _, m in pr.yearly_met if m]
        n = len(pr.yearly_met)
        share = len(met_years) / n
        v = share
        last_met = pr.yearly_met[-1][3]
        if share == 1:
            code = "completed"
        elif share >= config.final_years_share and last_met:
            code = "basic"
        missed = [f"{y}年" for y, _, _, m in pr.yearly_met if not m]
        zh = f"{n}个年度中{len(met_years)}个完成上级下达目标"
        en = f"the assigned target met in {len(met_years)} of {n} years"
        if missed:
            zh += f"（{'、'.join(missed)}未完成）"
            en += f" (missed: {', '.join(m.rstrip('年') for m in missed)})"
    elif rule == "direction" and isinstance(t, DirectionTarget):
        start = pr.baseline if pr.baseline is not None else (
            pr.history[0][1] if pr.history else None
        )
        if start is None:
            return FinalStatus("insufficient_data", rule, v, None, None, None, provisional,
                               preliminary, p_meet, "基期值待补充", "the base figure is missing")
        code = "completed" if t.is_met_direction(start, v) else "not_completed"
        zh = f"由{F.fmt(start)}{u}变为{ty}年的{F.fmt(v)}{u}，目标“{t.text}”"
        en = f"from {F.fmt(start)} to {F.fmt(v)} {u} in {ty}, against {t.text!r}"
        target = start
    else:
        return FinalStatus("insufficient_data", rule, v, target, pr.baseline, None, provisional,
                           preliminary, p_meet, "缺少判断完成情况所需的目标值或数据",
                           "the figures needed to judge completion are missing")
    label_zh, label_en = FINAL_LABELS_ZH[code], FINAL_LABELS_EN[code]
    zh = f"{zh}，{label_zh}"
    en = f"{en}: {label_en}"
    if preliminary:
        zh += f"（{ty}年数据为初步核算数，以最终核实数为准）"
        en += f" ({ty} figure preliminary, pending the final one)"
    if provisional and pr.estimated_years:
        years_zh = "、".join(f"{y}年" for y in pr.estimated_years)
        zh = f"{years_zh}数据尚缺，暂按相邻年份估算（暂定）：{zh}"
        en = (
            f"{', '.join(str(y) for y in pr.estimated_years)} still missing, estimated from the "
            f"neighbouring years (provisional): {en}"
        )
    elif provisional:
        pm_zh = f"，完成目标的概率{p_meet:.0%}" if p_meet is not None else ""
        pm_en = f", P(meet) {p_meet:.0%}" if p_meet is not None else ""
        zh = f"{ty}年数据尚缺，按预测值判断（暂定{pm_zh}）：{zh}"
        en = f"{ty} figure still missing, judged on the projection (provisional{pm_en}): {en}"
    return FinalStatus(code, rule, v, target, pr.baseline, share, provisional, preliminary,
                       p_meet, zh + "。", en + ".")


__all__ = ["FINAL_CODES", "FINAL_LABELS_EN", "FINAL_LABELS_ZH", "FinalStatus", "final_status"]
