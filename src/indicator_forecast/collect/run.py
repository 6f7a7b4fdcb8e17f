"""``collect``: returned forms → one observations table, checked, merged and traced."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from indicator_forecast.collect.asks import (
    Ask,
    ObsKey,
    departments,
    plan_asks,
    role_of,
    row_key,
)
from indicator_forecast.collect.merge import (
    OUT_COLUMNS,
    PROVENANCE_COLUMNS,
    Change,
    Conflict,
    merge,
)
from indicator_forecast.collect.returns import FormReturn, UnfilledEntry, expand_paths, read_return
from indicator_forecast.collect.write import (
    REMINDER_COLUMNS,
    SUMMARY_COLUMNS,
    changes_frame,
    conflicts_frame,
    problems_frame,
    read_change_log,
    report_path,
    unfilled_frame,
    write_observations,
    write_report,
)
from indicator_forecast.exceptions import ConfigurationError, Problem, ProblemReport
from indicator_forecast.plan import Plan


@dataclass
class CollectResult:
    """What one round of collecting found and wrote.

    Attributes
    ----------
    observations : DataFrame
        The merged figures (columns :data:`~indicator_forecast.collect.merge.OUT_COLUMNS`);
        ``evaluate(plan, result.observations, as_of=...)`` reads it.
    returns : list of FormReturn
        Every workbook read, with its entries, placeholders and problems.
    problems : ProblemReport
        Refused files, keys and values, unreadable entries and conflicts, each with its place.
    conflicts, changes, unfilled : lists
        Conflicting figures (none chosen), figures replaced this round, placeholders (未填).
    summary, reminders : DataFrame
        汇总 per department and 催报 (what is still missing, by department).
    written : list of Path
        The observations table and the 征集情况 workbook, when ``out`` was given.
    """

    observations: pd.DataFrame
    returns: list[FormReturn]
    problems: ProblemReport
    conflicts: list[Conflict]
    changes: list[Change]
    unfilled: list[UnfilledEntry]
    summary: pd.DataFrame
    reminders: pd.DataFrame
    as_of: dt.date
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """No problem and no conflict was found."""
        return not self.problems

    def __repr__(self) -> str:
        n_ret = sum(1 for r in self.returns if not r.refused)
        return (
            f"<CollectResult {len(self.observations)} figures from {n_ret} forms; "
            f"{len(self.problems)} problem(s), {len(self.conflicts)} conflict(s), "
            f"{len(self.changes)} change(s), {len(self.reminders)} still missing>"
        )


def _read_previous(
    previous: str | Path | None, plan: Plan
) -> tuple[list[dict[str, Any]], list[ObsKey]]:
    """Rows held before, validated by ``read_observations``, with any provenance they carry."""
    if previous is None:
        return [], []
    from indicator_forecast._io import locate_header, read_raw_table
    from indicator_forecast.data import read_observations
    from indicator_forecast.data.observations import OBS_COLUMNS, REQUIRED_OBS_COLUMNS

    obs = read_observations(previous, plan)
    raw, label = read_raw_table(previous)
    header_row, _ = locate_header(raw, OBS_COLUMNS, REQUIRED_OBS_COLUMNS, label)
    heads = {str(v).strip(): j for j, v in enumerate(raw.iloc[header_row]) if v is not None}
    extra = [c for c in PROVENANCE_COLUMNS if c in heads]
    rows: list[dict[str, Any]] = []
    keys: list[ObsKey] = []
    for r in obs.to_frame().to_dict("records"):
        ind = plan[str(r["indicator_id"])]
        row = {c: r[c] for c in ("indicator_id", "period", "value", "unit", "measure", "role",
                                 "series", "basis")}
        row.update(indicator_name=ind.name, source=r["source"] or "", note=r["note"] or "")
        rawrow = raw.iloc[int(r["row"]) - 1]
        for c in extra:
            v = rawrow.iloc[heads[c]]
            row[c] = "" if v is None else v
        rows.append(row)
        keys.append(row_key(r))
    return rows, keys


def _conflict_problems(conflicts: Sequence[Conflict]) -> list[Problem]:
    out = []
    for c in conflicts:
        a = c.ask
        parts = "；".join(f"{e.department} {e.value:g}（{e.place}）" for e in c.entries)
        out.append(Problem(
            "、".join(dict.fromkeys(e.place.file for e in c.entries)), None,
            f"{a.indicator.id} {a.period_label()} {a.label}", parts,
            "同一数据只有一个数值：请协调各部门核实后重新报送 / one figure; the departments "
            "disagree and none was chosen",
        ))
    return out


def _reminders(asks: Sequence[Ask], held: set[tuple[str, ...]]) -> pd.DataFrame:
    rows = []
    for a in asks:
        if a.obs_key in held:
            continue
        for d in a.departments:
            rows.append([
                d, role_of(a, d), a.indicator.id, a.indicator.name, a.period_label(), a.label,
                a.unit, "必填" if a.required else "选填",
            ])
    df = pd.DataFrame(rows, columns=REMINDER_COLUMNS)
    order = {d: i for i, d in enumerate(dict.fromkeys(df["部门"]))}
    return df.sort_values("部门", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


def _summary(
    plan: Plan, asks: Sequence[Ask], returns: Sequence[FormReturn], conflicts: Sequence[Conflict],
    reminders: pd.DataFrame,
) -> pd.DataFrame:
    rows = []
    for d in departments(plan):
        mine = [r for r in returns if r.department == d and not r.refused]
        n_asked = sum(1 for a in asks if d in a.departments)
        still = reminders[(reminders["部门"] == d) & (reminders["必填/选填"] == "必填")]
        rows.append([
            d, "已报送" if mine else "未报送", "、".join(r.path.name for r in mine),
            "、".join(dict.fromkeys(r.reporter for r in mine if r.reporter)),
            "、".join(dict.fromkeys(r.report_date for r in mine if r.report_date)),
            n_asked, sum(len(r.entries) for r in mine), sum(len(r.unfilled) for r in mine),
            len(still), sum(len(r.problems) for r in returns if r.department == d),
            sum(1 for c in conflicts if any(e.department == d for e in c.entries)),
        ])
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def collect(
    plan: Plan,
    paths: Iterable[str | Path] | str | Path,
    out: str | Path | None = None,
    previous: str | Path | None = None,
    as_of: Any = None,
    *,
    collected: Any = None,
) -> CollectResult:
    """Read returned forms into one observations table, with the provenance of every figure.

    Parameters
    ----------
    plan : Plan
        The plan the forms were written for (a form of another plan is refused).
    paths : path or iterable of paths
        Returned workbooks and/or folders holding them (searched recursively).
    out : str or Path, optional
        The observations table to write (.csv or .xlsx); ``<name>_征集情况.xlsx`` is written
        beside it.
    previous : str or Path, optional
        The figures held before this round (an earlier ``collect`` output or any observations
        table): kept, and updated only where this round supplies a figure (each replacement in
        修改记录, together with the earlier round's 修改记录).
    as_of : date or str, optional
        The evaluation date the 催报 list is made for; default: the latest date of the forms.
    collected : date or str, optional
        The day of this round, recorded with each figure and change (default: today).

    Returns
    -------
    CollectResult
        Nothing returned is modified on disk; problems are reported, never raised.
    """
    from indicator_forecast._dates import parse_date

    if isinstance(paths, (str, Path)):
        paths = [paths]
    files, problems = expand_paths(paths)
    returns = [read_return(f, plan) for f in files]
    dates = [r.as_of for r in returns if r.as_of is not None]
    if as_of is not None:
        date = parse_date(as_of)
    elif dates:
        date = max(dates)
    else:
        raise ConfigurationError(
            "没有可读的征集表，无法确定评估时点：请给出 as_of / no form could be read: give as_of"
        )
    day = parse_date(collected) if collected is not None else dt.date.today()
    prev_rows, prev_keys = _read_previous(previous, plan)
    entries = [e for r in returns if not r.refused for e in r.entries]
    rows, conflicts, changes = merge(prev_rows, prev_keys, entries, collected=day)
    for r in returns:
        problems += r.problems
    problems += _conflict_problems(conflicts)
    asks = plan_asks(plan, date)
    held: set[tuple[str, ...]] = {row_key(r)[:5] for r in rows}  # held on any basis
    reminders = _reminders(asks, held)
    unfilled = [u for r in returns if not r.refused for u in r.unfilled]
    frame = pd.DataFrame(rows, columns=OUT_COLUMNS)
    result = CollectResult(
        observations=frame, returns=returns, problems=ProblemReport(tuple(problems)),
        conflicts=conflicts, changes=changes, unfilled=unfilled,
        summary=_summary(plan, asks, returns, conflicts, reminders), reminders=reminders,
        as_of=date,
    )
    if out is not None:
        log = changes_frame(changes)
        if previous is not None:
            earlier = read_change_log(previous)
            if len(earlier):
                log = pd.concat([earlier, log], ignore_index=True)
        sheets = {
            "汇总": result.summary, "催报": reminders, "问题": problems_frame(problems),
            "未填": unfilled_frame(unfilled), "冲突": conflicts_frame(conflicts), "修改记录": log,
        }
        result.written = [
            write_observations(rows, out),
            write_report(sheets, report_path(out)),
        ]
    return result
