"""A target relative to another indicator ("高于GDP增长", "与经济增长基本同步").

The reference indicator is named in the text; its figures are supplied as data (another
indicator of the plan, matched by name, or a series named in the observations).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class RelativeToIndicatorTarget(TargetBase):
    """Grow ``above`` or ``in_step`` with ``reference``."""

    kind: Literal["relative_to_indicator"] = "relative_to_indicator"
    reference: str
    relation: Literal["above", "in_step"]
    tolerance: float = 0.5
    has_numbers: ClassVar[bool] = False
    label_zh: ClassVar[str] = "相对其他指标"
    label_en: ClassVar[str] = "relative to another indicator"

    def is_met_gap(self, average_gap: float) -> bool:
        """Whether an average gap (own − reference, points) meets the relation."""
        if self.relation == "above":
            return average_gap > 0
        return average_gap >= -self.tolerance

    def is_met(self, value: float) -> bool | None:
        return None
