"""A target relative to another indicator ("高于GDP增长", "与经济增长基本同步").

The reference indicator is named in the text; its figures are supplied as data (another
indicator of the plan, matched by name, or a series named in the observations).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets._gap import GapTarget


class RelativeToIndicatorTarget(GapTarget):
    """Grow ``above`` or ``in_step`` with ``reference``."""

    kind: Literal["relative_to_indicator"] = "relative_to_indicator"
    reference: str
    relation: Literal["above", "in_step"]
    tolerance: float = 0.5
    label_zh: ClassVar[str] = "相对其他指标"
    label_en: ClassVar[str] = "relative to another indicator"
