"""Target kinds, one module each, joined as a pydantic union tagged by ``kind``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, TypeAdapter

from indicator_forecast.plan.targets.annual_rate import AnnualRateTarget
from indicator_forecast.plan.targets.band import DEFAULT_BAND_TOLERANCE_SHARE, BandTarget
from indicator_forecast.plan.targets.base import KINDS, TargetBase, kind_class
from indicator_forecast.plan.targets.ceiling import CeilingTarget
from indicator_forecast.plan.targets.composite import CompositePart, CompositeTarget
from indicator_forecast.plan.targets.cumulative_change import CumulativeChangeTarget
from indicator_forecast.plan.targets.cumulative_total import CumulativeTotalTarget
from indicator_forecast.plan.targets.direction import DirectionTarget
from indicator_forecast.plan.targets.earlier_year import EarlierYearTarget
from indicator_forecast.plan.targets.end_level import EndLevelTarget
from indicator_forecast.plan.targets.floor import FloorTarget
from indicator_forecast.plan.targets.parent_assigned import ParentAssignedTarget
from indicator_forecast.plan.targets.parent_synced import ParentSyncedTarget
from indicator_forecast.plan.targets.relative import RelativeToIndicatorTarget
from indicator_forecast.plan.targets.running_level import RunningLevelTarget

Target = Annotated[
    (
        AnnualRateTarget
        | ParentSyncedTarget
        | CumulativeTotalTarget
        | RunningLevelTarget
        | EndLevelTarget
        | FloorTarget
        | CeilingTarget
        | BandTarget
        | ParentAssignedTarget
        | CumulativeChangeTarget
        | RelativeToIndicatorTarget
        | CompositeTarget
        | DirectionTarget
        | EarlierYearTarget
    ),
    Field(discriminator="kind"),
]
"""Any target, discriminated by its ``kind`` field."""

TARGET_ADAPTER: TypeAdapter[Target] = TypeAdapter(Target)

__all__ = [
    "DEFAULT_BAND_TOLERANCE_SHARE",
    "KINDS",
    "TARGET_ADAPTER",
    "AnnualRateTarget",
    "BandTarget",
    "CeilingTarget",
    "CompositePart",
    "CompositeTarget",
    "CumulativeChangeTarget",
    "CumulativeTotalTarget",
    "DirectionTarget",
    "EarlierYearTarget",
    "EndLevelTarget",
    "FloorTarget",
    "ParentAssignedTarget",
    "ParentSyncedTarget",
    "RelativeToIndicatorTarget",
    "RunningLevelTarget",
    "Target",
    "TargetBase",
    "kind_class",
]
