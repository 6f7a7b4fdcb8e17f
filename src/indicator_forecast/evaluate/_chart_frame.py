"""The series the charts draw, in the quantity each target is judged in.

A five-year total (累计 1400) is judged by its running total, so its chart shows the running
total (0 in the base year, then the sum of the plan years' amounts) against the total target,
with the yearly amounts beside it; a compounded cumulative reduction (〔13.5〕) shows
:math:`1 - \\prod (1 - d_s/100)` year by year; a growth gap shows the yearly gap. Drawing yearly
amounts against a five-year total would make an indicator on track look hopeless.

The projection of a running total is the observed total plus the running sum of the projected
yearly means. Its interval is known exactly only in the target year (the outlook's quantiles of
the five-year total): the yearly amounts' intervals do not add up, so intermediate years carry
no interval rather than an invented one.

Interval columns are named by their level, ``lo-80`` / ``hi-80``, as the engine's batch output
names them (statsforecast's convention).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from indicator_forecast.evaluate.result import IndicatorResult

#: Series of the chart frame, in drawing order.
SERIES = (
    "yearly_amount",  # observed yearly amounts of a running total (bars)
    "origin",  # the running total's 0 in the base year (not an observation)
    "history",  # observed values in the charted quantity
    "midterm",  # the mid-term figure at a part-year position (e.g. 2022.5 for Jan-Jun 2023)
    "planned_path",  # the straight (or evenly compounding) path from the base year to the target
    "projection",  # projected mean, with the interval columns
    "assigned",  # each year's figure assigned by the parent government
    "target_low",  # lower bound of the target (a floor, a range's or band's lower edge)
    "target_high",  # upper bound (a ceiling, a range's or band's upper edge)
    "target_point",  # the value a band ("85 左右") is centred on
)
BASE_COLUMNS = ("indicator_id", "series", "period", "value", "base_year", "target_year")


def interval_columns(levels: list[int]) -> list[str]:
    """``["lo-80", "hi-80", "lo-95", "hi-95"]`` for ``levels=[80, 95]``."""
    return [f"{side}-{lv}" for lv in levels for side in ("lo", "hi")]


def _num(v: float | None) -> float:
    return math.nan if v is None else float(v)


def _running(r: IndicatorResult) -> list[tuple[int, float]] | None:
    """The running quantity at each plan year, as the target kind charts it (None: the kind
    charts its figures themselves)."""
    return r.indicator.target.chart_running(dict(r.progress.history))


def _targets(r: IndicatorResult) -> dict[str, float]:
    """The target's bounds in the charted quantity."""
    return r.indicator.target.chart_targets(r.progress.target_value)


def _planned_path(r: IndicatorResult) -> list[tuple[int, float]]:
    return r.indicator.target.chart_planned_path(r.progress.baseline, r.progress.target_value)


def _rows(r: IndicatorResult, levels: list[int]) -> list[dict[str, Any]]:
    ind, pr, o = r.indicator, r.progress, r.outlook
    base = {"indicator_id": ind.id, "base_year": pr.base_year, "target_year": pr.target_year}
    rows: list[dict[str, Any]] = []

    def add(series: str, period: float, value: float, **bands: float) -> None:
        rows.append({**base, "series": series, "period": period, "value": value, **bands})

    running = _running(r)
    if running is not None:
        for y, v in pr.history:
            add("yearly_amount", y, v)
        if running:
            add("origin", pr.base_year, 0.0)
        for y, v in running:
            add("history", y, v)
        pos = _midterm_position(r)
        if pos is not None and pr.midterm_value is not None and not float(pos).is_integer():
            add("midterm", pos, pr.midterm_value)
    elif ind.target.judged_by_gap:
        for y, _own, _ref, gap in pr.gaps:
            add("history", y, gap)
    else:
        for y, v in pr.history:
            add("history", y, v)
    for y, v in _planned_path(r):
        add("planned_path", y, v)
    if o is not None:
        rows += _projection(r, levels, add_base=base)
    for y, _actual, assigned, _met in pr.yearly_met:
        add("assigned", y, assigned)
    for series, v in _targets(r).items():
        if not math.isnan(v):
            add(series, pr.target_year, v)
    return rows


def _midterm_position(r: IndicatorResult) -> float | None:
    pr = r.progress
    if pr.time_elapsed is None:
        return None
    return pr.base_year + pr.time_elapsed * (pr.target_year - pr.base_year)


def _projection(
    r: IndicatorResult, levels: list[int], add_base: dict[str, Any]
) -> list[dict[str, Any]]:
    """Projected rows: the path as projected, or for a running quantity its running sum."""
    pr, o = r.progress, r.outlook
    assert o is not None
    path_levels = [o.level, o.wide_level]
    rows: list[dict[str, Any]] = []
    running = _running(r)
    if running is None:  # levels, rates, yearly gaps: the path is in the charted quantity
        for y, m, *bounds in o.path:
            bands: dict[str, float] = {}
            for i, lv in enumerate(path_levels):
                bands.setdefault(f"lo-{lv}", float(bounds[2 * i]))
                bands.setdefault(f"hi-{lv}", float(bounds[2 * i + 1]))
            rows.append({**add_base, "series": "projection", "period": int(y), "value": float(m),
                         **bands})  # fmt: skip
        return rows
    s = pr.series
    # a compounded change is projected as additive log reductions (see evaluate._outlook)
    compounded = s is not None and s.transform == "log_reduction"
    # the running quantity in the engine's additive units (amounts, or log reductions)
    acc = s.observed_total if s is not None else 0.0
    for y, m, *_ in o.path:
        acc += float(m)
        value = (1 - math.exp(-acc / 100)) * 100 if compounded else acc
        row: dict[str, Any] = {**add_base, "series": "projection", "period": int(y),
                               "value": value}  # fmt: skip
        if int(y) == pr.target_year:
            # exact: the outlook's distribution of the five-year total itself
            row["value"] = float(o.mean)
            for lv in levels:
                a = (1 - lv / 100) / 2
                row[f"lo-{lv}"] = float(o.quantile(a))
                row[f"hi-{lv}"] = float(o.quantile(1 - a))
        rows.append(row)
    return rows


def chart_frame(results: tuple[IndicatorResult, ...], level: int, wide_level: int = 95
                ) -> pd.DataFrame:
    """One row per charted point (see :data:`SERIES`), columns :data:`BASE_COLUMNS` and the
    interval columns ``lo-{level}``, ``hi-{level}``, ``lo-{wide_level}``, ``hi-{wide_level}``."""
    levels = sorted({*(lv for r in results if r.outlook is not None
                       for lv in (r.outlook.level, r.outlook.wide_level)), level, wide_level})
    rows = [row for r in results for row in _rows(r, levels)]
    columns = [*BASE_COLUMNS, *interval_columns(levels)]
    frame = pd.DataFrame(rows, columns=columns)
    for col in columns[len(BASE_COLUMNS):]:
        frame[col] = frame[col].astype(float)
    return frame
