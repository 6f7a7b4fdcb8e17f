"""Five-year cumulative total of new additions ("累计 1400", "累计 10-20", "新增…50").

Progress is the running total since the base year divided by the target, against the share of
the period elapsed; the planned running total at time :math:`t` is
:math:`X^* (t - b)/(T - b)` (the 时序进度 rule: 20/40/60/80/100 %).
A range's lower end is on track, its upper end ahead.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class CumulativeTotalTarget(TargetBase):
    """A total of new amounts over the plan period (value or range)."""

    kind: Literal["cumulative_total"] = "cumulative_total"
    implied: bool = False
    label_zh: ClassVar[str] = "五年累计"
    label_en: ClassVar[str] = "five-year cumulative total"

    def planned_value(self, year: float, baseline: float | None = None) -> float | None:
        """Planned running total at ``year`` (fractional years allowed, e.g. 2022.5)."""
        target = self.point
        if target is None:
            return None
        frac = min(max((year - self.base_year) / self.years, 0.0), 1.0)
        return target * frac
