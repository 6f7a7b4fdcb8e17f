"""Writing what was collected: the observations table and the 征集情况 workbook.

The observations table (.csv, UTF-8 with BOM, or .xlsx) has the columns ``read_observations``
reads — indicator_id, indicator_name, period, value, unit, measure, role, series, basis
(统计口径), source, note — followed by the provenance of each figure (see
:data:`~.merge.OUT_COLUMNS`).

``<name>_征集情况.xlsx`` beside it holds six sheets: 汇总 (per department: returned or not,
cells asked and filled, problems), 催报 (what is still missing, by department), 问题 (file,
sheet, cell, what was expected), 未填 (placeholders such as 待定, with their place), 冲突
(every source of each conflicting figure) and 修改记录 (what each round replaced), each
wrapped, fitted and set up to print on A4 one page wide (:func:`write_report`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from indicator_forecast.collect.merge import OUT_COLUMNS, Change, Conflict
from indicator_forecast.collect.returns import UnfilledEntry
from indicator_forecast.exceptions import Problem

SUMMARY_COLUMNS = [
    "部门", "是否报送", "文件", "填报人", "填报日期", "征集项数", "已填", "未填（待定等）",
    "仍缺必填项", "问题", "冲突",
]
REMINDER_COLUMNS = [
    "部门", "牵头/配合", "序号", "指标", "时期", "填报内容", "单位", "必填/选填",
]
PROBLEM_COLUMNS = ["文件及工作表", "行", "单元格（列）", "内容", "应为"]
UNFILLED_COLUMNS = [
    "部门", "文件", "工作表", "单元格", "序号", "指标", "时期", "填报内容", "所填内容", "备注",
]
CONFLICT_COLUMNS = [
    "序号", "指标", "时期", "填报内容", "单位", "部门", "数值", "文件", "工作表", "单元格",
    "填报人", "填报日期",
]
CHANGE_COLUMNS = [
    "征集日期", "序号", "指标", "时期", "填报内容", "原数值", "原来源", "新数值", "修改部门",
    "文件", "单元格", "填报人", "填报日期",
]


def report_path(out: str | Path) -> Path:
    """``<name>_征集情况.xlsx`` beside the observations table ``out``.

    Parameters
    ----------
    out : str or Path
        The observations table (.csv or .xlsx).

    Returns
    -------
    Path
        The workbook's path: same folder, the table's stem followed by ``_征集情况.xlsx``.
    """
    p = Path(out)
    return p.with_name(f"{p.stem}_征集情况.xlsx")


def problems_frame(problems: Sequence[Problem]) -> pd.DataFrame:
    """The 问题 sheet: one row per problem found in the returned forms.

    Parameters
    ----------
    problems : sequence of Problem
        The problems, each with its file and sheet, row, cell, content and what was expected.

    Returns
    -------
    pandas.DataFrame
        One row per problem in the given order, columns :data:`PROBLEM_COLUMNS`.
    """
    return pd.DataFrame(
        [[p.source, p.row, p.column, p.value, p.expected] for p in problems],
        columns=PROBLEM_COLUMNS,
    )


def unfilled_frame(items: Sequence[UnfilledEntry]) -> pd.DataFrame:
    """The 未填 sheet: the cells holding a placeholder (待定 …), with their place.

    Parameters
    ----------
    items : sequence of UnfilledEntry
        The placeholders read.

    Returns
    -------
    pandas.DataFrame
        One row per placeholder in the given order, columns :data:`UNFILLED_COLUMNS`.
    """
    return pd.DataFrame(
        [
            [u.department, u.place.file, u.place.sheet, u.place.cell, u.ask.indicator.id,
             u.ask.indicator.name, u.ask.period_label(), u.ask.label, u.text, u.remark]
            for u in items
        ],
        columns=UNFILLED_COLUMNS,
    )


def conflicts_frame(conflicts: Sequence[Conflict]) -> pd.DataFrame:
    """The 冲突 sheet: every source of each conflicting figure.

    Parameters
    ----------
    conflicts : sequence of Conflict
        The conflicts of this round.

    Returns
    -------
    pandas.DataFrame
        One row per entry of each conflict, conflict by conflict, columns
        :data:`CONFLICT_COLUMNS`.
    """
    rows = []
    for c in conflicts:
        a = c.ask
        for e in c.entries:
            rows.append([
                a.indicator.id, a.indicator.name, a.period_label(), a.label, a.unit,
                e.department, e.value, e.place.file, e.place.sheet, e.place.cell, e.reporter,
                e.report_date,
            ])
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS)


def changes_frame(changes: Sequence[Change]) -> pd.DataFrame:
    """The 修改记录 rows of this round: each figure replaced, old and new, by whom.

    Parameters
    ----------
    changes : sequence of Change
        The changes of this round.

    Returns
    -------
    pandas.DataFrame
        One row per change in the given order, columns :data:`CHANGE_COLUMNS`.
    """
    return pd.DataFrame(
        [
            [ch.collected, ch.ask.indicator.id, ch.ask.indicator.name, ch.ask.period_label(),
             ch.ask.label, ch.old_value, ch.old_source, ch.new.value, ch.new.department,
             ch.new.place.file, ch.new.place.cell, ch.new.reporter, ch.new.report_date]
            for ch in changes
        ],
        columns=CHANGE_COLUMNS,
    )


def read_change_log(observations_path: str | Path) -> pd.DataFrame:
    """The 修改记录 of an earlier round, from the 征集情况 workbook beside its table (or empty).

    Parameters
    ----------
    observations_path : str or Path
        The earlier round's observations table; its workbook is :func:`report_path` of it.

    Returns
    -------
    pandas.DataFrame
        The earlier changes, columns :data:`CHANGE_COLUMNS` (values as read, ``object``
        dtype); empty when the workbook or its 修改记录 sheet does not exist.
    """
    side = report_path(observations_path)
    if not side.exists():
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    try:
        df = pd.read_excel(side, sheet_name="修改记录", dtype=object)
    except ValueError:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    return df.reindex(columns=CHANGE_COLUMNS)


def write_observations(rows: Sequence[dict[str, Any]], out: str | Path, *,
                       overwrite: bool = True) -> Path:
    """Write the collected observations table (.csv or .xlsx by the suffix of ``out``).

    Parameters
    ----------
    rows : sequence of dict
        The rows, keyed by :data:`OUT_COLUMNS` (a missing key is written empty).
    out : str or Path
        The table to write: .xlsx or .xlsm gives a workbook with one sheet 观测数据, any other
        suffix a UTF-8 CSV with BOM (which Excel opens as UTF-8).
    overwrite : bool, default True
        Replace an existing table (the earlier one is kept as a dated backup).

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    OutputExistsError
        ``out`` exists and ``overwrite`` is False.
    """
    from indicator_forecast.report._io import atomic_write

    p = Path(out)
    frame = pd.DataFrame(list(rows), columns=OUT_COLUMNS)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        return atomic_write(p, lambda tmp: frame.to_excel(tmp, index=False, sheet_name="观测数据"),
                            overwrite=overwrite)
    return atomic_write(
        p, lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig"), overwrite=overwrite
    )


def _column_width(values: Iterable[Any], *, least: float = 8.0, most: float = 60.0) -> float:
    """The width of a column showing ``values``: its longest line, within least and most.

    Measured with :func:`~indicator_forecast._xlsx.text_width`, as the row heights are, so a
    text narrower than ``most`` is shown on one line and only a longer one wraps.
    """
    from indicator_forecast._xlsx import text_width

    longest = max(
        (text_width(line) for v in values if v is not None for line in str(v).split("\n")),
        default=0.0,
    )
    return min(max(longest + 2.0, least), most)  # 2: the cell's insets and a little room


def write_report(sheets: dict[str, pd.DataFrame], out: str | Path, *,
                 overwrite: bool = True) -> Path:
    """Write the 征集情况 workbook: one sheet per frame, laid out to be read and printed.

    Each sheet has its header bold and frozen, columns as wide as their longest text (at
    most 60), every cell wrapped (body cells at the top) and each row as tall as its text; it
    prints on A4 landscape one page wide, the header repeated on every page.

    Parameters
    ----------
    sheets : dict of str to pandas.DataFrame
        Sheet name → its table, in the order the sheets are written.
    out : str or Path
        The workbook to write (usually :func:`report_path` of the observations table).
    overwrite : bool, default True
        Replace an existing workbook (the earlier one is kept as a dated backup).

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    OutputExistsError
        ``out`` exists and ``overwrite`` is False.
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    from indicator_forecast._xlsx import fit_row_heights, print_one_page_wide
    from indicator_forecast.report._io import atomic_write

    head = Alignment(wrap_text=True, vertical="center")
    body = Alignment(wrap_text=True, vertical="top")

    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            for name, df in sheets.items():
                df.to_excel(xw, sheet_name=name, index=False)
                ws = xw.sheets[name]
                for c in ws[1]:
                    c.font = Font(bold=True)
                    c.fill = PatternFill("solid", fgColor="DDEBF7")
                    c.alignment = head
                for row in ws.iter_rows(min_row=2):
                    for c in row:
                        c.alignment = body
                for col in ws.columns:
                    ws.column_dimensions[col[0].column_letter].width = _column_width(
                        c.value for c in col)
                fit_row_heights(ws, 1)  # the spreadsheet programs do not grow wrapped rows
                ws.freeze_panes = "A2"
                print_one_page_wide(ws, title_row=1)

    return atomic_write(Path(out), write, overwrite=overwrite)
