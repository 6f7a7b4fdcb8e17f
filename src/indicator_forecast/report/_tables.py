"""The document tables as models, built once and rendered by the Excel and the Word writers.

One builder per table printed to officials: :func:`indicator_table` (附件6 指标评估表),
:func:`final_table` (总结评估表), :func:`adjustment_table` (指标调整方案), :func:`missing_table`
(数据缺口, the data-request form) and :func:`task_form_table` (附件7 主要任务评估表). A
:class:`Table` holds every printed text, the column widths of both media, the merged cells and
the notes; ``excel.py``, ``word.py`` and ``tasks.py`` only draw it. Texts come from the label
table (``_labels.py``), the evaluation's frames and the narrative (``_narrative.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from . import _common as c
from . import _final as fin
from ._labels import grade_label, labels
from ._protocol import (
    ADJUSTMENT_COLUMNS,
    INDICATOR_COLUMNS,
    MISSING_COLUMNS,
    EvaluationLike,
    check_columns,
)

if TYPE_CHECKING:
    from indicator_forecast.plan.tasks import TaskList

RowKind = Literal["data", "heading", "empty"]


@dataclass(frozen=True)
class Column:
    """One column: its header, its widths and how its cells are aligned.

    Attributes
    ----------
    header : str
        The printed header.
    width : float
        Width in the workbook (Excel character units).
    width_cm : float
        Relative width in the Word table (cm, scaled to the usable page width).
    center : bool
        Cells centred (otherwise left-aligned and wrapped).
    numeric : bool
        A cell whose text is a plain number is written to Excel as that number, formatted to
        print as the text (and centred in both media).
    entry : bool
        A column for the reader to fill in (highlighted and empty in the workbook).
    text_entry : bool
        With ``entry``: Excel keeps what is typed as text (codes, dates with leading zeros).
    """

    header: str
    width: float
    width_cm: float = 0.0
    center: bool = False
    numeric: bool = False
    entry: bool = False
    text_entry: bool = False


@dataclass(frozen=True)
class Cell:
    """One body cell.

    Attributes
    ----------
    text : str
        The text as printed in the workbook.
    narrow : str or None
        The text in the Word table where its column is narrower (the value and its period or
        interval on two lines, the grade's letter); None: the same as ``text``.
    fill : str
        A grade or status code the workbook colours the cell by ("" for none).
    """

    text: str
    narrow: str | None = None
    fill: str = ""

    @property
    def word(self) -> str:
        """The text printed in the Word table."""
        return self.text if self.narrow is None else self.narrow


@dataclass(frozen=True)
class Row:
    """One body row: ``data``, a ``heading`` (a section across the table, bold) or ``empty``
    (one sentence across the table saying there is nothing to list)."""

    cells: tuple[Cell, ...]
    kind: RowKind = "data"


@dataclass(frozen=True)
class Table:
    """A document table: title, columns, rows, merged cells and the notes printed below.

    Attributes
    ----------
    title : str
        The table's title.
    columns : tuple of Column
        The columns, in order.
    rows : tuple of Row
        The body rows, in order (a cell under a merge is blank).
    notes : tuple of str
        The notes printed below the table.
    subtitle : str
        A line under the title in the workbook (the evaluation date); "" for none.
    merges : tuple of (int, int, int, int)
        Merged ranges as (first row, first column, last row, last column), 0-based over the
        body rows.
    small : bool
        Word prints the body in the smaller size (五号), for long texts.
    filter : bool
        The workbook puts a filter on the header row (a form sorted by department).
    """

    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    subtitle: str = ""
    merges: tuple[tuple[int, int, int, int], ...] = ()
    small: bool = False
    filter: bool = False

    @property
    def headers(self) -> list[str]:
        """The column headers."""
        return [col.header for col in self.columns]

    def texts(self, medium: Literal["excel", "word"] = "excel") -> list[list[str]]:
        """Every body cell's text as printed in ``medium``, row by row."""
        return [[cell.text if medium == "excel" else cell.word for cell in row.cells]
                for row in self.rows]  # fmt: skip


def _merge_runs(values: Sequence[Any], col: int) -> list[tuple[int, int, int, int]]:
    """Merges over runs of two or more rows with the same value in ``col``."""
    out, start = [], 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            if i - start > 1:
                out.append((start, col, i - 1, col))
            start = i
    return out


def _blank_covered(rows: list[list[Cell]], merges: Sequence[tuple[int, int, int, int]]) -> None:
    """Empty the cells under a merge but its first (Word would join their texts)."""
    for r0, c0, r1, c1 in merges:
        for i in range(r0, r1 + 1):
            for j in range(c0, c1 + 1):
                if (i, j) != (r0, c0):
                    rows[i][j] = Cell("")


def _empty_row(text: str, ncols: int, at: int) -> tuple[Row, tuple[int, int, int, int]]:
    cells = (Cell(text),) + tuple(Cell("") for _ in range(ncols - 1))
    return Row(cells, kind="empty"), (at, 0, at, ncols - 1)


# ----------------------------------------------------------------------------- 附件6
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
        # no plan year has ended for it and nothing is asked: not "data pending" but not yet due
        waiting = (fg == "insufficient_data" and found is not None and bool(found.awaited)
                   and not found.missing)
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
            "midterm": lab["not_yet"] if waiting else c.text(rec["midterm_text"], lab["no_data"]),
            "conclusion": lab["not_yet"] if waiting else conclusion,
            "grade": fg,
            "projected": lab["not_yet"] if waiting else _projected(rec, fg, lab),
            "projected_lines": lab["not_yet"] if waiting else _projected_lines(rec, fg, lab),
            "midterm_lines": lab["not_yet"] if waiting else _midterm_lines(rec, lab),
            "letter": (lab["not_yet"] if waiting
                       else fg if fg in ("A", "B", "C", "D") else lab["grade"].get(fg, fg)),
            "reason": reason,
            "override": override,
        })  # fmt: skip
    return rows


def _no_adjustment(ev: EvaluationLike, lang: str) -> str:
    """Why the proposal table is empty, claiming no more than was assessed."""
    lab = labels(lang)
    top = ev.to_frame(lang=lang)
    top = top[top["parent_id"].map(c.is_blank)]
    graded = sum(c.final_grade(r) != "insufficient_data" for r in top.to_dict("records"))
    if graded == len(top):
        return str(lab["adjust_none"])
    narr = lab["narr"]
    if not graded:
        key = "p4_adjust_none_ended" if c.no_plan_year_ended(ev) else "p4_adjust_none_graded"
        return str(narr[key])
    return str(narr["p4_adjust_none_some"].format(g=graded))


def _projected(rec: dict[Any, Any], grade: str, lab: dict[str, Any]) -> str:
    """The 预计到规划期末完成数 cell: the projection, or why there is none (never a dash)."""
    if grade == "insufficient_data" and not c.has_override(rec):
        return str(lab["no_data"])
    value = c.text(rec["projected_text"])
    if not value or value in ("—", "-", "nan", "None"):
        return str(lab["no_projection"])
    return value


def _midterm_lines(rec: dict[Any, Any], lab: dict[str, Any]) -> str:
    """The 中期完成数 for a narrow column: the figure as supplied (see ``fmt_figure``), the period
    below."""
    from indicator_forecast._format import fmt_figure

    v = c.as_float(rec.get("midterm_value"))
    if (v != v or rec.get("kind") in ("annual_rate", "parent_synced", "relative_to_indicator")
            or (rec.get("grade") == "insufficient_data" and not c.has_override(rec))):
        return c.text(rec["midterm_text"], lab["no_data"])
    period = c.text(rec.get("midterm_period"))
    shown = fmt_figure(v, c.text(rec.get("unit")))
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
    period = c.plan_period_of(ev, lang)
    notes = [
        n.format(year=c.annual_year(ev.as_of), month=c.fmt_month(ev.as_of, lang), period=period)
        for n in lab["table_notes"]
    ]
    frame = ev.to_frame(lang=lang)
    if "projected_end" in frame and frame["projected_end"].notna().any():
        level = next((int(o.level) for r in getattr(ev, "results", ())
                      if (o := getattr(r, "outlook", None)) is not None), 80)  # fmt: skip
        notes.append(lab["table_note_interval"].format(n=len(notes) + 1, level=level))
    if c.no_plan_year_ended(ev):
        notes.append(lab["table_note_not_yet"].format(n=len(notes) + 1, year=ev.base_year + 1))
    return notes



def indicator_table(ev: EvaluationLike, lang: str = "zh") -> Table:
    """The 附件6 指标评估表: 类别 | 指标 | 规划目标 | 中期完成数 | 评估结论 | 预计到规划期末完成数,
    with 原因说明 and 评估调整 when any row has one; the category merged over its run and a
    composite indicator's name over its parts; the notes with this evaluation's dates."""
    lab = labels(lang)
    rows = table_rows(ev, lang)
    period = c.plan_period_of(ev, lang)
    heads = [h.format(period=period) for h in lab["table_cols"]]
    cols = [Column(heads[0], 12, 1.9, center=True), Column(heads[1], 34, 4.2),
            Column(heads[2], 16, 2.6, center=True), Column(heads[3], 14, 3.0, numeric=True),
            Column(heads[4], 24, 2.4, center=True), Column(heads[5], 16, 3.4, numeric=True)]
    keys = [("category", None), ("indicator", None), ("target", None),
            ("midterm", "midterm_lines"), ("conclusion", "letter"),
            ("projected", "projected_lines")]  # fmt: skip
    if any(r["reason"] for r in rows):
        cols.append(Column(lab["col_reason"], 48, 6.0))
        keys.append(("reason", None))
    if any(r["override"] for r in rows):
        cols.append(Column(lab["col_override"], 48, 4.5))
        keys.append(("override", None))
    cells = [[Cell(str(r[k]), None if n is None else str(r[n]),
                   fill=r["grade"] if k == "conclusion" else "") for k, n in keys]
             for r in rows]  # fmt: skip
    merges = _merge_runs([r["category"] for r in rows], 0)
    i = 0
    while i < len(rows):
        j = i + 1
        while j < len(rows) and rows[j]["is_part"]:
            j += 1
        if j - i > 1 and not rows[i]["is_part"]:
            merges.append((i, 1, j - 1, 1))
        i = j
    _blank_covered(cells, merges)
    return Table(
        title=lab["table_title"].format(plan_name=ev.plan_name), columns=tuple(cols),
        rows=tuple(Row(tuple(r)) for r in cells), notes=tuple(table_notes(ev, lang)),
        subtitle=lab["as_of_note"].format(as_of=c.fmt_date(ev.as_of, lang)),
        merges=tuple(merges),
    )  # fmt: skip


# ----------------------------------------------------------------------------- 总结评估


def final_notes(ev: EvaluationLike, lang: str = "zh") -> list[str]:
    """The notes under the 总结评估 table, with the tolerances actually used."""
    cfg = ev.config
    year = getattr(getattr(ev, "plan", None), "target_year", None) or ev.as_of.year - 1
    return [n.format(year=year, exceed=f"{cfg.final_exceed_share:.0%}",
                     basic=f"{cfg.final_basic_tolerance:.0%}",
                     threshold=f"{cfg.final_threshold_tolerance:.0%}")
            for n in labels(lang)["final"]["notes"]]  # fmt: skip


def final_table(ev: EvaluationLike, lang: str = "zh") -> Table:
    """The 总结评估 table (类别 | 指标 | 规划目标 | 基期值 | 期末完成值 | 完成情况 | 说明) of a
    final evaluation, the category merged over its run."""
    lab = labels(lang)
    rows = fin.final_rows(ev, lang)
    period = c.plan_period_of(ev, lang)
    heads = [h.format(period=period) for h in lab["final"]["cols"]]
    spec = {"category": (12, 1.9, True), "indicator": (34, 4.4, False),
            "target": (14, 2.4, True), "baseline": (12, 2.0, False), "final": (18, 2.8, True),
            "status": (14, 2.2, True), "note": (70, 9.0, False)}  # fmt: skip
    cols = tuple(Column(h, spec[k][0], spec[k][1], center=spec[k][2], numeric=k == "baseline")
                 for h, k in zip(heads, fin.FINAL_KEYS, strict=True))  # fmt: skip
    cells = [[Cell(str(r[k]), fill=str(r["status_code"]) if k == "status" else "")
              for k in fin.FINAL_KEYS] for r in rows]  # fmt: skip
    merges = _merge_runs([r["category"] for r in rows], 0)
    _blank_covered(cells, merges)
    return Table(
        title=lab["final"]["table_title"].format(plan_name=ev.plan_name), columns=cols,
        rows=tuple(Row(tuple(r)) for r in cells), notes=tuple(final_notes(ev, lang)),
        subtitle=lab["as_of_note"].format(as_of=c.fmt_date(ev.as_of, lang)),
        merges=tuple(merges),
    )  # fmt: skip


# ----------------------------------------------------------------------------- 指标调整方案


def adjustment_table(ev: EvaluationLike, lang: str = "zh") -> Table:
    """The 指标调整方案: each suggested adjustment with its reason, basis and attribute, in the
    words of ``adjustments_frame()`` (a sentence saying there is none when there is none)."""
    lab = labels(lang)
    frame = ev.adjustments_frame()
    check_columns(frame, ADJUSTMENT_COLUMNS, "adjustments_frame()")
    spec = [(28, 3.0, False), (14, 2.0, True), (16, 2.2, True), (40, 6.0, False),
            (48, 8.4, False), (10, 1.6, True), (30, 3.4, False)]  # fmt: skip
    cols = tuple(Column(h, w, cm, center=ctr)
                 for h, (w, cm, ctr) in zip(lab["adjust_cols"], spec, strict=True))  # fmt: skip
    rows: list[Row] = []
    for rec in frame.to_dict("records"):
        values = [c.indicator_label(str(rec["indicator_id"]), rec["name"], "", lang),
                  rec["original_target"], c.words(rec["suggested_target"], lang),
                  c.words(rec["reason"], lang), c.words(rec["basis"], lang),
                  c.words(rec["attribute"], lang), c.words(rec["binding_note"], lang)]  # fmt: skip
        rows.append(Row(tuple(Cell(c.text(v)) for v in values)))
    merges: tuple[tuple[int, int, int, int], ...] = ()
    if not rows:
        row, merge = _empty_row(_no_adjustment(ev, lang), len(cols), 0)
        rows, merges = [row], (merge,)
    return Table(title=lab["adjust_title"].format(plan_name=ev.plan_name), columns=cols,
                 rows=tuple(rows), notes=(lab["adjust_note"],), merges=merges,
                 small=True)  # fmt: skip


# ----------------------------------------------------------------------------- 数据缺口


def missing_table(ev: EvaluationLike, lang: str = "zh") -> Table:
    """The 数据缺口 form: the missing figures by department and indicator, then the columns
    the departments fill in (value, source, who, when)."""
    lab = labels(lang)
    frame = ev.missing_frame()
    check_columns(frame, MISSING_COLUMNS, "missing_frame()")
    frame = frame.sort_values(["department", "indicator_id"], kind="stable")
    widths = [16, 10, 28, 10, 30, 16, 14, 24, 12]
    n = len(MISSING_COLUMNS)
    cols = tuple(
        Column(h, w, center=j < n and MISSING_COLUMNS[j] in ("indicator_id", "unit"),
               entry=j >= n, text_entry=j > n)
        for j, (h, w) in enumerate(zip(lab["missing_cols"], widths, strict=True))
    )  # fmt: skip
    rows = [Row(tuple(Cell(c.text(rec[k])) for k in MISSING_COLUMNS)
                + tuple(Cell("") for _ in cols[n:]))
            for rec in frame.to_dict("records")]  # fmt: skip
    merges: tuple[tuple[int, int, int, int], ...] = ()
    if not rows:
        row, merge = _empty_row(lab["missing_none"], len(cols), 0)
        rows, merges = [row], (merge,)
    return Table(title=lab["missing_title"], columns=cols, rows=tuple(rows),
                 notes=(lab["missing_note"],), merges=merges, filter=len(frame) > 0)  # fmt: skip


def missing_indicators(ev: EvaluationLike, lang: str = "zh") -> list[str]:
    """The top-level indicators with a data gap (a composite part counts as its whole), by
    name, in plan order — what the report names under 数据缺口 (``missing_frame()`` is sorted by
    department, which a reader of the report cannot follow)."""
    frame = ev.to_frame(lang=lang)
    missing = ev.missing_frame()
    recs = frame.to_dict("records")
    parent = {str(r["indicator_id"]): (None if c.is_blank(r["parent_id"]) else str(r["parent_id"]))
              for r in recs}  # fmt: skip
    names = {str(r["indicator_id"]): str(r["name"]) for r in recs}
    gaps = dict.fromkeys(parent.get(str(i)) or str(i) for i in missing["indicator_id"])
    return [names[i] for i in names if i in gaps] + [i for i in gaps if i not in names]


# ----------------------------------------------------------------------------- 附件7


def form_rows(tasks: TaskList, lang: str = "zh") -> list[dict[str, Any]]:
    """The rows of the 附件7 form as printed, in table order.

    Each row is a dict with ``kind`` ("section" or "task"), ``category`` (the section numeral
    or the task's 项目), ``task`` (the section title or "序号、主要内容"), ``progress``,
    ``conclusion`` (printed label), ``grade`` (letter or ""), ``projected``, ``reason``,
    ``adjustment``, ``group_key`` (rows with equal keys share one merged 类别 cell) and
    ``number``.
    """
    lab = labels(lang)["tasks"]
    rows: list[dict[str, Any]] = []
    current: str | None = None
    sections = dict(tasks.sections)
    for t in tasks:
        if t.section_number != current:
            current = t.section_number
            if current:
                rows.append(dict(kind="section", category=current,
                                 task=sections.get(current, t.section), progress="",
                                 conclusion="", grade="", projected="", reason="",
                                 adjustment="", group_key=None, number=""))  # fmt: skip
        rows.append(dict(
            kind="task", category=t.group,
            task=lab["task_label"].format(no=t.number, text=t.text),
            progress=t.progress or "",
            conclusion=grade_label(t.conclusion, lang) if t.conclusion else "",
            grade=t.conclusion or "", projected=t.projected or "", reason=t.reason or "",
            adjustment=t.adjustment or "",
            group_key=(t.section_number, t.group) if t.group else None,
            number=t.number,
        ))  # fmt: skip
    return rows


def form_notes(plan_name: str, lang: str = "zh",
               years: tuple[int, int] | None = None) -> list[str]:  # fmt: skip
    """The notes printed under the 附件7 form (the plan period read from ``plan_name``, else
    from ``years``, the base and target years)."""
    period = c.plan_period(plan_name, lang, years)
    return [n.format(period=period) for n in labels(lang)["tasks"]["notes"]]


def _task_runs(rows: list[dict[str, Any]]) -> list[tuple[int, int, int, int]]:
    """Merges of the 类别 cell over runs of two or more task rows of one group."""
    out, start = [], 0
    for i in range(1, len(rows) + 1):
        key = rows[start]["group_key"]
        if i == len(rows) or key is None or rows[i]["group_key"] != key:
            if key is not None and i - start > 1:
                out.append((start, 0, i - 1, 0))
            start = i
    return out


def task_form_table(tasks: TaskList, lang: str = "zh", *, title: str, plan_name: str,
                    reason_columns: bool | None = None,
                    years: tuple[int, int] | None = None) -> Table:  # fmt: skip
    """The 附件7 主要任务评估表: sections as full-width headings, each task's 项目 merged over
    its group, what departments returned (blank where nothing was), 原因说明 and 调整意见 when
    any task has them (or when ``reason_columns`` says so), and the seed's notes.

    Parameters
    ----------
    tasks : TaskList
        The tasks.
    lang : {"zh", "en"}
        Language of the fixed texts.
    title : str
        The table's title.
    plan_name : str
        The plan's name, whose period the notes print.
    reason_columns : bool, optional
        Force the two reason columns on or off (default: shown when any task has them).
    years : tuple of int, optional
        The plan's base and target years, for the period when the name does not say it.
    """
    lab = labels(lang)["tasks"]
    extra = (any(t.reason or t.adjustment for t in tasks) if reason_columns is None
             else reason_columns)  # fmt: skip
    heads = list(lab["cols"]) + ([lab["col_reason"], lab["col_adjust"]] if extra else [])
    spec = [(22, 3.0, True), (60, 10.5, False), (36, 6.0, False), (18, 2.4, True),
            (20, 3.0, False)] + ([(30, 4.6, False)] * 2 if extra else [])  # fmt: skip
    cols = tuple(Column(h, w, cm, center=ctr)
                 for h, (w, cm, ctr) in zip(heads, spec, strict=True))  # fmt: skip
    rows = form_rows(tasks, lang)
    merges = _task_runs(rows)
    body: list[list[Cell]] = []
    kinds: list[RowKind] = []
    for i, row in enumerate(rows):
        if row["kind"] == "section":
            body.append([Cell(row["category"]), Cell(row["task"])]
                        + [Cell("") for _ in cols[2:]])  # fmt: skip
            kinds.append("heading")
            merges.append((i, 1, i, len(cols) - 1))
            continue
        keys = ["category", "task", "progress", "conclusion", "projected"]
        keys += ["reason", "adjustment"] if extra else []
        body.append([Cell(str(row[k]), fill=str(row["grade"]) if k == "conclusion" else "")
                     for k in keys])  # fmt: skip
        kinds.append("data")
    _blank_covered(body, merges)
    return Table(title=title, columns=cols,
                 rows=tuple(Row(tuple(r), kind=k) for r, k in zip(body, kinds, strict=True)),
                 notes=tuple(form_notes(plan_name, lang, years)), merges=tuple(merges))  # fmt: skip
