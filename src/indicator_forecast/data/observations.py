"""Observed figures in long format, read and validated against a plan.

One row per figure: which indicator, which period (a year, a half-year, months to date), the
value, its unit, what the figure is (``measure``: a level, the period's new amount, the running
total since the plan began, a growth rate, or a change), whose figure it is (``role``: the
jurisdiction's actual, its own yearly target, or the parent's actual or target), a named
related ``series`` when the row is not the indicator itself (e.g. the revenue level in 亿元 beside
a growth-rate indicator), the statistical ``basis`` (统计口径) the figure is on, and the source.

``basis`` is empty for the indicator's one basis. When the way a figure is measured changed (the
urbanisation rate on the 7th census from 2020, forest cover on a new survey from 2022), the rows
of each basis carry its label (an empty label is a basis too: the unlabelled rows), so that the
step across the change is not read as a change of the quantity (see
:func:`indicator_forecast._progress_kit.link_bases`). Each basis covers one run of periods; two
bases may both give a figure for the same periods (an overlap year, the best evidence for
linking them), but a basis may not resume after a later one has begun. A basis is compared
NFKC-folded (:func:`normalise_basis`: full-width brackets as ASCII ones).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from indicator_forecast._io import TableRows, locate_header, read_raw_table
from indicator_forecast._typing import MEASURES
from indicator_forecast.data.periods import Period, parse_period
from indicator_forecast.data.units import conversion_factor, normalise_unit
from indicator_forecast.exceptions import DataError, InputError, Problem, ProblemReport
from indicator_forecast.plan import Indicator, Plan

OBS_COLUMNS: dict[str, tuple[str, ...]] = {
    # The id (指标编号) and the name are separate columns: the id decides, the name is checked.
    "indicator": (
        "indicator_id",
        "序号",
        "指标序号",
        "指标编号",
        "编号",
        "indicator_no",
        "no",
        "id",
    ),
    "name": ("indicator_name", "指标名称", "指标", "indicator", "name"),
    "year": ("year", "年份", "年度"),
    "period": ("period", "时期", "期间", "统计期"),
    "value": ("value", "数值", "完成值", "值"),
    "unit": ("unit", "单位"),
    "measure": ("measure", "口径", "指标口径"),
    "role": ("role", "kind", "类型", "数据类型"),
    "series": ("series", "相关序列", "序列"),
    # 口径 alone is the measure's header (above), so the basis takes the longer names only.
    "basis": ("basis", "统计口径", "数据口径", "口径说明"),
    "source": ("source_url", "source", "来源", "数据来源"),
    "note": ("evidence", "note", "备注", "说明"),
}
REQUIRED_OBS_COLUMNS = ("indicator", "value")
"""An id column and a value column; a table with names and no id column is read by name."""

_MEASURE_ALIASES = {
    "level": "level",
    "水平值": "level",
    "期末值": "level",
    "年末值": "level",
    "水平": "level",
    "flow": "flow",
    "当年新增": "flow",
    "当期新增": "flow",
    "新增": "flow",
    "年度新增": "flow",
    "running_total": "running_total",
    "累计": "running_total",
    "累计值": "running_total",
    "累计完成": "running_total",
    "growth_rate": "growth_rate",
    "增长率": "growth_rate",
    "增速": "growth_rate",
    "同比增长": "growth_rate",
    "change": "change",
    "变化": "change",
    "变化量": "change",
    "降低率": "change",
    "提高": "change",
}
_ROLE_ALIASES = {
    "actual": "actual",
    "实际": "actual",
    "完成": "actual",
    "完成值": "actual",
    "annual_target": "annual_target",
    "年度目标": "annual_target",
    "parent_actual": "parent_actual",
    "city_actual": "parent_actual",
    "上级实际": "parent_actual",
    "市实际": "parent_actual",
    "parent_target": "parent_target",
    "city_target": "parent_target",
    "上级目标": "parent_target",
    "市下达目标": "parent_target",
}

FRAME_COLUMNS = [
    "indicator_id", "period", "year", "months", "value", "unit", "measure", "role", "series",
    "basis", "source", "note", "row",
]


def default_measure(ind: Indicator) -> str:
    """What a figure of this indicator is when the table does not say.

    Parameters
    ----------
    ind : Indicator
        The indicator; its kind, unit, target and name decide the measure.

    Returns
    -------
    str
        ``"flow"`` (a yearly new amount), ``"growth_rate"``, ``"change"`` or ``"level"``.
    """
    return ind.target.observed_measure(normalise_unit(ind.unit), ind.name)


def normalise_id(text: str | None) -> str:
    """An indicator id as typed ("１５", " 15 ", "15.0") → "15".

    Parameters
    ----------
    text : str or None
        The id as written in a table cell.

    Returns
    -------
    str
        The id NFKC-folded, without white space or a trailing ``".0"``; ``""`` for no text.
    """
    if not text:
        return ""
    s = "".join(unicodedata.normalize("NFKC", str(text)).split())
    return s.removesuffix(".0")


def normalise_basis(text: str | None) -> str:
    """A statistical basis (统计口径) as it is compared and stored: NFKC-folded and stripped.

    Full-width brackets, digits and letters become their ASCII forms ("七普口径（2020年起）" →
    "七普口径(2020年起)"), so that the same basis typed in a returned form, in an observations
    file or in a frame compares equal. This is the one place the folding is done: read by
    :func:`read_observations` and by :mod:`indicator_forecast.collect.returns`.

    Parameters
    ----------
    text : str or None
        The basis as written in a cell.

    Returns
    -------
    str
        The folded text; ``""`` for no text (the indicator's one basis).
    """
    if not text:
        return ""
    return unicodedata.normalize("NFKC", str(text)).strip()


def counts_new_things(ind: Indicator) -> bool:
    """Whether the indicator counts new additions (新增…, a five-year total): never negative.

    Parameters
    ----------
    ind : Indicator
        The indicator to look at (its kind and name).

    Returns
    -------
    bool
        True for a cumulative total or a name with 新增 or starting 新建/新开工/新引进.
    """
    return ind.target.completed_as_total or "新增" in ind.name or ind.name.startswith(
        ("新建", "新开工", "新引进")
    )


def _name_variants(name: str) -> set[str]:
    """A name folded for comparison, with and without its bracketed parts ("国内生产总值(GDP)增长"
    → also "国内生产总值增长" and "GDP增长")."""
    s = "".join(unicodedata.normalize("NFKC", name).split())
    out = {s, re.sub(r"\([^()]*\)", "", s)}
    for m in re.finditer(r"\(([^()]+)\)", s):
        out.add(m.group(1) + s[m.end():])
    return {v for v in out if v}


def _name_clash(given: str | None, ind: Indicator, plan: Plan) -> str | None:
    """Why a row's name contradicts its id, or None when it agrees (or no name is given).

    A name agrees when, folded, it equals or contains the id's indicator name or is contained in
    it (two characters at least), and is not exactly another indicator's name.
    """
    if not given:
        return None
    g = _name_variants(given)
    exact = [i for i in plan.all_indicators() if g & _name_variants(i.name)]
    if exact and ind not in exact:
        other = exact[0]
        return (
            f"the name of indicator {ind.id} ({ind.name}): the id {ind.id} and the name "
            f"{given!r} (indicator {other.id} {other.name}) disagree; correct one of them / "
            "指标编号与指标名称不一致"
        )
    mine = _name_variants(ind.name)
    if any(a == b or (len(a) >= 2 and a in b) or (len(b) >= 2 and b in a) for a in g for b in mine):
        return None
    found = plan.find(given)
    also = f" (indicator {found.id} {found.name})" if found is not None else ""
    return (
        f"the name of indicator {ind.id} ({ind.name}): the id {ind.id} and the name "
        f"{given!r}{also} disagree; correct one of them / 指标编号与指标名称不一致"
    )


def parse_value(text: str, unit: str | None) -> tuple[float, str | None]:
    """A figure as written ("12.3%", "１２.３", "约12", "1,234") → (value, note).

    Parameters
    ----------
    text : str
        The cell text: full-width digits, thousands separators, 约/大约/左右 and a % sign are
        accepted.
    unit : str or None
        The row's unit; a % sign is allowed only when it is % or 百分点.

    Returns
    -------
    tuple of (float, str or None)
        The number, and a note saying the figure is approximate when 约/左右 was written.

    Raises
    ------
    ValueError
        With what was expected, when the text is not a number or carries a % the unit forbids.
    """
    s = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    note = None
    if s.startswith(("约", "大约")) or s.endswith("左右"):
        s = s.removeprefix("大约").removeprefix("约").removesuffix("左右")
        note = "approximate figure (约/左右) as published"
    if s.endswith("%"):
        if normalise_unit(unit) not in ("%", "百分点"):
            raise ValueError(f"a number in the row's unit {unit!r}; the text carries a % sign")
        s = s[:-1]
    if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", s):
        raise ValueError(
            "a number such as 12.3 (full-width digits, %, 约 and thousands separators are accepted)"
        )
    return float(s), note


@dataclass(frozen=True, slots=True)
class ObsRecord:
    """One figure of an observations frame, as :meth:`Observations.records` returns it.

    ``end`` is the last day of the period (``Period(year, months).end``); ``position`` the row's
    place in the frame, so that rows can be put back in the frame's order.

    Attributes
    ----------
    year : int
        Year of the period.
    months : int
        Number of months the period covers (12 for a whole year).
    value : float
        The figure.
    measure : Any
        What the figure is (level, flow, change, growth_rate).
    role : Any
        The row's role column (for example actual or estimate).
    series : Any
        The row's series column.
    source : Any
        Where the figure was published.
    note : Any
        The row's note.
    end : datetime.date
        Last day of the period.
    position : int
        The row's place in the frame.
    basis : str
        The statistical basis (统计口径) the figure is on; ``""`` for the indicator's one basis.
    """

    year: int
    months: int
    value: float
    measure: Any
    role: Any
    series: Any
    source: Any
    note: Any
    end: dt.date
    position: int
    basis: str = ""


def _dropped(v: Any) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v))


def _basis_problems(frame: pd.DataFrame, label: str, column: str) -> list[Problem]:
    """The rows whose basis resumes after a later basis has begun, per indicator, measure, role
    and series.

    Each basis must cover one run of periods: ordered by their first period, a basis may share
    periods with the next (an overlap, even to the end), but not give a figure after the next
    one's last. Two bases beginning with the same period are refused too: which one is the
    later would be a guess.
    """
    out: list[Problem] = []
    if not frame["basis"].astype(bool).any():
        return out
    order = frame["year"] * 12 + frame["months"]
    for _, grp in frame.assign(_at=order).groupby(
        ["indicator_id", "measure", "role", "series"], sort=False
    ):
        if grp["basis"].nunique() < 2:
            continue
        spans = sorted(
            (int(g["_at"].min()), int(g["_at"].max()), str(b), g)
            for b, g in grp.groupby("basis", sort=False)
        )
        for (a0, a1, a, ga), (b0, b1, b, gb) in zip(spans, spans[1:], strict=False):
            named = f"{a!r}" if a else "'' (no basis given)"
            later = f"{b!r}" if b else "'' (no basis given)"
            if a0 == b0:
                r, clash = max((int(g[g["_at"] == a0]["row"].min()), x) for x, g in ((a, ga),
                                                                                    (b, gb)))
                out.append(Problem(
                    label, r, column, clash,
                    f"one basis in force at a time: bases {named} and {later} of indicator "
                    f"{grp['indicator_id'].iloc[0]} both begin with "
                    f"{ga.sort_values('_at')['period'].iloc[0]}; give the earlier basis's "
                    "earlier figures, or one basis / 两种统计口径起始时期相同，无法确定先后",
                ))
            elif a1 > b1:
                for r, per in ga[ga["_at"] > b1][["row", "period"]].itertuples(index=False):
                    out.append(Problem(
                        label, int(r), column, a,
                        f"a basis covering one run of periods: basis {named} of indicator "
                        f"{grp['indicator_id'].iloc[0]} gives {per} after basis {later} "
                        f"ended / 统计口径须连续，不能在后一口径之后又回到此前口径",
                    ))
    return out


def _cut(as_of: Any) -> dt.date:
    """The date figures are kept up to (period end ≤ this date)."""
    if type(as_of) is dt.date:
        return as_of
    return pd.Timestamp(as_of).date()


@dataclass(frozen=True)
class Observations:
    """Validated observations: an immutable view over a long frame.

    Use :meth:`select` to get one indicator's figures, :attr:`skipped` for the rows that held no
    figure, and :meth:`to_frame` for the whole table.

    Lookups go through an index by indicator, built once on the first lookup: each indicator's
    figures as :class:`ObsRecord` tuples in period order, so that one indicator's figures cost
    the size of that indicator, not of the whole table (a province's plans in one table).

    Parameters
    ----------
    frame : pandas.DataFrame
        The long frame of validated figures (copied on construction).
    source : str, optional
        Label of where the table came from (a file name).
    skipped : pandas.DataFrame
        Rows that held no figure, with columns row, indicator_id and reason.
    checked_for : Plan, optional
        The plan the figures were read against (indicators resolved, units converted to the
        indicator's, measures defaulted by kind); None when read without one.
    raw : pandas.DataFrame, optional
        The table as read (header included) when read without a plan, so that
        :meth:`for_plan` can check it against one later.
    label : str, optional
        Name of the table in messages (the file, or ``<DataFrame>``).
    """

    frame: pd.DataFrame
    source: str | None = None
    skipped: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["row", "indicator_id", "reason"])
    )
    checked_for: Plan | None = field(default=None, repr=False, compare=False)
    raw: pd.DataFrame | None = field(default=None, repr=False, compare=False)
    label: str | None = field(default=None, repr=False, compare=False)
    _index: dict[Any, tuple[ObsRecord, ...]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "frame", self.frame.copy())

    def __len__(self) -> int:
        return len(self.frame)

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def for_plan(self, plan: Plan) -> Observations:
        """These figures checked against ``plan``: the same object when they were read against
        it, else the table re-read with the plan (indicators resolved by id or name, units
        converted to the indicator's — 亿斤 into 亿吨 —, measures defaulted by kind).

        Figures read without a plan are not comparable with a target: a grain output in 亿斤
        beside a target in 亿吨 would be taken as it stands. Evaluation therefore always goes
        through this method.

        Parameters
        ----------
        plan : Plan
            The plan to evaluate.

        Returns
        -------
        Observations

        Raises
        ------
        DataError
            Listing every row the plan refuses (unknown indicator, unit that does not convert,
            duplicate periods …), each with its row and cell.
        """
        if self.checked_for is plan or (
            self.checked_for is not None and self.checked_for == plan
        ):
            return self
        if self.raw is not None:
            return _validate(self.raw, self.label or "<observations>", plan, self.source)
        return read_observations(
            self.frame.drop(columns=["row", "year", "months"], errors="ignore"), plan
        )

    def where(self, mask: pd.Series) -> Observations:
        """The figures where ``mask`` (aligned on :attr:`frame`) holds, still checked against
        the same plan.

        Parameters
        ----------
        mask : pandas.Series of bool
            Which rows to keep.

        Returns
        -------
        Observations
        """
        return Observations(
            frame=self.frame[mask], source=self.source, skipped=self.skipped,
            checked_for=self.checked_for, label=self.label,
        )

    def _by_indicator(self) -> dict[Any, tuple[ObsRecord, ...]]:
        """indicator_id → its records sorted by (year, months), ties in frame order."""
        if self._index is not None:
            return self._index
        df = self.frame
        n = len(df)
        years = [int(y) for y in df["year"].tolist()]
        months = [int(m) for m in df["months"].tolist()]
        ends: dict[tuple[int, int], dt.date] = {}
        for ym in set(zip(years, months, strict=True)):
            ends[ym] = Period(*ym).end
        cols = [
            df[c].tolist()
            for c in ("indicator_id", "value", "measure", "role", "series", "source", "note")
        ]
        bases = (
            ["" if _dropped(b) else str(b) for b in df["basis"].tolist()]
            if "basis" in df.columns else [""] * n
        )
        groups: dict[Any, list[ObsRecord]] = {}
        for k, (ind, value, measure, role, series, source, note) in enumerate(
            zip(*cols, strict=True)
        ):
            y, m = years[k], months[k]
            groups.setdefault(ind, []).append(ObsRecord(
                y, m, float(value), measure, role, series, source, note, ends[(y, m)], k,
                bases[k],
            ))
        index = {
            # sorted() is stable: rows of the same period keep the frame's order, as the
            # (stable) lexsort of DataFrame.sort_values on two columns does.
            ind: tuple(sorted(recs, key=lambda r: (r.year, r.months)))
            for ind, recs in groups.items()
        }
        assert sum(len(v) for v in index.values()) == n
        object.__setattr__(self, "_index", index)
        return index

    def records(
        self,
        indicator_id: str,
        *,
        role: str | Iterable[str] | None = "actual",
        measure: str | Iterable[str] | None = None,
        series: str | None = "",
        as_of: Any = None,
        year: int | None = None,
    ) -> tuple[ObsRecord, ...]:
        """The rows :meth:`select` returns, as records (no frame is built): the fast path.

        ``role=None`` keeps every role and ``year`` keeps one year only (both for the final
        evaluation's look at the target year's notes).
        """
        recs = self._by_indicator().get(str(indicator_id), ())
        if not recs:
            return ()
        if role is not None:
            roles = (role,) if isinstance(role, str) else tuple(role)
            recs = tuple(r for r in recs if r.role in roles)
        if measure is not None:
            measures = (measure,) if isinstance(measure, str) else tuple(measure)
            recs = tuple(r for r in recs if r.measure in measures)
        if series is not None:
            recs = tuple(r for r in recs if r.series == series)
        if year is not None:
            recs = tuple(r for r in recs if r.year == year)
        if as_of is not None:
            cut = _cut(as_of)
            recs = tuple(r for r in recs if r.end <= cut)
        return recs

    def select(
        self,
        indicator_id: str,
        *,
        role: str | Iterable[str] = "actual",
        measure: str | Iterable[str] | None = None,
        series: str | None = "",
        as_of: Any = None,
    ) -> pd.DataFrame:
        """Rows of one indicator, sorted by period, optionally up to a date (period end ≤ as_of)."""
        recs = self.records(indicator_id, role=role, measure=measure, series=series, as_of=as_of)
        return self.frame.iloc[[r.position for r in recs]].reset_index(drop=True)

    def summary(self) -> str:
        n_ind = self.frame["indicator_id"].nunique()
        by_role = self.frame["role"].value_counts().to_dict()
        return (
            f"{len(self.frame)} figures for {n_ind} indicators "
            f"({', '.join(f'{k}: {v}' for k, v in by_role.items())}); "
            f"{len(self.skipped)} rows without a figure"
        )

    def __repr__(self) -> str:
        return f"<Observations {self.summary()}>"

    def _repr_html_(self) -> str:
        return (
            f"<div><strong>{html.escape(self.summary())}</strong>"
            f"{self.frame.drop(columns=['row']).to_html(index=False, na_rep='')}</div>"
        )


def read_observations(
    source: str | Path | pd.DataFrame,
    plan: Plan | None = None,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
) -> Observations:
    """Read and validate observed figures.

    Parameters
    ----------
    source : str, Path or DataFrame
        A .csv (UTF-8 or GBK) or .xlsx file, or a frame with the same columns: indicator
        (id or name), period (or year + period), value, unit, measure, role, series, basis,
        source, note. Chinese headers (序号/指标, 时期, 数值, 单位, 口径, 类型, 统计口径, 来源,
        备注) are accepted.
    plan : Plan, optional
        When given, indicators are resolved by id or name, units are checked and converted to
        the indicator's unit, and a missing ``measure`` takes the kind's default (a yearly new
        amount for a cumulative total, a growth rate for a rate target, a level otherwise).
    sheet : str or int, optional
        The worksheet of an .xlsx file to read (name or position); the first by default.
    encoding : str, optional
        The text encoding of a .csv file; by default UTF-8 (with or without BOM), then GB18030.

    Returns
    -------
    Observations

    Raises
    ------
    DataError
        Listing every problem: unknown indicator, unit mismatch, duplicate periods, values that
        are not numbers, unknown periods, measures or roles, a basis that resumes after a later
        one — each with its row and cell.
    """
    if isinstance(source, pd.DataFrame):
        raw = pd.DataFrame([list(source.columns), *source.astype(object).values.tolist()])
        raw = raw.map(
            lambda v: None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
        )
        label = "<DataFrame>"
    else:
        try:
            raw, label = read_raw_table(source, sheet=sheet, encoding=encoding)
        except DataError:
            raise
        except InputError as exc:
            raise DataError(str(exc).splitlines()[0], exc.report) from None
    source_label = str(source) if not isinstance(source, pd.DataFrame) else None
    return _validate(raw, label, plan, source_label)


def _validate(
    raw: pd.DataFrame, label: str, plan: Plan | None, source_label: str | None
) -> Observations:
    """The rows of a raw table (header included) validated, against ``plan`` when given."""
    try:
        header_row, cols = locate_header(raw, OBS_COLUMNS, REQUIRED_OBS_COLUMNS, label)
    except InputError as exc:
        try:  # names only, no id column
            header_row, cols = locate_header(raw, OBS_COLUMNS, ("name", "value"), label)
        except InputError:
            raise DataError(str(exc).splitlines()[0], exc.report) from None
    table = TableRows(raw, label, header_row, cols)
    header_names, problems, get, problem = (
        table.header_names,
        table.problems,
        table.get,
        table.problem,
    )
    if "period" not in cols and "year" not in cols:
        raise DataError(f"{label}: no period column", ProblemReport((Problem(
            label, header_row + 1, None, " | ".join(str(c) for c in raw.iloc[header_row] if c),
            "a 'period' column (2022, 2023H1, 2023年1-6月) or a 'year' column"),)))

    records: list[dict[str, Any]] = []
    skipped: list[dict[str, Any]] = []

    n_rows = 0
    for rownum, row in table:
        n_rows += 1
        ind_text, name_text = get(row, "indicator"), get(row, "name")
        ind: Indicator | None = None
        ind_id = normalise_id(ind_text)
        if plan is not None:
            if ind_id:
                # 指标编号 first (issue 17.3); a name typed into the id column is still found.
                ind = plan[ind_id] if ind_id in plan else plan.find(ind_id)
                if ind is None:
                    problem(rownum, "indicator", ind_text, f"an indicator id of plan {plan.name!r}")
                    continue
                clash = _name_clash(name_text, ind, plan) if not get(row, "series") else None
                if clash is not None:
                    problem(rownum, "name", name_text, clash)
                    continue
            elif name_text:
                ind = plan.find(name_text)
                if ind is None:
                    problem(rownum, "name", name_text, f"an indicator name of plan {plan.name!r}")
                    continue
            else:
                problem(rownum, "indicator", ind_text, "an indicator id (指标编号) or name")
                continue
            ind_id = ind.id
        elif not ind_id:
            problem(rownum, "indicator", ind_text, "an indicator id")
            continue

        try:
            period = (
                parse_period(get(row, "period"), get(row, "year"))
                if "year" in cols
                else parse_period(get(row, "period"))
            )
        except ValueError as exc:
            problem(rownum, "period" if "period" in cols else "year", get(row, "period"), str(exc))
            continue

        role_text = get(row, "role") or "actual"
        role = _ROLE_ALIASES.get(role_text.strip().lower())
        if role is None:
            problem(
                rownum,
                "role",
                role_text,
                "actual, annual_target, parent_actual or parent_target (city_actual/city_target "
                "accepted)",
            )
            continue
        series = get(row, "series") or ""
        basis = normalise_basis(get(row, "basis"))
        unit = get(row, "unit") or (ind.unit if ind is not None else "")
        note = get(row, "note")

        measure_text = get(row, "measure")
        if measure_text:
            measure = _MEASURE_ALIASES.get(measure_text.strip().lower())
            if measure is None:
                problem(
                    rownum,
                    "measure",
                    measure_text,
                    f"one of {', '.join(MEASURES)} (or 水平值/当年新增/累计/增长率)",
                )
                continue
        else:
            measure = default_measure(ind) if ind is not None else "level"

        value_text = get(row, "value")
        if value_text is None:
            skipped.append(
                {
                    "row": rownum,
                    "indicator_id": ind_id,
                    "reason": f"no figure ({note or 'empty value'})",
                }
            )
            continue
        try:
            value, vnote = parse_value(value_text, unit)
        except ValueError as exc:
            problem(rownum, "value", value_text, str(exc))
            continue
        if vnote:
            note = f"{note}; {vnote}" if note else vnote

        if ind is not None and not series:
            target_unit = ind.unit
            if measure == "growth_rate":
                ok = normalise_unit(unit) == "%"
                expected = "% for a growth rate"
            elif measure == "change" and normalise_unit(unit) in ("%", "百分点"):
                ok = True
                expected = ""
            elif measure == "level" and (ind.target.judged_as_rate or ind.target.judged_by_gap):
                ok = True  # the level behind a growth rate (e.g. revenue in 亿元)
                expected = ""
            else:
                factor = conversion_factor(unit, target_unit)
                ok = factor is not None
                expected = f"the indicator's unit {target_unit!r} or one that converts into it"
                if factor is not None and factor != 1.0:
                    note = f"{note}; " if note else ""
                    note += f"converted from {value:g} {unit} to {target_unit}"
                    value, unit = value * factor, target_unit
            if not ok:
                problem(
                    rownum,
                    "unit",
                    unit,
                    expected
                    + " (name a related series in the 'series' column to keep other figures)",
                )
                continue

        if (
            ind is not None
            and not series
            and value < 0
            and measure in ("flow", "running_total")
            and counts_new_things(ind)
        ):
            problem(
                rownum,
                "value",
                value_text,
                f"a number ≥ 0: indicator {ind.id} {ind.name} counts new things, so a "
                f"{'yearly amount' if measure == 'flow' else 'running total'} cannot be negative "
                "/ 新增量不能为负数（如有减少，请在备注中说明）",
            )
            continue

        records.append(dict(
            indicator_id=ind_id, period=str(period), year=period.year, months=period.months,
            value=value, unit=unit, measure=measure, role=role, series=series,
            source=get(row, "source"), note=note, row=rownum, basis=basis,
        ))

    if n_rows == 0:
        raise DataError(
            f"{label}: the table has a header row but no figures under it / "
            "表中只有表头，没有数据行",
            ProblemReport((Problem(
                label, header_row + 2, None, "",
                "at least one row of figures under the header (indicator, period, value)",
            ),)),
        )
    frame = pd.DataFrame(records, columns=FRAME_COLUMNS)
    if len(frame):
        key = ["indicator_id", "period", "measure", "role", "series", "basis"]
        dup = frame[frame.duplicated(key, keep=False)]
        for _, grp in dup.groupby(key, sort=False):
            rows = grp["row"].tolist()
            for r in rows[1:]:
                problems.append(
                    Problem(
                        label,
                        int(r),
                        header_names.get("period", "period"),
                        str(grp["period"].iloc[0]),
                        f"one figure per indicator, period, measure, role and basis; row "
                        f"{rows[0]} already gives indicator {grp['indicator_id'].iloc[0]} for "
                        "this period",
                    )
                )
        problems.extend(_basis_problems(frame, label, header_names.get("basis", "basis")))
    if problems:
        problems.sort(key=lambda p: (p.row or 0))
        raise DataError(
            f"{label}: the observations have {len(problems)} problem(s)",
            ProblemReport(tuple(problems)),
        )
    return Observations(
        frame=frame, source=source_label,
        skipped=pd.DataFrame(skipped, columns=["row", "indicator_id", "reason"]),
        checked_for=plan, raw=None if plan is not None else raw, label=label,
    )
