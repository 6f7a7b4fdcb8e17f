"""Adjusted-target proposals with their basis (调整理由 and 测算依据), and analyst overrides.

For an indicator projected to miss (grade C or D), the proposed target is the value reached with
probability ``adjust_probability`` (70 % by default) under the projection: the
:math:`1 - q` quantile of the end-of-period distribution when higher is better, the :math:`q`
quantile when lower is better. It is rounded to the granularity in which the original target is
written (1400 → hundreds: 1187.3 → 1200; 16 → units; 1.1 → tenths), and the probability of the
rounded value is reported too. A binding (约束性) indicator is in principle not lowered: its
proposal keeps the target and says so, with the calculation beside it. When the value reached
with that probability exceeds the target by more than ``raise_margin``, raising is offered.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from indicator_forecast._format import fmt
from indicator_forecast.classify import Classification, Outlook
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.forecast.methods import method_label
from indicator_forecast.plan import Indicator
from indicator_forecast.progress import Progress


@dataclass(frozen=True)
class Adjustment:
    """A proposed target change with its reason and calculation basis."""

    indicator_id: str
    direction: str  # "lower" (下调), "raise" (上调) or "keep" (binding: not lowered)
    original_target: str
    suggested_target: str
    suggested_value: float | None
    probability: float | None
    reason_zh: str
    basis_zh: str
    reason_en: str
    basis_en: str
    binding_note: str | None = None


@dataclass(frozen=True)
class Override:
    """An analyst's decision kept beside the suggestion."""

    grade: str
    reason: str
    adjusted_target: str | None = None
    analyst: str | None = None


def granularity(text: str, value: float) -> float:
    """The step in which a target is written: 1400 → 100, 16 → 1, 1.1 → 0.1, 0.01 → 0.01."""
    nums = re.findall(r"\d+(?:\.\d+)?", text)
    s = next((n for n in nums if math.isclose(float(n), value)), nums[0] if nums else f"{value:g}")
    if "." in s:
        return 10.0 ** -len(s.split(".")[1])
    stripped = s.rstrip("0")
    zeros = len(s) - len(stripped)
    if not stripped:
        return 1.0
    # Keep at least two significant figures so that 1400 moves in hundreds, not thousands.
    return 10.0 ** min(zeros, max(len(s) - 2, 0))


def round_to(value: float, step: float) -> float:
    out = round(value / step) * step
    decimals = max(0, -int(math.floor(math.log10(step)))) if step < 1 else 0
    return round(out, decimals)


def _fmt(v: float | None) -> str:
    return fmt(v, 4) if v is not None and abs(v) < 1 else fmt(v)


def rewrite_target_text(text: str, old: float, new: float, width: float | None) -> str:
    """Write the new value the way the original is written ("累计 1400" → "累计 1200")."""
    if width:
        m = re.search(r"(\d+(?:\.\d+)?)\s*([-–—~～至到])\s*(\d+(?:\.\d+)?)", text)
        if m:
            return (
                text[: m.start()] + f"{_fmt(new)}{m.group(2)}{_fmt(new + width)}" + text[m.end() :]
            )
    m = re.search(r"\d+(?:\.\d+)?", text)
    if not m:
        return _fmt(new)
    return text[: m.start()] + _fmt(new) + text[m.end():]


def propose(
    ind: Indicator,
    progress: Progress,
    outlook: Outlook | None,
    classification: Classification,
    config: EvaluationConfig,
) -> Adjustment | None:
    """An adjustment proposal where the projection says the target will be missed or far
    exceeded."""
    t = ind.target
    if (
        outlook is None
        or t.point is None
        or ind.kind in ("parent_synced", "relative_to_indicator", "parent_assigned")
    ):
        return None
    q = config.adjust_probability
    higher = ind.direction == "higher"
    reach = outlook.quantile(1 - q) if higher else outlook.quantile(q)
    target = progress.target_value if progress.target_value is not None else t.point
    if target is None:
        return None
    lowering = classification.grade in ("C", "D")
    raising = classification.grade == "A" and (
        (higher and reach > target * (1 + config.raise_margin))
        or (not higher and reach < target * (1 - config.raise_margin))
    )
    if not (lowering or raising):
        return None
    step = granularity(t.text, t.point)
    # Nearest step, as the example asks (1187.3 → 1200); the rounded value's own
    # probability is reported beside it.
    rounded = round_to(reach, step)
    if (
        ind.kind == "cumulative_change"
        and progress.baseline is not None
        and not getattr(t, "compounding", False)
    ):
        new_point = abs(rounded - progress.baseline)
    else:
        new_point = rounded
    p_new = outlook.prob_at_least(rounded) if higher else 1 - outlook.prob_at_least(rounded)
    width = (
        (t.high - t.low) if (t.low is not None and t.high is not None and t.high != t.low) else None
    )
    new_text = rewrite_target_text(t.text, t.point, new_point, width)
    if new_point == t.point or new_text == t.text:
        # Rounding brought the reachable value back to the target itself ("由“>84”调整为“>84”"):
        # there is nothing to propose, and the grade's reason carries the explanation.
        return None
    what = outlook.what
    basis_zh = (
        f"以{method_label(outlook.model, 'zh')}预测{t.target_year}年{what}："
        f"均值{_fmt(outlook.mean)}，{outlook.level}%区间"
        f"[{_fmt(outlook.lo)}, "
        f"{_fmt(outlook.hi)}]；按{int(q * 100)}%的达成概率取分位数得{_fmt(reach)}，"
        f"按原目标的书写精度（{_fmt(step)}）取整为{_fmt(rounded)}，达到该值的概率为{p_new:.0%}；"
        f"原目标{_fmt(target)}的达成概率为{(outlook.p_meet or 0):.0%}。"
    )
    basis_en = (
        f"Projection by {method_label(outlook.model, 'en')} of the {t.target_year} {what}: "
        f"mean {_fmt(outlook.mean)}, "
        f"{outlook.level}% interval "
        f"[{_fmt(outlook.lo)}, {_fmt(outlook.hi)}]; the value reached with {q:.0%} probability is "
        f"{_fmt(reach)}, "
        f"rounded to the target's precision ({_fmt(step)}) as {_fmt(rounded)} (probability "
        f"{p_new:.0%}); "
        f"the original target {_fmt(target)} has probability {(outlook.p_meet or 0):.0%}."
    )
    if raising:
        return Adjustment(
            ind.id,
            "raise",
            t.text,
            new_text,
            new_point,
            p_new,
            f"预计期末将大幅超过原目标（达到{_fmt(rounded)}的概率为{p_new:.0%}），可考虑上调目标。",
            basis_zh,
            f"Projected to exceed the target by far ({_fmt(rounded)} reached with probability "
            f"{p_new:.0%}); raising it may be considered.",
            basis_en,
        )
    reason_zh = (
        f"按当前趋势，{t.target_year}年达到原目标的概率仅为{(outlook.p_meet or 0):.0%}，"
        f"剩余年份需年均变化{_fmt(progress.required_pace)}{progress.pace_unit}，"
        f"近年平均为{_fmt(progress.recent_pace)}{progress.pace_unit}。"
    )
    reason_en = (
        f"On the current trend the target is met with probability {(outlook.p_meet or 0):.0%}; the "
        f"remaining years would need "
        f"{_fmt(progress.required_pace)} {progress.pace_unit} a year against a recent "
        f"average of {_fmt(progress.recent_pace)}."
    )
    if ind.binding:
        note = "约束性指标原则上不下调，建议维持原目标并加大推进力度；测算值仅供参考。"
        return Adjustment(
            ind.id,
            "keep",
            t.text,
            f"维持{t.text}",
            None,
            outlook.p_meet,
            reason_zh,
            basis_zh,
            reason_en,
            basis_en
            + " Binding targets are in principle not lowered; the figure is for reference.",
            binding_note=note,
        )
    return Adjustment(
        ind.id,
        "lower",
        t.text,
        new_text,
        new_point,
        p_new,
        reason_zh,
        basis_zh,
        reason_en,
        basis_en,
    )
