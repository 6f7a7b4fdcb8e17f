"""A ceiling to stay below ("<5.5", "以内", or a lower-is-better level such as a death rate per
亿元 GDP): met now or not, and the chance it holds in the target year."""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast._progress_kit import Progress
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets._final import FinalVerdict, threshold_verdict
from indicator_forecast.plan.targets.base import TargetBase


class CeilingTarget(TargetBase):
    """Stay below ``high`` (strictly when written with '<').

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"ceiling"}
        The kind's name.
    direction : {"lower"}
        Always lower-is-better.
    strict : bool
        Whether the bound is strict ("<5.5": the value must stay below ``high``, not reach it).
    written_as_level : bool
        Whether the ceiling was written as a plain level of a lower-is-better indicator (a
        death rate of 0.01) rather than with "<" or "以内": it is then reached along a straight
        path from the base-year value, not held every year.
    """

    kind: Literal["ceiling"] = "ceiling"
    direction: Literal["lower"] = "lower"
    strict: bool = False
    written_as_level: bool = False
    label_zh: ClassVar[str] = "上限"
    label_en: ClassVar[str] = "ceiling"
    final_rule: ClassVar[str] = "threshold"
    needs_baseline: ClassVar[bool] = False
    is_threshold: ClassVar[bool] = True
    stays_met_if_only_rises: ClassVar[bool] = False

    def is_met(self, value: float) -> bool | None:
        if self.high is None:
            return None
        return value < self.high if self.strict else value <= self.high

    def planned_value(self, year: float, baseline: float | None) -> float | None:
        # A ceiling written as a plain level (a death rate of 0.01) is reached along a path;
        # an explicit "<x" holds every year.
        if baseline is not None and self.written_as_level and self.high is not None:
            frac = (year - self.base_year) / self.years
            return baseline + (self.high - baseline) * frac
        return self.high

    def chart_planned_path(
        self, baseline: float | None, target_value: float | None
    ) -> list[tuple[int, float]]:
        # An explicit "<x" is a line held every year, not a path.
        if not self.written_as_level:
            return []
        return super().chart_planned_path(baseline, target_value)

    def level_met_now(
        self, baseline: float | None, value: float, target_value: float | None
    ) -> bool | None:
        return self.is_met(value)

    reason_pace_applies: ClassVar[bool] = False

    @classmethod
    def met_in_record(
        cls, low: float | None, high: float | None, higher: bool, value: float
    ) -> bool | None:
        return None if high is None else value <= high

    def final_verdict(
        self, pr: Progress, value: float, unit: str, config: EvaluationConfig
    ) -> FinalVerdict | None:
        return threshold_verdict(self, pr, value, unit, config)
