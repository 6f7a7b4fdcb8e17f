"""The records of a progress evaluation and the helpers every target kind's progress shares.

:mod:`indicator_forecast.progress` gathers an indicator's figures and asks its target kind for
the progress (each kind's ``progress`` method, in the kind's module under
:mod:`indicator_forecast.plan.targets`). Both sides import the records from here: this module
imports neither the plan nor the observations at run time, so the target modules can use it
without an import cycle (``plan`` → ``data`` → ``plan``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
    """A figure that is missing: what, for which periods, and who must supply it.

    ``awaited``: the period has not ended, so no one can supply the figure yet; it is said as
    such and not asked of a department.
    """

    what_zh: str
    what_en: str
    periods: tuple[str, ...]
    blocking: bool
    awaited: bool = False

    def text(self, lang: str = "zh") -> str:
        per = "、".join(self.periods) if lang == "zh" else ", ".join(self.periods)
        what = self.what_zh if lang == "zh" else self.what_en
        return f"{per}{what}" if lang == "zh" else f"{what} ({per})"


@dataclass(frozen=True)
class SeriesInput:
    """What the projection engine is asked to extend, in the indicator's working terms.

    ``transform`` says how projected values map back: ``none``; ``log_reduction`` (yearly
    reductions d as −100·ln(1 − d/100), additive); ``gap_average`` (yearly gaps, averaged over
    the plan years). ``filled`` lists the years among ``years`` that no figure gave, filled by
    linear interpolation between their neighbours, so that a reason can say so.
    """

    years: tuple[int, ...]
    values: tuple[float, ...]
    measure: Measure
    transform: str = "none"
    partial: tuple[int, int, float] | None = None  # (year, months, value)
    observed_total: float = 0.0
    filled: tuple[int, ...] = ()


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
    basis: BasisLink | None = None

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


def first_year_pending(base_year: int) -> Missing:
    """The blocking gap while no year after ``base_year`` has ended: nothing can be measured."""
    return Missing(
        "年度完成值（该年度尚未结束）",
        "yearly value (the year has not ended)",
        fmt_years([base_year + 1]),
        blocking=True,
        awaited=True,
    )


def awaited_periods(missing: Iterable[Missing]) -> tuple[str, ...]:
    """The periods, in order and once each, of the figures not yet due among ``missing``."""
    return tuple(dict.fromkeys(p for m in missing if m.awaited for p in m.periods))


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


@dataclass(frozen=True)
class BasisStep:
    """How one change of statistical basis (统计口径) was bridged in a level series.

    Attributes
    ----------
    year : int
        The first year of the later basis.
    earlier, later : str
        The two bases' labels (``""``: the rows without one).
    how : {"overlap", "imputed", "left_out"}
        ``overlap``: the earlier basis was put on the later one by the difference (or ratio)
        of the years both give; ``imputed``: no year has both, so the step from the earlier
        basis's last year to the later one's first was set to the mean yearly change within the
        bases (a step made up, not observed); ``left_out``: neither was possible (the bases do
        not meet, or no basis has two consecutive years), so the earlier years are not used.
    overlap_years : tuple of int
        The years both bases give (for ``overlap``).
    link : float
        The difference added to (or the ratio multiplying) the earlier basis's figures to put
        them on the later one; the imputed step for ``imputed``; nan for ``left_out``.
    """

    year: int
    earlier: str
    later: str
    how: str
    overlap_years: tuple[int, ...] = ()
    link: float = math.nan


@dataclass(frozen=True)
class BasisLink:
    """A yearly level series that spans more than one statistical basis, put on the latest.

    Attributes
    ----------
    latest : str
        The basis of the latest year, which the projection is anchored on.
    additive : bool
        Whether bases were linked by a difference (shares and rates in %, or any series with a
        figure ≤ 0) rather than a ratio (amounts).
    steps : tuple of BasisStep
        Each change of basis, in time order.
    spans : tuple of (str, int, int)
        Each basis with its first and last year, in time order.
    offsets : tuple of (str, float)
        Each basis with the difference (or ratio) that puts it on the latest; nan for a basis
        left out.
    """

    latest: str
    additive: bool
    steps: tuple[BasisStep, ...]
    spans: tuple[tuple[str, int, int], ...]
    offsets: tuple[tuple[str, float], ...]

    def basis_at(self, year: int) -> str:
        """The basis in force in ``year``: the latest to have begun by then (the earliest for a
        year before every basis)."""
        found = self.spans[0][0]
        for b, first, _ in self.spans:
            if first <= year:
                found = b
        return found

    def on_latest(self, year: int, value: float) -> float | None:
        """``value`` of ``year`` (on the basis in force then) on the latest basis; None when
        that basis was left out."""
        off = dict(self.offsets)[self.basis_at(year)]
        if math.isnan(off):
            return None
        return value + off if self.additive else value * off

    @property
    def years_used(self) -> int:
        """How many years of the bases kept the linked series has."""
        off = dict(self.offsets)
        return len({
            y for b, first, last in self.spans if not math.isnan(off[b])
            for y in range(first, last + 1)
        })


def _basis_of(r: Any) -> str:
    """A row's basis; a row type without the field (a frame's tuples, an older record) is on
    the one basis."""
    return str(getattr(r, "basis", "") or "")


def link_bases(
    rows: Rows, *, additive: bool
) -> tuple[dict[int, float], dict[int, float], BasisLink | None]:
    """A yearly level series on one basis: the figures as given and the figures linked to the
    latest basis.

    The step from the last year of one basis to the first of the next is a change in how the
    figure is measured, not of the quantity, and is never used as one. The latest basis is
    kept as it is; each earlier basis is put on the next one (already on the latest):

    * by the mean difference (shares and rates: a shift in percentage points) or the mean ratio
      (amounts) over the years both give (an overlap year): measured, nothing made up;
    * without an overlap year, when the bases meet (the later one begins the year after the
      earlier one's last), by setting the step across the change to the mean yearly change
      within the bases (a difference, or a mean log ratio): the linked series then moves, on
      average, exactly as the figures within each basis do, and the step adds no change of its
      own. It is a made-up step, and the reason says so;
    * otherwise the earlier years are left out (as before there was a basis column).

    Parameters
    ----------
    rows : sequence of ObsRecord
        One indicator's level figures (one measure, role and series), in period order; only
        whole years are linked.
    additive : bool
        Link by differences (True: % figures) or by ratios (False: amounts; differences all
        the same when a figure is ≤ 0, and :attr:`BasisLink.additive` then says so).

    Returns
    -------
    as_given : dict of int to float
        Year → figure, as :func:`full_and_partial` gives it, a year with two bases taking the
        later basis's figure.
    linked : dict of int to float
        Year → figure on the latest basis (the years of bases left out dropped).
    link : BasisLink or None
        How the bases were linked; None for a series on one basis (then ``linked`` is
        ``as_given``).
    """
    by_basis: dict[str, dict[int, float]] = {}
    for r in rows:
        if int(r.months) == 12:
            by_basis.setdefault(_basis_of(r), {})[int(r.year)] = float(r.value)
    if len(by_basis) < 2:
        full = next(iter(by_basis.values()), {})
        return dict(full), dict(full), None
    order = sorted(by_basis, key=lambda b: (min(by_basis[b]), max(by_basis[b])))
    as_given: dict[int, float] = {}
    for b in order:
        as_given.update(by_basis[b])
    as_given = dict(sorted(as_given.items()))
    if not additive and any(v <= 0 for v in as_given.values()):
        additive = True

    def change(a: float, b: float) -> float:
        return b - a if additive else math.log(b / a)

    within = [
        change(d[y - 1], d[y]) for d in by_basis.values() for y in sorted(d) if y - 1 in d
    ]
    mean_step = sum(within) / len(within) if within else math.nan
    latest = order[-1]
    linked = dict(by_basis[latest])
    offsets = {latest: 0.0 if additive else 1.0}
    steps: list[BasisStep] = []
    for i in range(len(order) - 2, -1, -1):
        earlier, later = order[i], order[i + 1]
        e, lat = by_basis[earlier], by_basis[later]
        start = min(lat)
        off_later = offsets[later]
        if math.isnan(off_later):
            offsets[earlier] = math.nan
            steps.append(BasisStep(start, earlier, later, "left_out"))
            continue
        later_linked = {
            y: (v + off_later if additive else v * off_later) for y, v in lat.items()
        }
        both = tuple(sorted(set(e) & set(lat)))
        if both:
            diffs = [
                later_linked[y] - e[y] if additive else later_linked[y] / e[y] for y in both
            ]
            off = sum(diffs) / len(diffs)
            steps.append(BasisStep(start, earlier, later, "overlap", both, off))
        elif max(e) + 1 == start and within:
            last = e[max(e)]
            if additive:
                off = later_linked[start] - mean_step - last
            else:
                off = later_linked[start] / math.exp(mean_step) / last
            step = mean_step if additive else (math.exp(mean_step) - 1) * 100
            steps.append(BasisStep(start, earlier, later, "imputed", (), step))
        else:
            offsets[earlier] = math.nan
            steps.append(BasisStep(start, earlier, later, "left_out"))
            continue
        offsets[earlier] = off
        for y, v in e.items():
            linked.setdefault(y, v + off if additive else v * off)
    link = BasisLink(
        latest, additive, tuple(reversed(steps)),
        tuple((b, min(by_basis[b]), max(by_basis[b])) for b in order),
        tuple((b, offsets[b]) for b in order),
    )
    return as_given, dict(sorted(linked.items())), link


def on_latest_basis(
    partial: tuple[int, int, float] | None, rows: Rows, link: BasisLink | None
) -> tuple[int, int, float] | None:
    """A part-year figure kept only when it is on the latest basis (a reading on another
    basis beside the linked series would be the step the linking avoids)."""
    if partial is None or link is None:
        return partial
    year, months, _ = partial
    for r in rows:
        if int(r.year) == year and int(r.months) == months:
            return partial if _basis_of(r) == link.latest else None
    return partial


def growth_by_year(
    ind: Indicator, obs: Observations, as_of: dt.date, role: str = "actual"
) -> tuple[dict[int, float], list[str], tuple[str, ...]]:
    """Yearly growth rates (%), from growth-rate figures, else from consecutive levels."""
    df = obs.records(ind.id, role=role, measure="growth_rate", as_of=as_of)
    rates, _ = full_and_partial(df)
    notes: list[str] = []
    lv = obs.records(ind.id, role=role, measure="level", as_of=as_of)
    levels, _ = full_and_partial(lv)
    bases = _year_bases(lv)
    for y in sorted(levels):
        if y not in rates and (y - 1) in levels and levels[y - 1] > 0:
            pair = _same_basis_pair(bases, y)
            if pair is None:
                notes.append(f"{y}年增速未由水平值计算：{y - 1}年与{y}年统计口径不同")
                continue
            a, b = pair
            rates[y] = (b / a - 1) * 100
            notes.append(f"{y}年增速由水平值{a:g}→{b:g}计算")
    return rates, notes, sources_of((*df, *lv))


def _year_bases(rows: Rows) -> dict[int, dict[str, float]]:
    """Year → basis → whole-year figure."""
    out: dict[int, dict[str, float]] = {}
    for r in rows:
        if int(r.months) == 12:
            out.setdefault(int(r.year), {})[_basis_of(r)] = float(r.value)
    return out


def _same_basis_pair(
    bases: Mapping[int, Mapping[str, float]], y: int
) -> tuple[float, float] | None:
    """The figures of ``y - 1`` and ``y`` on one basis, or None when no basis gives both (a
    growth rate across a change of basis would be the change of measurement)."""
    now, before = bases.get(y, {}), bases.get(y - 1, {})
    for b in reversed(list(now)):
        if b in before and before[b] > 0:
            return before[b], now[b]
    return None
