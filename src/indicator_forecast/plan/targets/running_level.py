"""A running level reached by the end ("累计达到1000"): the stock in the target year, counting
what existed before the plan, not only new additions."""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast.plan.targets.base import TargetBase


class RunningLevelTarget(TargetBase):
    """A cumulative stock to be reached by the target year."""

    kind: Literal["running_level"] = "running_level"
    label_zh: ClassVar[str] = "累计达到"
    label_en: ClassVar[str] = "running level reached"
