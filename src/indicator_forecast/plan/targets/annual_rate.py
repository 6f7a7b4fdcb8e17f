"""Average annual growth rate over the plan period ("3-5", "＞7", "5左右").

The realised compound average rate from the base year to year :math:`t` is

.. math:: \\bar r_t = \\left(\\prod_{s=b+1}^{t} (1 + r_s/100)\\right)^{1/(t-b)} - 1,

and the rate the remaining years must average to reach a target average :math:`r^*` by the
target year :math:`T` is

.. math:: r^{req} = \\left(\\frac{(1+r^*)^{T-b}}{(1+\\bar r_t)^{t-b}}\\right)^{1/(T-t)} - 1.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class AnnualRateTarget(TargetBase):
    """An average annual growth rate (%), a single value, a range or an open bound."""

    kind: Literal["annual_rate"] = "annual_rate"
    approximate: bool = False
    label_zh: ClassVar[str] = "年均增长率"
    label_en: ClassVar[str] = "average annual rate"
    final_rule: ClassVar[str] = "rate"

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
