"""The progress of the kinds judged on a level (an end value, a floor, a ceiling, a band, a
change in a level, a direction): one computation, with the kind's own pieces asked of the target
(its target value, whether it needs a base-year figure, its met test, its notes on the trend)."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import numpy as np

from indicator_forecast._progress_kit import (
    Missing,
    Progress,
    SeriesInput,
    first_year_pending,
    fmt_years,
    full_and_partial,
    interpolated,
    last_full_year,
    link_bases,
    on_latest_basis,
    period_of,
    sources_of,
    stale,
    years_from,
)
from indicator_forecast.config import EvaluationConfig

if TYPE_CHECKING:
    from indicator_forecast.data import Observations
    from indicator_forecast.plan import Indicator
    from indicator_forecast.plan.targets.base import TargetBase


def level_progress(
    t: TargetBase, ind: Indicator, obs: Observations, as_of: dt.date, config: EvaluationConfig
) -> Progress:
    """Progress of a target judged on a level: the figure of the latest full year against the
    base-year figure and the kind's target value (:meth:`TargetBase.level_target`).

    Figures on more than one statistical basis (统计口径) are judged as given (a completion
    across a change of basis includes it, and the reason says so), while the paces, the trend
    and the series projected use the figures linked to the latest basis
    (:func:`~indicator_forecast._progress_kit.link_bases`: shares and rates in % by a shift in
    percentage points, amounts by a ratio)."""
    b, ty = t.base_year, t.target_year
    lfy = last_full_year(as_of)
    df = obs.records(ind.id, measure="level", as_of=as_of)
    _, partial = full_and_partial(df)
    full, linked, link = link_bases(df, additive=ind.unit.strip() in ("%", "％", "百分点"))
    partial = on_latest_basis(partial, df, link)
    baseline = ind.baseline if ind.baseline is not None else full.get(b)
    notes: list[str] = []
    if (
        ind.baseline is not None
        and b in full
        and not math.isclose(ind.baseline, full[b], rel_tol=1e-6)
    ):
        notes.append(f"基期值取规划表所列{ind.baseline:g}（观测值为{full[b]:g}）")
    missing: list[Missing] = []
    target_value = t.level_target(baseline, full, notes, missing)
    needs_baseline = t.needs_baseline
    absent = [y for y in years_from(b + 1, lfy) if y not in full]
    plan_years = [y for y in full if b < y <= lfy]
    latest_year = max(plan_years) if plan_years else None
    start_year = b
    if baseline is None:
        earliest = min(plan_years) if plan_years else None
        usable = (
            needs_baseline
            and earliest is not None
            and latest_year is not None
            and (earliest < latest_year)
        )
        if usable:
            assert earliest is not None
            # Without the base-year figure, progress is measured from the earliest figure of
            # the plan years (and said so): better than no judgement at all.
            start_year, baseline = earliest, full[earliest]
            notes.append(f"缺{b}年基期值，以最早的{earliest}年数值{baseline:g}作为起点计算进度")
            target_value = t.rebased_target(target_value, baseline)
        missing.append(
            Missing(
                "基期值", "base-year value", (f"{b}年",), blocking=needs_baseline and not usable
            )
        )
    if absent:
        missing.append(
            Missing(
                "年度完成值",
                "yearly value",
                fmt_years(absent),
                blocking=stale(latest_year, as_of, config),
            )
        )
    history = tuple(sorted(full.items()))
    if latest_year is None:
        if not absent and lfy <= b:
            missing.append(first_year_pending(b))
        elif not absent:
            missing.append(Missing("年度完成值", "yearly value", fmt_years([lfy]), blocking=True))
        return Progress(
            ind.id,
            ind.kind,
            as_of,
            baseline=baseline,
            target_value=target_value,
            missing=tuple(missing),
            notes=tuple(notes),
            history=history,
            sources=sources_of(df),
        )
    mid = full[latest_year]
    period = period_of(latest_year)
    elapsed = (latest_year - b) / (ty - b)
    elapsed_from_start = (latest_year - start_year) / (ty - start_year)
    completion = None
    if baseline is not None and target_value is not None:
        distance = target_value - baseline
        # Only a distance in the good direction is a task to complete; a target already met at
        # the base year has no completion share.
        if (distance > 0 and ind.direction == "higher") or (
            distance < 0 and ind.direction == "lower"
        ):
            completion = (mid - baseline) / distance
    expected = None
    if baseline is not None and target_value is not None:
        expected = baseline + (target_value - baseline) * elapsed_from_start
    pace = (
        completion / elapsed_from_start
        if start_year != b and completion is not None and elapsed_from_start
        else None
    )
    met_now = t.level_met_now(baseline, mid, target_value)
    notes.extend(t.trend_notes(linked))
    realised = None
    if baseline and baseline > 0 and mid > 0 and latest_year > start_year:
        realised = ((mid / baseline) ** (1 / (latest_year - start_year)) - 1) * 100
    base_linked = (
        baseline if link is None or baseline is None else link.on_latest(start_year, baseline)
    )
    years, values, filled = interpolated(
        {**({b: base_linked} if base_linked is not None and b not in full else {}), **linked}
    )
    if filled:
        notes.append(
            f"{'、'.join(f'{y}年' for y in filled)}数据缺失，按相邻年份线性插补后用于预测"
            "（不作为完成值）"
        )
    diffs = np.diff(values) if len(values) > 1 else np.array([])
    # The recent pace is the plan period's own (its last three years at most): a change before
    # the base year beside "lower than the base year" would say the opposite of the figures.
    in_plan = np.asarray(years[1:]) > b
    if in_plan.any():
        diffs = diffs[in_plan]
    recent = float(np.mean(diffs[-3:])) if diffs.size else None
    best = (
        (float(np.max(diffs[-3:])) if ind.direction == "higher" else float(np.min(diffs[-3:])))
        if diffs.size
        else None
    )
    required = (
        (target_value - mid) / (ty - latest_year)
        if target_value is not None and ty > latest_year
        else None
    )
    series = (
        SeriesInput(
            tuple(years),
            tuple(values),
            "level",
            partial=partial if partial and partial[0] == latest_year + 1 else None,
            filled=tuple(filled),
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
        midterm_value=mid,
        midterm_period=period,
        time_elapsed=elapsed,
        completion=completion,
        baseline=baseline,
        baseline_year=start_year if start_year != b else None,
        pace=pace,
        target_value=target_value,
        expected_value=expected,
        realised_rate=realised,
        required_pace=required,
        recent_pace=recent,
        best_pace=best,
        # the yearly change of a percentage is in percentage points
        pace_unit="个百分点/年" if ind.unit.strip() in ("%", "％") else f"{ind.unit}/年",
        met_now=met_now,
        missing=tuple(missing),
        notes=tuple(notes),
        series=series,
        history=history,
        sources=sources_of(df),
        basis=link,
    )


def level_met_in_record(
    low: float | None, high: float | None, higher: bool, value: float
) -> bool | None:
    """Whether ``value`` reaches a level target read from a results table's bounds (the lower
    bound when higher is better, else the upper; ``None`` without either)."""
    goal = low if low is not None else high
    if goal is None:
        return None
    return value >= goal if higher else value <= goal
