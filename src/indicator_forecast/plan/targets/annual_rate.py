"""Average annual growth rate over the plan period ("3-5", "＞7", "5左右").

The realised compound average rate from the base year to year :math:`t` is

.. math:: \\bar r_t = \\left(\\prod_{s=b+1}^{t} (1 + r_s/100)\\right)^{1/(t-b)} - 1,

and the rate the remaining years must average to reach a target average :math:`r^*` by the
target year :math:`T` is

.. math:: r^{req} = \\left(\\frac{(1+r^*)^{T-b}}{(1+\\bar r_t)^{t-b}}\\right)^{1/(T-t)} - 1.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, Literal, cast

import numpy as np

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
from indicator_forecast.plan.targets._final import FinalVerdict, rate_verdict
from indicator_forecast.plan.targets.base import TargetBase

if TYPE_CHECKING:
    from indicator_forecast.data import Observations
    from indicator_forecast.plan import Indicator, Plan


class AnnualRateTarget(TargetBase):
    """An average annual growth rate (%), a single value, a range or an open bound.

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"annual_rate"}
        The kind's name.
    approximate : bool
        Whether the rate was written as approximate ("5左右"); default ``False``.
    """

    kind: Literal["annual_rate"] = "annual_rate"
    approximate: bool = False
    label_zh: ClassVar[str] = "年均增长率"
    label_en: ClassVar[str] = "average annual rate"
    final_rule: ClassVar[str] = "rate"
    measured_as_distance: ClassVar[bool] = False
    met_early_counts: ClassVar[bool] = False
    stays_met_if_only_rises: ClassVar[bool] = False
    judged_as_rate: ClassVar[bool] = True
    charts_planned_path: ClassVar[bool] = False

    def planned_value(self, year: float, baseline: float | None) -> float | None:
        """The planned index level at ``year`` when ``baseline`` is the base-year level.

        The path compounds at the on-track rate: ``baseline * (1 + r/100) ** (year - base_year)``.
        """
        r = self.point
        if r is None or baseline is None:
            return None
        growth: float = (1.0 + r / 100.0) ** (
            year - self.base_year
        )  # float ** float: Any in typeshed
        return baseline * growth

    def required_rate(self, realised_avg: float, years_done: float) -> float | None:
        """Average rate (%) the remaining years need so the whole period averages the target."""
        r = self.point
        remaining = self.years - years_done
        if r is None or remaining <= 0:
            return None
        total = (1 + r / 100) ** self.years
        done = (1 + realised_avg / 100) ** years_done
        return float(((total / done) ** (1 / remaining) - 1) * 100)

    def progress(
        self,
        ind: Indicator,
        obs: Observations,
        as_of: dt.date,
        *,
        plan: Plan,
        config: EvaluationConfig,
    ) -> Progress:
        """Progress as the realised compound average rate against the target rate."""
        t = self
        b, ty = t.base_year, t.target_year
        lfy = last_full_year(as_of)
        rates, notes, sources = growth_by_year(ind, obs, as_of)
        absent = [y for y in years_from(b + 1, lfy) if y not in rates]
        missing = (
            [Missing("年度增速", "yearly growth rate", fmt_years(absent), blocking=True)]
            if absent
            else []
        )
        history = tuple(sorted(rates.items()))
        plan_years = sorted(y for y in rates if b < y <= lfy)
        if absent or not plan_years:
            return Progress(
                ind.id,
                ind.kind,
                as_of,
                target_value=t.point,
                missing=tuple(missing),
                notes=tuple(notes),
                history=history,
                sources=sources,
            )
        n = len(plan_years)
        # np.prod of floats is an np.float64 (a float subclass); the stubs say floating[Any].
        realised = cast(
            float, (np.prod([1 + rates[y] / 100 for y in plan_years]) ** (1 / n) - 1) * 100
        )
        target = t.point
        completion = realised / target if target else None
        required = t.required_rate(float(realised), n) if target is not None else None
        years, values = contiguous_tail(rates)
        vals = np.array([rates[y] for y in plan_years])
        series = (
            SeriesInput(tuple(years), tuple(values), "growth_rate") if len(years) >= 2 else None
        )
        met_now = None
        if target is not None:
            met_now = (
                bool(realised >= target) if t.direction == "higher" else bool(realised <= target)
            )
        pace = None
        if target is not None and target * realised > 0:
            # A target rate of the better sign (growth of 7 %, a decline of −3 % a year) is a
            # distance: realised ÷ target; a ceiling on a rate (at most 2 % a year) the inverse.
            good_sign = (target > 0) == (t.direction == "higher")
            pace = realised / target if good_sign else target / realised
        return Progress(
            ind.id,
            ind.kind,
            as_of,
            midterm_value=float(realised),
            midterm_period=period_of(plan_years[-1]),
            time_elapsed=n / (ty - b),
            completion=completion,
            target_value=target,
            expected_value=target,
            realised_rate=float(realised),
            required_pace=required,
            recent_pace=float(vals[-3:].mean()),
            best_pace=float(vals.max()),
            pace_unit="%",
            met_now=met_now,
            missing=tuple(missing),
            notes=tuple(notes),
            series=series,
            history=history,
            sources=sources,
            pace=pace,
        )

    reason_pace_applies: ClassVar[bool] = False

    def observed_measure(self, unit: str, name: str) -> str:
        return "growth_rate"

    def asks_for(self) -> str:
        return "growth"

    def final_verdict(
        self, pr: Progress, value: float, unit: str, config: EvaluationConfig
    ) -> FinalVerdict | None:
        return rate_verdict(self, pr, value, unit, config)
