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

from . import _common as c
from . import _final as fin
from ._io import atomic_write
from ._labels import grade_label, labels
from ._protocol import (
    ADJUSTMENT_COLUMNS,
    EVIDENCE_COLUMNS,
    INDICATOR_COLUMNS,
    MISSING_COLUMNS,
    EvaluationLike,
    check_columns,
)

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

_FONT = "宋体"
_HEADER_FILL = "D9E1F2"
_GRADE_FILL = {"A": "C6EFCE", "B": "DDEBF7", "C": "FFEB9C", "D": "FFC7CE",
               "insufficient_data": "EDEDED"}  # fmt: skip


def table_rows(ev: EvaluationLike, lang: str = "zh") -> list[dict[str, Any]]:
    """The rows of the 附件6 table as printed, in order (parents, then their parts).

    Each row has keys ``indicator_id``, ``is_part``, ``category``, ``indicator``, ``target``,
    ``midterm``, ``conclusion``, ``projected``, ``reason``, ``override``. Shared by the
    Excel and Word writers.
    """
    from ._narrative import indicator_facts, table_reason

    frame = ev.to_frame(lang=lang)
    check_columns(frame, INDICATOR_COLUMNS, "to_frame()")
    lab = labels(lang)
    facts = {}
    for f in indicator_facts(ev, lang):
        facts[f.indicator_id] = f
        facts.update({p.indicator_id: p for p in f.parts})
    rows = []
    for rec in frame.to_dict("records"):
        is_part = not c.is_blank(rec["parent_id"])
        fg = c.final_grade(rec)
        conclusion = grade_label(fg, lang) if c.has_override(rec) else c.text(
            rec["grade_label"], grade_label(fg, lang)
        )
        found = facts.get(str(rec["indicator_id"]))
        reason = table_reason(found, lang) if found is not None else ""
        if not reason and fg in ("C", "D", "insufficient_data"):
            reason = c.text(rec["reason"])
        override = ""
        if c.has_override(rec):
            override = lab["override_text"].format(
                grade=grade_label(rec["grade"], lang), final=grade_label(fg, lang),
                reason=c.text(rec["override_reason"]),
            )  # fmt: skip
        rows.append({
            "indicator_id": str(rec["indicator_id"]),
            "is_part": is_part,
            "category": c.text(rec["category"]),
            "indicator": c.indicator_label(
                str(rec["indicator_id"]), rec["name"], rec["unit"], lang
            ),
            "target": (c.part_label(rec["name"], rec["target_text"], lang) if is_part
                       else c.text(rec["target_text"])),
            "midterm": c.text(rec["midterm_text"], lab["no_data"]),
            "conclusion": conclusion,
            "grade": fg,
            "projected": _projected(rec, fg, lab),
            "projected_lines": _projected_lines(rec, fg, lab),
            "midterm_lines": _midterm_lines(rec, lab),
            "letter": fg if fg in ("A", "B", "C", "D") else lab["grade"].get(fg, fg),
            "reason": reason,
            "override": override,
        })  # fmt: skip
    return rows


def _projected(rec: dict[Any, Any], grade: str, lab: dict[str, Any]) -> str:
    """The 预计到规划期末完成数 cell: the projection, or why there is none (never a dash)."""
    if grade == "insufficient_data" and not c.has_override(rec):
        return str(lab["no_data"])
    value = c.text(rec["projected_text"])
    if not value or value in ("—", "-", "nan", "None"):
        return str(lab["no_projection"])
    return value


def _midterm_lines(rec: dict[Any, Any], lab: dict[str, Any]) -> str:
    """The 中期完成数 for a narrow column: the value by the unit's rule, the period below."""
    from indicator_forecast._format import fmt_unit

    v = c.as_float(rec.get("midterm_value"))
    if (v != v or rec.get("kind") in ("annual_rate", "parent_synced", "relative_to_indicator")
            or (rec.get("grade") == "insufficient_data" and not c.has_override(rec))):
        return c.text(rec["midterm_text"], lab["no_data"])
    period = c.text(rec.get("midterm_period"))
    shown = fmt_unit(v, c.text(rec.get("unit")))
    return str(lab["midterm_cell"].format(v=shown, period=period)) if period else shown


def _projected_lines(rec: dict[Any, Any], grade: str, lab: dict[str, Any]) -> str:
    """The projection for a narrow column: the value, and its interval on a second line."""
    from indicator_forecast._format import fmt_unit

    mean = c.as_float(rec.get("projected_end"))
    if mean != mean:
        return _projected(rec, grade, lab)
    unit = "个百分点" if rec.get("kind") in ("parent_synced", "relative_to_indicator") else c.text(
        rec.get("unit"))
    lo, hi = c.as_float(rec.get("projected_lo")), c.as_float(rec.get("projected_hi"))
    if lo != lo or hi != hi:
        return fmt_unit(mean, unit)
    return str(lab["projected_cell"].format(v=fmt_unit(mean, unit),
                                            lo=fmt_unit(lo, unit, coarse=True),
                                            hi=fmt_unit(hi, unit, coarse=True)))  # fmt: skip


def table_notes(ev: EvaluationLike, lang: str = "zh") -> list[str]:
    """The notes printed under the 附件6 table, with this evaluation's dates."""
    lab = labels(lang)
    period = c.plan_period(ev.plan_name, lang)
    notes = [
        n.format(year=c.annual_year(ev.as_of), month=c.fmt_month(ev.as_of, lang), period=period)
        for n in lab["table_notes"]
    ]
    frame = ev.to_frame(lang=lang)
    if "projected_end" in frame and frame["projected_end"].notna().any():
        level = next((int(o.level) for r in getattr(ev, "results", ())
                      if (o := getattr(r, "outlook", None)) is not None), 80)  # fmt: skip
        notes.append(lab["table_note_interval"].format(n=len(notes) + 1, level=level))
    return notes


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
        ws.row_dimensions[r].height = 30 if len(note) > 60 else 18


def _print_setup(ws: Worksheet, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    setup = ws.sheet_properties.pageSetUpPr
    if setup is None:  # openpyxl creates it with every sheet; typed optional
        raise RuntimeError(f"worksheet {ws.title!r} has no page setup properties")
    setup.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


# ----------------------------------------------------------------------------- the sheets


def _sheet_table(ws: Worksheet, ev: EvaluationLike, lang: str) -> None:
    from openpyxl.styles import PatternFill

    lab = labels(lang)
    ws.title = lab["sheet_table"]
    rows = table_rows(ev, lang)
    period = c.plan_period(ev.plan_name, lang)
    headers = [h.format(period=period) for h in lab["table_cols"]]
    show_reason = any(r["reason"] for r in rows)
    show_override = any(r["override"] for r in rows)
    if show_reason:
        headers.append(lab["col_reason"])
    if show_override:
        headers.append(lab["col_override"])
    ncols = len(headers)
    _title(ws, lab["table_title"].format(plan_name=ev.plan_name), ncols)
    ws.cell(row=2, column=1, value=lab["as_of_note"].format(as_of=c.fmt_date(ev.as_of, lang)))
    _header(ws, 3, headers)
    first = r = 4
    for row in rows:
        values = [row["category"], row["indicator"], row["target"], row["midterm"],
                  row["conclusion"], row["projected"]]  # fmt: skip
        if show_reason:
            values.append(row["reason"])
        if show_override:
            values.append(row["override"])
        for j, v in enumerate(values, start=1):
            cell = _put(ws, r, j, v, center=j in (1, 3, 5), numeric=j in (4, 6))
            if j == 5:
                cell.fill = PatternFill("solid", fgColor=_GRADE_FILL.get(row["grade"], "FFFFFF"))
        r += 1
    last = r - 1
    _merge_runs(ws, rows, first, key="category", col=1)
    _merge_parts(ws, rows, first)
    _widths(ws, [12, 34, 16, 14, 24, 16] + [48] * (ncols - 6))
    _notes(ws, last + 2, table_notes(ev, lang), ncols)
    _print_setup(ws, 3)


_FINAL_FILL = {"exceeded": "C6EFCE", "completed": "DDEBF7", "basic": "FFEB9C",
               "not_completed": "FFC7CE", "insufficient_data": "EDEDED"}


def _sheet_final(ws: Worksheet, ev: EvaluationLike, lang: str) -> None:
    """The 总结评估 table (指标 | 规划目标 | 基期值 | 期末完成值 | 完成情况 | 说明)."""
    from openpyxl.styles import PatternFill

    from .word import final_notes

    lab = labels(lang)["final"]
    ws.title = lab["sheet"]
    rows = fin.final_rows(ev, lang)
    period = c.plan_period(ev.plan_name, lang)
    headers = [h.format(period=period) for h in lab["cols"]]
    _title(ws, lab["table_title"].format(plan_name=ev.plan_name), len(headers))
    ws.cell(row=2, column=1,
            value=labels(lang)["as_of_note"].format(as_of=c.fmt_date(ev.as_of, lang)))
    _header(ws, 3, headers)
    first = r = 4
    for row in rows:
        for j, key in enumerate(fin.FINAL_KEYS, start=1):
            cell = _put(ws, r, j, row[key], center=key in ("category", "target", "status"),
                        numeric=key in ("baseline",))
            if key == "status":
                cell.fill = PatternFill("solid",
                                        fgColor=_FINAL_FILL.get(row["status_code"], "FFFFFF"))
        r += 1
    _merge_runs(ws, rows, first, key="category", col=1)
    _widths(ws, [12, 34, 14, 12, 18, 14, 70])
    _notes(ws, r + 1, final_notes(ev, lang), len(headers))
    _print_setup(ws, 3)


def _merge_runs(ws: Worksheet, rows: list[dict[str, Any]], first: int, key: str, col: int) -> None:
    """Merge consecutive equal values of ``key`` in column ``col`` (the 类别 column)."""
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i][key] != rows[start][key]:
            if i - start > 1:
                ws.merge_cells(start_row=first + start, start_column=col,
                               end_row=first + i - 1, end_column=col)  # fmt: skip
            start = i


def _merge_parts(ws: Worksheet, rows: list[dict[str, Any]], first: int) -> None:
    """Merge a composite indicator's 指标 cell over its parts' rows, as the seed prints it."""
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and rows[j]["is_part"]:
            j += 1
        if j - i > 1 and not rows[i]["is_part"]:
            ws.merge_cells(start_row=first + i, start_column=2, end_row=first + j - 1, end_column=2)
        i = j


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
    _print_setup(ws, 2)


#: Comparison measures shown as percentages (shares) and as plain ratios.
_PERCENT_MEASURES = frozenset(
    {"escap_current_status", "escap_time_elapsed", "unsd_projected_share"}
)
_RATIO_MEASURES = frozenset({"escap_anticipated", "eurostat_ratio"})


def evidence_item(item: str, lang: str) -> str:
    """An evidence item in the report's language (measure codes and Chinese items translated)."""
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
    """A unit of the evidence sheet in the report's language."""
    table = labels(lang)["evidence_units"]
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
    lab = labels(lang)
    frame = ev.adjustments_frame()
    check_columns(frame, ADJUSTMENT_COLUMNS, "adjustments_frame()")
    headers = lab["adjust_cols"]
    _title(ws, lab["adjust_title"].format(plan_name=ev.plan_name), len(headers))
    _header(ws, 2, headers)
    r = 3
    for rec in frame.to_dict("records"):
        values = [c.indicator_label(str(rec["indicator_id"]), rec["name"], "", lang),
                  rec["original_target"], c.words(rec["suggested_target"], lang),
                  c.words(rec["reason"], lang), c.words(rec["basis"], lang),
                  c.words(rec["attribute"], lang), c.words(rec["binding_note"], lang)]  # fmt: skip
        for j, v in enumerate(values, start=1):
            _put(ws, r, j, c.text(v), center=j in (2, 3, 6), numeric=False)
        r += 1
    if len(frame) == 0:
        _put(ws, r, 1, lab["adjust_none"])
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(headers))
        r += 1
    _widths(ws, [28, 14, 16, 40, 48, 10, 30])
    _notes(ws, r + 1, [lab["adjust_note"]], len(headers))
    _print_setup(ws, 2)


def _sheet_missing(ws: Worksheet, ev: EvaluationLike, lang: str) -> None:
    from openpyxl.styles import PatternFill

    lab = labels(lang)
    frame = ev.missing_frame()
    check_columns(frame, MISSING_COLUMNS, "missing_frame()")
    frame = frame.sort_values(["department", "indicator_id"], kind="stable")
    headers = lab["missing_cols"]
    _title(ws, lab["missing_title"], len(headers))
    _header(ws, 2, headers)
    fill_in = PatternFill("solid", fgColor="FFF2CC")
    r = 3
    for rec in frame.to_dict("records"):
        for j, key in enumerate(MISSING_COLUMNS, start=1):
            _put(ws, r, j, c.text(rec[key]), center=key in ("indicator_id", "unit"), numeric=False)
        for j in range(len(MISSING_COLUMNS) + 1, len(headers) + 1):
            cell = _put(ws, r, j, None)
            cell.fill = fill_in
            cell.number_format = "@" if j > len(MISSING_COLUMNS) + 1 else "General"
        r += 1
    if len(frame) == 0:
        _put(ws, r, 1, lab["missing_none"])
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(headers))
        r += 1
    else:
        ws.auto_filter.ref = f"A2:{ws.cell(row=r - 1, column=len(headers)).coordinate}"
    _widths(ws, [16, 10, 28, 10, 30, 16, 14, 24, 12])
    _notes(ws, r + 1, [lab["missing_note"]], len(headers))
    _print_setup(ws, 2)


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
