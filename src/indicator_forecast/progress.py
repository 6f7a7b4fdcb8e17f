"""Half-time progress ("时间过半、任务过半") of one indicator at an evaluation date.

For each target kind, from the observed figures up to the evaluation date ``as_of``:

* 中期完成数 (the mid-term figure): for an indicator measured per year, the last full year
  (2022 at the seed's dates); for a five-year cumulative one, the running total to the latest
  month (January–June 2023).
* time elapsed: (position of the mid-term figure − base year) ÷ plan years; 2.5/5 = 50 % for a
  running total at June 2023, 2/5 = 40 % for a 2022 annual figure.
* completion: the share of the task done — running total ÷ target (cumulative);
  :math:`(x_t - x_b)/(x^* - x_b)` (end level); realised ÷ target average rate (annual rate).
* the value expected on the straight path from the base year to the target at that date;
  the pace the remaining years need (per year) against the average and the best recent pace;
  met-or-not now for floors, ceilings and bands; the gap to the parent's (or the reference
  indicator's) growth year by year and on average.

It also lists what is missing and whether that blocks a conclusion, and prepares the series the
projection engine will extend. It knows nothing of projections.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, cast

import numpy as np
import pandas as pd

from indicator_forecast._typing import Measure
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations, Period
from indicator_forecast.data.observations import ObsRecord
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.plan import Indicator, Plan
from indicator_forecast.plan.targets import (
    AnnualRateTarget,
    BandTarget,
    CumulativeChangeTarget,
    DirectionTarget,
    EarlierYearTarget,
    ParentAssignedTarget,
    ParentSyncedTarget,
    RelativeToIndicatorTarget,
)

LEVEL_KINDS = ("end_level", "running_level", "composite", "band", "floor", "ceiling")
GAP_KINDS = ("parent_synced", "relative_to_indicator")


@dataclass(frozen=True)
class Missing:
    """A figure that is missing: what, for which periods, and who must supply it."""

    what_zh: str
    what_en: str
    periods: tuple[str, ...]
    blocking: bool

    def text(self, lang: str = "zh") -> str:
        per = "、".join(self.periods) if lang == "zh" else ", ".join(self.periods)
        what = self.what_zh if lang == "zh" else self.what_en
        return f"{per}{what}" if lang == "zh" else f"{what} ({per})"


@dataclass(frozen=True)
class SeriesInput:
    """What the projection engine is asked to extend, in the indicator's working terms.

    ``transform`` says how projected values map back: ``none``; ``log_reduction`` (yearly
    reductions d as −100·ln(1 − d/100), additive); ``gap_average`` (yearly gaps, averaged over
    the plan years).
    """

    years: tuple[int, ...]
    values: tuple[float, ...]
    measure: Measure
    transform: str = "none"
    partial: tuple[int, int, float] | None = None  # (year, months, value)
    observed_total: float = 0.0


@dataclass(frozen=True)
class Progress:
    """Progress of one indicator at ``as_of`` (see the module docstring for each quantity)."""

    indicator_id: str
    kind: str
    as_of: dt.date
    midterm_value: float | None = None
    midterm_period: Period | None = None
    time_elapsed: float | None = None
    completion: float | None = None
    baseline: float | None = None
    target_value: float | None = None
    expected_value: float | None = None
    realised_rate: float | None = None
    required_pace: float | None = None
    recent_pace: float | None = None
    best_pace: float | None = None
    pace_unit: str = ""
    met_now: bool | None = None
    gaps: tuple[tuple[int, float, float, float], ...] = ()
    yearly_met: tuple[tuple[int, float, float, bool], ...] = ()
    missing: tuple[Missing, ...] = ()
    notes: tuple[str, ...] = ()
    series: SeriesInput | None = None
    history: tuple[tuple[int, float], ...] = ()
    sources: tuple[str, ...] = field(default=())
    base_year: int = 2020
    target_year: int = 2025
    pace: float | None = None
    baseline_year: int | None = None
    estimated_years: tuple[int, ...] = ()
    direction: str = "higher"
    threshold: float | None = None

    @property
    def blocked(self) -> bool:
        """Whether what is missing prevents a conclusion."""
        return any(m.blocking for m in self.missing)

    @property
    def pace_ratio(self) -> float | None:
        """How the pace so far compares with the pace the target needs (1 = on schedule).

        For amounts and levels, completion ÷ time elapsed. For an average annual rate the time
        is already inside the rate: the ratio is the realised average rate ÷ the target rate
        (set by the kind in :attr:`pace`), never divided by the time elapsed, so a city growing
        7.2 % a year against 15 % is at 0.48, behind.
        """
        if self.pace is not None:
            return self.pace
        if self.completion is None or not self.time_elapsed:
            return None
        return self.completion / self.time_elapsed


def last_full_year(as_of: dt.date) -> int:
    """The last calendar year fully behind ``as_of``."""
    return as_of.year if (as_of.month, as_of.day) == (12, 31) else as_of.year - 1


MOMENT_LABELS: dict[str, tuple[str, str]] = {
    "monitoring": ("年度监测", "yearly monitoring"),
    "midterm": ("中期评估", "mid-term review"),
    "final": ("总结评估", "final evaluation"),
}


@dataclass(frozen=True)
class Moment:
    """Which moment of a plan's life an evaluation date is, and what time elapsed means then.

    Parameters
    ----------
    code : {"monitoring", "midterm", "final"}
        年度监测, 中期评估 or 总结评估.
    as_of : date
        The evaluation date.
    base_year, target_year : int
        The plan period (2020 and 2025 for 2021–2025).
    data_year : int
        The last full year the evaluation looks at: the last full year before ``as_of``, never
        after the target year (figures after the plan period are not part of its evaluation).
    """

    code: str
    as_of: dt.date
    base_year: int
    target_year: int
    data_year: int

    @property
    def years_elapsed(self) -> int:
        """Full plan years behind the evaluation (0 before the first one has ended)."""
        return max(0, self.data_year - self.base_year)

    @property
    def time_elapsed(self) -> float:
        """Full plan years behind ÷ plan years (1.0 at the final evaluation)."""
        return self.years_elapsed / (self.target_year - self.base_year)

    @property
    def is_final(self) -> bool:
        return self.code == "final"

    @property
    def cutoff(self) -> dt.date:
        """The date figures are taken up to: ``as_of``, or 31 December of the target year."""
        return min(self.as_of, dt.date(self.target_year, 12, 31))

    def label(self, lang: str = "zh") -> str:
        zh, en = MOMENT_LABELS[self.code]
        return zh if lang == "zh" else en

    def describe(self, lang: str = "zh") -> str:
        """What the moment is and what "time elapsed" means at it, in one sentence."""
        b, T, n = self.base_year, self.target_year, self.target_year - self.base_year
        k = self.years_elapsed
        if self.is_final:
            if lang == "zh":
                return f"规划期（{b + 1}—{T}年）已结束，按{T}年实际完成情况总结评估，时间进度100%"
            return (
                f"the plan period ({b + 1}–{T}) is over: judged on the actual figures of {T}, "
                "time elapsed 100%"
            )
        if k == 0:
            if lang == "zh":
                return f"规划期首个完整年度（{b + 1}年）尚未结束，只能看当年已有的月度累计数"
            return f"the plan's first full year ({b + 1}) has not ended: only part-year figures"
        if lang == "zh":
            return (
                f"{self.label(lang)}：截至{self.data_year}年末，规划期{n}年已过{k}年，"
                f"时间进度{k / n:.0%}"
            )
        return (
            f"{self.label(lang)}: by the end of {self.data_year}, {k} of the plan's {n} years "
            f"have passed (time elapsed {k / n:.0%})"
        )


def plan_moment(
    as_of: dt.date, base_year: int, target_year: int, setting: str = "auto"
) -> Moment:
    """The moment of the plan an evaluation at ``as_of`` is (see :class:`Moment`).

    ``setting="auto"``: 总结评估 once the target year is a full year behind ``as_of``; 中期评估
    when the last full year is the middle of the period (years ⌊n/2⌋ or ⌈n/2⌉ of n: 2022 or 2023
    of 2021–2025); 年度监测 otherwise. An explicit ``"final"`` before the target year has ended is
    refused: there is no final figure to judge.
    """
    lfy = min(last_full_year(as_of), target_year)
    n = target_year - base_year
    if setting == "auto":
        if lfy >= target_year:
            code = "final"
        elif lfy - base_year in (n // 2, (n + 1) // 2):
            code = "midterm"
        else:
            code = "monitoring"
    else:
        code = setting
        if code == "final" and lfy < target_year:
            raise ConfigurationError(
                f"总结评估须在规划目标年（{target_year}年）结束之后进行，评估时点为{as_of}"
                f" / a final evaluation needs the target year {target_year} to be over; the "
                f"evaluation date is {as_of}"
            )
    return Moment(code, as_of, base_year, target_year, lfy)


def _years(a: int, b: int) -> list[int]:
    return list(range(a, b + 1))


def _fmt_years(years: list[int]) -> tuple[str, ...]:
    return tuple(f"{y}年" for y in years)


class _ObsRow(Protocol):
    """A figure as :meth:`Observations.records` (or ``DataFrame.itertuples``) yields it."""

    @property
    def year(self) -> int: ...
    @property
    def months(self) -> int: ...
    @property
    def value(self) -> float: ...


Rows = Sequence[ObsRecord]
"""One indicator's figures in period order, from :meth:`Observations.records`."""


def _obs_rows(df: Rows | pd.DataFrame) -> Iterator[_ObsRow]:
    if isinstance(df, pd.DataFrame):
        # pandas-stubs types itertuples' fields as any scalar; these columns are numbers.
        return cast("Iterator[_ObsRow]", df.itertuples())
    return iter(df)


def _full_and_partial(
    df: Rows | pd.DataFrame,
) -> tuple[dict[int, float], tuple[int, int, float] | None]:
    rows = list(_obs_rows(df))
    full = {int(r.year): float(r.value) for r in rows if int(r.months) == 12}
    part_rows = [r for r in rows if int(r.months) < 12 and int(r.year) not in full]
    partial = None
    if part_rows:
        r = max(part_rows, key=lambda r: (int(r.year), int(r.months)))
        partial = (int(r.year), int(r.months), float(r.value))
    return full, partial


def _contiguous_tail(d: dict[int, float]) -> tuple[list[int], list[float]]:
    """The longest run of consecutive years ending at the latest year."""
    if not d:
        return [], []
    years = sorted(d)
    run = [years[-1]]
    for y in reversed(years[:-1]):
        if y == run[0] - 1:
            run.insert(0, y)
        else:
            break
    return run, [d[y] for y in run]


def _interpolated(d: dict[int, float]) -> tuple[list[int], list[float], list[int]]:
    """The longest run of years ending at the latest, one-year gaps filled by their neighbours'
    mean.

    Returns the years, the values and the years filled, so that a level series with a missing
    year (forest cover without 2021) is still projected from the years it has, and says so;
    longer gaps end the run (a value invented over several years would feign a trend).
    """
    if not d:
        return [], [], []
    known = sorted(d)
    filled = {
        y: (d[y - 1] + d[y + 1]) / 2
        for y in range(known[0] + 1, known[-1])
        if y not in d and y - 1 in d and y + 1 in d
    }
    years, values = _contiguous_tail({**d, **filled})
    return years, values, [y for y in years if y in filled]


def _dropped(v: Any) -> bool:
    """What ``Series.dropna`` drops: None, NaN, NaT, pd.NA."""
    return v is None or (not isinstance(v, str) and bool(pd.isna(v)))


def _sources(df: Rows | pd.DataFrame) -> tuple[str, ...]:
    if isinstance(df, pd.DataFrame):
        return tuple(dict.fromkeys(s for s in df["source"].dropna().tolist() if s))
    return tuple(dict.fromkeys(r.source for r in df if not _dropped(r.source) and r.source))


def compute_progress(
    ind: Indicator,
    obs: Observations,
    as_of: dt.date,
    *,
    plan: Plan,
    config: EvaluationConfig | None = None,
) -> Progress:
    """Progress of ``ind`` at ``as_of`` from ``obs`` (figures after ``as_of`` are ignored)."""
    config = config or EvaluationConfig()
    # Figures after the plan period are not part of its evaluation: a final evaluation in 2026
    # looks at the plan years only, and the part-year figures of 2026 are not asked for.
    as_of = min(as_of, dt.date(ind.target.target_year, 12, 31))
    kind = ind.kind
    if kind in GAP_KINDS:
        pr = _gap_progress(ind, obs, as_of, plan, config)
    elif kind == "parent_assigned":
        pr = _assigned_progress(ind, obs, as_of, plan, config)
    elif kind == "cumulative_total":
        pr = _cumulative_progress(ind, obs, as_of, plan, config)
    elif kind == "annual_rate":
        pr = _rate_progress(ind, obs, as_of, plan, config)
    elif (
        kind == "cumulative_change"
        and isinstance(ind.target, CumulativeChangeTarget)
        and ind.target.compounding
    ):
        pr = _compound_change_progress(ind, obs, as_of, plan, config)
    else:
        pr = _level_progress(ind, obs, as_of, plan, config)
    t = ind.target
    threshold = pr.target_value
    if isinstance(t, BandTarget):
        threshold = t.band_low if ind.direction == "higher" else t.band_high
    return replace(pr, base_year=t.base_year, target_year=t.target_year,
                   direction=ind.direction, threshold=threshold)


def _stale(latest_position: float | None, as_of: dt.date, config: EvaluationConfig) -> bool:
    if latest_position is None:
        return True
    return last_full_year(as_of) - latest_position > config.max_staleness_years + 1e-9


def _level_progress(
    ind: Indicator, obs: Observations, as_of: dt.date, plan: Plan, config: EvaluationConfig
) -> Progress:
    t = ind.target
    b, T = t.base_year, t.target_year
    lfy = last_full_year(as_of)
    df = obs.records(ind.id, measure="level", as_of=as_of)
    full, partial = _full_and_partial(df)
    baseline = ind.baseline if ind.baseline is not None else full.get(b)
    notes: list[str] = []
    if (
        ind.baseline is not None
        and b in full
        and not math.isclose(ind.baseline, full[b], rel_tol=1e-6)
    ):
        notes.append(f"基期值取规划表所列{ind.baseline:g}（观测值为{full[b]:g}）")
    target_value = t.point
    if isinstance(t, CumulativeChangeTarget) and t.point is not None and baseline is not None:
        target_value = baseline + t.point if t.change == "increase" else baseline - t.point
    missing: list[Missing] = []
    needs_baseline = ind.kind in (
        "end_level", "running_level", "composite", "cumulative_change", "direction"
    )
    if isinstance(t, EarlierYearTarget):
        ref = (
            baseline
            if t.reference_year == b and baseline is not None
            else full.get(t.reference_year)
        )
        if ref is None:
            missing.append(
                Missing(
                    "基准年数值",
                    "value of the reference year",
                    (f"{t.reference_year}年",),
                    blocking=True,
                )
            )
        else:
            target_value = t.target_value(ref)
            notes.append(
                f"目标值为{t.reference_year}年{ref:g}的{t.multiple:g}倍，即{target_value:g}"
            )
    if isinstance(t, DirectionTarget) and baseline is not None and t.movement != "stable":
        # "持续下降": the figure to stay below is where the plan started; P(meet) is then the
        # probability of ending below it (above it for a rise).
        target_value = baseline
    absent = [y for y in _years(b + 1, lfy) if y not in full]
    plan_years = [y for y in full if b < y <= lfy]
    latest_year = max(plan_years) if plan_years else None
    start_year = b
    if baseline is None:
        earliest = min(plan_years) if plan_years else None
        usable = needs_baseline and earliest is not None and latest_year is not None and (
            earliest < latest_year
        )
        if usable:
            assert earliest is not None
            # Without the base-year figure, progress is measured from the earliest figure of
            # the plan years (and said so): better than no judgement at all.
            start_year, baseline = earliest, full[earliest]
            notes.append(
                f"缺{b}年基期值，以最早的{earliest}年数值{baseline:g}作为起点计算进度"
            )
            if isinstance(t, DirectionTarget) and t.movement != "stable":
                target_value = baseline
        missing.append(
            Missing("基期值", "base-year value", (f"{b}年",),
                    blocking=needs_baseline and not usable)
        )
    if absent:
        missing.append(
            Missing(
                "年度完成值",
                "yearly value",
                _fmt_years(absent),
                blocking=_stale(latest_year, as_of, config),
            )
        )
    history = tuple(sorted(full.items()))
    if latest_year is None:
        if not absent and lfy <= b:
            missing.append(
                Missing(
                    "年度完成值（该年度尚未结束）",
                    "yearly value (the year has not ended)",
                    _fmt_years([b + 1]),
                    blocking=True,
                )
            )
        elif not absent:
            missing.append(Missing("年度完成值", "yearly value", _fmt_years([lfy]), blocking=True))
        return Progress(
            ind.id,
            ind.kind,
            as_of,
            baseline=baseline,
            target_value=target_value,
            missing=tuple(missing),
            notes=tuple(notes),
            history=history,
            sources=_sources(df),
        )
    mid = full[latest_year]
    period = Period(latest_year)
    elapsed = (latest_year - b) / (T - b)
    elapsed_from_start = (latest_year - start_year) / (T - start_year)
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
    met_now = None
    if isinstance(t, DirectionTarget):
        met_now = t.is_met_direction(baseline, mid) if baseline is not None else None
        steps = np.diff([v for _, v in sorted(full.items()) if _ >= b])
        if steps.size:
            good = int(np.sum(steps > 0 if t.movement == "rise" else steps < 0))
            if t.movement != "stable":
                notes.append(f"{b}年以来{steps.size}个年度变化中{good}个符合“{t.text}”的方向")
    elif ind.kind in ("floor", "ceiling", "band"):
        met_now = t.is_met(mid)
    elif target_value is not None:
        met_now = mid >= target_value if ind.direction == "higher" else mid <= target_value
    realised = None
    if baseline and baseline > 0 and mid > 0 and latest_year > start_year:
        realised = ((mid / baseline) ** (1 / (latest_year - start_year)) - 1) * 100
    years, values, filled = _interpolated(
        {**({b: baseline} if baseline is not None and b not in full else {}), **full}
    )
    if filled:
        notes.append(
            f"{'、'.join(f'{y}年' for y in filled)}数据缺失，按相邻年份线性插补后用于预测"
            "（不作为完成值）"
        )
    diffs = np.diff(values) if len(values) > 1 else np.array([])
    recent = float(np.mean(diffs[-3:])) if diffs.size else None
    best = (
        (float(np.max(diffs[-3:])) if ind.direction == "higher" else float(np.min(diffs[-3:])))
        if diffs.size
        else None
    )
    required = (
        (target_value - mid) / (T - latest_year)
        if target_value is not None and T > latest_year
        else None
    )
    series = (
        SeriesInput(
            tuple(years),
            tuple(values),
            "level",
            partial=partial if partial and partial[0] == latest_year + 1 else None,
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
        pace_unit=f"{ind.unit}/年",
        met_now=met_now,
        missing=tuple(missing),
        notes=tuple(notes),
        series=series,
        history=history,
        sources=_sources(df),
    )


def _cumulative_progress(
    ind: Indicator, obs: Observations, as_of: dt.date, plan: Plan, config: EvaluationConfig
) -> Progress:
    t = ind.target
    b, T = t.base_year, t.target_year
    lfy = last_full_year(as_of)
    df = obs.records(ind.id, measure=("flow", "running_total"), as_of=as_of)
    notes: list[str] = []
    flows_df = [r for r in df if r.measure == "flow"]
    full, partial = _full_and_partial(flows_df)
    running = [r for r in df if r.measure == "running_total"]
    for r in _obs_rows(running):
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
    absent = [y for y in _years(b + 1, lfy) if y not in full]
    trailing = [y for y in absent if not plan_years or y > plan_years[-1]]
    inside = [y for y in absent if y not in trailing]
    blocked = not plan_years or bool(trailing and _stale(plan_years[-1], as_of, config))
    missing: list[Missing] = []
    estimated: dict[int, float] = {}
    if absent and blocked:
        missing.append(
            Missing("年度新增数", "new amount of the year", _fmt_years(absent), blocking=True)
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
                    _fmt_years(inside),
                    blocking=False,
                )
            )
            notes.append(
                "、".join(f"{y}年新增数暂按{v:g}估算" for y, v in estimated.items())
                + "（相邻年份均值），计入累计完成数，待实际数据替换"
            )
        if trailing:
            missing.append(
                Missing("年度新增数", "new amount of the year", _fmt_years(trailing),
                        blocking=False)
            )
        full = {**full, **estimated}
        plan_years = sorted(y for y in full if b < y <= lfy)
    total = float(sum(full[y] for y in plan_years))
    position = None
    period = None
    if plan_years and not blocked:
        position = float(plan_years[-1])
        period = Period(plan_years[-1])
        if partial and partial[0] == plan_years[-1] + 1:
            total += partial[2]
            position = partial[0] - 1 + partial[1] / 12
            period = Period(partial[0], partial[1])
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
            sources=_sources(df),
        )
    elapsed = (position - b) / (T - b)
    target = t.point
    completion = total / target if target else None
    expected = t.planned_value(position, None)
    years, values = _contiguous_tail(full)
    vals = np.array(values)
    recent = float(vals[-3:].mean()) if vals.size else None
    best = float(vals[-3:].max()) if vals.size else None
    required = (target - total) / (T - position) if target is not None and T > position else None
    met_now = total >= target if target is not None else None
    observed_total = float(sum(full[y] for y in plan_years))
    series = SeriesInput(tuple(years), tuple(values), "flow",
                         partial=partial if partial and partial[0] == years[-1] + 1 else None,
                         observed_total=observed_total) if len(years) >= 2 else None
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
        sources=_sources(df),
        estimated_years=tuple(sorted(estimated)),
    )


def _compound_change_progress(
    ind: Indicator, obs: Observations, as_of: dt.date, plan: Plan, config: EvaluationConfig
) -> Progress:
    t = ind.target
    assert isinstance(t, CumulativeChangeTarget)
    b, T = t.base_year, t.target_year
    lfy = last_full_year(as_of)
    df = obs.records(ind.id, measure="change", as_of=as_of)
    full, _ = _full_and_partial(df)
    absent = [y for y in _years(b + 1, lfy) if y not in full]
    missing = (
        [
            Missing(
                "年度降低率" if t.change == "reduction" else "年度提高幅度",
                "yearly change",
                _fmt_years(absent),
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
            sources=_sources(df),
        )
    sign = 1.0
    # np.prod of floats is an np.float64 (a float subclass); the stubs say floating[Any].
    cum = cast(float, (1 - np.prod([1 - sign * full[y] / 100 for y in plan_years])) * 100)
    latest = plan_years[-1]
    elapsed = (latest - b) / (T - b)
    target = t.point or 0.0
    expected = t.planned_value(latest)
    completion = cum / target if target else None
    years, values = _contiguous_tail(full)
    logs = tuple(float(-100 * math.log(1 - v / 100)) for v in values)
    remaining = T - latest
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
        midterm_period=Period(latest),
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
        sources=_sources(df),
    )


def _growth_by_year(
    ind: Indicator, obs: Observations, as_of: dt.date, role: str = "actual"
) -> tuple[dict[int, float], list[str], tuple[str, ...]]:
    """Yearly growth rates (%), from growth-rate figures, else from consecutive levels."""
    df = obs.records(ind.id, role=role, measure="growth_rate", as_of=as_of)
    rates, _ = _full_and_partial(df)
    notes: list[str] = []
    lv = obs.records(ind.id, role=role, measure="level", as_of=as_of)
    levels, _ = _full_and_partial(lv)
    for y in sorted(levels):
        if y not in rates and (y - 1) in levels and levels[y - 1] > 0:
            rates[y] = (levels[y] / levels[y - 1] - 1) * 100
            notes.append(f"{y}年增速由水平值{levels[y - 1]:g}→{levels[y]:g}计算")
    return rates, notes, _sources((*df, *lv))


def _rate_progress(
    ind: Indicator, obs: Observations, as_of: dt.date, plan: Plan, config: EvaluationConfig
) -> Progress:
    t = ind.target
    assert isinstance(t, AnnualRateTarget)
    b, T = t.base_year, t.target_year
    lfy = last_full_year(as_of)
    rates, notes, sources = _growth_by_year(ind, obs, as_of)
    absent = [y for y in _years(b + 1, lfy) if y not in rates]
    missing = (
        [Missing("年度增速", "yearly growth rate", _fmt_years(absent), blocking=True)]
        if absent
        else []
    )
    history = tuple(sorted(rates.items()))
    plan_years = sorted(y for y in rates if b < y <= lfy)
    if absent or not plan_years:
        return Progress(
            ind.id,
            ind.kind,
            as_of,
            target_value=t.point,
            missing=tuple(missing),
            notes=tuple(notes),
            history=history,
            sources=sources,
        )
    n = len(plan_years)
    # np.prod of floats is an np.float64 (a float subclass); the stubs say floating[Any].
    realised = cast(float, (np.prod([1 + rates[y] / 100 for y in plan_years]) ** (1 / n) - 1) * 100)
    target = t.point
    completion = realised / target if target else None
    required = t.required_rate(float(realised), n) if target is not None else None
    years, values = _contiguous_tail(rates)
    vals = np.array([rates[y] for y in plan_years])
    series = SeriesInput(tuple(years), tuple(values), "growth_rate") if len(years) >= 2 else None
    met_now = None
    if target is not None:
        met_now = bool(realised >= target) if t.direction == "higher" else bool(realised <= target)
    pace = None
    if target is not None and target * realised > 0:
        # A target rate of the better sign (growth of 7 %, a decline of −3 % a year) is a
        # distance: realised ÷ target; a ceiling on a rate (at most 2 % a year) the inverse.
        good_sign = (target > 0) == (t.direction == "higher")
        pace = realised / target if good_sign else target / realised
    return Progress(
        ind.id,
        ind.kind,
        as_of,
        midterm_value=float(realised),
        midterm_period=Period(plan_years[-1]),
        time_elapsed=n / (T - b),
        completion=completion,
        target_value=target,
        expected_value=target,
        realised_rate=float(realised),
        required_pace=required,
        recent_pace=float(vals[-3:].mean()),
        best_pace=float(vals.max()),
        pace_unit="%",
        met_now=met_now,
        missing=tuple(missing),
        notes=tuple(notes),
        series=series,
        history=history,
        sources=sources,
        pace=pace,
    )


def find_reference(plan: Plan, ind: Indicator, reference: str) -> Indicator | None:
    """The plan's indicator a relative target refers to ("GDP增长" → "国内生产总值(GDP)增长")."""
    def squeeze(s: str) -> str:
        return "".join(ch for ch in s if ch not in " ()（）")
    ref = squeeze(reference)
    aliases = {
        ref,
        ref.replace("经济增长", "GDP增长"),
        ref.replace("GDP", "国内生产总值"),
        ref.replace("GDP", "地区生产总值"),
    }
    for other in plan.all_indicators():
        if other.id == ind.id:
            continue
        name = squeeze(other.name)
        if any(a and a in name for a in aliases):
            return other
    return None


def _gap_progress(
    ind: Indicator, obs: Observations, as_of: dt.date, plan: Plan, config: EvaluationConfig
) -> Progress:
    t = ind.target
    b, T = t.base_year, t.target_year
    lfy = last_full_year(as_of)
    own, notes, sources = _growth_by_year(ind, obs, as_of)
    missing: list[Missing] = []
    if isinstance(t, ParentSyncedTarget):
        ref, rnotes, rsources = _growth_by_year(ind, obs, as_of, role="parent_actual")
        ref_label_zh, ref_label_en = f"{t.parent}（上级）同期增速", "the parent's growth rate"
    else:
        assert isinstance(t, RelativeToIndicatorTarget)
        other = find_reference(plan, ind, t.reference)
        if other is None:
            ref, rnotes, rsources = {}, [], ()
            ref_label_zh, ref_label_en = (
                f"参照指标“{t.reference}”增速",
                f"growth of the reference indicator {t.reference!r}",
            )
        else:
            ref, rnotes, rsources = _growth_by_year(other, obs, as_of)
            ref_label_zh, ref_label_en = f"参照指标“{other.name}”增速", f"growth of {other.name}"
    years_needed = _years(b + 1, lfy)
    own_absent = [y for y in years_needed if y not in own]
    ref_absent = [y for y in years_needed if y not in ref]
    if own_absent:
        missing.append(
            Missing("本级年度增速", "own yearly growth rate", _fmt_years(own_absent), blocking=True)
        )
    if ref_absent:
        missing.append(Missing(ref_label_zh, ref_label_en, _fmt_years(ref_absent), blocking=True))
    both = [y for y in sorted(set(own) & set(ref)) if b < y <= lfy]
    gaps = tuple((y, own[y], ref[y], own[y] - ref[y]) for y in both)
    history = tuple(sorted(own.items()))
    if own_absent or ref_absent or not both:
        return Progress(
            ind.id,
            ind.kind,
            as_of,
            missing=tuple(missing),
            notes=tuple(notes + rnotes),
            gaps=gaps,
            history=history,
            sources=sources + rsources,
        )
    avg_gap = float(np.mean([g[3] for g in gaps]))
    met_now = t.is_met_gap(avg_gap)
    # All years with both figures (before the plan too) describe how the gap behaves.
    all_both = sorted(set(own) & set(ref))
    gy, gv = _contiguous_tail({y: own[y] - ref[y] for y in all_both})
    series = SeriesInput(tuple(gy), tuple(gv), "flow", transform="gap_average",
                         observed_total=float(sum(g[3] for g in gaps))) if len(gy) >= 2 else None
    return Progress(
        ind.id, ind.kind, as_of, midterm_value=avg_gap, midterm_period=Period(both[-1]),
        time_elapsed=len(both) / (T - b), met_now=met_now, gaps=gaps, missing=tuple(missing),
        notes=tuple(notes + rnotes), series=series, history=history, sources=sources + rsources,
        pace_unit="百分点",
    )


def _assigned_progress(
    ind: Indicator, obs: Observations, as_of: dt.date, plan: Plan, config: EvaluationConfig
) -> Progress:
    t = ind.target
    assert isinstance(t, ParentAssignedTarget)
    b, T = t.base_year, t.target_year
    lfy = last_full_year(as_of)
    role = "annual_target" if t.setter == "年度计划" else "parent_target"
    tdf = obs.records(ind.id, role=role, as_of=None)
    targets, _ = _full_and_partial([r for r in tdf if r.year <= lfy])
    adf = obs.records(ind.id, as_of=as_of)
    actual, _ = _full_and_partial(adf)
    years_needed = _years(b + 1, lfy)
    missing: list[Missing] = []
    t_absent = [y for y in years_needed if y not in targets]
    a_absent = [y for y in years_needed if y not in actual]
    setter = "年度计划" if t.setter == "年度计划" else f"{t.setter}下达"
    if t_absent:
        missing.append(
            Missing(
                f"{setter}的年度目标值",
                f"yearly target set by {t.setter}",
                _fmt_years(t_absent),
                blocking=True,
            )
        )
    if a_absent:
        missing.append(Missing("年度完成值", "yearly value", _fmt_years(a_absent), blocking=True))
    history = tuple(sorted(actual.items()))
    if t_absent or a_absent:
        return Progress(ind.id, ind.kind, as_of, missing=tuple(missing), history=history,
                        sources=_sources((*tdf, *adf)))
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
        ind.id, ind.kind, as_of, midterm_value=actual[lfy], midterm_period=Period(lfy),
        time_elapsed=(lfy - b) / (T - b), completion=share_met, met_now=yearly[-1][3],
        yearly_met=yearly, history=history, sources=_sources((*tdf, *adf)),
        notes=("目标由上级逐年下达，以各年度是否完成下达目标评估；期末目标取决于后续年度下达值",),
        target_value=targets[lfy],
    )

