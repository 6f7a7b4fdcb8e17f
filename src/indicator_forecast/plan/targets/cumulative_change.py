"""A bracketed five-year cumulative change ("〔13.5〕" reduction, "〔1〕" rise).

For a percentage reduction (unit %, e.g. energy use per unit of GDP) the yearly reductions
compound: the cumulative reduction after years :math:`1..t` is
:math:`1 - \\prod (1 - d_s/100)`. For a change in a level (e.g. life expectancy, 岁) the change
is :math:`x_t - x_b`. A change written in percentage points of a % level ("提高2个百分点",
``in_points``) is a change in the level too, not a compounding rate.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class CumulativeChangeTarget(TargetBase):
    """A five-year change of ``low`` (= ``high``): a ``reduction`` or an ``increase``."""

    kind: Literal["cumulative_change"] = "cumulative_change"
    change: Literal["reduction", "increase"] = "reduction"
    in_points: bool = False
    label_zh: ClassVar[str] = "五年累计变化"
    label_en: ClassVar[str] = "five-year cumulative change"

    @property
    def compounding(self) -> bool:
        """Whether yearly figures are percentage changes that compound (unit %, not points)."""
        return self.unit in ("%", "％") and not self.in_points

    def planned_value(self, year: float, baseline: float | None = None) -> float | None:
        """Planned cumulative change at ``year`` (compounding evenly for a % change)."""
        target = self.point
        if target is None:
            return None
        frac = min(max((year - self.base_year) / self.years, 0.0), 1.0)
        if self.compounding:
            remaining: float = (1 - target / 100) ** frac  # float ** float: Any in typeshed
            return (1 - remaining) * 100
        return target * frac
