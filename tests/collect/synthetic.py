"""SYNTHETIC figures for the round-trip tests — invented, not real data.

A department's typing is imitated with openpyxl: the form is opened, the value cells of the
rows found by their hidden key are filled, the header block is completed, and the workbook is
saved under a new name (as a department saves its copy before e-mailing it back).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from indicator_forecast.collect.forms import BASIS_HEADER, KEY_HEADERS, VALUE_HEADER
from indicator_forecast.plan import Plan, read_plan

ROOT = Path(__file__).resolve().parents[2]
PUTUO = ROOT / "data" / "putuo-14th"

SYNTHETIC_REPORTER = "测试填报人（合成）"


def synthetic_value(plan: Plan, key: tuple[str, str, str]) -> float:
    """A SYNTHETIC figure for a form row, on the good side of the indicator's target."""
    ind_id, period, what = key
    ind = plan[ind_id]
    t = ind.target
    year = int(period[:4])
    months = int(period.split("-")[1]) if "M1-" in period else 12
    b = t.base_year
    target = t.point if t.point is not None else (t.low if t.low is not None else t.high)
    if what in ("flow", "flow_ytd"):
        per_year = (target or 10.0) / 5 * 1.1
        return round(per_year * months / 12 * (1 + 0.01 * (year - b)), 4)
    if what == "growth":
        return 4.5 + 0.1 * (year % 3)
    if what == "parent_growth":
        return 4.0 + 0.1 * (year % 3)
    if what == "change":
        return 3.0
    if what in ("parent_target", "annual_target"):
        return 10000.0 if ind.direction == "lower" and ind.unit == "人" else 3.0
    if what == "actual":
        if ind.direction == "lower" and ind.unit == "人":
            return 9500.0 - 10 * (year - b)
        return 3.4 + 0.05 * (year - b)
    # levels
    if ind.kind == "floor":
        return round((t.low or 0) * 1.01 + 0.05 * (year - b), 4)
    if ind.kind == "ceiling":
        return round((t.high or 1) * 0.8 - 0.0001 * (year - b), 6)
    if ind.kind == "band":
        return round((t.low or 0) + 0.1 * ((year - b) % 2), 4)
    assert target is not None
    base = target * 0.6
    return round(base + (target - base) * (year - b) / (t.target_year - b) * 1.15, 4)


def key_rows(ws: Any) -> tuple[int, dict[str, int]]:
    for row in ws.iter_rows(min_row=1, max_row=40):
        heads = {str(c.value): c.column for c in row if c.value is not None}
        if all(k in heads for k in KEY_HEADERS):
            return row[0].row, heads
    raise AssertionError("no key header row")


def fill_form(
    form: Path,
    dest: Path,
    value: Callable[[tuple[str, str, str]], Any],
    *,
    reporter: str = SYNTHETIC_REPORTER,
    date: str = "2023-07-05",
    basis: Callable[[tuple[str, str, str]], str | None] | None = None,
) -> Path:
    """Fill every value cell of ``form`` with ``value(key)`` (None leaves it) and save as dest;
    with ``basis``, each 统计口径 cell with ``basis(key)`` too (None leaves it)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(form, dest)
    wb = openpyxl.load_workbook(dest)
    ws = wb.worksheets[0]
    hr, heads = key_rows(ws)
    for r in range(hr + 1, ws.max_row + 1):
        key = tuple(str(ws.cell(r, heads[k]).value) for k in KEY_HEADERS)
        if key[0] == "None":
            continue
        v = value(key)  # type: ignore[arg-type]
        if v is not None:
            ws.cell(r, heads[VALUE_HEADER]).value = v
        b = None if basis is None else basis(key)  # type: ignore[arg-type]
        if b is not None:
            ws.cell(r, heads[BASIS_HEADER]).value = b
    for row in ws.iter_rows(min_row=1, max_row=hr):
        for c in row:
            if c.value == "填报人":
                ws.cell(c.row, c.column + 1).value = reporter
            elif c.value == "联系电话":
                ws.cell(c.row, c.column + 1).value = "000-00000000（合成）"
            elif c.value == "填报日期":
                ws.cell(c.row, c.column + 1).value = date
    wb.save(dest)
    return dest


def fill_all(plan: Plan, forms: list[Path], returned: Path) -> list[Path]:
    """Every asked cell of every form filled with SYNTHETIC values."""
    return [
        fill_form(f, returned / f.name.replace(".xlsx", "_已填.xlsx"),
                  lambda k: synthetic_value(plan, k))
        for f in forms
    ]


def putuo_plan() -> Plan:
    """The shipped Putuo plan, read with its plan.json as the command line reads it."""
    import json

    meta = json.loads((PUTUO / "plan.json").read_text(encoding="utf-8"))
    return read_plan(PUTUO / "plan.csv", **meta)


def form_rows(path: Path) -> dict[tuple[str, str, str], int]:
    """Row number of each key in a form."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    hr, heads = key_rows(ws)
    out = {}
    for r in range(hr + 1, ws.max_row + 1):
        key = tuple(str(ws.cell(r, heads[k]).value) for k in KEY_HEADERS)
        if key[0] != "None":
            out[key] = r
    return out  # type: ignore[return-value]
