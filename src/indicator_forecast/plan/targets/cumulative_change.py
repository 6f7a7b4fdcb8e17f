"""A bracketed five-year cumulative change ("〔13.5〕" reduction, "〔1〕" rise).

For a percentage reduction (unit %, e.g. energy use per unit of GDP) the yearly reductions
compound: the cumulative reduction after years :math:`1..t` is
:math:`1 - \\prod (1 - d_s/100)`. For a change in a level (e.g. life expectancy, 岁) the change
is :math:`x_t - x_b`. A change written in percentage points of a % level ("提高2个百分点",
``in_points``) is a change in the level too, not a compounding rate.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, ClassVar, Literal, cast

import numpy as np

from indicator_forecast._progress_kit import (
    Missing,
    Progress,
    SeriesInput,
    contiguous_tail,
    fmt_years,
    full_and_partial,
    last_full_year,
    period_of,
    sources_of,
    years_from,
)
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets.base import TargetBase

if TYPE_CHECKING:
    from indicator_forecast.data import Observations
    from indicator_forecast.plan import Indicator, Plan


class CumulativeChangeTarget(TargetBase):
    """A five-year change of ``low`` (= ``high``): a ``reduction`` or an ``increase``.

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"cumulative_change"}
        The kind's name.
    change : {"reduction", "increase"}
        Whether the five-year change is a reduction or an increase.
    in_points : bool
        Whether the change is in percentage points of a % level ("提高2个百分点"): a change in
        the level, not a compounding rate.
    approximate : bool
        Whether the change was written as approximate ("降低5%左右"); default ``False``.
    """

    kind: Literal["cumulative_change"] = "cumulative_change"
    change: Literal["reduction", "increase"] = "reduction"
    in_points: bool = False
    approximate: bool = False
    label_zh: ClassVar[str] = "五年累计变化"
    label_en: ClassVar[str] = "five-year cumulative change"
    amount_over_period: ClassVar[bool] = True

    @property
    def compounding(self) -> bool:
        """Whether yearly figures are percentage changes that compound (unit %, not points)."""
        return self.unit in ("%", "％") and not self.in_points

    def planned_value(self, year: float, baseline: float | None = None) -> float | None:
        """Planned cumulative change at ``year`` (compounding evenly for a % change)."""
        target = self.point
        if target is None:
            return None
        frac = min(max((year - self.base_year) / self.years, 0.0), 1.0)
        if self.compounding:
            remaining: float = (1 - target / 100) ** frac  # float ** float: Any in typeshed
            return (1 - remaining) * 100
        return target * frac

    def level_target(
        self,
        baseline: float | None,
        full: dict[int, float],
        notes: list[str],
        missing: list[Missing],
    ) -> float | None:
        """A change in a level: the base-year level plus (or minus) the change."""
        if self.point is None or baseline is None:
            return self.point
        return baseline + self.point if self.change == "increase" else baseline - self.point

    def chart_running(self, yearly: dict[int, float]) -> list[tuple[int, float]] | None:
        """The compounded change 1 − ∏(1 − d/100) for a % change; a level change charts the
        level itself."""
        if not self.compounding:
            return None
        out: list[tuple[int, float]] = []
        acc = 1.0
        for y in range(self.base_year + 1, self.target_year + 1):
            if y not in yearly:
                break
            acc *= 1 - yearly[y] / 100
            out.append((y, (1 - acc) * 100))
        return out

    def chart_targets(self, target_value: float | None) -> dict[str, float]:
        if self.compounding:
            return super().chart_targets(target_value)
        # a change in a level (〔1〕 提高1岁): the target is the base-year level plus the change
        return {} if target_value is None else {"target_low": target_value,
                                                "target_high": target_value}  # fmt: skip

    def chart_planned_path(
        self, baseline: float | None, target_value: float | None
    ) -> list[tuple[int, float]]:
        if self.compounding:
            return super().chart_planned_path(baseline, target_value)
        if baseline is None or target_value is None:
            return []
        b, end = self.base_year, self.target_year
        return [(y, baseline + (target_value - baseline) * (y - b) / (end - b))
                for y in range(b, end + 1)]  # fmt: skip

    def outlook_bounds(self, target_value: float | None) -> tuple[float, float | None, bool] | None:
        # One number, no range: the stretch bound is the target itself unless "力争Y" is given.
        if target_value is None:
            return None
        stretch = self.aspiration_value if self.aspiration_value is not None else target_value
        return target_value, stretch, self.direction == "higher"

    def progress(
        self,
        ind: Indicator,
        obs: Observations,
        as_of: dt.date,
        *,
        plan: Plan,
        config: EvaluationConfig,
    ) -> Progress:
        """A change in a level is judged as a level; a % change compounds its yearly changes."""
        if not self.compounding:
            return super().progress(ind, obs, as_of, plan=plan, config=config)
        return self._compound_progress(ind, obs, as_of, plan=plan, config=config)

    def _compound_progress(
        self,
        ind: Indicator,
        obs: Observations,
        as_of: dt.date,
        *,
        plan: Plan,
        config: EvaluationConfig,
    ) -> Progress:
        """Progress as the compounded yearly changes, 1 − ∏(1 − d/100), against the target."""
        t = self
        b, ty = t.base_year, t.target_year
        lfy = last_full_year(as_of)
        df = obs.records(ind.id, measure="change", as_of=as_of)
        full, _ = full_and_partial(df)
        absent = [y for y in years_from(b + 1, lfy) if y not in full]
        missing = (
            [
                Missing(
                    "年度降低率" if t.change == "reduction" else "年度提高幅度",
                    "yearly change",
                    fmt_years(absent),
                    blocking=True,
                )
            ]
            if absent
            else []
        )
        plan_years = sorted(y for y in full if b < y <= lfy)
        history = tuple(sorted(full.items()))
        if not plan_years or absent:
            return Progress(
                ind.id,
                ind.kind,
                as_of,
                target_value=t.point,
                missing=tuple(missing),
                history=history,
                sources=sources_of(df),
            )
        sign = 1.0
        # np.prod of floats is an np.float64 (a float subclass); the stubs say floating[Any].
        cum = cast(float, (1 - np.prod([1 - sign * full[y] / 100 for y in plan_years])) * 100)
        latest = plan_years[-1]
        elapsed = (latest - b) / (ty - b)
        target = t.point or 0.0
        expected = t.planned_value(latest)
        completion = cum / target if target else None
        years, values = contiguous_tail(full)
        logs = tuple(float(-100 * math.log(1 - v / 100)) for v in values)
        remaining = ty - latest
        required = None
        if remaining > 0 and target:
            required = (1 - ((1 - target / 100) / (1 - cum / 100)) ** (1 / remaining)) * 100
        vals = np.array(values)
        observed_log = float(sum(-100 * math.log(1 - full[y] / 100) for y in plan_years))
        series = (
            SeriesInput(
                tuple(years), logs, "flow", transform="log_reduction", observed_total=observed_log
            )
            if len(years) >= 2
            else None
        )
        return Progress(
            ind.id,
            ind.kind,
            as_of,
            midterm_value=float(cum),
            midterm_period=period_of(latest),
            time_elapsed=elapsed,
            completion=completion,
            target_value=target,
            expected_value=expected,
            required_pace=required,
            recent_pace=float(vals[-3:].mean()),
            best_pace=float(vals[-3:].max()),
            pace_unit="%/年",
            met_now=bool(cum >= target),
            missing=tuple(missing),
            notes=("累计变化按逐年变化率连乘计算：1−∏(1−d/100)",),
            series=series,
            history=history,
            sources=sources_of(df),
        )

    is_change: ClassVar[bool] = True
    chart_row_bounds: ClassVar[bool] = False

    def target_number(self, value: float, baseline: float | None) -> float:
        # a change in the level is written as its size from the base figure
        if self.compounding or baseline is None:
            return value
        return abs(value - baseline)

    def observed_measure(self, unit: str, name: str) -> str:
        if unit != "%":
            return "level"
        # yearly reduction rates (%), or the % level itself for a change in points
        return "level" if self.in_points else "change"

    def asks_for(self) -> str:
        return self.change if self.compounding else "level"
