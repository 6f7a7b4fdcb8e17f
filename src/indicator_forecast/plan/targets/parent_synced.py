"""Growth in step with the parent jurisdiction ("与市保持同步").

Progress is the district's growth minus the parent's, year by year and on average; the target
is met when the average gap is not below ``-tolerance`` percentage points.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class ParentSyncedTarget(TargetBase):
    """Growth kept in step with the parent (city, province, nation); no number of its own."""

    kind: Literal["parent_synced"] = "parent_synced"
    parent: str = "市"
    tolerance: float = 0.0
    has_numbers: ClassVar[bool] = False
    label_zh: ClassVar[str] = "与上级同步"
    label_en: ClassVar[str] = "in step with the parent"

    def is_met_gap(self, average_gap: float) -> bool:
        """Whether an average gap (own growth − parent growth, points) counts as in step."""
        return average_gap >= -self.tolerance

    def is_met(self, value: float) -> bool | None:
        return None
