"""What each indicator needs from its departments at an evaluation date.

One :class:`Ask` per indicator × period × what is asked. The periods follow
:mod:`indicator_forecast.progress`: the base year, every full year from the base year to
:func:`~indicator_forecast.progress.last_full_year` before ``as_of``, the months to date of the
running year for a five-year total (January–June 2023 at 2023-06-30), and — optional (选填) —
the years of the previous plan period (2016–2020 for the 14th plan), which a projection needs.

What is asked is the target kind's answer to ``asks_for()``:

* a level (end level, running level, floor, ceiling, band, composite and its parts, a
  non-compounded change): 基期值 and each year's 年末数/全年值;
* a five-year total: each year's 年度新增数 and the part-year figure;
* an average annual rate: each year's 年度增速;
* in step with the parent: the own 年度增速 and the parent's 同期增速;
* relative to another indicator: the own 年度增速 (the reference is asked with its own rows);
* set by the parent each year: the parent's yearly target and the year's 完成值;
* a compounded five-year change (〔13.5〕): each year's 年度降低率 / 年度提高幅度.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from indicator_forecast.data import Observations, Period
from indicator_forecast.data.observations import default_measure
from indicator_forecast.data.periods import parse_period
from indicator_forecast.data.units import normalise_unit
from indicator_forecast.plan import Indicator, Plan
from indicator_forecast.plan.targets import ParentAssignedTarget
from indicator_forecast.progress import last_full_year

HISTORY_YEARS = 5
"""How many years of the previous plan period are asked (选填), the base year included."""

WHATS: tuple[str, ...] = (
    "base",
    "level",
    "flow",
    "flow_ytd",
    "growth",
    "parent_growth",
    "parent_target",
    "annual_target",
    "change",
    "actual",
)
"""The codes of what can be asked (the third part of a form's hidden key)."""

NO_DEPARTMENT = "规划表未列明责任部门"
"""Who is asked for an indicator whose plan row names no department (the analyst forwards it)."""


def indicator_departments(ind: Indicator) -> tuple[str, ...]:
    """The departments asked for ``ind``: as the plan names them, else :data:`NO_DEPARTMENT`.

    Parameters
    ----------
    ind : Indicator
        The indicator (a part of a composite is an indicator of its own).

    Returns
    -------
    tuple of str
        The responsible departments in the plan's order (the first is 牵头), or
        ``(NO_DEPARTMENT,)`` when the plan row names none.
    """
    return ind.departments or (NO_DEPARTMENT,)


@dataclass(frozen=True)
class Ask:
    """One figure asked of the departments responsible for an indicator.

    Parameters
    ----------
    indicator : Indicator
        The indicator (a part of a composite is an indicator of its own).
    period : Period
        The year, or the months to date of a year.
    what : str
        One of :data:`WHATS`; with ``indicator.id`` and ``period`` the form's hidden key.
    label : str
        What is asked, in plain words (年度新增数, 年末数, 年度增速, 市下达目标 …).
    measure, role : str
        How the figure enters the observations table (see :func:`read_observations`).
    required : bool
        False for the previous plan period's years (选填).
    minimum, maximum : float or None
        What the kind allows (a new amount is not negative, a share is at most 100).
    """

    indicator: Indicator
    period: Period
    what: str
    label: str
    measure: str
    role: str
    required: bool
    minimum: float | None = None
    maximum: float | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """The hidden key written into the form: (indicator id, period, what)."""
        return (self.indicator.id, str(self.period), self.what)

    @property
    def obs_key(self) -> tuple[str, str, str, str, str]:
        """Where the figure lands in an observations table: (id, period, measure, role, series)."""
        return (self.indicator.id, str(self.period), self.measure, self.role, "")

    def obs_key_on(self, bases: Mapping[tuple[str, str, str, str], str]) -> ObsKey:
        """:attr:`obs_key` with the statistical basis the figure is asked on (the basis in
        force: see :func:`current_bases`), the key of the collected table's rows."""
        i, p, m, r, s = self.obs_key
        return (i, p, m, r, s, bases.get((i, m, r, s), ""))

    @property
    def unit(self) -> str:
        """The unit the figure is asked in: % for a growth rate, else the indicator's unit."""
        return "%" if self.measure == "growth_rate" else self.indicator.unit

    @property
    def departments(self) -> tuple[str, ...]:
        """The responsible departments, or :data:`NO_DEPARTMENT` when the plan names none."""
        return indicator_departments(self.indicator)

    def period_label(self) -> str:
        """The period as the form shows it (2021年, 2023年1-6月)."""
        return self.period.label("zh")

    def bounds_text(self) -> str:
        """The allowed range in words, for messages."""
        lo, hi = self.minimum, self.maximum
        if lo is not None and hi is not None:
            return f"{lo:g}–{hi:g}"
        if lo is not None:
            return f"不小于{lo:g}"
        if hi is not None:
            return f"不大于{hi:g}"
        return "任意数值"


def plan_fingerprint(plan: Plan) -> str:
    """A short code that names the plan a form belongs to (its indicators, units and targets).

    Parameters
    ----------
    plan : Plan
        The plan; its name, jurisdiction, base and target years and every indicator's id,
        name, unit and target text enter the code.

    Returns
    -------
    str
        The first 16 hexadecimal digits of the SHA-256 of those parts: the same plan gives the
        same code, any change to them a different one.
    """
    parts = [plan.name, plan.jurisdiction, str(plan.base_year), str(plan.target_year)]
    parts += [f"{i.id}|{i.name}|{i.unit}|{i.target.text}" for i in plan.all_indicators()]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _level_label(ind: Indicator) -> str:
    unit = normalise_unit(ind.unit)
    if unit in ("%", "岁", "分") or "/亿元" in unit:
        return "全年值"
    return "年末数"


def _bounds(ind: Indicator, measure: str) -> tuple[float | None, float | None]:
    unit = normalise_unit(ind.unit)
    if measure == "growth_rate":
        return (-100.0, None)
    if measure == "change":
        return (None, 100.0)
    if measure == "flow":
        return (0.0, None)  # a five-year total adds new things: none is negative
    if unit == "%":
        return (0.0, 100.0)  # a share or a rate of good days: at most 100
    if unit == "百分点":
        return (None, None)
    return (0.0, None)  # counts, areas, amounts, ages, rates per unit: never negative


def _make(
    ind: Indicator, period: Period, what: str, label: str, measure: str, role: str, required: bool
) -> Ask:
    lo, hi = _bounds(ind, measure)
    return Ask(ind, period, what, label, measure, role, required, lo, hi)


def indicator_asks(ind: Indicator, plan: Plan, as_of: dt.date) -> list[Ask]:
    """Every figure asked for one indicator at ``as_of`` (required first, then 选填 history).

    Parameters
    ----------
    ind : Indicator
        The indicator; its target kind decides what is asked (see the module docstring).
    plan : Plan
        The plan it belongs to, for the parent's name in labels (上级 when it names none).
    as_of : datetime.date
        The evaluation date: every year after the base year up to the last full year before it
        is asked, and, for a five-year total, the months to date of the running year.

    Returns
    -------
    list of Ask
        The asks, the required ones first, then the previous plan period's years (选填).
    """
    b = ind.target.base_year
    lfy = last_full_year(as_of)
    years = list(range(b + 1, lfy + 1))
    history = list(range(b - HISTORY_YEARS + 1, b + 1))
    asked = ind.target.asks_for()
    parent = plan.parent or "上级"
    out: list[Ask] = []
    t = ind.target

    def add(y: int | Period, what: str, label: str, measure: str, role: str = "actual",
            required: bool = True) -> None:
        per = y if isinstance(y, Period) else Period(y)
        out.append(_make(ind, per, what, label, measure, role, required))

    if asked == "flow":
        for y in years:
            add(y, "flow", "年度新增数", "flow")
        if as_of.year == lfy + 1 and 1 <= as_of.month < 12:
            add(Period(lfy + 1, as_of.month), "flow_ytd", f"1-{as_of.month}月累计新增数", "flow")
        for y in history:
            add(y, "flow", "年度新增数", "flow", required=False)
    elif asked in ("growth", "growth_and_parent"):
        for y in years:
            add(y, "growth", "年度增速", "growth_rate")
        if asked == "growth_and_parent":
            for y in years:
                add(y, "parent_growth", f"{parent}同期增速", "growth_rate", "parent_actual")
        for y in history:
            add(y, "growth", "年度增速", "growth_rate", required=False)
        if asked == "growth_and_parent":
            for y in history:
                add(y, "parent_growth", f"{parent}同期增速", "growth_rate", "parent_actual",
                    required=False)
    elif asked == "assigned":
        assert isinstance(t, ParentAssignedTarget)  # its setter names the figure asked for
        measure = default_measure(ind)
        own_plan = t.setter == "年度计划"
        what, role = ("annual_target", "annual_target") if own_plan else (
            "parent_target", "parent_target")
        label = "年度计划目标" if own_plan else f"{t.setter}下达目标"
        for y in years:
            add(y, what, label, measure, role)
        for y in years:
            add(y, "actual", "年度完成值", measure)
        for y in history:
            add(y, "actual", "年度完成值", measure, required=False)
    elif asked in ("reduction", "increase"):
        label = "年度降低率" if asked == "reduction" else "年度提高幅度"
        for y in years:
            add(y, "change", label, "change")
        for y in history:
            add(y, "change", label, "change", required=False)
    elif asked == "level":
        level = _level_label(ind)
        if ind.baseline is None:
            add(b, "base", f"基期值（{b}年{level}）", "level")
        for y in years:
            add(y, "level", level, "level")
        for y in history[:-1] if ind.baseline is None else history:
            add(y, "level", level, "level", required=False)
    else:
        raise ValueError(
            f"Target kind {ind.kind!r} asks for {asked!r}; known asks: level, flow, growth, "
            "growth_and_parent, assigned, reduction, increase."
        )
    return out


def plan_asks(plan: Plan, as_of: dt.date) -> list[Ask]:
    """Every figure asked for every indicator of ``plan`` (parts of composites included).

    Parameters
    ----------
    plan : Plan
        The plan.
    as_of : datetime.date
        The evaluation date (see :func:`indicator_asks`).

    Returns
    -------
    list of Ask
        The asks of each indicator in turn, in the plan's order.
    """
    return [a for ind in plan.all_indicators() for a in indicator_asks(ind, plan, as_of)]


def departments(plan: Plan) -> list[str]:
    """The plan's responsible departments in the order they first appear.

    Parameters
    ----------
    plan : Plan
        The plan; parts of composites included.

    Returns
    -------
    list of str
        Each department once, :data:`NO_DEPARTMENT` among them when an indicator names none.
    """
    return list(
        dict.fromkeys(d for i in plan.all_indicators() for d in indicator_departments(i))
    )


def for_department(asks: Iterable[Ask], department: str) -> list[Ask]:
    """The asks of the indicators ``department`` is responsible for (lead or assisting).

    Parameters
    ----------
    asks : iterable of Ask
        The asks to choose from, e.g. those of :func:`plan_asks`.
    department : str
        The department's name as the plan writes it.

    Returns
    -------
    list of Ask
        The asks whose indicator names ``department``, in the order given.
    """
    return [a for a in asks if department in a.departments]


def role_of(ask: Ask, department: str) -> str:
    """牵头 for the first-named department, 配合 for the others.

    Parameters
    ----------
    ask : Ask
        The ask.
    department : str
        One of the departments responsible for the ask's indicator.

    Returns
    -------
    str
        ``"牵头"`` (lead) when ``department`` is the first the plan names, else ``"配合"``
        (assisting).
    """
    deps = ask.departments
    return "牵头" if deps and deps[0] == department else "配合"


ObsKey = tuple[str, str, str, str, str, str]
"""Where a figure is in an observations table: (id, period, measure, role, series, basis)."""


def row_key(row: Mapping[Any, Any]) -> ObsKey:
    """The :data:`ObsKey` of an observations row.

    Parameters
    ----------
    row : mapping
        An observations row with indicator_id, period, measure, role, series and basis (a
        missing or empty cell reads as ``""``).

    Returns
    -------
    tuple of str
        (indicator id, period, measure, role, series, basis).
    """
    def cell(c: str) -> str:
        v = row.get(c)
        return "" if v is None or (isinstance(v, float) and v != v) else str(v)

    return (cell("indicator_id"), cell("period"), cell("measure"), cell("role"), cell("series"),
            cell("basis"))


def current_bases(rows: Iterable[Mapping[Any, Any]]) -> dict[tuple[str, str, str, str], str]:
    """The statistical basis in force for each (indicator id, measure, role, series): the basis
    of its latest period (the later basis of an overlap year); only those with a basis named.

    A form asks for the figure as it is published now, so a returned figure is taken on the
    basis of the latest figure held: a table that names the 7th-census basis from 2020 gets the
    2023 figure on it too, not an unnamed basis that would read as another change of basis.

    Parameters
    ----------
    rows : iterable of dict
        Observations rows with indicator_id, period, measure, role, series and basis.

    Returns
    -------
    dict
        (indicator id, measure, role, series) → basis.
    """
    latest: dict[tuple[str, str, str, str], tuple[tuple[int, int], int, str]] = {}
    for k, row in enumerate(rows):
        i, p, m, r, s, b = row_key(row)
        per = parse_period(p)
        key = (i, m, r, s)
        # the later of two bases giving the same period is the one that began later; among
        # rows of one period, the later row (a collected table keeps time order per basis).
        at = ((per.year, per.months), k, b)
        if key not in latest or at[0] >= latest[key][0]:
            latest[key] = at
    return {k: b for k, (_, _, b) in latest.items() if b}


def known_values(asks: Iterable[Ask], observations: Observations | None) -> dict[
    tuple[str, str, str], tuple[float, str, str]
]:
    """The figures already held for some asks: key → (value, source in words, basis).

    Parameters
    ----------
    asks : iterable of Ask
        The asks to look up.
    observations : Observations or None
        The figures held; None means none are.

    Returns
    -------
    dict
        :attr:`Ask.key` → (value, source, basis), for each ask whose :attr:`Ask.obs_key` row
        is in ``observations``; the source is the row's own, else ``"观测数据表"``; the basis is
        the held row's (``""`` for the indicator's one basis).
    """
    known: dict[tuple[str, str, str], tuple[float, str, str]] = {}
    frame = observations.to_frame() if observations is not None else None
    index: dict[ObsKey, tuple[float, str]] = {}
    bases: dict[tuple[str, str, str, str], str] = {}
    if frame is not None:
        records = frame.to_dict("records")
        bases = current_bases(records)
        for rec in records:
            index[row_key(rec)] = (
                float(rec["value"]), str(rec["source"]) if rec["source"] else "观测数据表"
            )
    by_period: dict[tuple[str, ...], ObsKey] = {}
    for k in index:  # a period held on another basis only is still known
        by_period.setdefault(k[:5], k)
    for a in asks:
        k = a.obs_key_on(bases)
        found = k if k in index else by_period.get(k[:5])
        if found is not None:
            known[a.key] = (*index[found], found[5])
    return known
