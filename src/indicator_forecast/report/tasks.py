"""The 附件7 main-task evaluation form (主要任务评估表) in Excel and Word.

Tasks are qualitative; nothing here grades them. The form is written from a
:class:`~indicator_forecast.plan.tasks.TaskList`: section headings as full-width rows, the
task's 项目 as the 类别 cell (merged over its group), "序号、主要内容" as the 主要任务 cell, and
the departments' returned 推进情况, 评估结论 and 预计到规划期末完成数 where they exist — blank
cells where nothing was returned, for the departments to fill in. Columns 原因说明 and 调整意见
are added when any task carries them (or when asked). The seed's three notes follow the table.

The workbook has the form, a summary of the returns (tasks per conclusion; tasks and
departments that have returned nothing, with what they must supply), a return form that
:func:`~indicator_forecast.plan.read_tasks` reads back, and the task data; optionally one sheet
per lead department. The Word document has the form (A4 landscape, 仿宋 text, 黑体 title,
repeated header row, page numbers), optionally one form per lead department, and the summary.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indicator_forecast._xlsx import print_one_page_wide

from . import _common as c
from ._docx import ReportFonts, add_run, apply_widths, set_cell_text, setup_document
from ._io import atomic_write
from ._labels import grade_label, labels
from ._tables import form_notes, form_rows, task_form_table
from .excel import (
    _active_sheet,
    _header,
    _notes,
    _put,
    _styles,
    _title,
    _widths,
    render_sheet,
)
from .word import _annex_label, _make_table, _usable_width_cm, render_table
from .word import _title as _doc_title

if TYPE_CHECKING:
    import pandas as pd
    from docx.document import Document
    from openpyxl.worksheet.worksheet import Worksheet

    from indicator_forecast.plan.tasks import TaskList

_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


# ----------------------------------------------------------------------------- shared rows


def _plan_name(tasks: TaskList, plan_name: str | None) -> str:
    return tasks.name if plan_name is None else plan_name


def _missing_rows(tasks: TaskList, lang: str) -> list[list[str]]:
    lab = labels(lang)["tasks"]
    frame = tasks.missing_frame()
    return [[r["department"], r["number"], r["headline"], lab["missing_required"]]
            for r in frame.to_dict("records")]  # fmt: skip


def _count_rows(tasks: TaskList, lang: str) -> list[list[Any]]:
    lab = labels(lang)["tasks"]
    counts = tasks.counts()
    rows: list[list[Any]] = [[grade_label(k, lang), counts[k]] for k in ("A", "B", "C", "D")]
    rows.append([lab["not_returned"], counts["not_returned"]])
    rows.append([lab["total"], len(tasks)])
    return rows


# ----------------------------------------------------------------------------- Excel


def write_tasks_workbook(
    tasks: TaskList,
    path: str | Path,
    *,
    lang: str = "zh",
    overwrite: bool = False,
    plan_name: str | None = None,
    by_department: bool = False,
    reason_columns: bool | None = None,
    years: tuple[int, int] | None = None,
) -> Path:
    """Write the 附件7 main-task evaluation form as an Excel workbook.

    Sheets: the form (附件7 layout, notes below), the summary of returns (tasks per conclusion,
    tasks not returned by lead department with what to supply), the return form (序号 | 项目 |
    主要内容 | 牵头单位 | the five columns to fill in, with a drop-down for 评估结论; readable by
    :func:`~indicator_forecast.plan.read_tasks`), the task data; with ``by_department`` one form
    per lead department.

    Parameters
    ----------
    tasks : TaskList
        The tasks, with whatever departments returned.
    path : str or Path
        The ``.xlsx`` file to write.
    lang : {"zh", "en"}
        Language of the fixed texts.
    overwrite : bool
        Replace ``path`` if it exists; otherwise
        :class:`~indicator_forecast.exceptions.OutputExistsError` is raised and nothing is written.
    plan_name : str, optional
        The plan's name in the title ("普陀区“十四五”规划纲要" gives
        "普陀区“十四五”规划纲要主要任务评估表"); default ``tasks.name``. The plan period of the
        notes is read from it.
    by_department : bool
        Add one form sheet per lead department.
    reason_columns : bool, optional
        Force the 原因说明 and 调整意见 columns on (True) or off (False); by default they are
        shown when any task carries a reason or an adjustment.
    years : tuple of int, optional
        The plan's base and target years: the notes' plan period when the name does not say it.

    Returns
    -------
    Path
        The path written.
    """
    from openpyxl import Workbook

    lab = labels(lang)["tasks"]
    name = _plan_name(tasks, plan_name)
    wb = Workbook()
    ws = _active_sheet(wb)
    ws.title = lab["sheet_form"]
    _sheet_form(ws, tasks, lang, lab["title"].format(plan_name=name), name, reason_columns,
                years)
    _sheet_summary(wb.create_sheet(lab["sheet_summary"]), tasks, lang)
    _sheet_return(wb.create_sheet(lab["sheet_return"]), tasks, lang)
    _sheet_data(wb.create_sheet(lab["sheet_data"]), tasks.to_frame())
    if by_department:
        used = {s.title for s in wb.worksheets}
        for dept, mine in tasks.by_department().items():
            title = _sheet_name(dept, used)
            used.add(title)
            _sheet_form(wb.create_sheet(title), mine, lang,
                        lab["dept_title"].format(dept=dept, plan_name=name), name,
                        reason_columns, years)  # fmt: skip
    return atomic_write(Path(path), lambda p: wb.save(p), overwrite=overwrite)


def _sheet_name(dept: str, used: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = _SHEET_BAD.sub("_", dept)[:31] or "_"
    name, k = base, 2
    while name in used:
        suffix = f"_{k}"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    return name


def _sheet_form(ws: Worksheet, tasks: TaskList, lang: str, title: str, plan_name: str,
                reason_columns: bool | None,
                years: tuple[int, int] | None) -> None:  # fmt: skip
    render_sheet(ws, task_form_table(tasks, lang, title=title, plan_name=plan_name,
                                     reason_columns=reason_columns, years=years))  # fmt: skip


def _sheet_summary(ws: Worksheet, tasks: TaskList, lang: str) -> None:
    lab = labels(lang)["tasks"]
    st = _styles()
    _title(ws, lab["summary_title"], 4)
    _header(ws, 2, lab["counts_cols"])
    r = 3
    for row in _count_rows(tasks, lang):
        _put(ws, r, 1, row[0], numeric=False)
        _put(ws, r, 2, row[1], center=True)
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=lab["missing_title"]).font = st["header"]
    r += 1
    for j, h in enumerate(lab["missing_cols"], start=1):
        cell = ws.cell(row=r, column=j, value=h)
        cell.font, cell.fill, cell.border, cell.alignment = (
            st["header"],
            st["fill"],
            st["border"],
            st["center"],
        )
    r += 1
    missing = _missing_rows(tasks, lang)
    for row in missing:
        for j, v in enumerate(row, start=1):
            _put(ws, r, j, v, center=j == 2, numeric=False)
        r += 1
    if not missing:
        _put(ws, r, 1, lab["missing_none"], numeric=False)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    _widths(ws, [26, 10, 60, 50])


def _sheet_return(ws: Worksheet, tasks: TaskList, lang: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    lab = labels(lang)["tasks"]
    headers = lab["form_cols"]
    _title(ws, lab["form_title"], len(headers))
    _header(ws, 2, headers)
    r = 3
    current: str | None = None
    sections = dict(tasks.sections)
    for t in tasks:
        if t.section_number != current:
            current = t.section_number
            if current:
                _put(ws, r, 1, current, center=True, numeric=False)
                _put(ws, r, 2, sections.get(current, t.section), numeric=False)
                for j in range(3, len(headers) + 1):
                    _put(ws, r, j, None)
                r += 1
        values = [int(t.number), t.group, t.text, "、".join(t.departments), t.progress,
                  t.conclusion, t.projected, t.reason, t.adjustment]  # fmt: skip
        for j, v in enumerate(values, start=1):
            _put(ws, r, j, v, center=j in (1, 6), numeric=False)
        r += 1
    dv = DataValidation(type="list", formula1='"A,B,C,D"', allow_blank=True)
    dv.add(f"F3:F{max(r - 1, 3)}")
    ws.add_data_validation(dv)
    _notes(ws, r + 1, [lab["form_note"]], len(headers))
    _widths(ws, [8, 24, 60, 22, 36, 10, 20, 30, 30])
    print_one_page_wide(ws, title_row=2)


def _sheet_data(ws: Worksheet, frame: pd.DataFrame) -> None:
    ws.append(list(frame.columns))
    for rec in frame.itertuples(index=False):
        ws.append([None if c.is_blank(v) else v for v in rec])
    ws.freeze_panes = "A2"


# ----------------------------------------------------------------------------- Word


def write_tasks_docx(
    tasks: TaskList,
    path: str | Path,
    *,
    lang: str = "zh",
    overwrite: bool = False,
    by_department: bool = False,
    plan_name: str | None = None,
    reason_columns: bool | None = None,
    years: tuple[int, int] | None = None,
    summary: bool = True,
    fonts: ReportFonts | None = None,
    annex_label: str | None = "附件7",
) -> Path:
    """Write the 附件7 main-task evaluation form as a Word document (A4 landscape).

    Parameters
    ----------
    tasks : TaskList
        The tasks, with whatever departments returned.
    path : str or Path
        The ``.docx`` file to write.
    lang : {"zh", "en"}
        Language of the fixed texts.
    overwrite : bool
        Replace an existing file; otherwise ``OutputExistsError`` is raised.
    by_department : bool
        After the form for all tasks, one form per lead department, each on a new page.
    plan_name : str, optional
        The plan's name in the titles; default ``tasks.name`` (see :func:`write_tasks_workbook`).
    reason_columns : bool, optional
        Force the 原因说明 / 调整意见 columns on or off; by default shown when any task has them.
    years : tuple of int, optional
        The plan's base and target years: the notes' plan period when the name does not say it.
    summary : bool
        End with the summary of returns (tasks per conclusion; tasks not returned, by lead
        department, with what to supply).
    fonts : ReportFonts, optional
        Font faces (default 黑体 titles, 仿宋 text).
    annex_label : str or None
        Printed above the title in Chinese output ("附件7"); None prints none.

    Returns
    -------
    Path
        The path written.
    """
    from docx import Document as new_document  # noqa: N813  (docx.Document is a factory function)
    from docx.enum.section import WD_SECTION

    lab = labels(lang)["tasks"]
    name = _plan_name(tasks, plan_name)
    fonts = fonts or ReportFonts()
    doc = new_document()
    setup_document(doc, fonts, landscape=True)
    if annex_label and lang == "zh":
        _annex_label(doc, annex_label, fonts)
    render_table(doc, task_form_table(tasks, lang, title=lab["title"].format(plan_name=name),
                                      plan_name=name, reason_columns=reason_columns,
                                      years=years), fonts)
    if by_department:
        for dept, mine in tasks.by_department().items():
            doc.add_section(WD_SECTION.NEW_PAGE)
            title = lab["dept_title"].format(dept=dept, plan_name=name)
            render_table(doc, task_form_table(mine, lang, title=title, plan_name=name,
                                              reason_columns=reason_columns, years=years),
                         fonts)
    if summary:
        doc.add_section(WD_SECTION.NEW_PAGE)
        _docx_summary(doc, tasks, lang, fonts)
    return atomic_write(Path(path), lambda p: doc.save(str(p)), overwrite=overwrite)


def _fix_widths(table: Any) -> None:
    """Column widths into the table grid and into every cell, a merged cell getting the sum of
    the columns it spans (Word reads the cells, LibreOffice the grid)."""
    apply_widths(table, table._if_widths)


def _note(doc: Document, text: str, fonts: ReportFonts, *, bold: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    p = doc.add_paragraph(style="Table Text")
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    add_run(p, text, fonts.body, latin=fonts.latin, bold=bold)


def _docx_summary(doc: Document, tasks: TaskList, lang: str, fonts: ReportFonts) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lab = labels(lang)["tasks"]
    _doc_title(doc, lab["summary_title"], fonts)
    table = _make_table(doc, lab["counts_cols"], [8.0, 3.0], fonts, 11.0)
    for label, n in _count_rows(tasks, lang):
        cells = table.add_row().cells
        set_cell_text(
            cells[0], str(label), fonts.body, latin=fonts.latin, align=WD_ALIGN_PARAGRAPH.LEFT
        )
        set_cell_text(
            cells[1], str(n), fonts.body, latin=fonts.latin, align=WD_ALIGN_PARAGRAPH.CENTER
        )
    _fix_widths(table)
    _note(doc, "", fonts)
    _note(doc, lab["missing_title"], fonts, bold=True)
    missing = _missing_rows(tasks, lang)
    if not missing:
        _note(doc, lab["missing_none"], fonts)
        return
    table = _make_table(
        doc, lab["missing_cols"], [4.5, 1.6, 10.0, 8.0], fonts, _usable_width_cm(doc)
    )
    for row in missing:
        cells = table.add_row().cells
        for j, v in enumerate(row):
            align = WD_ALIGN_PARAGRAPH.CENTER if j == 1 else WD_ALIGN_PARAGRAPH.LEFT
            set_cell_text(cells[j], str(v), fonts.body, latin=fonts.latin, align=align)
    _fix_widths(table)


__all__ = ["form_notes", "form_rows", "write_tasks_docx", "write_tasks_workbook"]
