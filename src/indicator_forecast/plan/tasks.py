"""Read a plan's main-task table as officials write it (the seed's 附件3 layout), with the entries
departments return for the 附件7 evaluation form.

Columns (Chinese or English headers; the header row may follow title rows):
序号 | 项目 | 主要内容 | 牵头单位, optionally the returned columns 推进情况 | 评估结论 |
预计到规划期末完成数 | 原因(说明) | 调整意见. A row whose 序号 is a Chinese numeral (一, 二, …)
is a section heading, its title in 项目 (or 主要内容). A 项目 cell names the group of the task
rows below it and is written only on the group's first row (or as a merged cell in Excel);
it is filled forward within the section. 牵头单位 may name several departments separated by
、 , ; or /. Tasks are qualitative: nothing here grades them. The reader checks what departments
returned — 评估结论 one of A/B/C/D (or its full label), a reason for C and D, an adjustment
proposal for D — and collects every problem of the table into one
:class:`~indicator_forecast.exceptions.PlanError`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from indicator_forecast._io import TableRows, clean_header, locate_header, read_raw_table
from indicator_forecast._typing import Language
from indicator_forecast.exceptions import InputError, PlanError, ProblemReport

TASK_COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "no", "number"),
    "group": ("项目", "类别", "任务类别", "group"),
    "text": ("主要内容", "主要任务", "任务内容", "text", "task"),
    "departments": ("牵头单位", "牵头部门", "责任部门", "责任单位", "departments",
                    "lead departments"),  # fmt: skip
    "progress": ("推进情况", "进展情况", "完成情况", "progress"),
    "conclusion": ("评估结论", "结论", "conclusion"),
    "projected": ("预计到规划期末完成数", "预计规划期末完成数", "预计期末完成数",
                  "预计到规划期末完成情况", "projected", "expected at plan end"),  # fmt: skip
    "reason": ("原因说明", "原因", "未达预期原因", "reason"),
    "adjustment": ("调整意见", "调整建议", "adjustment", "proposed adjustment"),
}
REQUIRED_TASK_COLUMNS = ("number", "text", "departments")
RETURNED_FIELDS = ("progress", "conclusion", "projected", "reason", "adjustment")

#: The four conclusions of the seed (附件7 注1), without the trailing 的.
CONCLUSIONS: dict[str, str] = {
    "A": "进展超前、可以提前完成",
    "B": "进展良好、可以如期完成",
    "C": "进展较慢、需要加快推进",
    "D": "情况变化、难以完成",
}
#: Keys of :meth:`TaskList.counts`: the four conclusions, then tasks nothing was returned for.
COUNT_KEYS = ("A", "B", "C", "D", "not_returned")

_SECTION_RE = re.compile(r"^[一二三四五六七八九十]+[、.．]?$")
_NUMBER_RE = re.compile(r"^(\d+)(?:\.0)?[、.．]?$")
_NOTE_RE = re.compile(r"^\s*(注|说明|备注|notes?\b)\s*[:：]?", re.IGNORECASE)
_DEPT_SPLIT = re.compile(r"[、,，;；/／\n]+")
_STRAY = re.compile(r"^\s*[、,，;；/／]|[、,，;；/／]\s*$|[、,，;；/／]\s*[、,，;；/／]")
_PUNCT = re.compile(r"[\s、,，;；:：.．()（）\[\]【】\"“”]")


def _fold(text: str) -> str:
    """Fold full-width forms, drop spaces, punctuation and a trailing 的 (for label matching)."""
    s = _PUNCT.sub("", unicodedata.normalize("NFKC", text))
    return s.removesuffix("的")


def _label_letter(rest: str) -> str | None:
    """The conclusion whose label (or the label's first clause) ``rest`` spells, if any."""
    folded = _fold(rest)
    for letter, lab in CONCLUSIONS.items():
        if folded in (_fold(lab), _fold(lab.split("、")[0])):
            return letter
    return None


def parse_conclusion(text: str) -> str:
    """Read an 评估结论 cell as one of ``"A"``, ``"B"``, ``"C"``, ``"D"``.

    Accepted: the letter alone (``B``, ``b``, ``Ｂ``, ``B类``), the letter with its label
    (``B、进展良好、可以如期完成的``, ``B类（进展良好、可以如期完成）``), or the label alone
    (``进展良好、可以如期完成的``, ``进展良好``).

    Parameters
    ----------
    text : str
        The cell as written.

    Returns
    -------
    str
        The letter.

    Raises
    ------
    ValueError
        When the text is none of these, or its letter and label disagree; the message says
        what is accepted.
    """
    s = unicodedata.normalize("NFKC", str(text)).strip()
    accepted = "A, B, C or D, or a full label such as 'B、进展良好、可以如期完成的'"
    if not s:
        raise ValueError(f"an 评估结论: {accepted}")
    head = s[0].upper()
    if head in CONCLUSIONS and (len(s) == 1 or not (s[1].isascii() and s[1].isalpha())):
        rest = s[1:].strip().removeprefix("类")
        if not _fold(rest):
            return head
        named = _label_letter(rest)
        if named == head:
            return head
        if named is not None:
            raise ValueError(
                f"letter {head} but the label of {named} ({CONCLUSIONS[named]}); "
                "write one conclusion"
            )
        raise ValueError(
            f"after the letter {head}, its label {CONCLUSIONS[head]!r} or nothing; "
            f"accepted: {accepted}"
        )
    named = _label_letter(s)
    if named is None:
        raise ValueError(f"one of: {accepted}")
    return named


def split_departments(text: str | None) -> tuple[str, ...]:
    """Split a 牵头单位 cell naming one or several departments (separated by 、 , ; /).

    Parameters
    ----------
    text : str or None
        The cell; full-width ， ； ／ and line breaks separate too.

    Returns
    -------
    tuple of str
        The departments in the order written, stripped, empty parts dropped; ``()`` for None
        or "".
    """
    if not text:
        return ()
    return tuple(d.strip() for d in _DEPT_SPLIT.split(text) if d.strip())


@dataclass(frozen=True)
class Task:
    """One main task of the plan, with what its lead departments returned (if anything).

    Parameters
    ----------
    number : str
        The task's 序号 as written ("1" … "112").
    text : str
        主要内容: the task as written.
    departments : tuple of str
        牵头单位, in the order written.
    section_number, section : str
        The section heading the task stands under ("一", "坚持创新驱动，…"); empty if none.
    group : str
        项目: the group heading ("(一) 深化“一轴一园一中心”科技创新布局"); empty if none.
    progress, conclusion, projected, reason, adjustment : str or None
        What the departments returned: 推进情况, 评估结论 (a letter A-D), 预计到规划期末完成数,
        原因 (required for C and D), 调整意见 (required for D). None where nothing was written.
    row : int or None
        The 1-based row of the source table.
    """

    number: str
    text: str
    departments: tuple[str, ...]
    section_number: str = ""
    section: str = ""
    group: str = ""
    progress: str | None = None
    conclusion: str | None = None
    projected: str | None = None
    reason: str | None = None
    adjustment: str | None = None
    row: int | None = None

    @property
    def returned(self) -> bool:
        """True when anything of the returned entry is written."""
        return any(getattr(self, f) is not None for f in RETURNED_FIELDS)

    @property
    def headline(self) -> str:
        """The task's first sentence (up to and including the first 。), as officials cite it."""
        head, sep, _ = self.text.partition("。")
        return head + sep


@dataclass(frozen=True)
class TaskList:
    """The main tasks of a plan, in table order (immutable).

    Parameters
    ----------
    tasks : tuple of Task
        Every task row.
    sections : tuple of (str, str)
        (number, title) of every section heading, in order.
    name : str
        The plan's name as printed in titles (e.g. "普陀区“十四五”规划纲要"); may be empty.
    source : str
        Where the table was read from.
    """

    tasks: tuple[Task, ...]
    sections: tuple[tuple[str, str], ...] = ()
    name: str = ""
    source: str = ""
    _index: Mapping[str, Task] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", MappingProxyType({t.number: t for t in self.tasks}))

    def __len__(self) -> int:
        return len(self.tasks)

    def __iter__(self) -> Iterator[Task]:
        return iter(self.tasks)

    def __getitem__(self, number: str | int) -> Task:
        key = str(number)
        if key not in self._index:
            raise KeyError(f"no task with 序号 {key!r}; the table has {len(self)} tasks")
        return self._index[key]

    @property
    def groups(self) -> tuple[str, ...]:
        """The distinct non-empty 项目 headings, in order."""
        return tuple(dict.fromkeys(t.group for t in self.tasks if t.group))

    @property
    def departments(self) -> tuple[str, ...]:
        """Every lead department, in order of first appearance."""
        return tuple(dict.fromkeys(d for t in self.tasks for d in t.departments))

    def to_frame(self) -> pd.DataFrame:
        """One row per task: section_number, section, group, number, text, departments (joined
        with 、), progress, conclusion, projected, reason, adjustment, returned, row."""
        cols = ["section_number", "section", "group", "number", "text", "departments",
                *RETURNED_FIELDS, "returned", "row"]  # fmt: skip
        return pd.DataFrame(
            [
                {
                    "section_number": t.section_number, "section": t.section, "group": t.group,
                    "number": t.number, "text": t.text, "departments": "、".join(t.departments),
                    **{f: getattr(t, f) for f in RETURNED_FIELDS},
                    "returned": t.returned, "row": t.row,
                }  # fmt: skip
                for t in self.tasks
            ],
            columns=cols,
        )

    def by_department(self) -> Mapping[str, TaskList]:
        """The tasks each department leads (a task with several leads is under each of them),
        departments in order of first appearance; a read-only mapping."""
        out: dict[str, TaskList] = {}
        for dept in self.departments:
            mine = tuple(t for t in self.tasks if dept in t.departments)
            used = {t.section_number for t in mine}
            out[dept] = replace(
                self, tasks=mine, sections=tuple(s for s in self.sections if s[0] in used)
            )
        return MappingProxyType(out)

    def missing_frame(self) -> pd.DataFrame:
        """Who must still return what: one row per (lead department, task) with nothing
        returned; columns department, number, section, group, headline, departments (all the
        task's leads), required."""
        cols = ["department", "number", "section", "group", "headline", "departments", "required"]
        rows = [
            {
                "department": dept, "number": t.number, "section": t.section, "group": t.group,
                "headline": t.headline, "departments": "、".join(t.departments),
                "required": ("推进情况、评估结论、预计到规划期末完成数"
                             "（评估结论为C、D的说明原因，为D的提出调整意见）"),
            }  # fmt: skip
            for dept in self.departments
            for t in self.tasks
            if dept in t.departments and not t.returned
        ]
        return pd.DataFrame(rows, columns=cols)

    def counts(self) -> dict[str, int]:
        """Number of tasks per conclusion: keys ``A``, ``B``, ``C``, ``D`` and
        ``not_returned`` (nothing returned yet), all present, in that order."""
        out = dict.fromkeys(COUNT_KEYS, 0)
        for t in self.tasks:
            out[t.conclusion if t.conclusion else "not_returned"] += 1
        return out

    def summary(self, lang: Language = "zh") -> str:
        """One line: tasks, sections, departments and the counts of each conclusion.

        Parameters
        ----------
        lang : {"zh", "en"}, default "zh"
            Language of the line.

        Returns
        -------
        str
            For example ``"112项，分8个部分，牵头单位40个；A类0项，…，未报送112项"``.
        """
        c = self.counts()
        if lang == "en":
            return (f"{len(self)} tasks in {len(self.sections)} sections, {len(self.departments)} "
                    f"lead departments; A {c['A']}, B {c['B']}, C {c['C']}, D {c['D']}, "
                    f"not returned {c['not_returned']}")  # fmt: skip
        return (f"{len(self)}项，分{len(self.sections)}个部分，牵头单位{len(self.departments)}个；"
                f"A类{c['A']}项，B类{c['B']}项，C类{c['C']}项，D类{c['D']}项，"
                f"未报送{c['not_returned']}项")  # fmt: skip

    def _repr_html_(self) -> str:
        df = self.to_frame()[["section_number", "group", "number", "text", "departments",
                              "conclusion", "progress"]]  # fmt: skip
        title = html.escape(f"{self.name or self.source} — {self.summary()}")
        return f"<div><strong>{title}</strong>{df.to_html(index=False, na_rep='')}</div>"


def _raw_frame(source: str | Path | pd.DataFrame, sheet: str | int | None,
               encoding: str | None) -> tuple[pd.DataFrame, str]:  # fmt: skip
    """The table as text cells without a header, vertical merged cells of an Excel sheet filled
    from their top cell; and a label naming the source."""
    if isinstance(source, pd.DataFrame):
        header = pd.DataFrame([list(map(str, source.columns))])
        # pandas-stubs omit None from `other`; pandas accepts it (object cells become None).
        body = source.astype(object).where(source.notna(), None)  # type: ignore[call-overload]
        body = body.map(lambda v: None if v is None else str(v))
        raw = pd.concat([header, pd.DataFrame(body.to_numpy())], ignore_index=True)
        return raw, "<frame>"
    raw, label = read_raw_table(source, sheet=sheet, encoding=encoding)
    if Path(source).suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        wb = load_workbook(source, read_only=False)
        ws = wb[sheet] if isinstance(sheet, str) else wb.worksheets[sheet or 0]
        raw = raw.copy()
        for rng in ws.merged_cells.ranges:
            r0, c0 = rng.min_row - 1, rng.min_col - 1
            if r0 >= len(raw) or c0 >= raw.shape[1]:
                continue
            top = raw.iloc[r0, c0]
            for r in range(r0 + 1, min(rng.max_row, len(raw))):
                raw.iloc[r, c0] = top
    return raw, label


def read_tasks(
    source: str | Path | pd.DataFrame,
    *,
    sheet: str | int | None = None,
    name: str = "",
    encoding: str | None = None,
) -> TaskList:
    """Read a main-task table (附件3 layout, optionally with departments' returned entries).

    Parameters
    ----------
    source : str, Path or DataFrame
        A .csv (UTF-8 or GB18030/GBK) or .xlsx file, or a frame whose columns are the headers.
    sheet : str or int, optional
        The Excel sheet (the first by default).
    name : str
        The plan's name as printed in titles, e.g. "普陀区“十四五”规划纲要".
    encoding : str, optional
        A CSV's encoding; by default UTF-8, then GB18030.

    Returns
    -------
    TaskList

    Raises
    ------
    PlanError
        Listing every problem of the table (row, column, cell text, what was expected).
    """
    raw, label = _raw_frame(source, sheet, encoding)
    try:
        header_row, cols = locate_header(raw, TASK_COLUMNS, REQUIRED_TASK_COLUMNS, label)
    except InputError as exc:
        raise PlanError(str(exc).splitlines()[0], exc.report) from None
    header_cells = [clean_header(c) for c in raw.iloc[header_row].tolist()]
    table = TableRows(raw, label, header_row, cols)
    get, problem = table.get, table.problem

    tasks: list[Task] = []
    sections: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    section_no = section = group = ""
    for rownum, row in table:
        if [clean_header(c) for c in row.tolist()] == header_cells:
            continue  # a header repeated on a new page
        number = get(row, "number")
        if (
            number
            and _NOTE_RE.match(number)
            and not any(get(row, k) for k in cols if k != "number")
        ):
            break  # the notes under the table (注：…) end it
        norm = unicodedata.normalize("NFKC", number).replace(" ", "") if number else ""
        if _SECTION_RE.match(norm):
            title = get(row, "group") or get(row, "text")
            if not title:
                problem(rownum, "group", None, f"the title of section {norm} in 项目 (or 主要内容)")
            section_no, section, group = norm.rstrip("、.．"), title or "", ""
            sections.append((section_no, section))
            continue
        m = _NUMBER_RE.match(norm)
        if m is None:
            problem(rownum, "number", number, "a task number (1, 2, …) or a section numeral (一, "
                "二, …); "
                    "a row split by a page break belongs in the cell above")  # fmt: skip
            continue
        key = m.group(1)
        if key in seen:
            problem(
                rownum, "number", number, f"a unique 序号; {key} is already used in row {seen[key]}"
            )
        seen.setdefault(key, rownum)
        group = get(row, "group") or group
        text = get(row, "text")
        if not text:
            problem(rownum, "text", text, "the task text (主要内容)")
        dept_text = get(row, "departments")
        departments = split_departments(dept_text)
        if not departments:
            problem(
                rownum,
                "departments",
                dept_text,
                "the lead department(s) (牵头单位), several separated by 、",
            )
        elif _STRAY.search(dept_text or ""):
            problem(
                rownum,
                "departments",
                dept_text,
                "department names separated by 、 with no empty entry between separators",
            )

        returned = {f: get(row, f) for f in RETURNED_FIELDS}
        conclusion = None
        if returned["conclusion"]:
            try:
                conclusion = parse_conclusion(returned["conclusion"])
            except ValueError as exc:
                problem(rownum, "conclusion", returned["conclusion"], str(exc))
        elif any(returned.values()):
            problem(
                rownum,
                "conclusion",
                None,
                "an 评估结论 (A/B/C/D) for a task whose entry is filled in",
            )
        if conclusion in ("C", "D") and not returned["reason"]:
            problem(rownum, "reason", None, f"the reason (原因) the task is behind schedule, "
                f"required for conclusion {conclusion}"
                    + ("" if "reason" in cols else "; the table has no 原因 column"))  # fmt: skip
        if conclusion == "D" and not returned["adjustment"]:
            problem(rownum, "adjustment", None,
                    "an adjustment proposal (调整意见), required for conclusion D"
                    + ("" if "adjustment" in cols
                       else "; the table has no 调整意见 column"))  # fmt: skip
        tasks.append(Task(
            number=key, text=text or "", departments=departments, section_number=section_no,
            section=section, group=group, progress=returned["progress"], conclusion=conclusion,
            projected=returned["projected"], reason=returned["reason"],
            adjustment=returned["adjustment"], row=rownum,
        ))  # fmt: skip

    if table.problems:
        raise PlanError(f"{label}: the task table has {len(table.problems)} problem(s)",
                        ProblemReport(tuple(table.problems)))  # fmt: skip
    if not tasks:
        raise PlanError(f"{label}: the task table has no task rows (序号 1, 2, …)")
    source_label = "<frame>" if isinstance(source, pd.DataFrame) else str(source)
    return TaskList(tasks=tuple(tasks), sections=tuple(sections), name=name, source=source_label)


__all__ = ["CONCLUSIONS", "COUNT_KEYS", "Task", "TaskList", "parse_conclusion", "read_tasks",
           "split_departments"]  # fmt: skip
