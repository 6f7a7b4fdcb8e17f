"""Growth in step with, or above, the parent jurisdiction ("与市保持同步", "高于全市").

Progress is the district's growth minus the parent's, year by year and on average. In step: the
target is met when the average gap is not below ``-tolerance`` percentage points; above: when it
is above zero.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class ParentSyncedTarget(TargetBase):
    """Growth kept in step with (or above) the parent (city, province, nation); no number of its own."""

    kind: Literal["parent_synced"] = "parent_synced"
    parent: str = "市"
    relation: Literal["in_step", "above"] = "in_step"
    tolerance: float = 0.0
    has_numbers: ClassVar[bool] = False
    label_zh: ClassVar[str] = "与上级同步或高于上级"
    label_en: ClassVar[str] = "in step with or above the parent"

    def is_met_gap(self, average_gap: float) -> bool:
        """Whether an average gap (own growth − parent growth, points) meets the relation."""
        if self.relation == "above":
            return average_gap > 0
        return average_gap >= -self.tolerance

    def is_met(self, value: float) -> bool | None:
        return None
