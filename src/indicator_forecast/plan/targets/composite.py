"""A composite target: a whole with parts (indicator 4 of the Putuo plan: 40 = 12 + 8 + 12 + 8).

The whole is evaluated as an end-of-period level, and each part on its own. The parts' targets
need not add up to the whole (a plan may write them so); when they do not, the plan reader
reports it as a note, not an error.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from indicator_forecast.plan.targets._level import level_met_in_record
from indicator_forecast.plan.targets.base import TargetBase


class CompositePart(BaseModel):
    """One part of a composite target.

    Parameters
    ----------
    name : str
        The part's name as written in the plan.
    low, high : float
        The part's target (equal for a single value).
    departments : tuple of str
        The departments responsible for the part, in the plan's order (empty if none given).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    low: float
    high: float
    departments: tuple[str, ...] = ()


class CompositeTarget(TargetBase):
    """An end-of-period level made of named parts.

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"composite"}
        The kind's name.
    parts : tuple of CompositePart
        The named parts, in the plan's order; ``low``/``high`` hold the whole.
    """

    kind: Literal["composite"] = "composite"
    parts: tuple[CompositePart, ...] = ()
    label_zh: ClassVar[str] = "复合指标"
    label_en: ClassVar[str] = "composite"

    @property
    def parts_sum(self) -> float:
        return float(sum(p.low for p in self.parts))

    @classmethod
    def met_in_record(
        cls, low: float | None, high: float | None, higher: bool, value: float
    ) -> bool | None:
        return level_met_in_record(low, high, higher, value)
