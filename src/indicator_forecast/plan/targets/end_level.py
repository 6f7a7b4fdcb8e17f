"""End-of-period level ("16", "4000", "65"): the value in the target year.

Progress is :math:`(x_t - x_b)/(x^* - x_b)` against time elapsed; the straight path from the
base-year value :math:`x_b` to the target gives the expected value at any date.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets._level import level_met_in_record
from indicator_forecast.plan.targets.base import TargetBase


class EndLevelTarget(TargetBase):
    """A level to reach in the target year (a value or a range).

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"end_level"}
        The kind's name.
    """

    kind: Literal["end_level"] = "end_level"
    label_zh: ClassVar[str] = "期末水平"
    label_en: ClassVar[str] = "end-of-period level"

    @classmethod
    def met_in_record(
        cls, low: float | None, high: float | None, higher: bool, value: float
    ) -> bool | None:
        return level_met_in_record(low, high, higher, value)
