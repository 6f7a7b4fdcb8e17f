"""The records of a progress evaluation and the helpers every target kind's progress shares.

:mod:`indicator_forecast.progress` gathers an indicator's figures and asks its target kind for
the progress (each kind's ``progress`` method, in the kind's module under
:mod:`indicator_forecast.plan.targets`). Both sides import the records from here: this module
imports neither the plan nor the observations at run time, so the target modules can use it
without an import cycle (``plan`` → ``data`` → ``plan``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

import pandas as pd

from indicator_forecast._typing import Measure
from indicator_forecast.config import EvaluationConfig

if TYPE_CHECKING:
    from indicator_forecast.data import Observations, Period
    from indicator_forecast.data.observations import ObsRecord
    from indicator_forecast.plan import Indicator


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


def period_of(year: int, months: int = 12) -> Period:
    """The :class:`~indicator_forecast.data.Period` of ``months`` months of ``year``."""
    # Imported here: indicator_forecast.data imports the plan, whose target modules import this.
    from indicator_forecast.data import Period

    return Period(year, months)


def years_from(a: int, b: int) -> list[int]:
    return list(range(a, b + 1))


def fmt_years(years: list[int]) -> tuple[str, ...]:
    return tuple(f"{y}年" for y in years)


class _ObsRow(Protocol):
    """A figure as :meth:`Observations.records` (or ``DataFrame.itertuples``) yields it."""

    @property
    def year(self) -> int: ...
    @property
    def months(self) -> int: ...
    @property
    def value(self) -> float: ...


Rows = Sequence["ObsRecord"]
"""One indicator's figures in period order, from :meth:`Observations.records`."""


def obs_rows(df: Rows | pd.DataFrame) -> Iterator[_ObsRow]:
    if isinstance(df, pd.DataFrame):
        # pandas-stubs types itertuples' fields as any scalar; these columns are numbers.
        return cast("Iterator[_ObsRow]", df.itertuples())
    return iter(df)


def full_and_partial(
    df: Rows | pd.DataFrame,
) -> tuple[dict[int, float], tuple[int, int, float] | None]:
    rows = list(obs_rows(df))
    full = {int(r.year): float(r.value) for r in rows if int(r.months) == 12}
    part_rows = [r for r in rows if int(r.months) < 12 and int(r.year) not in full]
    partial = None
    if part_rows:
        r = max(part_rows, key=lambda r: (int(r.year), int(r.months)))
        partial = (int(r.year), int(r.months), float(r.value))
    return full, partial


def contiguous_tail(d: dict[int, float]) -> tuple[list[int], list[float]]:
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


def interpolated(d: dict[int, float]) -> tuple[list[int], list[float], list[int]]:
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
    years, values = contiguous_tail({**d, **filled})
    return years, values, [y for y in years if y in filled]


def dropped(v: Any) -> bool:
    """What ``Series.dropna`` drops: None, NaN, NaT, pd.NA."""
    return v is None or (not isinstance(v, str) and bool(pd.isna(v)))


def sources_of(df: Rows | pd.DataFrame) -> tuple[str, ...]:
    if isinstance(df, pd.DataFrame):
        return tuple(dict.fromkeys(s for s in df["source"].dropna().tolist() if s))
    return tuple(dict.fromkeys(r.source for r in df if not dropped(r.source) and r.source))


def stale(latest_position: float | None, as_of: dt.date, config: EvaluationConfig) -> bool:
    if latest_position is None:
        return True
    return last_full_year(as_of) - latest_position > config.max_staleness_years + 1e-9


def growth_by_year(
    ind: Indicator, obs: Observations, as_of: dt.date, role: str = "actual"
) -> tuple[dict[int, float], list[str], tuple[str, ...]]:
    """Yearly growth rates (%), from growth-rate figures, else from consecutive levels."""
    df = obs.records(ind.id, role=role, measure="growth_rate", as_of=as_of)
    rates, _ = full_and_partial(df)
    notes: list[str] = []
    lv = obs.records(ind.id, role=role, measure="level", as_of=as_of)
    levels, _ = full_and_partial(lv)
    for y in sorted(levels):
        if y not in rates and (y - 1) in levels and levels[y - 1] > 0:
            rates[y] = (levels[y] / levels[y - 1] - 1) * 100
            notes.append(f"{y}年增速由水平值{levels[y - 1]:g}→{levels[y]:g}计算")
    return rates, notes, sources_of((*df, *lv))
