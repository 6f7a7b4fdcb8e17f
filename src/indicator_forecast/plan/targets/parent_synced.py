"""Growth in step with, or above, the parent jurisdiction ("与市保持同步", "高于全市").

Progress is the district's growth minus the parent's, year by year and on average. In step: the
target is met when the average gap is not below ``-tolerance`` percentage points; above: when it
is above zero.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets._gap import GapTarget


class ParentSyncedTarget(GapTarget):
    """Growth kept in step with (or above) the parent (city, province, nation)."""

    kind: Literal["parent_synced"] = "parent_synced"
    parent: str = "市"
    label_zh: ClassVar[str] = "与上级同步或高于上级"
    label_en: ClassVar[str] = "in step with or above the parent"
