"""A qualitative direction target ("持续下降", "稳步提高", "逐年改善", "保持稳定").

The plan gives no number: the target is met when the indicator keeps moving the stated way (or,
for "保持稳定", stays within a tolerance of its base level). It is judged on the direction of the
recent yearly changes and of the projection, never on an invented number.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class DirectionTarget(TargetBase):
    """Keep moving ``movement`` ("rise", "fall") or stay ``"stable"`` (within ``tolerance_share``
    of the base value, as a share)."""

    kind: Literal["direction"] = "direction"
    movement: Literal["rise", "fall", "stable"] = "fall"
    tolerance_share: float = 0.05
    has_numbers: ClassVar[bool] = False
    label_zh: ClassVar[str] = "方向性目标"
    label_en: ClassVar[str] = "direction target"
    final_rule: ClassVar[str] = "direction"

    def is_met(self, value: float) -> bool | None:
        return None

    def is_met_direction(self, start: float, end: float) -> bool:
        """Whether moving from ``start`` to ``end`` keeps the stated direction."""
        if self.movement == "rise":
            return end > start
        if self.movement == "fall":
            return end < start
        return abs(end - start) <= self.tolerance_share * abs(start)

    def planned_value(self, year: float, baseline: float | None) -> float | None:
        return None
