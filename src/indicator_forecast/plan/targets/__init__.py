"""Target kinds, one module each, read and validated through the registry of kinds.

Defining a subclass of :class:`TargetBase` with a ``kind`` literal registers it
(:func:`kind_class`); a kind that declares its :attr:`~TargetBase.spellings` is read by
:func:`~indicator_forecast.plan.parse_target` without a change to the parser, and a target field
typed :data:`Target` (an indicator's) validates a dict through ``kind_class(d["kind"])``, so a new
kind is one new module. :data:`KnownTarget`, the union of the package's own kinds, is what the
type checker sees as :data:`Target`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, PlainSerializer, PlainValidator, SerializationInfo, TypeAdapter

from indicator_forecast.plan.targets.annual_rate import AnnualRateTarget
from indicator_forecast.plan.targets.band import DEFAULT_BAND_TOLERANCE_SHARE, BandTarget
from indicator_forecast.plan.targets.base import KINDS, TargetBase, bound_form, kind_class
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

KnownTarget = Annotated[
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
"""A target of one of the package's own kinds, discriminated by its ``kind`` field."""


def validate_target(value: object) -> TargetBase:
    """A target from a target or from a dict of its fields, through its kind's class.

    Parameters
    ----------
    value : TargetBase or mapping
        A target (kept as it is) or its fields with ``kind`` naming a registered kind.

    Returns
    -------
    TargetBase
        The target, an instance of ``kind_class(value["kind"])`` for a dict.

    Raises
    ------
    ValueError
        If ``value`` is neither, its ``kind`` is missing or unknown (the known kinds are
        listed), or its fields do not fit the kind (a pydantic ``ValidationError``).
    """
    if isinstance(value, TargetBase):
        return value
    if isinstance(value, Mapping):
        kind = value.get("kind")
        if not isinstance(kind, str):
            raise ValueError(
                f"A target's fields need its 'kind' (one of: {', '.join(sorted(KINDS))}). "
                f"Got {kind!r}."
            )
        return kind_class(kind).model_validate(dict(value))
    raise ValueError(
        f"A target is a target kind's instance or a dict of its fields. Got {type(value).__name__}."
    )


def _dump_target(target: TargetBase, info: SerializationInfo) -> dict[str, Any]:
    return target.model_dump(mode=info.mode)


if TYPE_CHECKING:
    Target = KnownTarget
else:
    Target = Annotated[
        TargetBase, PlainValidator(validate_target), PlainSerializer(_dump_target)
    ]
"""Any target: validated through the registry of kinds (:func:`validate_target`), so that a kind
defined outside the package is accepted; typed as :data:`KnownTarget`."""

TARGET_ADAPTER: TypeAdapter[Target] = TypeAdapter(Target)

__all__ = [
    "DEFAULT_BAND_TOLERANCE_SHARE",
    "KINDS",
    "bound_form",
    "TARGET_ADAPTER",
    "KnownTarget",
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
    "validate_target",
]
