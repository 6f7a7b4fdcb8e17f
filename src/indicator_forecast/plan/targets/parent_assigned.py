"""A target set by the parent each year ("完成市下达目标", "各年度视情提出").

The target figure is not in the plan: the parent's (or the yearly plan's) figure must be
supplied as data (role ``parent_target`` or ``annual_target``). Without it the evaluation says
which figure is missing and who supplies it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, ClassVar, Literal

from indicator_forecast._progress_kit import (
    Missing,
    Progress,
    fmt_years,
    full_and_partial,
    last_full_year,
    period_of,
    sources_of,
    years_from,
)
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.plan.targets._final import FinalVerdict
from indicator_forecast.plan.targets.base import TargetBase

if TYPE_CHECKING:
    from indicator_forecast.data import Observations
    from indicator_forecast.plan import Indicator, Plan


class ParentAssignedTarget(TargetBase):
    """A target whose figure is assigned each year by ``setter`` (e.g. the city).

    The fields of :class:`.TargetBase` (``text``, ``low``, ``high``, ``unit``, ``direction``,
    ``base_year``, ``target_year``, ``aspiration``, ``note`` …) and the following.

    Parameters
    ----------
    kind : {"parent_assigned"}
        The kind's name.
    setter : str
        Who assigns the yearly figure (default ``"市"``, the city).
    """

    kind: Literal["parent_assigned"] = "parent_assigned"
    setter: str = "市"
    has_numbers: ClassVar[bool] = False
    label_zh: ClassVar[str] = "上级下达"
    label_en: ClassVar[str] = "set by the parent"
    final_rule: ClassVar[str] = "years"
    measured_as_distance: ClassVar[bool] = False
    met_early_counts: ClassVar[bool] = False
    stays_met_if_only_rises: ClassVar[bool] = False
    judged_by_years: ClassVar[bool] = True
    charts_planned_path: ClassVar[bool] = False

    def is_met(self, value: float) -> bool | None:
        return None

    def chart_targets(self, target_value: float | None) -> dict[str, float]:
        # The yearly assigned figures are charted instead (series "assigned").
        return {}

    def progress(
        self,
        ind: Indicator,
        obs: Observations,
        as_of: dt.date,
        *,
        plan: Plan,
        config: EvaluationConfig,
    ) -> Progress:
        """Progress as the yearly figures against the yearly targets set by the parent."""
        t = self
        b, ty = t.base_year, t.target_year
        lfy = last_full_year(as_of)
        role = "annual_target" if t.setter == "年度计划" else "parent_target"
        tdf = obs.records(ind.id, role=role, as_of=None)
        targets, _ = full_and_partial([r for r in tdf if r.year <= lfy])
        adf = obs.records(ind.id, as_of=as_of)
        actual, _ = full_and_partial(adf)
        years_needed = years_from(b + 1, lfy)
        missing: list[Missing] = []
        t_absent = [y for y in years_needed if y not in targets]
        a_absent = [y for y in years_needed if y not in actual]
        setter = "年度计划" if t.setter == "年度计划" else f"{t.setter}下达"
        if t_absent:
            missing.append(
                Missing(
                    f"{setter}的年度目标值",
                    f"yearly target set by {t.setter}",
                    fmt_years(t_absent),
                    blocking=True,
                )
            )
        if a_absent:
            missing.append(
                Missing("年度完成值", "yearly value", fmt_years(a_absent), blocking=True)
            )
        history = tuple(sorted(actual.items()))
        if missing or not years_needed:  # no year assessed yet: compute_progress says why
            return Progress(
                ind.id,
                ind.kind,
                as_of,
                missing=tuple(missing),
                history=history,
                sources=sources_of((*tdf, *adf)),
            )
        higher = ind.direction == "higher"
        yearly = tuple(
            (
                y,
                actual[y],
                targets[y],
                bool(actual[y] >= targets[y] if higher else actual[y] <= targets[y]),
            )
            for y in years_needed
        )
        share_met = sum(m for *_, m in yearly) / len(yearly)
        return Progress(
            ind.id,
            ind.kind,
            as_of,
            midterm_value=actual[lfy],
            midterm_period=period_of(lfy),
            time_elapsed=(lfy - b) / (ty - b),
            completion=share_met,
            met_now=yearly[-1][3],
            yearly_met=yearly,
            history=history,
            sources=sources_of((*tdf, *adf)),
            notes=(
                "目标由上级逐年下达，以各年度是否完成下达目标评估；期末目标取决于后续年度下达值",
            ),
            target_value=targets[lfy],
        )

    reason_pace_applies: ClassVar[bool] = False
    proposes_adjustment: ClassVar[bool] = False
    chart_row_bounds: ClassVar[bool] = False

    def observed_measure(self, unit: str, name: str) -> str:
        # a yearly figure in % of a 降低/增长 indicator is the year's change or growth
        if unit == "%" and re.search(r"降低|下降|增长", name):
            return "change" if re.search(r"降低|下降", name) else "growth_rate"
        return "level"

    def asks_for(self) -> str:
        return "assigned"

    def final_verdict(
        self, pr: Progress, value: float, unit: str, config: EvaluationConfig
    ) -> FinalVerdict | None:
        """The share of years whose assigned target was met (the figure judged): all of them
        completed; at least ``final_years_share`` of them, the last among them, basic."""
        if not pr.yearly_met:
            return None
        met_years = [y for y, _, _, m in pr.yearly_met if m]
        n = len(pr.yearly_met)
        share = len(met_years) / n
        last_met = pr.yearly_met[-1][3]
        code = "not_completed"
        if share == 1:
            code = "completed"
        elif share >= config.final_years_share and last_met:
            code = "basic"
        missed = [f"{y}年" for y, _, _, m in pr.yearly_met if not m]
        zh = f"{n}个年度中{len(met_years)}个完成上级下达目标"
        en = f"the assigned target met in {len(met_years)} of {n} years"
        if missed:
            zh += f"（{'、'.join(missed)}未完成）"
            en += f" (missed: {', '.join(m.rstrip('年') for m in missed)})"
        return FinalVerdict(code, share, pr.target_value, share, zh, en)
