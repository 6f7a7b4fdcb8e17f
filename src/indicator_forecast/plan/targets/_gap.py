"""Shared base of the kinds judged by a growth gap (to the parent, or to another indicator)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np

from indicator_forecast import _format as F  # noqa: N812
from indicator_forecast._progress_kit import (
    Missing,
    Progress,
    SeriesInput,
    contiguous_tail,
    fmt_years,
    growth_by_year,
    last_full_year,
    period_of,
    years_from,
)
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets._final import FinalVerdict
from indicator_forecast.plan.targets.base import TargetBase

if TYPE_CHECKING:
    from indicator_forecast.data import Observations
    from indicator_forecast.plan import Indicator, Plan

ReferenceGrowth = tuple[dict[int, float], list[str], tuple[str, ...], str, str]
"""(yearly growth rates, notes, sources, what it is in Chinese, in English)."""


class GapTarget(TargetBase):
    """A target met by the average gap between own growth and a reference growth.

    ``relation`` ``"above"``: met when the average gap is above zero; ``"in_step"``: when it is not
    below ``-tolerance`` percentage points. No number of its own.
    """

    relation: Literal["in_step", "above"] = "in_step"
    tolerance: float = 0.0
    has_numbers: ClassVar[bool] = False
    final_rule: ClassVar[str] = "gap"
    measured_as_distance: ClassVar[bool] = False
    met_early_counts: ClassVar[bool] = False
    stays_met_if_only_rises: ClassVar[bool] = False
    judged_by_gap: ClassVar[bool] = True
    charts_planned_path: ClassVar[bool] = False

    def is_met_gap(self, average_gap: float) -> bool:
        """Whether an average gap (own growth − reference growth, points) meets the relation."""
        if self.relation == "above":
            return average_gap > 0
        return average_gap >= -self.tolerance

    def is_met(self, value: float) -> bool | None:
        return None

    def outlook_bounds(self, target_value: float | None) -> tuple[float, float | None, bool] | None:
        # The projected quantity is the average gap; "above" asks for a gap above zero.
        return (1e-9 if self.relation == "above" else -self.tolerance), None, True

    def chart_targets(self, target_value: float | None) -> dict[str, float]:
        return {"target_low": 0.0 if self.relation == "above" else -float(self.tolerance)}

    def reference_growth(
        self, ind: Indicator, obs: Observations, as_of: dt.date, plan: Plan
    ) -> ReferenceGrowth:
        """The reference's yearly growth rates, with notes, sources and what it is in words."""
        raise NotImplementedError(f"{type(self).__name__} must say what its reference is.")

    def progress(
        self,
        ind: Indicator,
        obs: Observations,
        as_of: dt.date,
        *,
        plan: Plan,
        config: EvaluationConfig,
    ) -> Progress:
        """Progress as the gap between own yearly growth and the reference growth."""
        t = self
        b, ty = t.base_year, t.target_year
        lfy = last_full_year(as_of)
        own, notes, sources = growth_by_year(ind, obs, as_of)
        missing: list[Missing] = []
        ref, rnotes, rsources, ref_label_zh, ref_label_en = self.reference_growth(
            ind, obs, as_of, plan
        )
        years_needed = years_from(b + 1, lfy)
        own_absent = [y for y in years_needed if y not in own]
        ref_absent = [y for y in years_needed if y not in ref]
        if own_absent:
            missing.append(
                Missing(
                    "本级年度增速", "own yearly growth rate", fmt_years(own_absent), blocking=True
                )
            )
        if ref_absent:
            missing.append(
                Missing(ref_label_zh, ref_label_en, fmt_years(ref_absent), blocking=True)
            )
        both = [y for y in sorted(set(own) & set(ref)) if b < y <= lfy]
        gaps = tuple((y, own[y], ref[y], own[y] - ref[y]) for y in both)
        history = tuple(sorted(own.items()))
        if own_absent or ref_absent or not both:
            return Progress(
                ind.id,
                ind.kind,
                as_of,
                missing=tuple(missing),
                notes=tuple(notes + rnotes),
                gaps=gaps,
                history=history,
                sources=sources + rsources,
            )
        avg_gap = float(np.mean([g[3] for g in gaps]))
        met_now = t.is_met_gap(avg_gap)
        # All years with both figures (before the plan too) describe how the gap behaves.
        all_both = sorted(set(own) & set(ref))
        gy, gv = contiguous_tail({y: own[y] - ref[y] for y in all_both})
        series = (
            SeriesInput(
                tuple(gy),
                tuple(gv),
                "flow",
                transform="gap_average",
                observed_total=float(sum(g[3] for g in gaps)),
            )
            if len(gy) >= 2
            else None
        )
        return Progress(
            ind.id,
            ind.kind,
            as_of,
            midterm_value=avg_gap,
            midterm_period=period_of(both[-1]),
            time_elapsed=len(both) / (ty - b),
            met_now=met_now,
            gaps=gaps,
            missing=tuple(missing),
            notes=tuple(notes + rnotes),
            series=series,
            history=history,
            sources=sources + rsources,
            pace_unit="百分点",
        )

    reason_pace_applies: ClassVar[bool] = False
    proposes_adjustment: ClassVar[bool] = False
    chart_row_bounds: ClassVar[bool] = False
    chart_target_style: ClassVar[str] = "zero_gap"

    def observed_measure(self, unit: str, name: str) -> str:
        return "growth_rate"

    def asks_for(self) -> str:
        return "growth"

    def final_verdict(
        self, pr: Progress, value: float, unit: str, config: EvaluationConfig
    ) -> FinalVerdict | None:
        """The average gap over the period: met, or short by at most the gap tolerance."""
        v = value
        met = self.is_met_gap(v)
        bound = 0.0 if self.relation == "above" else -self.tolerance
        code = (
            "completed"
            if met
            else ("basic" if v >= bound - config.final_gap_tolerance else "not_completed")
        )
        zh = f"规划期年均增速与参照增速之差为{F.fmt(v)}个百分点"
        en = f"the average growth gap over the period is {F.fmt(v)} points"
        if code == "basic":
            zh += f"，差距在{F.fmt(config.final_gap_tolerance)}个百分点以内"
            en += f", within {F.fmt(config.final_gap_tolerance)} points"
        return FinalVerdict(code, v, bound, None, zh, en)
