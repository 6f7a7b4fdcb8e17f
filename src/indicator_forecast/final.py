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

Each target kind judges its figure by its own rule (its ``final_verdict``, named by its
``final_rule``). Where the target-year figure is
missing but can be projected from the years before, the status is computed on the projection and
marked provisional (暂定); where the figure is a preliminary estimate (初步核算, 快报) the status
says so. Every status carries the numbers behind it and its reason in Chinese and English.
"""

from __future__ import annotations

from dataclasses import dataclass

from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan import Indicator
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
    ty = t.target_year
    if v is None:
        return FinalStatus("insufficient_data", rule, None, pr.target_value, pr.baseline, None,
                           provisional, preliminary, p_meet, "期末数据待补充",
                           "the end-of-period figure is to be supplied")
    verdict = t.final_verdict(pr, v, ind.unit or "", config)
    if verdict is None:
        return FinalStatus("insufficient_data", rule, v, pr.target_value, pr.baseline, None,
                           provisional, preliminary, p_meet, "缺少判断完成情况所需的目标值或数据",
                           "the figures needed to judge completion are missing")
    if verdict.code == "insufficient_data":
        return FinalStatus(verdict.code, rule, verdict.value, verdict.target, pr.baseline,
                           verdict.share, provisional, preliminary, p_meet, verdict.reason_zh,
                           verdict.reason_en)
    code, v, target, share = verdict.code, verdict.value, verdict.target, verdict.share
    zh, en = verdict.reason_zh, verdict.reason_en
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
