"""A target set by the parent each year ("完成市下达目标", "各年度视情提出").

The target figure is not in the plan: the parent's (or the yearly plan's) figure must be
supplied as data (role ``parent_target`` or ``annual_target``). Without it the evaluation says
which figure is missing and who supplies it.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class ParentAssignedTarget(TargetBase):
    """A target whose figure is assigned each year by ``setter`` (e.g. the city)."""

    kind: Literal["parent_assigned"] = "parent_assigned"
    setter: str = "市"
    has_numbers: ClassVar[bool] = False
    label_zh: ClassVar[str] = "上级下达"
    label_en: ClassVar[str] = "set by the parent"
    final_rule: ClassVar[str] = "years"

    def is_met(self, value: float) -> bool | None:
        return None
