"""Shared base of the kinds judged by a growth gap (to the parent, or to another indicator)."""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class GapTarget(TargetBase):
    """A target met by the average gap between own growth and a reference growth.

    ``relation`` ``"above"``: met when the average gap is above zero; ``"in_step"``: when it is not
    below ``-tolerance`` percentage points. No number of its own.
    """

    relation: Literal["in_step", "above"] = "in_step"
    tolerance: float = 0.0
    has_numbers: ClassVar[bool] = False
    final_rule: ClassVar[str] = "gap"

    def is_met_gap(self, average_gap: float) -> bool:
        """Whether an average gap (own growth − reference growth, points) meets the relation."""
        if self.relation == "above":
            return average_gap > 0
        return average_gap >= -self.tolerance

    def is_met(self, value: float) -> bool | None:
        return None
