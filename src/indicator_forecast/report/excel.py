"""The evaluation as an Excel workbook in the layout of 附件6, with its evidence.

Sheets: 附件6 指标评估表 (the prescribed table, composite parts as sub-rows, notes below),
证据 (the figures behind each conclusion), 指标调整方案 (suggested adjustments with reason and
basis), 数据缺口 (missing data by department, doubling as the data-collection form),
评估参数 (the settings the evaluation was judged with) and 明细数据 (every column, for
analysts).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indicator_forecast._xlsx import fit_row_heights, print_one_page_wide

from . import _common as c
from . import _final as fin
from . import _tables as tb
from ._io import atomic_write
from ._labels import labels
from ._protocol import EVIDENCE_COLUMNS, EvaluationLike, check_columns
from ._tables import Table

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_FONT = "宋体"
_HEADER_FILL = "D9E1F2"
_FILL = {"A": "C6EFCE", "B": "DDEBF7", "C": "FFEB9C", "D": "FFC7CE",
         "exceeded": "C6EFCE", "completed": "DDEBF7", "basic": "FFEB9C",
         "not_completed": "FFC7CE", "insufficient_data": "EDEDED"}  # fmt: skip
"""Cell colours by grade (A-D) and final status."""
_SECTION_FILL = "F2F2F2"
_ENTRY_FILL = "FFF2CC"


def write_workbook(
    ev: EvaluationLike, path: str | Path, *, overwrite: bool = False, lang: str = "zh"
) -> Path:
    """Write the evaluation workbook (附件6 table, evidence, adjustments, data gaps).

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation (see ``report/_protocol.py`` for the members read).
    path : str or Path
        The ``.xlsx`` file to write.
    overwrite : bool
        Replace ``path`` if it exists; otherwise :class:`~indicator_forecast.exceptions.
        OutputExistsError` is raised and nothing is written.
    lang : {"zh", "en"}
        Language of the fixed texts (headers, notes, labels).

    Returns
    -------
    Path
        The path written.
    """
    from openpyxl import Workbook

    labels(lang)  # validate early
    wb = Workbook()
    final = fin.is_final(ev)
    if final:
        _sheet_final(_active_sheet(wb), ev, lang)
    else:
        _sheet_table(_active_sheet(wb), ev, lang)
    _sheet_evidence(wb.create_sheet(labels(lang)["sheet_evidence"]), ev, lang)
    if not final:
        _sheet_adjust(wb.create_sheet(labels(lang)["sheet_adjust"]), ev, lang)
    _sheet_missing(wb.create_sheet(labels(lang)["sheet_missing"]), ev, lang)
    _sheet_config(wb.create_sheet(labels(lang)["sheet_config"]), ev, lang)
    _sheet_data(wb.create_sheet(labels(lang)["sheet_data"]), ev.to_frame(lang=lang))
    return atomic_write(Path(path), lambda p: wb.save(p), overwrite=overwrite)


# ----------------------------------------------------------------------------- styling helpers


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="000000")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "title": Font(name=_FONT, size=16, bold=True),
        "header": Font(name=_FONT, size=11, bold=True),
        "body": Font(name=_FONT, size=11),
        "note": Font(name=_FONT, size=10),
        "fill": PatternFill("solid", fgColor=_HEADER_FILL),
        "wrap": Alignment(wrap_text=True, vertical="center"),
        "center": Alignment(wrap_text=True, vertical="center", horizontal="center"),
        "left_top": Alignment(wrap_text=True, vertical="top"),
    }


def _title(ws: Worksheet, text: str, ncols: int) -> None:
    st = _styles()
    ws.cell(row=1, column=1, value=text).font = st["title"]
    ws.cell(row=1, column=1).alignment = st["center"]
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.row_dimensions[1].height = 30


def _active_sheet(wb: Workbook) -> Worksheet:
    """The sheet a new workbook opens with (typed optional: a loaded workbook may have none)."""
    from openpyxl.worksheet.worksheet import Worksheet

    ws = wb.active
    if not isinstance(ws, Worksheet):
        raise RuntimeError(f"expected the new workbook's first sheet to be a worksheet; got {ws!r}")
    return ws


def _header(ws: Worksheet, row: int, headers: list[str]) -> None:
    st = _styles()
    for j, h in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=j, value=h)
        cell.font, cell.fill, cell.border, cell.alignment = (
            st["header"], st["fill"], st["border"], st["center"]
        )
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate


def _put(
    ws: Worksheet, row: int, col: int, value: Any, *, center: bool = False, numeric: bool = True
) -> Any:
    """Write one body cell; with ``numeric``, text that is a plain number becomes a number
    formatted to print exactly as the text did."""
    st = _styles()
    fmt = None
    if isinstance(value, str) and numeric:
        number, fmt = c.number_cell(value)
        if number is not None:
            value = number
    elif isinstance(value, float) and value != value:
        value = None
    cell = ws.cell(row=row, column=col, value=value)
    cell.font, cell.border = st["body"], st["border"]
    cell.alignment = st["center"] if center or fmt else st["wrap"]
    if fmt:
        cell.number_format = fmt
    return cell


def _widths(ws: Worksheet, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w


def _notes(ws: Worksheet, row: int, notes: list[str], ncols: int) -> None:
    st = _styles()
    for i, note in enumerate(notes):
        r = row + i
        ws.cell(row=r, column=1, value=note).font = st["note"]
        ws.cell(row=r, column=1).alignment = st["left_top"]
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)


# ----------------------------------------------------------------------------- the sheets


def render_sheet(ws: Worksheet, table: Table) -> None:
    """Draw ``table`` on ``ws``: title (and subtitle) above, the header row repeated on every
    printed page, the merges, the cells coloured by their grade or status, the notes below.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The worksheet to draw on, from the first row.
    table : Table
        The table to draw (title, subtitle, headers, rows, merges, notes).
    """
    from openpyxl.styles import Font, PatternFill

    st = _styles()
    ncols = len(table.columns)
    _title(ws, table.title, ncols)
    header_row = 2
    if table.subtitle:
        ws.cell(row=2, column=1, value=table.subtitle)
        header_row = 3
    _header(ws, header_row, table.headers)
    first = header_row + 1
    for i, row in enumerate(table.rows):
        r = first + i
        if row.kind == "empty":
            _put(ws, r, 1, row.cells[0].text)
            continue
        for j, (col, cell) in enumerate(zip(table.columns, row.cells, strict=True), start=1):
            if row.kind == "heading":
                out = _put(ws, r, j, cell.text or None, center=col.center, numeric=False)
                out.font = Font(name=st["header"].name, size=11, bold=True)
                out.fill = PatternFill("solid", fgColor=_SECTION_FILL)
            elif col.entry:
                out = _put(ws, r, j, None)
                out.fill = PatternFill("solid", fgColor=_ENTRY_FILL)
                out.number_format = "@" if col.text_entry else "General"
            else:
                out = _put(ws, r, j, cell.text or None, center=col.center, numeric=col.numeric)
            if cell.fill:
                out.fill = PatternFill("solid", fgColor=_FILL.get(cell.fill, "FFFFFF"))
    for r0, c0, r1, c1 in table.merges:
        ws.merge_cells(start_row=first + r0, start_column=c0 + 1, end_row=first + r1,
                       end_column=c1 + 1)  # fmt: skip
    last = first + len(table.rows) - 1
    if table.filter:
        ws.auto_filter.ref = f"A{header_row}:{ws.cell(row=last, column=ncols).coordinate}"
    _widths(ws, [col.width for col in table.columns])
    _notes(ws, last + 2, list(table.notes), ncols)
    fit_row_heights(ws, header_row)
    print_one_page_wide(ws, title_row=header_row)


def _sheet_table(ws: Worksheet, ev: EvaluationLike, lang: str) -> None:
    ws.title = labels(lang)["sheet_table"]
    render_sheet(ws, tb.indicator_table(ev, lang))


def _sheet_final(ws: Worksheet, ev: EvaluationLike, lang: str) -> None:
    """The 总结评估 table (指标 | 规划目标 | 基期值 | 期末完成值 | 完成情况 | 说明)."""
    ws.title = labels(lang)["final"]["sheet"]
    render_sheet(ws, tb.final_table(ev, lang))


def _sheet_evidence(ws: Worksheet, ev: EvaluationLike, lang: str) -> None:
    """Every figure behind each conclusion, in words: items and codes in the report's language,
    numbers as numbers formatted by the unit's rule (ratios as percentages), and each source
    with its publisher and whether it is an original or a repost to replace (转载/待核)."""
    from openpyxl.styles import PatternFill

    lab = labels(lang)
    frame = ev.evidence_frame()
    check_columns(frame, EVIDENCE_COLUMNS, "evidence_frame()")
    headers = [*lab["evidence_cols"], lab["evidence_check_col"]]
    _title(ws, lab["evidence_title"], len(headers))
    _header(ws, 2, headers)
    notes = _observation_notes(ev)
    flag = PatternFill("solid", fgColor="FFF2CC")
    units = {str(r["indicator_id"]): c.text(r["unit"]) for r in ev.to_frame(lang=lang)
             .to_dict("records")}  # fmt: skip
    for i, rec in enumerate(frame.to_dict("records"), start=3):
        item = str(rec["item"])
        source, check = _source_text(rec, notes, lang)
        values = [rec["indicator_id"], rec["name"], evidence_item(item, lang),
                  None, evidence_unit(c.text(rec["unit"]), lang), source, check]  # fmt: skip
        for j, v in enumerate(values, start=1):
            if j == 4:
                continue
            _put(ws, i, j, v, center=j in (1, 5, 7), numeric=j == 1)
        _evidence_value(ws, i, 4, rec, units.get(str(rec["indicator_id"]), ""), lang)
        if check == lab["source_kind"]["repost"]:
            ws.cell(row=i, column=7).fill = flag
    _widths(ws, [10, 28, 26, 22, 10, 60, 12])
    ws.auto_filter.ref = f"A2:G{max(2, len(frame) + 2)}"
    _notes(ws, len(frame) + 4, [lab["evidence_note"]], len(headers))
    fit_row_heights(ws, 2)
    print_one_page_wide(ws, title_row=2)


#: Comparison measures shown as percentages (shares) and as plain ratios.
_PERCENT_MEASURES = frozenset(
    {"escap_current_status", "escap_time_elapsed", "unsd_projected_share"}
)
_RATIO_MEASURES = frozenset({"escap_anticipated", "eurostat_ratio"})


def evidence_item(item: str, lang: str) -> str:
    """An evidence item in the report's language (measure codes and Chinese items translated).

    Parameters
    ----------
    item : str
        The item as the evaluation records it (a measure code or a Chinese label).
    lang : {"zh", "en"}
        Language of the report.

    Returns
    -------
    str
        The item's label in that language, or the item as given when none is known.
    """
    import re

    table = labels(lang)["evidence_items"]
    if item in table:
        return str(table[item])
    if lang == "en":
        for pattern, template in labels("en")["evidence_patterns"]:
            m = re.fullmatch(pattern, item)
            if m:
                return str(template.format(*m.groups()))
    return item


def evidence_unit(unit: str, lang: str) -> str:
    """A unit of the evidence sheet in the report's language.

    Parameters
    ----------
    unit : str
        The unit as the evaluation records it.
    lang : {"zh", "en"}
        Language of the report.

    Returns
    -------
    str
        The unit in that language, or the unit as given when none is known.
    """
    table = labels(lang)["evidence_units"]
    if lang != "zh" and unit.endswith("/年") and unit != "/年":
        # a yearly pace ("个百分点/年"): its unit in English, a year
        base = evidence_unit(unit.removesuffix("/年"), lang).strip()
        return f"{base} a year" if base else "a year"
    return str(table.get(unit, labels(lang)["narr"]["units"].get(unit, unit)))


def _evidence_value(ws: Worksheet, row: int, col: int, rec: dict[Any, Any], unit: str,
                    lang: str) -> None:  # fmt: skip
    """The value cell: a number with a number format (percent for ratios and probabilities),
    a code in words, or the text as given."""
    from indicator_forecast._format import excel_format

    value, kind_unit = rec["value"], c.text(rec["unit"])
    words = labels(lang)["evidence_values"]
    if isinstance(value, bool) or (isinstance(value, str) and value in words):
        _put(ws, row, col, words.get(str(value), str(value)), center=True, numeric=False)
        return
    if isinstance(value, str):
        _put(ws, row, col, _evidence_text(value, lang), center=True, numeric=False)
        return
    number = c.as_float(value)
    if number != number:
        _put(ws, row, col, None)
        return
    cell = _put(ws, row, col, number, center=True)
    code = str(rec["item"])
    if kind_unit in ("比例", "概率") or code in _PERCENT_MEASURES:
        cell.number_format = "0%"
    elif code in _RATIO_MEASURES:
        cell.number_format = "0.00"
    else:
        cell.number_format = excel_format(number, kind_unit or unit)


def _evidence_text(text: str, lang: str) -> str:
    """Rule texts in words ("P(meet)=0.96 ≥ 0.6" → "达标概率0.96 ≥ 0.6")."""
    for a, b in labels(lang)["evidence_rule_words"]:
        text = text.replace(a, b)
    return text


def _observation_notes(ev: EvaluationLike) -> dict[tuple[str, int], tuple[str, str]]:
    """(indicator id, year) -> (source, the words it was read from), where the evaluation
    carries its observations."""
    obs = getattr(ev, "observations", None)
    if obs is None or not hasattr(obs, "to_frame"):
        return {}
    out: dict[tuple[str, int], tuple[str, str]] = {}
    for r in obs.to_frame().to_dict("records"):
        note = c.text(r.get("note"))
        note = note.split("]", 1)[-1].strip() if note.startswith("[") else note
        out.setdefault((str(r["indicator_id"]), int(r["year"])), (c.text(r.get("source")), note))
    return out


def _source_text(rec: dict[Any, Any], notes: dict[tuple[str, int], tuple[str, str]],
                 lang: str) -> tuple[str, str]:  # fmt: skip
    """The source cell and its check mark: publisher, title (the words read) and URL for an
    observation; the method or table in words otherwise."""
    import re

    from ._sources import classify_source

    lab = labels(lang)
    raw = c.text(rec["source"])
    m = re.match(r"^(\d{4})年", str(rec["item"]))
    found = notes.get((str(rec["indicator_id"]), int(m.group(1)))) if m else None
    urls = [found[0]] if found and found[0] else [u for u in raw.split("；") if u.strip()]
    title = found[1] if found else ""
    shown, kinds = [], []
    for u in dict.fromkeys(urls):
        src = classify_source(u)
        if src.kind == "internal":
            words = _evidence_text(lab["evidence_sources"].get(u.strip(), u.strip()), lang)
            if words:
                shown.append(words)
            continue
        publisher = src.publisher_zh if lang == "zh" else src.publisher_en
        shown.append(lab["source_cell"].format(publisher=publisher, url=u))
        kinds.append(src.kind)
    text = lab["list_sep"].join(shown)
    if title:
        text = lab["source_title"].format(title=title, rest=text)
    kind = "repost" if "repost" in kinds else ("media" if "media" in kinds else (
        "official" if kinds else ""))  # fmt: skip
    return text, (lab["source_kind"][kind] if kind else "")


def _sheet_adjust(ws: Worksheet, ev: EvaluationLike, lang: str) -> None:
    render_sheet(ws, tb.adjustment_table(ev, lang))


def _sheet_missing(ws: Worksheet, ev: EvaluationLike, lang: str) -> None:
    render_sheet(ws, tb.missing_table(ev, lang))


def _sheet_config(ws: Worksheet, ev: EvaluationLike, lang: str) -> None:
    import json

    lab = labels(lang)
    _title(ws, lab["config_title"], 2)
    _header(ws, 2, lab["config_cols"])
    try:
        items = dict(ev.config.to_dict())
    except AttributeError:
        items = {}
    items = {"plan_name": ev.plan_name, "jurisdiction": ev.jurisdiction,
             "as_of": ev.as_of.isoformat(), **items}  # fmt: skip
    for i, (k, v) in enumerate(items.items(), start=3):
        shown = (
            v
            if isinstance(v, (int, float, str))
            else json.dumps(v, ensure_ascii=False, default=str)
        )
        _put(ws, i, 1, str(k), numeric=False)
        _put(ws, i, 2, shown, numeric=False)
    _widths(ws, [30, 70])
    fit_row_heights(ws, 2)


def _sheet_data(ws: Worksheet, frame: pd.DataFrame) -> None:
    st = _styles()
    cols = list(frame.columns)
    _header(ws, 1, cols)
    for i, rec in enumerate(frame.to_dict("records"), start=2):
        for j, key in enumerate(cols, start=1):
            v = rec[key]
            if c.is_blank(v):
                v = None
            elif not isinstance(v, (int, float, str, bool)):
                v = str(v)
            ws.cell(row=i, column=j, value=v).font = st["body"]
    _widths(ws, [14] * len(cols))
