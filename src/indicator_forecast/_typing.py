"""Option sets written once as types, read by validators, docstrings and the CLI."""

from __future__ import annotations

from typing import Literal, get_args

TargetKind = Literal[
    "annual_rate",
    "parent_synced",
    "cumulative_total",
    "running_level",
    "end_level",
    "floor",
    "ceiling",
    "band",
    "parent_assigned",
    "cumulative_change",
    "relative_to_indicator",
    "composite",
    "direction",
    "relative_to_year",
]
TARGET_KINDS: tuple[str, ...] = get_args(TargetKind)

Direction = Literal["higher", "lower"]
"""Whether a higher or a lower value of the indicator is better."""

Attribute = Literal["预期性", "约束性"]
"""预期性 = expected (indicative); 约束性 = binding."""

Measure = Literal["level", "flow", "running_total", "growth_rate"]
"""What an observed figure is: a level at the period's end, the period's new amount,
the running total since the plan began, or a growth rate over the previous year (%)."""
MEASURES: tuple[str, ...] = get_args(Measure)

Language = Literal["zh", "en"]
