"""Merging the figures of one round of returns with the figures already held.

* Two departments (or two files) giving different figures for the same cell: a
  :class:`Conflict` listing every source; neither figure is chosen, and a figure already held
  stays until the conflict is settled.
* The same figure from several: kept once, every department credited.
* A round updates only what it supplies: a figure already held and given again unchanged stays
  as it was; a different figure (or the same number no longer marked approximate) replaces it,
  and a :class:`Change` records what was replaced, by whom, from which file, when.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from indicator_forecast.collect.asks import Ask, ObsKey
from indicator_forecast.collect.returns import Entry
from indicator_forecast.data.periods import parse_period

OUT_COLUMNS = [
    "indicator_id", "indicator_name", "period", "value", "unit", "measure", "role", "series",
    "basis", "source", "note", "approximate", "what", "department", "credited", "file", "sheet",
    "cell", "reporter", "phone", "report_date", "data_source", "collected",
]
"""Columns of the collected observations table (up to ``note`` what ``read_observations``
reads; the rest, :data:`PROVENANCE_COLUMNS`, are the provenance)."""

PROVENANCE_COLUMNS = OUT_COLUMNS[OUT_COLUMNS.index("note") + 1:]
"""The provenance columns of the collected table (``approximate`` … ``collected``)."""


@dataclass(frozen=True)
class Conflict:
    """Different figures for one cell from different sources; none was chosen.

    Parameters
    ----------
    ask : Ask
        What was asked (the cell of the observations table in dispute).
    entries : tuple of Entry
        Every entry given for it this round, in the order read.
    """

    ask: Ask
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Change:
    """A figure held before, replaced by a return.

    Parameters
    ----------
    ask : Ask
        What was asked.
    old_value : float
        The figure held before, in the asked unit.
    old_source : str
        Where it came from: the department, file and cell of an earlier round, else the
        previous table's ``source``.
    new : Entry
        The entry that replaced it (the first of those that agree).
    collected : str
        The day of this round, ISO format (2023-07-15).
    """

    ask: Ask
    old_value: float
    old_source: str
    new: Entry
    collected: str


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def entry_source(e: Entry) -> str:
    """The figure's provenance in words (the ``source`` column of the observations table).

    Parameters
    ----------
    e : Entry
        The entry read from a returned form.

    Returns
    -------
    str
        ``<部门>填报：<file> [<sheet>] <cell>``, then 填报人 and 填报日期 in brackets and the
        department's 数据来源 when the form gives them.
    """
    who = "，".join(x for x in (f"填报人{e.reporter}" if e.reporter else "", e.report_date) if x)
    text = f"{e.department}填报：{e.place}" + (f"（{who}）" if who else "")
    return text + (f"；数据来源：{e.data_source}" if e.data_source else "")


def entry_row(entries: Sequence[Entry], collected: str, basis: str = "") -> dict[str, Any]:
    """One output row from the entries that agree on a figure (the first one is the record).

    Parameters
    ----------
    entries : sequence of Entry
        The entries of one cell that give the same figure; not empty. The first supplies the
        value and the provenance, the others are credited and named in ``note``.
    collected : str
        The day of this round, ISO format, written in the ``collected`` column.
    basis : str, optional
        The statistical basis the figure is on (the basis in force, see
        :func:`~indicator_forecast.collect.asks.current_bases`); ``""`` for the one basis.

    Returns
    -------
    dict
        The row, keyed by :data:`OUT_COLUMNS`; ``approximate`` is True when any entry was
        marked approximate.
    """
    e = entries[0]
    a = e.ask
    credited = list(dict.fromkeys(x.department for x in entries))
    notes = [n for n in dict.fromkeys(x.reading_note for x in entries) if n]
    notes += [r for r in dict.fromkeys(x.remark for x in entries) if r]
    if len(entries) > 1:
        notes.append("同一数值亦由" + "、".join(f"{x.department}（{x.place}）" for x in entries[1:])
                     + "填报")
    return {
        "indicator_id": a.indicator.id, "indicator_name": a.indicator.name,
        "period": str(a.period), "value": e.value, "unit": a.unit, "measure": a.measure,
        "role": a.role, "series": "", "basis": basis, "source": entry_source(e),
        "note": "；".join(notes),
        "approximate": any(x.approximate for x in entries), "what": a.label,
        "department": e.department, "credited": "、".join(credited), "file": e.place.file,
        "sheet": e.place.sheet, "cell": e.place.cell, "reporter": e.reporter, "phone": e.phone,
        "report_date": e.report_date, "data_source": e.data_source, "collected": collected,
    }


def _truthy(v: Any) -> bool:
    return str(v).strip().lower() in ("true", "1", "是", "yes")


def merge(
    previous: list[dict[str, Any]],
    previous_keys: list[ObsKey],
    entries: Iterable[Entry],
    *,
    collected: dt.date,
) -> tuple[list[dict[str, Any]], list[Conflict], list[Change]]:
    """Merge a round's entries into the rows held before.

    Parameters
    ----------
    previous : list of dict
        Rows held before (in :data:`OUT_COLUMNS`), in their order.
    previous_keys : list of tuple
        Each previous row's (indicator id, period, measure, role, series, basis).
    entries : iterable of Entry
        Everything read from this round's returns.
    collected : date
        The day of this round, recorded with each new figure and change.

    Returns
    -------
    rows : list of dict
        The previous rows in their order, each replaced or newly credited where this round
        gives its figure, then the figures held for the first time.
    conflicts : list of Conflict
        The cells given different figures this round; their previous rows are kept.
    changes : list of Change
        The previous figures replaced by a different one (or by the same one no longer
        marked approximate).

    Notes
    -----
    A figure whose form row names a 统计口径 (:attr:`Entry.basis`) is on that basis: the same
    basis as a previous row's updates that row, another one adds the period on the new basis
    (two bases for one year are the overlap that links them). A figure with the 统计口径 left
    empty is taken on the statistical basis in force for its indicator (the basis
    of the latest previous figure, :func:`~indicator_forecast.collect.asks.current_bases`):
    forms ask for the figure as published now. A period held on earlier bases only (an old
    year on the pre-census basis) keeps its basis: the figure returned for it updates that
    row rather than adding a second basis for the year. A period not held that lies before a
    held one takes the basis of the first held period after it: a gap among the years of an
    earlier basis is filled on that basis, not on the later one, which would make the earlier
    basis resume after it (a series the basis linking refuses).
    """
    from indicator_forecast.collect.asks import current_bases

    day = collected.isoformat()
    bases = current_bases(
        dict(zip(("indicator_id", "period", "measure", "role", "series", "basis"), k,
                 strict=True))
        for k in previous_keys
    )
    held: dict[tuple[str, ...], list[str]] = {}
    periods: dict[tuple[str, ...], list[tuple[tuple[int, int], str]]] = {}
    for k in previous_keys:
        held.setdefault(k[:5], []).append(k[5])
        per = parse_period(k[1])
        periods.setdefault((k[0], *k[2:5]), []).append(((per.year, per.months), k[5]))
    groups: dict[ObsKey, list[Entry]] = {}
    for e in entries:
        if e.basis:
            key = (*e.ask.obs_key, e.basis)
        else:
            key = e.ask.obs_key_on(bases)
            given = held.get(key[:5], [])
            if given and key[5] not in given:
                key = (*key[:5], given[-1])  # the period is held on an earlier basis only
            elif not given:
                at = (e.ask.period.year, e.ask.period.months)
                known = periods.get((key[0], *key[2:5]), [])
                later = [p for p, _ in known if p > at]
                if later:
                    nxt = [b for p, b in known if p == min(later)]
                    before = {b for p, b in known if p < at}
                    # an overlap year next: the basis the gap's earlier years are on
                    key = (*key[:5], next((b for b in nxt if b in before), nxt[0]))
        groups.setdefault(key, []).append(e)
    index = {k: i for i, k in enumerate(previous_keys)}
    rows = [dict(r) for r in previous]
    conflicts: list[Conflict] = []
    changes: list[Change] = []
    for key, group in groups.items():
        distinct: list[float] = []
        for e in group:
            if not any(_same(e.value, d) for d in distinct):
                distinct.append(e.value)
        if len(distinct) > 1:
            conflicts.append(Conflict(group[0].ask, tuple(group)))
            continue
        new = entry_row(group, day, key[5])
        if key not in index:
            index[key] = len(rows)
            rows.append(new)
            continue
        old = rows[index[key]]
        old_value = float(old["value"])
        if _same(old_value, new["value"]) and _truthy(old.get("approximate")) == new["approximate"]:
            credited = [d for d in str(old.get("credited") or "").split("、") if d]
            for d in new["credited"].split("、"):
                if d not in credited:
                    credited.append(d)
            old["credited"] = "、".join(credited)
            continue
        old_source = str(old.get("source") or "")
        if old.get("department"):
            old_source = f"{old['department']}（{old.get('file', '')} {old.get('cell', '')}）"
        changes.append(Change(group[0].ask, old_value, old_source, group[0], day))
        rows[index[key]] = new
    return rows, conflicts, changes
