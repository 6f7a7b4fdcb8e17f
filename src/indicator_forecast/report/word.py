"""Word documents in the prescribed layout: the 附件6 tables and the 附件5 self-evaluation report.

Layout (附件5 格式要求): titles 黑体 二号 (22 pt); body 仿宋 三号 (16 pt); left/right
margins 2.8 cm, top/bottom 2.54 cm; body line spacing exactly 29 pt (within 28-30); unit and
date at the end before the annex; Arabic page numbers centred at the bottom. Part headings are
黑体 三号, second-level headings 楷体 三号, third-level 仿宋 三号 bold, as usual in official
documents. Places the analyst must write are marked 【待填写：…】 and highlighted.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _common as c
from . import _final as fin
from . import _narrative as narr
from . import _tables as tb
from ._docx import (
    ReportFonts,
    add_run,
    apply_widths,
    repeat_header,
    set_cell_lines,
    set_cell_text,
    setup_document,
)
from ._io import atomic_write
from ._labels import labels
from ._protocol import ADJUSTMENT_COLUMNS, EvaluationLike, check_columns
from ._tables import Table

if TYPE_CHECKING:
    from docx.document import Document

_ZH_NUM = "一二三四五六七八九十"
SMALL_PT = 10.5  # 五号, as the other tables


def _zh_num(i: int) -> str:
    """1 -> 一 ... 10 -> 十, 11 -> 十一 ... 99."""
    if i <= 10:
        return _ZH_NUM[i - 1]
    tens, ones = divmod(i, 10)
    return (_ZH_NUM[tens - 1] if tens > 1 else "") + "十" + (_ZH_NUM[ones - 1] if ones else "")


# ----------------------------------------------------------------------------- tables document


def write_tables_docx(
    ev: EvaluationLike,
    path: str | Path,
    *,
    overwrite: bool = False,
    lang: str = "zh",
    fonts: ReportFonts | None = None,
    annex_label: str | None = "附件6",
) -> Path:
    """Write the 附件6 indicator table and the adjustment proposal as Word tables (A4 landscape).

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation.
    path : str or Path
        The ``.docx`` file to write.
    overwrite : bool
        Replace an existing file; otherwise ``OutputExistsError`` is raised.
    lang : {"zh", "en"}
        Language of the fixed texts.
    fonts : ReportFonts, optional
        Font faces (default 黑体 titles, 仿宋 text).
    annex_label : str or None
        The label printed above the title (``"附件6"``); None prints none.

    Returns
    -------
    Path
        The file written.
    """
    from docx import Document as new_document  # noqa: N813  (docx.Document is a factory function)

    labels(lang)  # validate early
    fonts = fonts or ReportFonts()
    doc = new_document()
    setup_document(doc, fonts, landscape=True)
    if annex_label and lang == "zh":
        _annex_label(doc, annex_label, fonts)
    if fin.is_final(ev):
        render_table(doc, tb.final_table(ev, lang), fonts)
        return atomic_write(Path(path), lambda p: doc.save(str(p)), overwrite=overwrite)
    render_table(doc, tb.indicator_table(ev, lang), fonts)
    doc.add_paragraph(style="Table Text")
    render_table(doc, tb.adjustment_table(ev, lang), fonts)
    return atomic_write(Path(path), lambda p: doc.save(str(p)), overwrite=overwrite)


def _annex_label(doc: Document, text: str, fonts: ReportFonts) -> None:
    p = doc.add_paragraph(style="Heading 1")
    add_run(p, text, fonts.title, latin=fonts.latin)


def _title(doc: Document, text: str, fonts: ReportFonts) -> Any:
    p = doc.add_paragraph(style="Title")
    add_run(p, text, fonts.title, latin=fonts.latin)
    return p


def _make_table(doc: Document, headers: list[str], widths_cm: list[float], fonts: ReportFonts,
                usable_cm: float) -> Any:  # fmt: skip
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    scale = usable_cm / sum(widths_cm)
    widths = [Cm(w * scale) for w in widths_cm]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for j, h in enumerate(headers):
        cell = table.rows[0].cells[j]
        set_cell_text(cell, h, fonts.title, latin=fonts.latin, align=WD_ALIGN_PARAGRAPH.CENTER)
    repeat_header(table.rows[0])
    table._if_widths = widths
    return table


def _fix_widths(table: Any) -> None:
    apply_widths(table, table._if_widths)


def _usable_width_cm(doc: Document) -> float:
    s = doc.sections[-1]
    width, left, right = s.page_width, s.left_margin, s.right_margin
    if width is None or left is None or right is None:  # python-docx: None when the XML omits it
        raise ValueError("the document's last section has no page width or side margins")
    return float((width - left - right) / 360000)


def render_table(doc: Document, table: Table, fonts: ReportFonts) -> None:
    """Add ``table`` to ``doc``: its title (kept with the table), the table with the header
    row repeated on every page and the merges, then the notes.

    Parameters
    ----------
    doc : docx.document.Document
        The document to add to.
    table : Table
        The table to draw (title, headers, rows, merges, notes).
    fonts : ReportFonts
        Font faces for the title and the cells.
    """
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    title = _title(doc, table.title, fonts)
    title.paragraph_format.keep_with_next = True
    out = _make_table(doc, table.headers, [col.width_cm for col in table.columns], fonts,
                      _usable_width_cm(doc))  # fmt: skip
    size = SMALL_PT if table.small else None
    for row in table.rows:
        cells = out.add_row().cells
        for j, (col, cell) in enumerate(zip(table.columns, row.cells, strict=True)):
            center = col.center or col.numeric
            align = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
            if row.kind == "heading":
                set_cell_text(cells[j], cell.word, fonts.title, latin=fonts.latin, align=align)
            elif row.kind == "empty":
                set_cell_text(cells[j], cell.word, fonts.body, latin=fonts.latin)
            elif size is not None:
                set_cell_text(cells[j], cell.word, fonts.body, latin=fonts.latin, align=align,
                              size=size)  # fmt: skip
            else:
                set_cell_lines(cells[j], cell.word, fonts.body, latin=fonts.latin, align=align)
                cells[j].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for r0, c0, r1, c1 in table.merges:
        out.cell(r0 + 1, c0).merge(out.cell(r1 + 1, c1))
    _fix_widths(out)
    for note in table.notes:
        p = doc.add_paragraph(style="Table Text")
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        add_run(p, note, fonts.body, latin=fonts.latin)


# ----------------------------------------------------------------------------- the report


def write_report_docx(
    ev: EvaluationLike,
    path: str | Path,
    *,
    unit_name: str | None = None,
    date: _dt.date | str | None = None,
    signer: str | None = None,
    overwrite: bool = False,
    lang: str = "zh",
    fonts: ReportFonts | None = None,
) -> Path:
    """Write the 附件5 self-evaluation report (自评报告) in the prescribed layout.

    Part 1 (main indicators) is written in full from the evaluation, in the sentences of an
    evaluation report (see ``_narrative.py``): an opening summary (counts by conclusion over the
    graded indicators, how many still lack data, the C and D indicators and the binding ones
    behind schedule named), then per category one short paragraph per indicator chosen by its
    kind and conclusion, with any analyst override. Parts 2-4 carry the seed's headings, what
    the data supports (lagging indicators, data gaps, adjustment proposals with reason and
    basis) and highlighted 【待填写：…】 places.

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation.
    path : str or Path
        The ``.docx`` file to write.
    unit_name : str, optional
        The reporting unit (单位) for the title and the signature; default ``ev.jurisdiction``.
    date : datetime.date or str, optional
        The date under the unit; default the evaluation date (``ev.as_of``), never the machine's
        clock. A string is printed as given.
    signer : str, optional
        Who signs the report, printed between the unit and the date (nothing when not given).
    overwrite : bool
        Replace an existing file; otherwise ``OutputExistsError`` is raised.
    lang : {"zh", "en"}
        Language of the fixed texts.
    fonts : ReportFonts, optional
        Font faces (default 黑体 titles, 仿宋 body, 楷体 second-level headings).

    Returns
    -------
    Path
        The file written.
    """
    from docx import Document as new_document  # noqa: N813  (docx.Document is a factory function)
    from docx.enum.text import WD_BREAK

    lab = labels(lang)
    fonts = fonts or ReportFonts()
    unit = unit_name or ev.jurisdiction
    period = c.plan_period_of(ev, lang)
    when = date if isinstance(date, str) else c.fmt_date(date or ev.as_of, lang)
    doc = new_document()
    setup_document(doc, fonts)
    w = _Writer(doc, fonts)

    frame = ev.to_frame(lang=lang)
    years = {"since": ev.base_year + 1, "until": ev.target_year}
    final = fin.is_final(ev)
    fills = lab["final"] if final else lab
    if final:
        fl = lab["final"]
        w.title(fl["report_title"].format(unit=unit, period=period))
        w.title(fl["report_subtitle"])
        w.blank()
        _final_part1(w, ev, frame, lang, period)
        _part2(w, lab, period, fills["p2_projects_fill"].format(**years))
        _final_part3(w, ev, frame, lang)
        w.h1(fl["part4"])
        w.fill(fl["p4_fill"])
    else:
        w.title(lab["report_title"].format(unit=unit, period=period))
        w.title(lab["report_subtitle"])
        w.blank()
        _part1(w, ev, frame, lang, period)
        _part2(w, lab, period, fills["p2_projects_fill"].format(**years))
        _part3(w, ev, frame, lang, period)
        _part4(w, ev, frame, lang, period)

    w.blank()
    w.signature(unit)
    if signer:
        w.signature(lab["narr"]["signer"].format(signer=signer))
    w.signature(when)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    w.h1(lab["annex_label"])
    w.title(lab["annex_title"])
    w.fill(fills["annex_fill"].format(**years))
    return atomic_write(Path(path), lambda p: doc.save(str(p)), overwrite=overwrite)


class _Writer:
    """Adds styled paragraphs with explicit run fonts."""

    def __init__(self, doc: Document, fonts: ReportFonts) -> None:
        self.doc, self.fonts = doc, fonts

    def _p(self, style: str, text: str, face: str, **kw: Any) -> Any:
        p = self.doc.add_paragraph(style=style)
        if text:
            add_run(p, text, face, latin=self.fonts.latin, **kw)
        return p

    def title(self, text: str) -> Any:
        return self._p("Title", text, self.fonts.title)

    def h1(self, text: str) -> Any:
        return self._p("Heading 1", text, self.fonts.title)

    def h2(self, text: str) -> Any:
        return self._p("Heading 2", text, self.fonts.heading2)

    def h3(self, text: str) -> Any:
        return self._p("Heading 3", text, self.fonts.body, bold=True)

    def body(self, text: str, *, lead: str = "") -> Any:
        p = self.doc.add_paragraph(style="Normal")
        if lead:
            add_run(p, lead, self.fonts.body, latin=self.fonts.latin, bold=True)
        if text:
            add_run(p, text, self.fonts.body, latin=self.fonts.latin)
        return p

    def fill(self, text: str) -> Any:
        return self._p("Normal", text, self.fonts.body, placeholder=True)

    def blank(self) -> Any:
        return self.doc.add_paragraph(style="Normal")

    def signature(self, text: str) -> Any:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        p = self._p("Normal", text, self.fonts.body)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.first_line_indent = Pt(0)
        p.paragraph_format.right_indent = Pt(64)
        return p


def _full_name(frame: Any, rec: dict[str, Any], lang: str) -> str:
    """An indicator's name; a composite part's name with its parent's."""
    if c.is_blank(rec["parent_id"]):
        return str(rec["name"])
    parent = frame.loc[frame["indicator_id"].astype(str) == str(rec["parent_id"]), "name"]
    if len(parent) == 0:
        return str(rec["name"])
    return str(labels(lang)["part_name"].format(parent=parent.iloc[0], part=rec["name"]))


def _top_level(frame: Any) -> Any:
    return frame[frame["parent_id"].map(c.is_blank)]


def _part1(w: _Writer, ev: EvaluationLike, frame: Any, lang: str, period: str) -> None:
    lab = labels(lang)
    facts = narr.indicator_facts(ev, lang)
    w.h1(lab["part1"].format(period=period))
    w.h2(lab["p1_overall_h"])
    opening = narr.opening(facts, lang, plan_name=ev.plan_name, n_parts=len(frame) - len(facts),
                        as_of=ev.as_of, indicators_in_plan=ev.indicators_in_plan)
    sep = "" if lang == "zh" else " "
    w.body(sep.join(opening[:2]))
    if opening[2:]:
        w.body(sep.join(opening[2:]))

    w.h2(lab["p1_detail_h"])
    heading = _CategoryHeadings(w, lang)
    categories = {str(r["indicator_id"]): c.text(r["category"]) for r in frame.to_dict("records")}
    for f in facts:
        heading.before(categories.get(f.indicator_id, ""))
        w.body(narr.indicator_text(f, lang))
    w.body(lab["p1_annex_note"])


class _CategoryHeadings:
    """Writes "（一）经济发展" … each time the category changes, numbered in order."""

    def __init__(self, w: _Writer, lang: str) -> None:
        self.w, self.lang, self.no = w, lang, 0
        self.last: str | None = None

    def before(self, category: str) -> None:
        if category == self.last:
            return
        self.no += 1
        self.last = category
        no = _zh_num(self.no) if self.lang == "zh" else self.no
        self.w.h3(labels(self.lang)["p1_category_h"].format(no=no, category=category))


def _final_part1(w: _Writer, ev: EvaluationLike, frame: Any, lang: str, period: str) -> None:
    """Part one of a final evaluation: the counts by status, then one paragraph per indicator."""
    lab = labels(lang)
    fl = lab["final"]
    w.h1(fl["part1"].format(period=period))
    w.h2(lab["p1_overall_h"])
    sep = "" if lang == "zh" else " "
    w.body(sep.join(fin.final_opening(ev, lang)))
    w.h2(lab["p1_detail_h"])
    heading = _CategoryHeadings(w, lang)
    for rec in frame.to_dict("records"):
        heading.before(c.text(rec["category"]))
        rec = {**rec, "name": _full_name(frame, rec, lang)}
        w.body(fin.final_indicator_text(rec, lang))
    w.body(fl["annex_note"])


def _final_part3(w: _Writer, ev: EvaluationLike, frame: Any, lang: str) -> None:
    """Part three of a final evaluation: what was not, or only basically, completed; data gaps."""
    lab = labels(lang)
    fl = lab["final"]
    sep = lab["enum_sep"]
    w.h1(fl["part3"])
    top = _top_level(frame).to_dict("records")
    judged = [r for r in top if c.text(r.get("final_status")) not in ("", "insufficient_data")]
    if not judged:
        w.body(fl["none_judged"])
    else:
        failed = [c.text(r["name"]) for r in judged if r.get("final_status") == "not_completed"]
        basic = [c.text(r["name"]) for r in judged if r.get("final_status") == "basic"]
        if failed:
            w.body(fl["p3_not_completed"].format(items=sep.join(failed)))
        if basic:
            w.body(fl["p3_basic"].format(items=sep.join(basic)))
        if not failed and not basic:
            w.body(fl["p3_all_completed"])
    _data_gaps(w, ev, lang)


def _data_gaps(w: _Writer, ev: EvaluationLike, lang: str) -> None:
    """The indicators whose data are incomplete, named, then the place for the problems."""
    lab = labels(lang)
    names = tb.missing_indicators(ev, lang)
    if names:
        w.body(lab["p3_missing"].format(n=len(names), items=lab["enum_sep"].join(names)))
    w.fill(lab["p3_problem_fill"])


def _part2(w: _Writer, lab: dict[str, Any], period: str, projects_fill: str) -> None:
    w.h1(lab["part2"].format(period=period))
    w.h2(lab["p2_tasks_h"])
    w.fill(lab["p2_tasks_fill"])
    w.h2(lab["p2_projects_h"])
    w.fill(projects_fill)


def _part3(w: _Writer, ev: EvaluationLike, frame: Any, lang: str, period: str) -> None:
    lab = labels(lang)
    sep = lab["enum_sep"]
    w.h1(lab["part3"].format(period=period))
    w.h2(lab["p3_env_h"])
    w.fill(lab["p3_env_fill"])
    w.h2(lab["p3_problem_h"])
    lagging = [r for r in frame.to_dict("records") if c.final_grade(r) in ("C", "D")]
    graded = [r for r in _top_level(frame).to_dict("records")
              if c.final_grade(r) != "insufficient_data"]  # fmt: skip
    if not graded and c.no_plan_year_ended(ev):
        w.body(lab["narr"]["p3_none_ended"])
    elif not graded:
        w.body(lab["narr"]["p3_none_graded"])
    elif lagging:
        items = sep.join(lab["p3_lagging_item"].format(
            name=_full_name(frame, r, lang), grade=lab["grade_letter"][c.final_grade(r)])
            for r in lagging)  # fmt: skip
        w.body(lab["p3_lagging"].format(n=len(lagging), items=items))
    else:
        w.body(lab["p3_lagging_none"])
    _data_gaps(w, ev, lang)


def _part4(w: _Writer, ev: EvaluationLike, frame: Any, lang: str, period: str) -> None:
    lab = labels(lang)
    w.h1(lab["part4"].format(period=period))
    w.h2(lab["p4_idea_h"])
    w.fill(lab["p4_idea_fill"])
    w.h2(lab["p4_measures_h"])
    lagging = [_full_name(frame, r, lang) for r in frame.to_dict("records")
               if c.final_grade(r) in ("C", "D")]  # fmt: skip
    if lagging:
        w.body(lab["p4_measures_focus"].format(items=lab["enum_sep"].join(lagging)))
    w.fill(lab["p4_measures_fill"])
    w.h2(lab["p4_adjust_h"])
    adj = ev.adjustments_frame()
    check_columns(adj, ADJUSTMENT_COLUMNS, "adjustments_frame()")
    graded = [r for r in _top_level(frame).to_dict("records")
              if c.final_grade(r) != "insufficient_data"]  # fmt: skip
    if len(adj) == 0 and not graded and c.no_plan_year_ended(ev):
        w.body(lab["narr"]["p4_adjust_none_ended"])
    elif len(adj) == 0 and not graded:
        w.body(lab["narr"]["p4_adjust_none_graded"])
    elif len(adj) == 0:
        w.body(lab["narr"]["p4_adjust_none_some"].format(g=len(graded)))
    for i, rec in enumerate(adj.to_dict("records"), start=1):
        orig, new = c.text(rec["original_target"]), c.text(rec["suggested_target"])
        keep = new in (orig, f"维持{orig}", f"keep {orig}")
        w.body(lab["p4_adjust_keep" if keep else "p4_adjust_item"].format(
            no=_zh_num(i) if lang == "zh" else i, name=rec["name"], orig=orig,
            new=new))  # fmt: skip
        w.body(lab["p4_adjust_reason"].format(reason=c.words(rec["reason"], lang)))
        w.body(lab["p4_adjust_basis"].format(basis=c.words(rec["basis"], lang)))
        if not c.is_blank(rec["binding_note"]):
            w.body(lab["p4_adjust_binding"].format(note=c.words(rec["binding_note"], lang)))
    w.fill(lab["p4_adjust_fill"])
