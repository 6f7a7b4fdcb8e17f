"""Reading returned forms back, by their hidden key, with the place of every figure.

A returned workbook is opened read-only in effect: it is loaded and never saved, so nothing a
department returned is changed on disk. Each figure keeps its provenance: department, file,
sheet, cell, 填报人, 联系电话, 填报日期, the department's 数据来源 and 备注, and the 统计口径 it
wrote (folded by :func:`~indicator_forecast.data.observations.normalise_basis`, as
``read_observations`` folds the basis column, so that the two compare equal). A form written
before the 统计口径 column existed is read as before: every figure on the basis in force.

Refused, with the place: a workbook that is not a form of this plan (another plan's code, no
key columns), a form of a department the plan does not name or filled in as another
department, a key that does not exist in the plan, a key of an indicator the department is not
responsible for, a value outside what the kind allows, and a 统计口径 written on a row without a
figure (empty or a placeholder such as 待定): the basis would have nothing to apply to.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indicator_forecast.collect.asks import Ask, departments, plan_asks, plan_fingerprint
from indicator_forecast.collect.forms import (
    BASIS_HEADER,
    FORM_VERSION,
    GUIDE_SHEET,
    HEADER_FIELDS,
    KEY_HEADERS,
    META_SHEET,
    NOTE_HEADER,
    SOURCE_HEADER,
    VALUE_HEADER,
)
from indicator_forecast.collect.values import EntryError, UnfilledError, read_entry
from indicator_forecast.data.observations import normalise_basis
from indicator_forecast.exceptions import Problem
from indicator_forecast.plan import Plan
from indicator_forecast.report._io import BACKUP_DIR


@dataclass(frozen=True)
class Place:
    """Where a figure was read: file, sheet and cell.

    Parameters
    ----------
    file : str
        The workbook's file name (without its folder).
    sheet : str
        The sheet's title.
    cell : str
        The value cell's coordinate (H7).
    row : int
        The cell's row number, 1-based as Excel shows it.
    """

    file: str
    sheet: str
    cell: str
    row: int

    def __str__(self) -> str:
        return f"{self.file} [{self.sheet}] {self.cell}"


@dataclass(frozen=True)
class Entry:
    """A figure read from a returned form, with its provenance.

    Parameters
    ----------
    ask : Ask
        What the row asked (found by the row's hidden key).
    value : float
        The figure in the asked unit (:attr:`Ask.unit`).
    approximate : bool
        The department marked it approximate (约, 估计, 左右 …).
    reading_note : str
        How the cell was read (a unit converted, a percentage cell), or "".
    department : str
        The department whose form it is.
    place : Place
        The value cell.
    reporter, phone, report_date : str, default ""
        The form's header block (填报人, 联系电话, 填报日期) as written.
    data_source : str, default ""
        The row's 数据来源 cell.
    remark : str, default ""
        The row's 备注 cell.
    basis : str, default ""
        The row's 统计口径 cell, NFKC-folded
        (:func:`~indicator_forecast.data.observations.normalise_basis`); ``""`` when empty or
        when the form has no such column: the figure is then on the basis in force.
    """

    ask: Ask
    value: float
    approximate: bool
    reading_note: str
    department: str
    place: Place
    reporter: str = ""
    phone: str = ""
    report_date: str = ""
    data_source: str = ""
    remark: str = ""
    basis: str = ""


@dataclass(frozen=True)
class UnfilledEntry:
    """A cell that holds a placeholder (待定, —, 见附件 …) instead of a figure.

    Parameters
    ----------
    ask : Ask
        What the row asked.
    department : str
        The department whose form it is.
    place : Place
        The value cell.
    text : str
        The placeholder as typed.
    remark : str, default ""
        The row's 备注 cell (often the reason).
    """

    ask: Ask
    department: str
    place: Place
    text: str
    remark: str = ""


@dataclass
class FormReturn:
    """One returned workbook as read.

    Parameters
    ----------
    path : Path
        The workbook.
    department : str, default ""
        The department the form was written for ("" when it was refused before that was known).
    as_of : datetime.date or None, default None
        The evaluation date recorded in the form.
    reporter, phone, report_date : str, default ""
        The header block (填报人, 联系电话, 填报日期) as written.
    entries : list of Entry
        The figures read.
    unfilled : list of UnfilledEntry
        The cells holding a placeholder.
    problems : list of Problem
        Everything refused, each with its place.
    rows : int, default 0
        How many keyed rows were read.
    refused : bool, default False
        The whole workbook was refused (not a form of this plan or of its departments); its
        problem says why and nothing was read from it.
    """

    path: Path
    department: str = ""
    as_of: dt.date | None = None
    reporter: str = ""
    phone: str = ""
    report_date: str = ""
    entries: list[Entry] = field(default_factory=list)
    unfilled: list[UnfilledEntry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0
    refused: bool = False


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


_IDENTITY_LINE = re.compile(r"责任部门：(\S+)\s*评估时点：(\S+)\s*本表编码：([0-9a-f]+)")


def _read_meta(wb: Any) -> dict[str, str]:
    """The form's identity: from the hidden sheet, else from the visible second line."""
    if META_SHEET in wb.sheetnames:
        ws = wb[META_SHEET]
        return {
            _text(r[0]): _text(r[1]) for r in ws.iter_rows(values_only=True) if r and r[0]
        }
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1, max_row=5, values_only=True):
            for v in row:
                m = _IDENTITY_LINE.search(_text(v))
                if m:
                    return {
                        "format": FORM_VERSION, "department": m.group(1),
                        "as_of": m.group(2), "plan_code": m.group(3),
                    }
    return {}


def _header_value(ws: Any, label: str) -> str:
    """The cell to the right of a header-block label (填报人 …), wherever it now is."""
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 30)):
        for c in row:
            if _text(c.value) == label:
                return _text(ws.cell(c.row, c.column + 1).value)
    return ""


def _key_sheets(wb: Any) -> Iterator[tuple[Any, int, dict[str, int]]]:
    """Every sheet with the key columns: (sheet, header row, column index by header)."""
    for ws in wb.worksheets:
        if ws.title in (META_SHEET, GUIDE_SHEET):
            continue
        for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 60)):
            heads = {_text(c.value): c.column for c in row if c.value is not None}
            if all(k in heads for k in KEY_HEADERS) and VALUE_HEADER in heads:
                yield ws, row[0].row, heads
                break


def _norm_key(values: Iterable[Any]) -> tuple[str, str, str]:
    a, b, c = (_text(v) for v in values)
    return (a, b, c)


def _basis_without_value(src: str, row: int, bcell: Any, vcell: Any, typed: str) -> Problem:
    """The problem of a 统计口径 written on a row whose 填报值 is empty or a placeholder."""
    shown = f"“{typed}”" if typed else "空"
    return Problem(
        src, row, f"{bcell.coordinate}（{BASIS_HEADER}）", _text(bcell.value),
        f"填有数值的行才填统计口径：{vcell.coordinate}（{VALUE_HEADER}）为{shown}，请补填数值或删去"
        f"统计口径 / a basis only beside a value; {vcell.coordinate} holds none",
    )


def read_return(path: str | Path, plan: Plan) -> FormReturn:
    """Read one returned workbook against ``plan``; problems are collected, never raised.

    The workbook is loaded and never saved.

    Parameters
    ----------
    path : str or Path
        The returned .xlsx form.
    plan : Plan
        The plan the forms were written from; the form's plan code, department and keys are
        checked against it.

    Returns
    -------
    FormReturn
        The figures, placeholders and problems read; ``refused`` is True, with one problem,
        when the whole workbook is refused (see the module docstring): not a workbook, not a
        form of this plan or of one of its departments, filled in as another department, or
        without the key columns.
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    p = Path(path)
    ret = FormReturn(p)

    def refuse(value: str, expected: str, sheet: str | None = None) -> FormReturn:
        src = p.name if sheet is None else f"{p.name} [{sheet}]"
        ret.problems.append(Problem(src, None, None, value, expected))
        ret.refused = True
        return ret

    try:
        wb = load_workbook(p, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        return refuse(type(exc).__name__, f"一个 .xlsx 数据征集表 / an .xlsx form ({exc})")
    meta = _read_meta(wb)
    if not meta or meta.get("format") != FORM_VERSION:
        return refuse(
            "", "本软件生成的数据征集表（缺少表格识别信息）/ a form written by `forms` (no form "
            "identity found)",
        )
    code, dept = meta.get("plan_code", ""), meta.get("department", "")
    if code != plan_fingerprint(plan):
        return refuse(
            f"{meta.get('plan_name', '')}（编码 {code}）",
            f"本规划“{plan.name}”的征集表（编码 {plan_fingerprint(plan)}）；这是另一规划（或已修改"
            "的规划）的表 / a form of this plan; this one belongs to another plan",
        )
    plan_depts = departments(plan)
    if dept not in plan_depts:
        return refuse(
            dept, f"本规划的责任部门之一：{'、'.join(plan_depts)} / a department of the plan"
        )
    ret.department = dept
    try:
        ret.as_of = dt.date.fromisoformat(meta.get("as_of", ""))
    except ValueError:
        return refuse(
            meta.get("as_of", ""), "表格识别信息中的评估时点 / the form's evaluation date"
        )
    sheets = list(_key_sheets(wb))
    if not sheets:
        return refuse("", f"含隐藏识别列 {', '.join(KEY_HEADERS)} 的工作表 / the key columns")
    ws0 = sheets[0][0]
    filled_as = _header_value(ws0, HEADER_FIELDS[0])
    if filled_as and filled_as != dept and filled_as in plan_depts:
        return refuse(
            filled_as,
            f"{dept}的征集表由{dept}填报；表头填报单位写的是另一责任部门，请用该部门自己的表 / "
            f"this is {dept}'s form, filled in as another department",
            ws0.title,
        )
    ret.reporter = _header_value(ws0, "填报人")
    ret.phone = _header_value(ws0, "联系电话")
    date_cell = _header_value(ws0, "填报日期")
    ret.report_date = date_cell
    valid = {a.key: a for a in plan_asks(plan, ret.as_of)}
    seen: dict[tuple[str, str, str], tuple[float | None, Place]] = {}
    for ws, header_row, heads in sheets:
        kcols = [heads[k] for k in KEY_HEADERS]
        vcol = heads[VALUE_HEADER]
        scol, ncol = heads.get(SOURCE_HEADER), heads.get(NOTE_HEADER)
        bcol = heads.get(BASIS_HEADER)
        for r in range(header_row + 1, ws.max_row + 1):
            key = _norm_key(ws.cell(r, c).value for c in kcols)
            vcell = ws.cell(r, vcol)
            bcell = ws.cell(r, bcol) if bcol else None
            basis = normalise_basis(_text(bcell.value)) if bcell is not None else ""
            if not any(key):
                for cell, head in ((vcell, VALUE_HEADER), (bcell, BASIS_HEADER)):
                    if cell is not None and _text(cell.value):
                        ret.problems.append(Problem(
                            f"{p.name} [{ws.title}]", r, f"{cell.coordinate}（{head}）",
                            _text(cell.value),
                            "填在有识别编码的行中 / a value on a row of the form",
                        ))
                continue
            ret.rows += 1
            place = Place(p.name, ws.title, vcell.coordinate, r)
            src = f"{p.name} [{ws.title}]"
            keycell = f"{get_column_letter(kcols[0])}{r}-{get_column_letter(kcols[2])}{r}"
            ask = valid.get(key)
            if ask is None:
                ind_ok = key[0] in plan
                ret.problems.append(Problem(
                    src, r, f"{keycell}（识别编码）", "|".join(key),
                    "本规划中存在的指标、时期和填报内容 / a key of this plan"
                    + ("" if ind_ok else f"（规划中没有序号为{key[0]}的指标）"),
                ))
                continue
            if dept not in ask.departments:
                ret.problems.append(Problem(
                    src, r, f"{keycell}（识别编码）", "|".join(key),
                    f"{dept}负责的指标；指标{ask.indicator.id}由{'、'.join(ask.departments)}填报"
                    f" / an indicator of {dept}",
                ))
                continue
            remark = _text(ws.cell(r, ncol).value) if ncol else ""
            data_source = _text(ws.cell(r, scol).value) if scol else ""
            try:
                reading = read_entry(
                    vcell.value, ask.unit, percent_format="%" in str(vcell.number_format)
                )
            except UnfilledError as exc:
                ret.unfilled.append(UnfilledEntry(ask, dept, place, exc.text, remark))
                if basis:
                    ret.problems.append(_basis_without_value(src, r, bcell, vcell, exc.text))
                continue
            except EntryError as exc:
                ret.problems.append(Problem(
                    src, r, f"{vcell.coordinate}（{VALUE_HEADER}）", exc.text, exc.expected
                ))
                continue
            if reading is None:
                if basis:
                    ret.problems.append(_basis_without_value(src, r, bcell, vcell, ""))
                continue
            v = reading.value
            if (ask.minimum is not None and v < ask.minimum) or (
                ask.maximum is not None and v > ask.maximum
            ) or not math.isfinite(v):
                ret.problems.append(Problem(
                    src, r, f"{vcell.coordinate}（{VALUE_HEADER}）", _text(vcell.value),
                    f"{ask.indicator.name}的{ask.label}应在{ask.bounds_text()}（{ask.unit}）之间"
                    f"/ a value the kind allows ({ask.bounds_text()})",
                ))
                continue
            if key in seen:
                prev_value, prev_place = seen[key]
                if prev_value is not None and not math.isclose(prev_value, v, rel_tol=1e-9):
                    ret.problems.append(Problem(
                        src, r, f"{vcell.coordinate}（{VALUE_HEADER}）", _text(vcell.value),
                        f"同一表中同一项只填一次；{prev_place.cell}已填{prev_value:g} / one "
                        "figure per key in a form",
                    ))
                continue
            seen[key] = (v, place)
            ret.entries.append(Entry(
                ask, v, reading.approximate, reading.note, dept, place, ret.reporter, ret.phone,
                ret.report_date, data_source, remark, basis,
            ))
    return ret


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Files as given, and every .xlsx under a folder (Excel's ~$ lock files skipped).

    Under a folder, the 征集情况 reports and the backup folder are skipped too.

    Parameters
    ----------
    paths : iterable of str or Path
        Returned forms and folders holding them (searched recursively).

    Returns
    -------
    files : list of Path
        Each file once, in the order given (a folder's files sorted).
    problems : list of Problem
        A path that does not exist, and a folder with no .xlsx file.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*.xlsx")
                if not f.name.startswith(("~$", ".~")) and "征集情况" not in f.name
                and BACKUP_DIR not in f.parts
            )
            if not found:
                problems.append(Problem(str(p), None, None, "", "一个含 .xlsx 征集表的文件夹"))
            files += found
        elif p.exists():
            files.append(p)
        else:
            problems.append(
                Problem(str(p), None, None, "", "一个存在的文件或文件夹 / no such file")
            )
    return list(dict.fromkeys(files)), problems
