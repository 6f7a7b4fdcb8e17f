"""A qualitative direction target ("持续下降", "稳步提高", "逐年改善", "保持稳定").

The plan gives no number: the target is met when the indicator keeps moving the stated way (or,
for "保持稳定", stays within a tolerance of its base level). It is judged on the direction of the
recent yearly changes and of the projection, never on an invented number.
"""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np

from indicator_forecast import _format as F  # noqa: N812
from indicator_forecast._progress_kit import Missing, Progress
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets._final import FinalVerdict
from indicator_forecast.plan.targets.base import TargetBase


class DirectionTarget(TargetBase):
    """Keep moving ``movement`` ("rise", "fall") or stay ``"stable"`` (within ``tolerance_share``
    of the base value, as a share).

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"direction"}
        The kind's name.
    movement : {"rise", "fall", "stable"}
        The stated direction; default ``"fall"``.
    tolerance_share : float
        For ``"stable"``: how far from the base value the end value may be, as a share of the
        base value (default 0.05).
    """

    kind: Literal["direction"] = "direction"
    movement: Literal["rise", "fall", "stable"] = "fall"
    tolerance_share: float = 0.05
    has_numbers: ClassVar[bool] = False
    label_zh: ClassVar[str] = "方向性目标"
    label_en: ClassVar[str] = "direction target"
    final_rule: ClassVar[str] = "direction"
    met_early_counts: ClassVar[bool] = False
    stays_met_if_only_rises: ClassVar[bool] = False
    charts_planned_path: ClassVar[bool] = False

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

    def level_target(
        self,
        baseline: float | None,
        full: dict[int, float],
        notes: list[str],
        missing: list[Missing],
    ) -> float | None:
        # "持续下降": the figure to stay below is where the plan started; P(meet) is then the
        # probability of ending below it (above it for a rise).
        if baseline is not None and self.movement != "stable":
            return baseline
        return self.point

    def rebased_target(self, target_value: float | None, baseline: float) -> float | None:
        return baseline if self.movement != "stable" else target_value

    def level_met_now(
        self, baseline: float | None, value: float, target_value: float | None
    ) -> bool | None:
        return self.is_met_direction(baseline, value) if baseline is not None else None

    def chart_targets(self, target_value: float | None) -> dict[str, float]:
        return {} if target_value is None else {"target_low": target_value,
                                                "target_high": target_value}  # fmt: skip

    def trend_notes(self, full: dict[int, float]) -> list[str]:
        b = self.base_year
        steps = np.diff([v for y, v in sorted(full.items()) if y >= b])
        if not steps.size or self.movement == "stable":
            return []
        good = int(np.sum(steps > 0 if self.movement == "rise" else steps < 0))
        return [f"{b}年以来{steps.size}个年度变化中{good}个符合“{self.text}”的方向"]

    reason_pace_applies: ClassVar[bool] = False

    def final_verdict(
        self, pr: Progress, value: float, unit: str, config: EvaluationConfig
    ) -> FinalVerdict | None:
        """Moved the stated way from the base figure (else the earliest one) to the end."""
        start = pr.baseline if pr.baseline is not None else (
            pr.history[0][1] if pr.history else None
        )
        if start is None:
            return FinalVerdict("insufficient_data", value, None, None, "基期值待补充",
                                "the base figure is missing")
        code = "completed" if self.is_met_direction(start, value) else "not_completed"
        ty = self.target_year
        zh = f"由{F.fmt(start)}{unit}变为{ty}年的{F.fmt(value)}{unit}，目标“{self.text}”"
        en = f"from {F.fmt(start)} to {F.fmt(value)} {unit} in {ty}, against {self.text!r}"
        return FinalVerdict(code, value, start, None, zh, en)
