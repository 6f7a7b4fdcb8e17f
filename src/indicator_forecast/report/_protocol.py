"""The members of an evaluation result that the report writers read.

The writers are typed against :class:`EvaluationLike`, not against
``indicator_forecast.evaluate.Evaluation`` itself, so that they depend only on this small
contract (and can be tested with a synthetic object of the same shape).
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import pandas as pd

#: Columns of ``to_frame()`` that the writers read.
INDICATOR_COLUMNS: tuple[str, ...] = (
    "indicator_id", "parent_id", "category", "name", "unit", "target_text", "attribute",
    "departments", "kind", "midterm_value", "midterm_period", "midterm_text", "progress",
    "time_elapsed", "projected_end", "projected_lo", "projected_hi", "projected_text", "p_meet",
    "grade", "grade_label", "reason", "suggested_target", "model", "override_grade",
    "override_reason", "final_grade", "target_low", "target_high", "baseline", "direction",
)  # fmt: skip
ADJUSTMENT_COLUMNS: tuple[str, ...] = (
    "indicator_id", "name", "attribute", "original_target", "suggested_target", "reason",
    "basis", "binding_note",
)  # fmt: skip
MISSING_COLUMNS: tuple[str, ...] = (
    "department", "indicator_id", "name", "unit", "missing", "periods",
)
EVIDENCE_COLUMNS: tuple[str, ...] = ("indicator_id", "name", "item", "value", "unit", "source")
CHART_COLUMNS: tuple[str, ...] = (
    "indicator_id", "series", "period", "value", "base_year", "target_year",
)
"""The chart frame's fixed columns; interval columns are named by their level (``lo-80``…)."""


class _Config(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


@runtime_checkable
class EvaluationLike(Protocol):
    """What a report writer needs from an evaluation (see the module docstring)."""

    @property
    def plan_name(self) -> str: ...

    @property
    def jurisdiction(self) -> str: ...

    @property
    def base_year(self) -> int: ...

    @property
    def target_year(self) -> int: ...

    @property
    def indicators_in_plan(self) -> int | None: ...

    @property
    def as_of(self) -> _dt.date: ...

    @property
    def config(self) -> Any: ...

    @property
    def language(self) -> str: ...

    def to_frame(self, lang: str = "zh") -> pd.DataFrame: ...

    def adjustments_frame(self) -> pd.DataFrame: ...

    def missing_frame(self) -> pd.DataFrame: ...

    def evidence_frame(self) -> pd.DataFrame: ...

    def chart_frame(self) -> pd.DataFrame: ...


def check_columns(frame: pd.DataFrame, expected: tuple[str, ...], what: str) -> None:
    """Raise ``ValueError`` naming every column of ``expected`` that ``frame`` lacks."""
    missing = [c for c in expected if c not in frame.columns]
    if missing:
        raise ValueError(
            f"The {what} frame must have the columns {list(expected)}. "
            f"Got {list(frame.columns)} instead (missing {missing})."
        )
