"""A target set against a year before the base ("到2020年比2010年翻一番", "比2010年增长50%").

The target value is ``reference_value × multiple``, where ``reference_value`` is the indicator's
figure in ``reference_year`` (supplied as data). ``multiple`` is 2 for 翻一番, 4 for 翻两番, and
``1 + X/100`` for "增长X%".
"""

from __future__ import annotations

from typing import ClassVar, Literal

from indicator_forecast._progress_kit import Missing
from indicator_forecast.plan.targets.base import TargetBase


class EarlierYearTarget(TargetBase):
    """Reach ``multiple`` times the figure of ``reference_year`` by the target year.

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"relative_to_year"}
        The kind's name.
    reference_year : int
        The earlier year the target is set against (2010 in "比2010年翻一番").
    multiple : float
        The factor on the reference year's figure: 2 for 翻一番, 4 for 翻两番, ``1 + X/100``
        for "增长X%".
    approximate : bool
        Whether the change was written as approximate ("下降5%左右"); default ``False``.
    """

    kind: Literal["relative_to_year"] = "relative_to_year"
    reference_year: int
    multiple: float
    approximate: bool = False
    has_numbers: ClassVar[bool] = False
    label_zh: ClassVar[str] = "比基准年倍数"
    label_en: ClassVar[str] = "relative to an earlier year"
    needs_baseline: ClassVar[bool] = False
    met_early_counts: ClassVar[bool] = False
    stays_met_if_only_rises: ClassVar[bool] = False
    charts_planned_path: ClassVar[bool] = False

    def target_value(self, reference_value: float) -> float:
        """The end-of-period value the target asks for, given the reference year's figure."""
        return reference_value * self.multiple

    def is_met(self, value: float) -> bool | None:
        return None

    def chart_targets(self, target_value: float | None) -> dict[str, float]:
        return {} if target_value is None else {"target_low": target_value,
                                                "target_high": target_value}  # fmt: skip

    def level_target(
        self,
        baseline: float | None,
        full: dict[int, float],
        notes: list[str],
        missing: list[Missing],
    ) -> float | None:
        ref = (
            baseline
            if self.reference_year == self.base_year and baseline is not None
            else full.get(self.reference_year)
        )
        if ref is None:
            missing.append(
                Missing(
                    "基准年数值",
                    "value of the reference year",
                    (f"{self.reference_year}年",),
                    blocking=True,
                )
            )
            return self.point
        target_value = self.target_value(ref)
        notes.append(
            f"目标值为{self.reference_year}年{ref:g}的{self.multiple:g}倍，即{target_value:g}"
        )
        return target_value

    reason_pace_applies: ClassVar[bool] = False
