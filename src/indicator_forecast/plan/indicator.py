"""An indicator of a plan, and the plan as a whole."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from indicator_forecast._typing import Attribute, Direction
from indicator_forecast.plan.targets import Target


class Indicator(BaseModel):
    """One main indicator of a plan.

    Parameters
    ----------
    id : str
        The 序号 as written ("3"); parts of a composite get "4.1", "4.2", ….
    name, unit : str
        As written in the plan.
    target : Target
        The parsed target (``target.kind`` names its kind).
    attribute : {"预期性", "约束性"}
        Expected (indicative) or binding.
    departments : tuple of str
        Responsible departments, in the plan's order.
    category : str or None
        高质量发展 / 高品质生活 / 高效能治理, or the plan's own categories.
    baseline : float or None
        The base-year (2020) value where the plan table gives one.
    row : int or None
        The row of the plan table this indicator came from (1-based, as in a spreadsheet).
    parent_id : str or None
        For a part of a composite indicator, the id of the whole.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    unit: str
    target: Target
    attribute: Attribute
    departments: tuple[str, ...] = ()
    category: str | None = None
    baseline: float | None = None
    row: int | None = None
    parent_id: str | None = None
    parts: tuple[Indicator, ...] = Field(default=())

    @property
    def kind(self) -> str:
        return self.target.kind

    @property
    def direction(self) -> Direction:
        return self.target.direction

    @property
    def binding(self) -> bool:
        """Whether the indicator is binding (约束性)."""
        return self.attribute == "约束性"

    @property
    def label(self) -> str:
        """Name with unit, as the 附件6 table writes it: "新增固定资产投资总额（亿元）"."""
        return f"{self.name}（{self.unit}）" if self.unit else self.name

    def __repr__(self) -> str:
        return f"<Indicator {self.id} {self.name} [{self.kind}] {self.target.text!r}>"

    def to_row(self) -> dict[str, Any]:
        return {
            "indicator_id": self.id,
            "parent_id": self.parent_id,
            "category": self.category,
            "name": self.name,
            "unit": self.unit,
            "target_text": self.target.text,
            "kind": self.kind,
            "low": self.target.low,
            "high": self.target.high,
            "direction": self.direction,
            "attribute": self.attribute,
            "departments": "、".join(self.departments),
            "baseline": self.baseline,
        }


class Plan(BaseModel):
    """A plan's main indicators: iterable, sized, indexable by id, with a table view.

    Parameters
    ----------
    name : str
        The plan's title (e.g. "普陀区“十四五”规划纲要主要指标").
    jurisdiction : str
        Whose plan it is ("普陀区"); used in report titles.
    parent : str
        The parent jurisdiction's short name ("市") for in-step and assigned targets.
    base_year, target_year : int
        The plan period.
    indicators : tuple of Indicator
        Top-level indicators in plan order; parts of composites hang under their whole.
    source : str or None
        The file the plan was read from.
    notes : tuple of str
        Remarks from reading (e.g. parts that do not add up to the whole).
    indicators_in_plan : int or None
        How many main indicators the plan itself sets, when the table lists only some of them
        (the national 13th plan sets 25; a table of 9 of them says so here, and the report then
        says "规划确定的主要指标共25项，本次评估其中9项" instead of calling the 9 the plan's). None:
        the table is the plan's whole list.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    jurisdiction: str = ""
    parent: str = "市"
    base_year: int = 2020
    target_year: int = 2025
    indicators: tuple[Indicator, ...]
    source: str | None = None
    notes: tuple[str, ...] = ()
    indicators_in_plan: int | None = None

    @model_validator(mode="after")
    def _count_covers_table(self) -> Plan:
        if self.indicators_in_plan is not None and self.indicators_in_plan < len(self.indicators):
            raise ValueError(
                f"indicators_in_plan={self.indicators_in_plan} is fewer than the "
                f"{len(self.indicators)} indicators the table lists"
            )
        return self

    def __len__(self) -> int:
        return len(self.indicators)

    # A plan iterates its indicators, not pydantic's (field, value) pairs: a deliberate override.
    def __iter__(self) -> Iterator[Indicator]:  # type: ignore[override]
        return iter(self.indicators)

    def __getitem__(self, key: str | int) -> Indicator:
        key = str(key)
        for ind in self.all_indicators():
            if ind.id == key:
                return ind
        raise KeyError(f"plan {self.name!r} has no indicator with id {key!r}")

    def __contains__(self, key: object) -> bool:
        return any(ind.id == str(key) for ind in self.all_indicators())

    def all_indicators(self) -> Iterator[Indicator]:
        """Every indicator, each composite followed by its parts."""
        for ind in self.indicators:
            yield ind
            yield from ind.parts

    def find(self, name_or_id: str) -> Indicator | None:
        """An indicator by id, exact name, or a name that contains the text given."""
        key = str(name_or_id).strip()
        for ind in self.all_indicators():
            if ind.id == key or ind.name == key:
                return ind
        squeezed = "".join(key.split())
        hits = [
            i for i in self.all_indicators() if squeezed and squeezed in "".join(i.name.split())
        ]
        return hits[0] if len(hits) == 1 else None

    def to_frame(self) -> pd.DataFrame:
        """One row per indicator (parts of composites included, after their whole)."""
        return pd.DataFrame([i.to_row() for i in self.all_indicators()])

    def summary(self) -> str:
        lines = [
            f"{self.name} ({self.jurisdiction or '—'}, {self.base_year + 1}–{self.target_year}): "
            f"{len(self)} indicators"
        ]
        for ind in self.all_indicators():
            pad = "    " if ind.parent_id else "  "
            lines.append(
                f"{pad}{ind.id:>4} {ind.label} | {ind.target.text} -> {ind.kind}"
                f" [{ind.direction}] {ind.attribute} | {'、'.join(ind.departments) or '—'}"
            )
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<Plan {self.name!r}: {len(self)} indicators, {self.base_year + 1}–{self.target_year}>"
        )

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        df = self.to_frame()[
            [
                "indicator_id",
                "category",
                "name",
                "unit",
                "target_text",
                "kind",
                "attribute",
                "departments",
            ]
        ]
        title = html.escape(
            f"{self.name} — {len(self)} indicators, {self.base_year + 1}–{self.target_year}"
        )
        return f"<div><strong>{title}</strong>{df.to_html(index=False, na_rep='')}</div>"
