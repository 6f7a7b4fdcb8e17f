"""The 附件7 form: workbook round trip with openpyxl, Word XML with python-docx, refusal to
overwrite. Reference values from the seed (附件3 and the 附件7 sample) and a SYNTHETIC table
with returned entries."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn

from indicator_forecast.exceptions import OutputExistsError
from indicator_forecast.plan import TaskList, read_tasks
from indicator_forecast.report import write_tasks_docx, write_tasks_workbook

DATA = Path(__file__).resolve().parents[2] / "data"
NAME = "普陀区“十四五”规划纲要"
HEADERS = ["类别", "主要任务", "推进情况", "评估结论", "预计到规划期末完成数"]  # seed 附件7
NOTE3 = "3、对预计到“十四五”期末将无法完成任务的任务，要提出调整意见。"  # seed 附件7 注3


@pytest.fixture(scope="module")
def putuo() -> TaskList:
    return read_tasks(DATA / "putuo-14th" / "tasks.csv", name=NAME)


@pytest.fixture
def synthetic() -> TaskList:
    """SYNTHETIC tasks with returned entries (invented text)."""
    frame = pd.DataFrame(
        [
            ["一", "合成篇章一", None, None, None, None, None, None, None],
            ["1", "(一) 合成组甲", "合成任务一。", "甲局、乙局", "已完成主体工程", "A", "完成", None, None],
            ["2", None, "合成任务二。", "甲局", "推进中", "C", "基本完成", "资金未到位", None],
            ["二", "合成篇章二", None, None, None, None, None, None, None],
            ["3", "(二) 合成组乙", "合成任务三。", "乙局", "停滞", "D", "无法完成", "政策变化", "建议调整"],
            ["4", None, "合成任务四。", "丙局", None, None, None, None, None],
        ],
        columns=["序号", "项目", "主要内容", "牵头单位", "推进情况", "评估结论", "预计到规划期末完成数",
                 "原因说明", "调整意见"],
    )  # fmt: skip
    return read_tasks(frame, name="合成区“十五五”规划纲要")


def _rows(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_workbook_putuo_layout(putuo, tmp_path):
    path = write_tasks_workbook(putuo, tmp_path / "附件7.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["附件7 主要任务评估表", "填报情况", "填报表", "任务明细"]
    ws = wb["附件7 主要任务评估表"]
    assert ws["A1"].value == "普陀区“十四五”规划纲要主要任务评估表"
    assert [ws.cell(row=2, column=j).value for j in range(1, 6)] == HEADERS
    assert ws.max_column == 5  # nothing returned: no 原因说明 / 调整意见 columns
    assert (ws["A3"].value, ws["B3"].value) == ("一", "坚持创新驱动，全面打造高质量发展的新引擎")
    assert ws["A4"].value == "(一) 深化“一轴一园一中心”科技创新布局"
    assert ws["B4"].value.startswith("1、深入推进武宁轴协同创新。")
    assert [ws.cell(row=4, column=j).value for j in (3, 4, 5)] == [None, None, None]  # left blank
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert "A4:A6" in merged and "B3:E3" in merged  # (一) spans tasks 1-3; section row across
    body = _rows(ws)[2:2 + 8 + 112]
    assert sum(1 for r in body if r[0] in tuple("一二三四五六七八")) == 8
    assert sum(1 for r in body if r[1] and r[1].split("、")[0].isdigit()) == 112
    assert body[-1][1].startswith("112、推进市域社会治理现代化试点创建")
    texts = [r[0] for r in _rows(ws) if r[0]]
    assert texts[-1] == NOTE3 and texts[-3].startswith("注：1、“评估结论”的填写分为 4 类")

    summary = _rows(wb["填报情况"])
    assert ["未填报", 112] in [r[:2] for r in summary] and ["合计", 112] in [r[:2] for r in summary]
    assert ["区应急局", "109", "构建“区-街镇-网格片区-居村”统一指挥、专常兼备、反应灵敏、上下联动的应急管理体系。",
            summary[-1][3]] in summary  # fmt: skip


def test_return_form_round_trip(synthetic, putuo, tmp_path):
    for tasks in (synthetic, putuo):
        path = write_tasks_workbook(tasks, tmp_path / f"{len(tasks)}.xlsx")
        back = read_tasks(path, sheet="填报表", name=tasks.name)
        assert [dataclasses.replace(t, row=None) for t in back] == [
            dataclasses.replace(t, row=None) for t in tasks
        ]
        assert back.sections == tasks.sections


def test_workbook_with_returns(synthetic, tmp_path):
    path = write_tasks_workbook(synthetic, tmp_path / "s.xlsx", by_department=True)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[4:] == ["甲局", "乙局", "丙局"]
    ws = wb["附件7 主要任务评估表"]
    assert ws["A1"].value == "合成区“十五五”规划纲要主要任务评估表"
    assert [ws.cell(row=2, column=j).value for j in range(1, 8)] == HEADERS + [
        "原因说明",
        "调整意见",
    ]
    assert [c.value for c in ws[4]] == ["(一) 合成组甲", "1、合成任务一。", "已完成主体工程",
                                       "A 进展超前、可以提前完成", "完成", None, None]  # fmt: skip
    assert [c.value for c in ws[5]][3:6] == ["C 进展较慢、需要加快推进", "基本完成", "资金未到位"]
    assert [c.value for c in ws[7]][5:7] == ["政策变化", "建议调整"]
    assert ws[4][3].fill.fgColor.rgb.endswith("C6EFCE")
    assert any(
        r[0] == "3、对预计到“十五五”期末将无法完成任务的任务，要提出调整意见。" for r in _rows(ws)
    )
    summary = _rows(wb["填报情况"])
    assert summary[2:8] == [["A 进展超前、可以提前完成", 1, None, None], ["B 进展良好、可以如期完成", 0, None, None],
                            ["C 进展较慢、需要加快推进", 1, None, None], ["D 情况变化、难以完成", 1, None, None],
                            ["未填报", 1, None, None], ["合计", 4, None, None]]  # fmt: skip
    assert [r[:3] for r in summary if r[1] == "4"] == [["丙局", "4", "合成任务四。"]]
    dept = _rows(wb["乙局"])
    assert dept[0][0] == "乙局：合成区“十五五”规划纲要主要任务评估表"
    assert [r[1] for r in dept[2:6]] == [
        "合成篇章一",
        "1、合成任务一。",
        "合成篇章二",
        "3、合成任务三。",
    ]


def test_docx_layout(putuo, tmp_path):
    path = write_tasks_docx(putuo, tmp_path / "附件7.docx")
    doc = Document(str(path))
    assert doc.paragraphs[0].text == "附件7"
    assert doc.paragraphs[1].text == "普陀区“十四五”规划纲要主要任务评估表"
    sec = doc.sections[0]
    assert sec.page_width > sec.page_height  # landscape
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == HEADERS
    assert len(table.rows) == 1 + 8 + 112
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on each page
    assert table.rows[1].cells[0].text == "一" and table.rows[1].cells[1].text.startswith(
        "坚持创新驱动"
    )
    assert table.rows[2].cells[1].text.startswith("1、深入推进武宁轴协同创新。")
    # (一) merged over tasks 1-3: one vMerge restart and two continuations in column 0
    first_tc = [tr.tc_lst[0] for tr in table._tbl.tr_lst[2:5]]
    assert [tc.vMerge for tc in first_tc] == ["restart", "continue", "continue"]
    assert table.rows[3].cells[0].text == "(一) 深化“一轴一园一中心”科技创新布局"
    notes = [p.text for p in doc.paragraphs if p.text.startswith(("注：", "2、", "3、"))]
    assert notes[-1] == NOTE3
    run = next(r for p in table.rows[2].cells[1].paragraphs for r in p.runs)
    assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋"
    # summary: counts and the tasks each department must still return
    counts = doc.tables[1]
    assert [c.text for c in counts.rows[-2].cells] == ["未填报", "112"]
    missing = doc.tables[2]
    assert len(missing.rows) == 1 + sum(len(t.departments) for t in putuo)


def test_docx_by_department(synthetic, tmp_path):
    path = write_tasks_docx(synthetic, tmp_path / "d.docx", by_department=True)
    doc = Document(str(path))
    assert len(doc.tables) == 1 + 3 + 2  # all, 甲局/乙局/丙局, counts + missing
    titles = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    assert titles[1:4] == [
        f"{d}：合成区“十五五”规划纲要主要任务评估表" for d in ("甲局", "乙局", "丙局")
    ]
    assert [c.text for c in doc.tables[0].rows[0].cells][-2:] == ["原因说明", "调整意见"]
    cells = [c.text for c in doc.tables[2].rows[1].cells]  # 乙局's form, section row merged across
    assert cells[0] == "一" and cells[1:] == ["合成篇章一"] * (len(cells) - 1)
    assert doc.tables[0].rows[5].cells[3].text == "D 情况变化、难以完成"


def test_english(synthetic, tmp_path):
    path = write_tasks_workbook(
        synthetic, tmp_path / "en.xlsx", lang="en", plan_name="Synthetic plan"
    )
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws["A1"].value == "Synthetic plan: main-task assessment table"
    assert ws["B2"].value == "Main task" and ws["B4"].value == "1. 合成任务一。"
    back = read_tasks(path, sheet="Return form")
    assert back.counts() == synthetic.counts()
    doc = Document(str(write_tasks_docx(synthetic, tmp_path / "en.docx", lang="en")))
    assert doc.paragraphs[0].text == "合成区“十五五”规划纲要: main-task assessment table"


def test_refuses_to_overwrite(synthetic, tmp_path):
    xlsx, docx = tmp_path / "f.xlsx", tmp_path / "f.docx"
    xlsx.write_bytes(b"earlier")
    docx.write_bytes(b"earlier")
    with pytest.raises(OutputExistsError):
        write_tasks_workbook(synthetic, xlsx)
    with pytest.raises(OutputExistsError):
        write_tasks_docx(synthetic, docx)
    assert xlsx.read_bytes() == b"earlier" and docx.read_bytes() == b"earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.docx", "f.xlsx"]  # no temporary left
    write_tasks_workbook(synthetic, xlsx, overwrite=True)
    write_tasks_docx(synthetic, docx, overwrite=True)
    assert openpyxl.load_workbook(xlsx).worksheets[0]["A1"].value.endswith("主要任务评估表")
    assert Document(str(docx)).tables
