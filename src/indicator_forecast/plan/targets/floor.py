"""A floor to stay above (">84", "45以上", "不低于…"): met now or not, and the chance it holds
in the target year."""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast._progress_kit import Progress
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets._final import FinalVerdict, threshold_verdict
from indicator_forecast.plan.targets.base import TargetBase


class FloorTarget(TargetBase):
    """Stay above ``low`` (strictly when written with '>').

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"floor"}
        The kind's name.
    strict : bool
        Whether the bound is strict (">84": the value must stay above ``low``, not reach it).
    """

    kind: Literal["floor"] = "floor"
    strict: bool = False
    label_zh: ClassVar[str] = "下限"
    label_en: ClassVar[str] = "floor"
    final_rule: ClassVar[str] = "threshold"
    needs_baseline: ClassVar[bool] = False
    is_threshold: ClassVar[bool] = True
    charts_planned_path: ClassVar[bool] = False

    def is_met(self, value: float) -> bool | None:
        if self.low is None:
            return None
        return value > self.low if self.strict else value >= self.low

    def planned_value(self, year: float, baseline: float | None) -> float | None:
        return self.low

    def level_met_now(
        self, baseline: float | None, value: float, target_value: float | None
    ) -> bool | None:
        return self.is_met(value)

    reason_pace_applies: ClassVar[bool] = False

    @classmethod
    def met_in_record(
        cls, low: float | None, high: float | None, higher: bool, value: float
    ) -> bool | None:
        return None if low is None else value >= low

    def final_verdict(
        self, pr: Progress, value: float, unit: str, config: EvaluationConfig
    ) -> FinalVerdict | None:
        return threshold_verdict(self, pr, value, unit, config)
