"""The final-evaluation (总结评估) rules the kinds share, and what a rule returns.

A kind's :meth:`~indicator_forecast.plan.targets.base.TargetBase.final_verdict` judges the
end-of-period figure: a task completed to a share of it (the default, :func:`task_verdict`), a
floor or ceiling kept (:func:`threshold_verdict`), an average rate against the target rate
(:func:`rate_verdict`); a band, a gap, yearly assigned figures and a direction have their rule
in their own module. :func:`indicator_forecast.final.final_status` adds the status name, the
preliminary and provisional notes, and the record.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from indicator_forecast import _format as F  # noqa: N812
from indicator_forecast._progress_kit import Progress
from indicator_forecast.config import EvaluationConfig

if TYPE_CHECKING:
    from indicator_forecast.plan.targets.base import TargetBase


@dataclass(frozen=True)
class FinalVerdict:
    """What a kind's final rule found.

    Parameters
    ----------
    code : str
        ``exceeded``, ``completed``, ``basic``, ``not_completed``, or ``insufficient_data``
        (a figure the rule needs is missing; the reason then says which, as it is).
    value : float or None
        The figure judged (the share of years met for yearly assigned figures).
    target : float or None
        The number judged against.
    share : float or None
        The share of the task completed, or realised ÷ target rate.
    reason_zh, reason_en : str
        The reason with its numbers, without the status name.
    """

    code: str
    value: float | None
    target: float | None
    share: float | None
    reason_zh: str
    reason_en: str


def pct(x: float) -> str:
    """A share as a percentage with one decimal ("104.2%")."""
    return f"{x * 100:.1f}%"


def meets(higher: bool, value: float, bound: float) -> bool:
    """Whether ``value`` is on the good side of ``bound`` (or on it)."""
    return value >= bound if higher else value <= bound


def relative_miss(higher: bool, value: float, bound: float) -> float:
    """How far ``value`` falls short of ``bound``, as a share of the bound's size."""
    miss = bound - value if higher else value - bound
    return miss / abs(bound) if bound else math.inf


def edge_miss(
    higher: bool, v: float, edge: float, config: EvaluationConfig
) -> tuple[str, float, str, str]:
    """A floor, ceiling or band edge missed: its status, the miss as a share of the edge, and
    the closing clause of the reason (zh, en) that says whether it is within the tolerance."""
    miss = relative_miss(higher, v, edge)
    tol = config.final_threshold_tolerance
    if miss <= tol:
        return "basic", miss, f"，在{tol:.0%}以内）", f", within {tol:.0%})"
    return "not_completed", miss, "）", ")"


def points(unit: str) -> tuple[str, str]:
    """The unit of a difference (zh, en): percentage points for a figure in %."""
    return ("个百分点", "points") if unit == "%" else (unit, unit)


def task_share(t: TargetBase, pr: Progress, value: float) -> float | None:
    """Share of the task completed at ``value``: a total or change ÷ its target, else the share
    of the distance from the base figure to the target (``None`` when the target was already met
    at the base year: there was no distance to cover)."""
    target = pr.target_value
    if target is None:
        return None
    if t.amount_over_period and pr.baseline is None:
        return value / target if target else None
    base = pr.baseline
    if base is None:
        return None
    distance = target - base
    if (distance > 0 and t.direction == "higher") or (distance < 0 and t.direction == "lower"):
        return (value - base) / distance
    return None


def task_verdict(
    t: TargetBase, pr: Progress, v: float, u: str, config: EvaluationConfig
) -> FinalVerdict | None:
    """A task: met, and completed to a share of the distance or the total."""
    target = pr.target_value
    if target is None:
        return None
    higher = t.direction == "higher"
    ty = t.target_year
    if t.amount_over_period:
        when_zh, when_en = f"{t.base_year + 1}—{ty}年累计", f"{t.base_year + 1}–{ty} in total:"
    else:
        when_zh, when_en = f"{ty}年为", f"{ty}:"
    code = "not_completed"
    share = task_share(t, pr, v)
    met = meets(higher, v, target)
    zh = f"{when_zh}{F.fmt(v)}{u}，规划目标“{t.text}”"
    en = f"{when_en} {F.fmt(v)} {u} against the target {t.text!r}"
    if F.fmt(target) not in t.text:
        zh += f"（{F.fmt(target)}{u}）"
        en += f" ({F.fmt(target)} {u})"
    if share is not None:
        zh += f"，完成目标任务的{pct(share)}"
        en += f", {pct(share)} of the task"
        if pr.baseline_year is not None and pr.baseline is not None:
            # The share is measured from a later year's figure: say so, as the mid-term does.
            b = F.fmt(pr.baseline)
            zh += f"（基期值缺，以{pr.baseline_year}年{b}{u}为起点）"
            en += f" (base value missing; measured from the {pr.baseline_year} value {b} {u})"
        link = pr.basis
        start = pr.baseline_year if pr.baseline_year is not None else pr.base_year
        if link is not None and pr.baseline is not None and link.basis_at(start) != link.latest:
            # e.g. a base on the pre-census basis and a census-basis end figure: the share
            # includes the revision, which the reader must be told
            zh += f"（基期值与{ty}年数值统计口径不同，完成程度含口径调整影响）"
            en += (f" (the base-year and {ty} figures are on different statistical bases: the "
                   "share includes the change of basis)")
    if met and share is not None and share >= config.final_exceed_share:
        code = "exceeded"
    elif met:
        code = "completed"
    elif share is not None and share >= 1 - config.final_basic_tolerance:
        code = "basic"
    elif share is None and relative_miss(higher, v, target) <= config.final_threshold_tolerance:
        code = "basic"
    if code == "basic":
        zh += f"，差距在{config.final_basic_tolerance:.0%}以内"
        en += f", short by no more than {config.final_basic_tolerance:.0%}"
    elif code == "exceeded":
        zh += f"，超过{config.final_exceed_share:.0%}"
        en += f", at least {config.final_exceed_share:.0%}"
    return FinalVerdict(code, v, target, share, zh, en)


def threshold_verdict(
    t: TargetBase, pr: Progress, v: float, u: str, config: EvaluationConfig
) -> FinalVerdict | None:
    """A floor or a ceiling: kept, or missed by a share of its value."""
    target = pr.target_value
    if target is None:
        return None
    higher = t.direction == "higher"
    ty = t.target_year
    if meets(higher, v, target):
        code = "completed"
        zh = f"{ty}年为{F.fmt(v)}{u}，{'不低于' if higher else '不高于'}目标“{t.text}”"
        en = f"{ty}: {F.fmt(v)} {u}, {'not below' if higher else 'not above'} {t.text!r}"
    else:
        code, miss, end_zh, end_en = edge_miss(higher, v, target, config)
        gap = abs(v - target)
        du, du_en = points(u)
        zh = (
            f"{ty}年为{F.fmt(v)}{u}，{'低于' if higher else '高于'}目标“{t.text}”"
            f"{F.fmt(gap)}{du}（目标值的{pct(miss)}{end_zh}"
        )
        en = (
            f"{ty}: {F.fmt(v)} {u}, {F.fmt(gap)} {du_en} {'below' if higher else 'above'} "
            f"{t.text!r} ({pct(miss)} of it{end_en}"
        )
    return FinalVerdict(code, v, target, None, zh, en)


def rate_verdict(
    t: TargetBase, pr: Progress, v: float, u: str, config: EvaluationConfig
) -> FinalVerdict | None:
    """An average annual rate against the target rate."""
    target = pr.target_value
    if target is None:
        return None
    higher = t.direction == "higher"
    ty = t.target_year
    code = "not_completed"
    far = t.stretch
    share = v / target if target else None
    met = meets(higher, v, target)
    ranged = t.low is not None and t.high is not None and t.low != t.high
    # A target rate of the better sign (growth of 7 %, a decline of −3 % a year) is a task
    # whose share can exceed it; a ceiling on a rate is only kept or missed.
    good_sign = (target > 0) == higher
    if met and (
        (ranged and far is not None and ((v > far) if higher else (v < far)))
        or (not ranged and good_sign and share is not None
            and share >= config.final_exceed_share)
    ):  # fmt: skip
        code = "exceeded"
    elif met:
        code = "completed"
    elif relative_miss(higher, v, target) <= config.final_basic_tolerance:
        code = "basic"
    zh = f"{t.base_year + 1}—{ty}年年均增长{F.fmt(v)}%，目标“{t.text}”"
    en = f"average growth {F.fmt(v)}% a year {t.base_year + 1}–{ty} against {t.text!r}"
    if share is not None and code != "completed":
        zh += f"，为目标{'下限' if ranged else ''}{F.fmt(target)}%的{pct(share)}"
        en += f", {pct(share)} of {F.fmt(target)}%"
    return FinalVerdict(code, v, target, share, zh, en)
