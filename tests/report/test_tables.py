"""The table models (report/_tables.py) and their renderings: the workbook and the Word
document hold exactly the model's texts, cell by cell, merges included (a SYNTHETIC evaluation,
SYNTHETIC tasks, and the shipped national 13th plan at its final evaluation); export_all's CSV
follows the same overwrite and manifest rule as every other output."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from docx import Document

from indicator_forecast.exceptions import OutputExistsError
from indicator_forecast.plan import read_tasks
from indicator_forecast.report import _tables as tb
from indicator_forecast.report import (
    export_all,
    write_tables_docx,
    write_tasks_docx,
    write_tasks_workbook,
    write_workbook,
)
from indicator_forecast.report._common import number_cell
from indicator_forecast.report._io import BACKUP_DIR, MANIFEST
from indicator_forecast.report._labels import labels

ROOT = Path(__file__).resolve().parents[2]


def _sheet_texts(ws, table: tb.Table) -> list[list[str]]:
    """The body cells of a rendered table as text (a number back to the text it prints as)."""
    first = 4 if table.subtitle else 3
    out = []
    for i, row in enumerate(table.rows):
        texts = []
        for j, cell in enumerate(row.cells):
            value = ws.cell(row=first + i, column=j + 1).value
            if isinstance(value, (int, float)):
                number, _ = number_cell(cell.text)
                assert number == value, (cell.text, value)
                value = cell.text
            texts.append("" if value is None else str(value))
        out.append(texts)
    return out


def _sheet_frame(ws, table: tb.Table) -> tuple[str, list[str], list[str]]:
    """Title, header row and the notes below the body of a rendered table."""
    header_row = 3 if table.subtitle else 2
    ncols = len(table.columns)
    headers = [ws.cell(row=header_row, column=j).value for j in range(1, ncols + 1)]
    last = header_row + len(table.rows)
    notes = [ws.cell(row=last + 2 + k, column=1).value for k in range(len(table.notes))]
    return ws.cell(row=1, column=1).value, headers, notes


def _sheet_merges(ws, table: tb.Table) -> set[tuple[int, int, int, int]]:
    """Merged ranges inside the body, as 0-based (row, col, row, col) over the body rows."""
    first = 4 if table.subtitle else 3
    last = first + len(table.rows) - 1
    return {(m.min_row - first, m.min_col - 1, m.max_row - first, m.max_col - 1)
            for m in ws.merged_cells.ranges if first <= m.min_row <= last}  # fmt: skip


def _word_texts(t) -> list[list[str]]:
    """Every body cell's text of a Word table by grid column ("" under a merge)."""
    from docx.table import _Cell

    out = []
    for tr in t._tbl.tr_lst[1:]:
        row = []
        for tc in tr.tc_lst:
            text = "" if tc.vMerge == "continue" else _Cell(tc, t).text
            row += [text] + [""] * (tc.grid_span - 1)
        out.append(row)
    return out


def _word_merges(t) -> set[tuple[int, int, int, int]]:
    """Merged ranges of a Word table body, 0-based over the body rows."""
    grid: dict[tuple[int, int], object] = {}
    for i, tr in enumerate(t._tbl.tr_lst[1:]):
        col = 0
        for tc in tr.tc_lst:
            for k in range(tc.grid_span):
                grid[(i, col + k)] = tc
            col += tc.grid_span
    out = set()
    for (i, j), tc in grid.items():
        if tc.vMerge == "continue" or (j > 0 and grid.get((i, j - 1)) is tc):
            continue
        j1 = j + tc.grid_span - 1
        i1 = i
        if tc.vMerge == "restart":
            while (i1 + 1, j) in grid and grid[(i1 + 1, j)].vMerge == "continue":
                i1 += 1
        if (i1, j1) != (i, j):
            out.add((i, j, i1, j1))
    return out


def _paragraphs_after(doc, t) -> list[str]:
    """The paragraphs right after a Word table (its notes)."""
    body = list(doc.element.body.iterchildren())
    k = body.index(t._tbl)
    texts = []
    for el in body[k + 1:]:
        if not el.tag.endswith("}p"):
            break
        texts.append("".join(x.text or "" for x in el.iter() if x.tag.endswith("}t")))
    return texts


def _check_sheet(ws, table: tb.Table) -> None:
    assert _sheet_texts(ws, table) == table.texts("excel")
    assert _sheet_frame(ws, table) == (table.title, table.headers, list(table.notes))
    assert _sheet_merges(ws, table) == set(table.merges)


def _check_word(doc, t, table: tb.Table) -> None:
    headers = [c.text for c in t.rows[0].cells]
    assert headers == table.headers
    assert _word_texts(t) == table.texts("word")
    assert _word_merges(t) == set(table.merges)
    assert _paragraphs_after(doc, t)[: len(table.notes)] == list(table.notes)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_midterm_tables_render_their_model(synthetic_ev, tmp_path, lang):
    lab = labels(lang)
    book = openpyxl.load_workbook(write_workbook(synthetic_ev, tmp_path / "b.xlsx", lang=lang))
    doc = Document(str(write_tables_docx(synthetic_ev, tmp_path / "t.docx", lang=lang)))
    indicators = tb.indicator_table(synthetic_ev, lang)
    adjust = tb.adjustment_table(synthetic_ev, lang)
    _check_sheet(book[lab["sheet_table"]], indicators)
    _check_sheet(book[lab["sheet_adjust"]], adjust)
    _check_sheet(book[lab["sheet_missing"]], tb.missing_table(synthetic_ev, lang))
    _check_word(doc, doc.tables[0], indicators)
    _check_word(doc, doc.tables[1], adjust)


def test_indicator_table_model_by_hand(synthetic_ev):
    """The SYNTHETIC 附件6: the sheet spells the conclusion out, the narrow Word column has the
    letter; 高质量发展 is merged over its first eight rows; indicator 4's name over its five
    rows (itself and its parts 4.1-4.4, as in the seed)."""
    t = tb.indicator_table(synthetic_ev, "zh")
    first = t.rows[0].cells
    assert (first[4].text, first[4].word, first[4].fill) == ("B 进展良好、可以如期完成", "B", "B")
    assert (0, 0, 7, 0) in t.merges and (2, 1, 6, 1) in t.merges
    assert [r.cells[1].text for r in t.rows[3:7]] == ["", "", "", ""]  # under the merge


def test_empty_adjustment_table_says_so(synthetic_ev, tmp_path, monkeypatch):
    empty = synthetic_ev.adjustments_frame().iloc[0:0]
    monkeypatch.setattr(synthetic_ev, "adjustments_frame", lambda: empty)
    t = tb.adjustment_table(synthetic_ev, "zh")
    assert [r.kind for r in t.rows] == ["empty"]
    assert t.merges == ((0, 0, 0, 6),)
    book = openpyxl.load_workbook(write_workbook(synthetic_ev, tmp_path / "b.xlsx"))
    _check_sheet(book[labels("zh")["sheet_adjust"]], t)
    doc = Document(str(write_tables_docx(synthetic_ev, tmp_path / "t.docx")))
    _check_word(doc, doc.tables[1], t)


@pytest.fixture(scope="module")
def national_13th_final():
    from indicator_forecast import evaluate, read_observations, read_plan_folder

    folder = ROOT / "data" / "national-13th"
    plan = read_plan_folder(folder)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        obs = read_observations(folder / "observations.csv", plan)
        return evaluate(plan, obs, as_of="2021-12-31", progress=False)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_final_table_renders_its_model(national_13th_final, tmp_path, lang):
    ev = national_13th_final
    assert ev.is_final
    t = tb.final_table(ev, lang)
    book = openpyxl.load_workbook(write_workbook(ev, tmp_path / "b.xlsx", lang=lang))
    _check_sheet(book[labels(lang)["final"]["sheet"]], t)
    doc = Document(str(write_tables_docx(ev, tmp_path / "t.docx", lang=lang)))
    assert len(doc.tables) == 1
    _check_word(doc, doc.tables[0], t)


@pytest.fixture
def synthetic_tasks():
    """SYNTHETIC tasks with returned entries (invented text)."""
    frame = pd.DataFrame(
        [
            ["一", "合成篇章一", None, None, None, None, None, None, None],
            ["1", "(一) 合成组甲", "合成任务一。", "甲局", "已完成", "A", "完成", None, None],
            ["2", None, "合成任务二。", "甲局", "推进中", "C", "基本完成", "资金未到位", None],
            ["3", "(二) 合成组乙", "合成任务三。", "乙局", None, None, None, None, None],
        ],
        columns=["序号", "项目", "主要内容", "牵头单位", "推进情况", "评估结论",
                 "预计到规划期末完成数", "原因说明", "调整意见"],
    )  # fmt: skip
    return read_tasks(frame, name="合成区“十五五”规划纲要")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_task_form_renders_its_model(synthetic_tasks, tmp_path, lang):
    lab = labels(lang)["tasks"]
    name = synthetic_tasks.name
    t = tb.task_form_table(synthetic_tasks, lang, title=lab["title"].format(plan_name=name),
                           plan_name=name)  # fmt: skip
    # by hand: a heading row, tasks 1 and 2 share 合成组甲 (merged); a reason, so 5 + 2 columns
    assert [r.kind for r in t.rows] == ["heading", "data", "data", "data"]
    assert set(t.merges) == {(0, 1, 0, 6), (1, 0, 2, 0)}  # seven columns: 0-6
    book = openpyxl.load_workbook(write_tasks_workbook(synthetic_tasks, tmp_path / "f.xlsx",
                                                       lang=lang))  # fmt: skip
    _check_sheet(book[lab["sheet_form"]], t)
    doc = Document(str(write_tasks_docx(synthetic_tasks, tmp_path / "f.docx", lang=lang)))
    _check_word(doc, doc.tables[0], t)


# ----------------------------------------------------------------------------- the CSV


def test_csv_is_recorded_in_the_manifest(synthetic_ev, tmp_path):
    import hashlib

    written = export_all(synthetic_ev, tmp_path)
    csv = tmp_path / "evaluation.csv"
    assert csv in written
    listed = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert listed["evaluation.csv"]["sha256"] == hashlib.sha256(csv.read_bytes()).hexdigest()


def test_an_earlier_csv_alone_blocks_an_export(synthetic_ev, tmp_path):
    export_all(synthetic_ev, tmp_path / "first")
    out = tmp_path / "second"
    out.mkdir()
    for name in ("evaluation.csv", MANIFEST):
        (out / name).write_bytes((tmp_path / "first" / name).read_bytes())
    with pytest.raises(OutputExistsError, match="evaluation.csv"):
        export_all(synthetic_ev, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(["evaluation.csv", MANIFEST])


def test_a_foreign_csv_is_never_replaced(synthetic_ev, tmp_path):
    (tmp_path / "evaluation.csv").write_text("synthetic,user,table\n", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="not written by indicator_forecast"):
        export_all(synthetic_ev, tmp_path, overwrite=True)
    assert (tmp_path / "evaluation.csv").read_text(encoding="utf-8") == "synthetic,user,table\n"
    assert [p.name for p in tmp_path.iterdir()] == ["evaluation.csv"]  # nothing else written


def test_an_overwritten_csv_is_backed_up(synthetic_ev, tmp_path):
    export_all(synthetic_ev, tmp_path)
    csv = tmp_path / "evaluation.csv"
    edited = csv.read_bytes() + b"synthetic analyst note\n"
    csv.write_bytes(edited)
    export_all(synthetic_ev, tmp_path, overwrite=True)
    backups = [p for p in (tmp_path / BACKUP_DIR).rglob("evaluation.csv")]
    assert [p.read_bytes() for p in backups] == [edited]
    assert csv.read_bytes() != edited


def test_the_report_names_the_indicators_with_gaps_in_plan_order():
    # data/national-14th at 2023-06-30: the missing frame is sorted by department; the report's
    # list must follow the plan (6 数字经济 before 11 养老保险 before 20 能源), as a reader reads it
    from indicator_forecast.report import _tables as tb

    from .shipped import shipped

    ev = shipped("national-14th")
    names = tb.missing_indicators(ev)
    order = [str(r["name"]) for r in ev.to_frame().to_dict("records")]
    assert names == [n for n in order if n in names]
    assert names[0] == "数字经济核心产业增加值占GDP比重" and names[-1] == "能源综合生产能力"
