"""Five-year cumulative total of new additions ("累计 1400", "累计 10-20", "新增…50").

Progress is the running total since the base year divided by the target, against the share of
the period elapsed; the planned running total at time :math:`t` is
:math:`X^* (t - b)/(T - b)` (the 时序进度 rule: 20/40/60/80/100 %).
A range's lower end is on track, its upper end ahead.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np

from indicator_forecast._progress_kit import (
    Missing,
    Progress,
    SeriesInput,
    contiguous_tail,
    fmt_years,
    full_and_partial,
    last_full_year,
    obs_rows,
    period_of,
    sources_of,
    stale,
    years_from,
)
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets._level import level_met_in_record
from indicator_forecast.plan.targets.base import TargetBase

if TYPE_CHECKING:
    from indicator_forecast.data import Observations
    from indicator_forecast.plan import Indicator, Plan


class CumulativeTotalTarget(TargetBase):
    """A total of new amounts over the plan period (value or range).

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"cumulative_total"}
        The kind's name.
    implied : bool
        Whether the total was read as one without the word "累计" (written "新增…", or a plain
        number for an indicator whose name says new additions).
    """

    kind: Literal["cumulative_total"] = "cumulative_total"
    implied: bool = False
    label_zh: ClassVar[str] = "五年累计"
    label_en: ClassVar[str] = "five-year cumulative total"
    measured_as_distance: ClassVar[bool] = False
    stays_met_if_only_rises: ClassVar[bool] = False
    pace_is_amount: ClassVar[bool] = True
    completed_as_total: ClassVar[bool] = True
    amount_over_period: ClassVar[bool] = True

    def planned_value(self, year: float, baseline: float | None = None) -> float | None:
        """Planned running total at ``year`` (fractional years allowed, e.g. 2022.5)."""
        target = self.point
        if target is None:
            return None
        frac = min(max((year - self.base_year) / self.years, 0.0), 1.0)
        return target * frac

    def chart_running(self, yearly: dict[int, float]) -> list[tuple[int, float]] | None:
        """The running total of the yearly amounts."""
        out: list[tuple[int, float]] = []
        acc = 0.0
        for y in range(self.base_year + 1, self.target_year + 1):
            if y not in yearly:
                break
            acc += yearly[y]
            out.append((y, acc))
        return out

    def progress(
        self,
        ind: Indicator,
        obs: Observations,
        as_of: dt.date,
        *,
        plan: Plan,
        config: EvaluationConfig,
    ) -> Progress:
        """Progress as the running total of the yearly amounts (a missing year inside the plan
        years estimated from its neighbours and marked) against the target total."""
        t = self
        b, ty = t.base_year, t.target_year
        lfy = last_full_year(as_of)
        df = obs.records(ind.id, measure=("flow", "running_total"), as_of=as_of)
        notes: list[str] = []
        flows_df = [r for r in df if r.measure == "flow"]
        full, partial = full_and_partial(flows_df)
        running = [r for r in df if r.measure == "running_total"]
        for r in obs_rows(running):
            # A running total since the plan began: turn it into the year's flow where the earlier
            # total is known.
            if int(r.months) == 12 and int(r.year) not in full:
                prev = sum(v for y, v in full.items() if b < y < int(r.year))
                if all(y in full for y in range(b + 1, int(r.year))):
                    full[int(r.year)] = float(r.value) - prev
                    notes.append(f"{r.year}年新增数由累计数{float(r.value):g}减去此前各年新增得到")
            elif (
                int(r.months) < 12
                and partial is None
                and all(y in full for y in range(b + 1, int(r.year)))
            ):
                prev = sum(v for y, v in full.items() if b < y < int(r.year))
                partial = (int(r.year), int(r.months), float(r.value) - prev)
        plan_years = sorted(y for y in full if b < y <= lfy)
        absent = [y for y in years_from(b + 1, lfy) if y not in full]
        trailing = [y for y in absent if not plan_years or y > plan_years[-1]]
        inside = [y for y in absent if y not in trailing]
        blocked = not plan_years or bool(trailing and stale(plan_years[-1], as_of, config))
        missing: list[Missing] = []
        estimated: dict[int, float] = {}
        if absent and blocked:
            missing.append(
                Missing("年度新增数", "new amount of the year", fmt_years(absent), blocking=True)
            )
        elif absent:
            # A year missing inside the plan years is estimated (the mean of its neighbours, or of
            # the years known) and marked, rather than blocking the whole total; a latest year not
            # yet reported (within the staleness allowed) moves the position back instead.
            known = [full[y] for y in plan_years]
            for y in inside:
                near = [full[n] for n in (y - 1, y + 1) if n in full]
                estimated[y] = float(np.mean(near if near else known))
            if inside:
                missing.append(
                    Missing(
                        "年度新增数（暂按相邻年份估算计入累计）",
                        "new amount of the year (estimated from the neighbouring years meanwhile)",
                        fmt_years(inside),
                        blocking=False,
                    )
                )
                notes.append(
                    "、".join(f"{y}年新增数暂按{v:g}估算" for y, v in estimated.items())
                    + "（相邻年份均值），计入累计完成数，待实际数据替换"
                )
            if trailing:
                missing.append(
                    Missing(
                        "年度新增数", "new amount of the year", fmt_years(trailing), blocking=False
                    )
                )
            full = {**full, **estimated}
            plan_years = sorted(y for y in full if b < y <= lfy)
        total = float(sum(full[y] for y in plan_years))
        position = None
        period = None
        if plan_years and not blocked:
            position = float(plan_years[-1])
            period = period_of(plan_years[-1])
            if partial and partial[0] == plan_years[-1] + 1:
                total += partial[2]
                position = partial[0] - 1 + partial[1] / 12
                period = period_of(partial[0], partial[1])
        elif lfy <= b and partial and partial[0] == b + 1:
            # In the first plan year the running total is that year's months so far.
            total = partial[2]
            position = b + partial[1] / 12
            period = period_of(partial[0], partial[1])
        cur_year_months = as_of.month if as_of.year == lfy + 1 else 0
        if cur_year_months >= 1 and not (partial and partial[0] == lfy + 1):
            missing.append(
                Missing(
                    f"1-{cur_year_months}月新增数",
                    f"new amount Jan–month {cur_year_months}",
                    (f"{lfy + 1}年",),
                    blocking=False,
                )
            )
        history = tuple(sorted((y, v) for y, v in full.items() if y not in estimated))
        if position is None:
            return Progress(
                ind.id,
                ind.kind,
                as_of,
                target_value=t.point,
                missing=tuple(missing),
                notes=tuple(notes),
                history=history,
                sources=sources_of(df),
            )
        elapsed = (position - b) / (ty - b)
        target = t.point
        completion = total / target if target else None
        expected = t.planned_value(position, None)
        years, values = contiguous_tail(full)
        vals = np.array(values)
        recent = float(vals[-3:].mean()) if vals.size else None
        best = float(vals[-3:].max()) if vals.size else None
        required = (
            (target - total) / (ty - position) if target is not None and ty > position else None
        )
        met_now = total >= target if target is not None else None
        observed_total = float(sum(full[y] for y in plan_years))
        series = (
            SeriesInput(
                tuple(years),
                tuple(values),
                "flow",
                partial=partial if partial and partial[0] == years[-1] + 1 else None,
                observed_total=observed_total,
            )
            if len(years) >= 2
            else None
        )
        if series is None:
            notes.append("可用于预测的连续年度数据不足两个")
        return Progress(
            ind.id,
            ind.kind,
            as_of,
            midterm_value=total,
            midterm_period=period,
            time_elapsed=elapsed,
            completion=completion,
            target_value=target,
            expected_value=expected,
            required_pace=required,
            recent_pace=recent,
            best_pace=best,
            pace_unit=f"{ind.unit}/年",
            met_now=met_now,
            missing=tuple(missing),
            notes=tuple(notes),
            series=series,
            history=history,
            sources=sources_of(df),
            estimated_years=tuple(sorted(estimated)),
        )

    @classmethod
    def met_in_record(
        cls, low: float | None, high: float | None, higher: bool, value: float
    ) -> bool | None:
        return level_met_in_record(low, high, higher, value)

    def observed_measure(self, unit: str, name: str) -> str:
        return "flow"

    def asks_for(self) -> str:
        return "flow"
