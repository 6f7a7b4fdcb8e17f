"""One data-collection workbook per responsible department (数据征集表_<部门>.xlsx).

The form is built so that a department cannot break it by accident:

* the sheet is protected (no password: the commission can lift it); only the value cells
  (填报值), 数据来源, 统计口径, 备注 and the header block (填报人, 联系电话, 填报日期) are
  unlocked;
* 统计口径 is pre-filled with the basis of a figure already held; a department writes a basis
  only when its figure is on another statistical basis than the earlier years' (七普口径);
  left empty, the figure is taken on the basis in force (see
  :func:`~indicator_forecast.collect.merge.merge`);
* every value cell carries a decimal data validation with the allowed range and a Chinese
  message (a warning, so that "约12.5" can still be kept after the prompt);
* each row carries a hidden key — indicator id, period, what is asked — in hidden columns
  headed ``KEY:indicator``, ``KEY:period``, ``KEY:what``; reading back looks these headers up,
  so it depends neither on row order nor on the sheet's name or position;
* a very hidden sheet ``_征集表信息`` names the plan (title and a code computed from its
  indicators), the department and the evaluation date, so a form of another plan or
  department is refused when it comes back.

The form prints on landscape A4 and its guide (填报说明) on portrait A4, each scaled to the
page's width.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from indicator_forecast._xlsx import fit_row_heights, print_one_page_wide
from indicator_forecast.collect.asks import (
    Ask,
    departments,
    for_department,
    known_values,
    plan_asks,
    plan_fingerprint,
    role_of,
)
from indicator_forecast.data import Observations
from indicator_forecast.plan import Plan

FORM_VERSION = "indicator_forecast.collect/1"
FORM_SHEET = "数据征集表"
GUIDE_SHEET = "填报说明"
META_SHEET = "_征集表信息"
KEY_HEADERS = ("KEY:indicator", "KEY:period", "KEY:what")
VALUE_HEADER = "填报值"
SOURCE_HEADER = "数据来源"
BASIS_HEADER = "统计口径"
BASIS_MAX_LENGTH = 40
NOTE_HEADER = "备注"
HEADER_FIELDS = ("填报单位", "填报人", "联系电话", "填报日期")
PREFILLED = "已有（请核对）"
HEADER_ROW = 6
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
COLUMNS = (
    ("序号", 7),
    ("指标", 30),
    ("牵头/配合", 9),
    ("时期", 12),
    ("填报内容", 20),
    ("单位", 10),
    ("必填/选填", 9),
    (VALUE_HEADER, 14),
    (SOURCE_HEADER, 30),  # web addresses: fewer, shorter wrapped rows
    (BASIS_HEADER, 16),
    (NOTE_HEADER, 22),
    ("状态", 14),
    *((k, 12) for k in KEY_HEADERS),
)


def form_filename(department: str) -> str:
    """数据征集表_<部门>.xlsx, with characters a file name cannot hold replaced by _.

    Parameters
    ----------
    department : str
        The department's name as the plan writes it.

    Returns
    -------
    str
        The file name; each run of whitespace and ``\\ / : * ? " < > |`` becomes one ``_``.
    """
    safe = _UNSAFE.sub("_", department)
    return f"数据征集表_{safe}.xlsx"


def _style() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    return {
        "title": Font(name="黑体", size=14, bold=True),
        "bold": Font(bold=True),
        "wrap": Alignment(wrap_text=True, vertical="center"),
        "top": Alignment(wrap_text=True, vertical="top"),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "head": PatternFill("solid", fgColor="DDEBF7"),
        "input": PatternFill("solid", fgColor="FFF2CC"),
        "known": PatternFill("solid", fgColor="E2EFDA"),
        "optional": PatternFill("solid", fgColor="F2F2F2"),
    }


def _validation(ask: Ask) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    lo, hi = ask.minimum, ask.maximum
    op: Literal["between", "greaterThanOrEqual", "lessThanOrEqual"]
    f2: float | None
    if lo is not None and hi is not None:
        op, f1, f2 = "between", lo, hi
    elif lo is not None:
        op, f1, f2 = "greaterThanOrEqual", lo, None
    elif hi is not None:
        op, f1, f2 = "lessThanOrEqual", hi, None
    else:
        op, f1, f2 = "between", -1e15, 1e15
    dv = DataValidation(
        type="decimal",
        operator=op,
        formula1=f"{f1:g}",
        formula2=None if f2 is None else f"{f2:g}",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="warning",
        errorTitle="请填写数字",
        error=(
            f"请填写数字，单位为“{ask.unit}”，取值范围：{ask.bounds_text()}。"
            "估计值可写“约12.5”；暂无数据请留空或填“待定”并在备注说明。"
        )[:255],
        promptTitle="填报值",
        prompt=f"单位：{ask.unit}；范围：{ask.bounds_text()}"[:255],
    )
    return dv


def _basis_validation() -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(
        type="textLength",
        operator="lessThanOrEqual",
        formula1=str(BASIS_MAX_LENGTH),
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="warning",
        errorTitle="统计口径",
        error=f"统计口径请简要填写（不超过{BASIS_MAX_LENGTH}字），如“七普口径”，详情写在备注。",
        promptTitle="统计口径",
        prompt="口径未变请留空或保留预填内容；与以前年度口径不同时填写新口径，如“七普口径”。",
    )


def _write_meta(wb: Any, plan: Plan, department: str, as_of: dt.date, missing_only: bool) -> None:
    ws = wb.create_sheet(META_SHEET)
    rows = [
        ("format", FORM_VERSION),
        ("plan_name", plan.name),
        ("plan_code", plan_fingerprint(plan)),
        ("jurisdiction", plan.jurisdiction),
        ("department", department),
        ("as_of", as_of.isoformat()),
        ("missing_only", "1" if missing_only else "0"),
        ("generated", dt.date.today().isoformat()),
    ]
    for r in rows:
        ws.append(r)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def _write_guide(
    wb: Any, plan: Plan, department: str, asks: Sequence[Ask], as_of: dt.date,
    deadline: str | None, contact: str | None,
) -> None:
    st = _style()
    ws = wb.create_sheet(GUIDE_SHEET)
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90
    lead = sorted({a.indicator.label for a in asks if role_of(a, department) == "牵头"})
    assist = sorted({a.indicator.label for a in asks if role_of(a, department) == "配合"})
    lines = [
        ("表格", f"{plan.name} 数据征集表（{department}）"),
        ("评估时点", f"{as_of.isoformat()}（年度数据截至{as_of.year - 1}年，"
                    "五年累计类指标另填当年1月至评估时点的累计数）"),
        ("报送时间", deadline or "按征集通知要求的时间报送"),
        ("咨询", contact or "发出本表的综合部门（见征集通知）"),
        ("怎样填", "只在黄色的“填报值”列填写数字，单位已在“单位”列固定，请勿改动单位；"
                 "可同时填写“数据来源”（如统计年报、部门台账）和“备注”。"
                 "请在表头填写填报人、联系电话和填报日期。"),
        ("约、估计", "数字尚未最终核实时，可写“约12.5”或“估计12.5”：系统保留该数字并标注为估计值，"
                   "请在备注中说明依据和何时可提供核实数。"),
        ("暂无数据", "暂时无法提供的，请留空或填写“待定”，并在备注说明原因；系统不会猜测数值，"
                   "会列入催报清单。"),
        ("已有（请核对）", "绿色行已预填了已掌握的数据，请核对：无误则保留，有误请直接改为正确数字"
                       "并在备注说明。"),
        ("统计口径", "口径未变的请留空（已有数据的行预填了其口径，请保留）；本部门数据与以前年度的"
                   "统计口径不同时（如人口类指标自2020年起采用第七次全国人口普查口径），请在该数据"
                   "所在行填写新口径，如“七普口径”，并在备注说明口径调整情况。只在填有数值的行填写"
                   "统计口径。"),
        ("选填", f"灰色行为规划基期前的历史数据（{plan.base_year - 4}–{plan.base_year}年），"
               "用于趋势测算，能提供的请尽量提供。"),
        ("牵头、配合", "一个指标有多个责任部门时，第一个为牵头部门，其余为配合部门；"
                    "请各自填报掌握的数据，数据不一致时由综合部门协调核实。"),
        ("请勿", "请勿增删行列、修改指标名称或复制粘贴整行；表格已保护，隐藏列用于系统识别。"
               "可另存为 .xlsx（Excel、WPS 均可）。"),
        ("牵头指标", "；".join(lead) or "无"),
        ("配合指标", "；".join(assist) or "无"),
    ]
    ws.append(["填报说明", ""])
    ws["A1"].font = st["title"]
    for k, v in lines:
        ws.append([k, v])
        ws.cell(ws.max_row, 1).font = st["bold"]
        ws.cell(ws.max_row, 1).alignment = st["top"]
        ws.cell(ws.max_row, 2).alignment = st["top"]
    fit_row_heights(ws, 2)
    ws.protection.sheet = True
    print_one_page_wide(ws, orientation="portrait")


def _write_form_sheet(
    ws: Any, plan: Plan, department: str, asks: Sequence[Ask], as_of: dt.date,
    known: dict[tuple[str, str, str], tuple[float, str, str]],
) -> None:
    from openpyxl.styles import Protection
    from openpyxl.utils import get_column_letter

    st = _style()
    ncol = len(COLUMNS)
    last_visible = get_column_letter(ncol - len(KEY_HEADERS))
    ws.title = FORM_SHEET
    ws["A1"] = f"{plan.name} 数据征集表"
    ws["A1"].font = st["title"]
    ws.merge_cells(f"A1:{last_visible}1")
    ws["A2"] = (
        f"责任部门：{department}　评估时点：{as_of.isoformat()}　"
        f"本表编码：{plan_fingerprint(plan)}（系统识别用，请勿修改）"
    )
    ws.merge_cells(f"A2:{last_visible}2")
    for i, label in enumerate(HEADER_FIELDS):
        col = 1 + 3 * i
        ws.cell(4, col, label).font = st["bold"]
        cell = ws.cell(4, col + 1, department if label == "填报单位" else None)
        cell.protection = Protection(locked=False)
        cell.fill = st["input"]
        cell.border = st["border"]
        if label == "填报日期":
            cell.number_format = "yyyy-mm-dd"
    for j, (head, width) in enumerate(COLUMNS, start=1):
        c = ws.cell(HEADER_ROW, j, head)
        c.font, c.fill, c.alignment, c.border = st["bold"], st["head"], st["center"], st["border"]
        ws.column_dimensions[get_column_letter(j)].width = width
    for head in KEY_HEADERS:
        letter = get_column_letter([h for h, _ in COLUMNS].index(head) + 1)
        ws.column_dimensions[letter].hidden = True
    validations: dict[tuple[float | None, float | None, str], Any] = {}
    heads = [h for h, _ in COLUMNS]
    for n, ask in enumerate(asks, start=1):
        r = HEADER_ROW + n
        have = known.get(ask.key)
        values = [
            n,
            ask.indicator.label,
            role_of(ask, department),
            ask.period_label(),
            ask.label,
            ask.unit,
            "必填" if ask.required else "选填",
            have[0] if have else None,
            have[1] if have else None,
            (have[2] or None) if have else None,
            None,
            PREFILLED if have else "待填报",
            *ask.key,
        ]
        for j, v in enumerate(values, start=1):
            c = ws.cell(r, j, v)
            c.border = st["border"]
            c.alignment = st["wrap"]
            head = COLUMNS[j - 1][0]
            if head in (VALUE_HEADER, SOURCE_HEADER, BASIS_HEADER, NOTE_HEADER):
                c.protection = Protection(locked=False)
                c.fill = st["known"] if have else (st["input"] if ask.required else st["optional"])
        vc = ws.cell(r, heads.index(VALUE_HEADER) + 1)
        vc.number_format = "General"
        vkey = (ask.minimum, ask.maximum, ask.unit)
        if vkey not in validations:
            validations[vkey] = _validation(ask)
            ws.add_data_validation(validations[vkey])
        validations[vkey].add(vc)
    if asks:
        basis_col = get_column_letter(heads.index(BASIS_HEADER) + 1)
        basis_dv = _basis_validation()
        ws.add_data_validation(basis_dv)
        basis_dv.add(f"{basis_col}{HEADER_ROW + 1}:{basis_col}{HEADER_ROW + len(asks)}")
    fit_row_heights(ws, HEADER_ROW, HEADER_ROW + len(asks))
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 3)
    ws.protection.sheet = True
    ws.protection.formatColumns = True  # hidden key columns stay hidden
    ws.protection.insertRows = True
    ws.protection.deleteRows = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    print_one_page_wide(ws)


def write_form(
    path: Path, plan: Plan, department: str, asks: Sequence[Ask], as_of: dt.date,
    known: dict[tuple[str, str, str], tuple[float, str, str]], *, missing_only: bool = False,
    deadline: str | None = None, contact: str | None = None, overwrite: bool = False,
) -> Path:
    """Write one department's form to ``path`` (see the module docstring for its layout).

    Parameters
    ----------
    path : Path
        The workbook to write (.xlsx); missing folders are created.
    plan : Plan
        The plan, named in the title and in the hidden information sheet.
    department : str
        The department the form is for.
    asks : sequence of Ask
        The rows of the form, in order (usually :func:`for_department` of :func:`plan_asks`).
    as_of : datetime.date
        The evaluation date printed in the form and recorded for reading back.
    known : dict
        :attr:`Ask.key` → (value, source, basis) of the figures already held
        (:func:`known_values`); their rows are pre-filled (填报值, 数据来源, 统计口径) and marked
        已有（请核对）.
    missing_only : bool, default False
        Recorded in the hidden sheet: the form lists only what is still missing.
    deadline, contact : str, optional
        Printed in the 填报说明 sheet (报送时间, 咨询); None prints a general instruction.
    overwrite : bool, default False
        Replace an existing file (the earlier one is kept as a dated backup).

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    OutputExistsError
        ``path`` exists and ``overwrite`` is False.
    """
    from openpyxl import Workbook

    from indicator_forecast.report._io import atomic_write

    wb = Workbook()
    _write_form_sheet(wb.active, plan, department, asks, as_of, known)
    _write_guide(wb, plan, department, asks, as_of, deadline, contact)
    _write_meta(wb, plan, department, as_of, missing_only)
    return atomic_write(path, lambda tmp: wb.save(tmp), overwrite=overwrite)


def make_forms(
    plan: Plan,
    observations: Observations | None,
    as_of: Any,
    out: str | Path,
    missing_only: bool = False,
    *,
    deadline: str | None = None,
    contact: str | None = None,
    overwrite: bool = False,
) -> list[Path]:
    """Write one data-collection workbook per responsible department of ``plan``.

    Parameters
    ----------
    plan : Plan
        The plan; each indicator goes to each of its departments (the first named 牵头).
    observations : Observations or None
        Figures already held: their rows are pre-filled, with their statistical basis, and
        marked 已有（请核对）.
    as_of : date or str
        The evaluation date: years up to the last full year before it are asked, and the
        months to date for five-year totals.
    out : str or Path
        The folder for ``数据征集表_<部门>.xlsx``.
    missing_only : bool
        Only what is still missing (after a first round): figures already held are left out,
        and a department with nothing missing gets no form.
    deadline, contact : str, optional
        Printed in the 填报说明 sheet (报送时间, 咨询).
    overwrite : bool
        Replace forms already in ``out`` (an earlier one is kept as a dated backup).

    Returns
    -------
    list of Path
        The forms written, in the order the departments first appear in the plan.
    """
    from indicator_forecast._dates import parse_date

    date = parse_date(as_of)
    asks = plan_asks(plan, date)
    known = known_values(asks, None if observations is None else observations.for_plan(plan))
    written = []
    for dept in departments(plan):
        mine = for_department(asks, dept)
        if missing_only:
            mine = [a for a in mine if a.key not in known]
            if not mine:
                continue
        written.append(
            write_form(
                Path(out) / form_filename(dept), plan, dept, mine, date,
                {} if missing_only else known, missing_only=missing_only,
                deadline=deadline, contact=contact, overwrite=overwrite,
            )
        )
    return written
