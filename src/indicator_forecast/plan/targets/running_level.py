"""A running level reached by the end ("累计达到1000"): the stock in the target year, counting
what existed before the plan, not only new additions."""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets._level import level_met_in_record
from indicator_forecast.plan.targets.base import TargetBase


class RunningLevelTarget(TargetBase):
    """A cumulative stock to be reached by the target year.

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"running_level"}
        The kind's name.
    """

    kind: Literal["running_level"] = "running_level"
    label_zh: ClassVar[str] = "累计达到"
    label_en: ClassVar[str] = "running level reached"

    @classmethod
    def met_in_record(
        cls, low: float | None, high: float | None, higher: bool, value: float
    ) -> bool | None:
        return level_met_in_record(low, high, higher, value)
