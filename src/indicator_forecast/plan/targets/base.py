"""What every target kind shares.

A target is the text an official wrote in the plan's 目标值 column, parsed into numbers and a
kind. Each kind lives in its own module and answers the same small questions:

* ``planned_value(year, baseline)`` — the value on the straight path from the base year to the
  target (``None`` where the kind has no path, e.g. a target set each year by the parent);
* ``is_met(value)`` — whether an end-of-period value meets the target (``None`` when the target
  has no number of its own);
* ``describe(lang)`` — the target in words;
* ``final_rule`` — which rule of the final evaluation (总结评估) applies to it.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator

from indicator_forecast._typing import Direction, Language


class TargetBase(BaseModel):
    """Fields shared by every target kind.

    Parameters
    ----------
    text : str
        The target as written in the plan, verbatim.
    low, high : float or None
        The target's numbers: equal for a single value, ``None`` for an open side or where the
        kind has no number (e.g. "与市保持同步").
    unit : str or None
        The indicator's unit (e.g. ``"%"``, ``"亿元"``).
    direction : {"higher", "lower"}
        Whether a higher or a lower value is better.
    base_year, target_year : int
        The plan's base year (2020 for a 2021–2025 plan) and target year.
    aspiration : str or None
        A "力争…" clause kept verbatim.
    aspiration_value : float or None
        The number of a "力争Y" stretch target ("2.5左右，力争3" → 3), judged as a second target:
        its probability is reported beside the main one, the grade stays on the main target.
    note : str or None
        A bracketed note from the text, e.g. "五年累计".
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    text: str
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    direction: Direction = "higher"
    base_year: int = 2020
    target_year: int = 2025
    aspiration: str | None = None
    aspiration_value: float | None = None
    note: str | None = None

    has_numbers: ClassVar[bool] = True
    label_zh: ClassVar[str] = ""
    label_en: ClassVar[str] = ""
    final_rule: ClassVar[str] = "task"
    """How the final evaluation (总结评估) judges the target-year figure: ``task`` (share of a
    distance or a total completed), ``threshold`` (a floor or ceiling kept), ``band``, ``rate``
    (realised average rate against the target rate), ``gap`` (average gap to a reference),
    ``years`` (yearly targets set by the parent) or ``direction``; see
    :func:`indicator_forecast.final.final_status`."""

    @model_validator(mode="after")
    def _check_bounds(self) -> TargetBase:
        for name in ("low", "high"):
            v = getattr(self, name)
            if v is not None and not math.isfinite(v):
                raise ValueError(
                    f"The {name!r} bound of target {self.text!r} must be finite. Got {v}."
                )
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(
                f"A target range must run from low to high: target {self.text!r} has "
                f"low={self.low} > high={self.high}."
            )
        if self.target_year <= self.base_year:
            raise ValueError(
                f"The target year must follow the base year. Got base_year={self.base_year}, "
                f"target_year={self.target_year}."
            )
        return self

    @property
    def years(self) -> int:
        """Number of years in the plan period (5 for 2021–2025)."""
        return self.target_year - self.base_year

    @property
    def point(self) -> float | None:
        """The single number the target is judged against on the 'on track' side.

        For a range this is the bound that counts as on track (the lower end when higher is
        better, the upper end when lower is better); for an open side, the closed one.
        """
        if self.direction == "higher":
            return self.low if self.low is not None else self.high
        return self.high if self.high is not None else self.low

    @property
    def stretch(self) -> float | None:
        """The far end of a range (the 'ahead' bound); equals :attr:`point` for a single value."""
        if self.direction == "higher":
            return self.high if self.high is not None else self.low
        return self.low if self.low is not None else self.high

    def planned_value(self, year: float, baseline: float | None) -> float | None:
        """Value on the straight path from ``baseline`` (base year) to the target at ``year``."""
        target = self.point
        if target is None or baseline is None:
            return None
        frac = (year - self.base_year) / self.years
        return baseline + (target - baseline) * frac

    def is_met(self, value: float) -> bool | None:
        """Whether an end-of-period ``value`` meets the target (the 'on track' bound)."""
        target = self.point
        if target is None:
            return None
        return value >= target if self.direction == "higher" else value <= target

    def describe(self, lang: Language = "zh") -> str:
        """The target in words."""
        label = self.label_zh if lang == "zh" else self.label_en
        return f"{label}: {self.text}"

    def summary_dict(self) -> dict[str, Any]:
        """The target's fields as a flat dict (for tables)."""
        return {
            "kind": self.kind,
            "target_text": self.text,
            "low": self.low,
            "high": self.high,
            "direction": self.direction,
        }
