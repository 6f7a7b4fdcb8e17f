"""read_tasks on the shipped 附件3 table (reference values read off the seed by hand), the same
table as GB18030 CSV and as .xlsx with merged cells, returned entries, and a SYNTHETIC malformed
table whose problems are all reported at once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicator_forecast.exceptions import PlanError
from indicator_forecast.plan import TaskList, read_tasks
from indicator_forecast.plan.tasks import parse_conclusion

DATA = Path(__file__).resolve().parents[2] / "data"
TASKS = DATA / "putuo-14th" / "tasks.csv"

# Read off 附件3 of the seed notice (普发改综合〔2023〕2号) by hand: section numeral -> task numbers.
SECTION_SPANS = {"一": (1, 11), "二": (12, 21), "三": (22, 39), "四": (40, 60), "五": (61, 68),
                 "六": (69, 75), "七": (76, 99), "八": (100, 112)}  # fmt: skip


@pytest.fixture(scope="module")
def putuo() -> TaskList:
    return read_tasks(TASKS, name="普陀区“十四五”规划纲要")


def _same(a: TaskList, b: TaskList) -> bool:
    strip = [dataclasses.replace(t, row=None) for t in a]
    return strip == [dataclasses.replace(t, row=None) for t in b] and a.sections == b.sections


def test_putuo_counts(putuo):
    assert len(putuo) == 112
    assert [t.number for t in putuo] == [str(i) for i in range(1, 113)]
    assert [s[0] for s in putuo.sections] == list("一二三四五六七八")
    assert len(putuo.groups) == 34  # (一) … (三十四)
    assert putuo.groups[0] == "(一) 深化“一轴一园一中心”科技创新布局"
    assert putuo.groups[-1] == "(三十四) 牢牢守住城市运行安全底线"
    for no, (first, last) in SECTION_SPANS.items():
        assert [int(t.number) for t in putuo if t.section_number == no] == list(
            range(first, last + 1)
        )
    assert putuo.sections[4] == ("五", "坚持文化兴区，提升文化建设新高度")


def test_putuo_departments(putuo):
    assert putuo["3"].departments == ("区科委", "区金融办", "苏河水岸经济发展带管委办")
    assert putuo[97].departments == ("区建管委", "区生态环境局", "区规划资源局", "区绿化市容局")
    # 牵头单位 split by a page break in the seed ("区绿化" / "市容局"), rejoined
    assert putuo["59"].departments == ("桃浦智创城管委办", "区建管委", "区绿化市容局")
    assert putuo["35"].departments == ("区城运中心（区网格中心）",)
    assert putuo["27"].departments == ("长征镇", "桃浦镇")
    depts = putuo.by_department()
    assert [t.number for t in depts["区应急局"]] == ["109", "110"]
    assert [t.number for t in depts["区委政法委"]] == ["112"]
    assert [t.number for t in depts["区体育局"]] == ["66"]
    assert depts["区应急局"].sections == (("八", "坚持治理提效，健全治理新体系"),)


def test_putuo_groups_and_text(putuo):
    assert putuo["2"].group == putuo["1"].group == "(一) 深化“一轴一园一中心”科技创新布局"
    assert putuo["22"].group == "（八）打造高水平营商环境"  # first task of section 三
    assert putuo["93"].group == "(二十九) 强化多层次社会保障"
    assert putuo["33"].group == "（十二）推进城区数字化转型"
    assert putuo["40"].section == "坚持循环畅通，主动服务新发展格局"
    assert putuo["1"].headline == "深入推进武宁轴协同创新。"
    assert "为重点，引进和培育海内外高层次" in putuo["9"].text
    assert putuo["62"].text == "争创全国文明城区。"


def test_putuo_nothing_returned(putuo):
    assert not any(t.returned for t in putuo)
    assert putuo.counts() == {"A": 0, "B": 0, "C": 0, "D": 0, "not_returned": 112}
    missing = putuo.missing_frame()
    assert len(missing) == sum(len(t.departments) for t in putuo)
    assert missing[missing["department"] == "区应急局"]["number"].tolist() == ["109", "110"]
    frame = putuo.to_frame()
    assert len(frame) == 112 and frame["conclusion"].isna().all()
    assert (
        frame.loc[frame["number"] == "3", "departments"].item()
        == "区科委、区金融办、苏河水岸经济发展带管委办"
    )
    assert "争创全国文明城区" in putuo._repr_html_()


def test_summary_in_each_language(putuo):
    # 112 tasks, 8 sections (SECTION_SPANS), 40 lead departments counted from the table, none returned
    n_depts = len({d for t in putuo for d in t.departments})
    assert n_depts == 40
    assert putuo.summary() == (
        "112项，分8个部分，牵头单位40个；A类0项，B类0项，C类0项，D类0项，未报送112项"
    )
    assert putuo.summary("en") == (
        "112 tasks in 8 sections, 40 lead departments; A 0, B 0, C 0, D 0, not returned 112"
    )


def test_immutable(putuo):
    with pytest.raises(dataclasses.FrozenInstanceError):
        putuo.name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        putuo["1"].conclusion = "A"  # type: ignore[misc]
    with pytest.raises(TypeError):
        putuo.by_department()["区科委"] = putuo  # type: ignore[index]
    with pytest.raises(KeyError, match="113"):
        putuo["113"]


def test_gb18030_csv_and_xlsx_with_merged_cells(putuo, tmp_path):
    df = pd.read_csv(TASKS, dtype=str, keep_default_na=False)
    gbk = tmp_path / "tasks_gbk.csv"
    df.to_csv(gbk, index=False, encoding="gb18030")
    assert _same(read_tasks(gbk), putuo)

    # As an official's workbook: a title row, 项目 as merged cells spanning each group.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["区“十四五”规划纲要主要任务中期评估分工表"])
    ws.append(list(df.columns))
    start = None
    for i, rec in enumerate(df.itertuples(index=False)):
        r = i + 3
        ws.append(list(rec))
        if rec[1] and not rec[0].isdigit():
            start = None
        elif rec[1]:
            start = r
        if start is not None and r > start:
            ws.cell(row=r, column=2, value=None)
            nxt = df.iloc[i + 1] if i + 1 < len(df) else None
            if nxt is None or nxt.iloc[1] or not nxt.iloc[0].isdigit():
                ws.merge_cells(start_row=start, start_column=2, end_row=r, end_column=2)
    xlsx = tmp_path / "tasks.xlsx"
    wb.save(xlsx)
    merged = {str(m) for m in openpyxl.load_workbook(xlsx).active.merged_cells.ranges}
    assert "B4:B6" in merged and len(merged) >= 25  # (一) over tasks 1-3, and most other groups
    assert _same(read_tasks(xlsx), putuo)


def test_merged_department_cells_are_filled(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目", "主要内容", "牵头单位"])
    ws.append(["1", "(一) 合成组", "合成任务甲。", "甲局"])  # SYNTHETIC
    ws.append(["2", None, "合成任务乙。", None])
    ws.merge_cells("D2:D3")
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    tasks = read_tasks(path)
    assert tasks["2"].departments == ("甲局",) and tasks["2"].group == "(一) 合成组"


@pytest.mark.parametrize("text, letter", [
    ("A", "A"), ("b", "B"), ("Ｃ", "C"), ("D类", "D"), ("B、进展良好、可以如期完成的", "B"),
    ("B类（进展良好、可以如期完成）", "B"), ("A 进展超前、可以提前完成", "A"),
    ("情况变化、难以完成的", "D"), ("进展较慢", "C"),
])  # fmt: skip
def test_parse_conclusion(text, letter):
    assert parse_conclusion(text) == letter


@pytest.mark.parametrize("text", ["E", "良好", "A、进展良好、可以如期完成的", "AB", ""])
def test_parse_conclusion_rejects(text):
    with pytest.raises(ValueError):
        parse_conclusion(text)


def _synthetic_returns() -> pd.DataFrame:
    """A SYNTHETIC task table with returned entries (invented text)."""
    return pd.DataFrame(
        [
            ["一", "合成篇章一", None, None, None, None, None, None, None],
            ["1", "(一) 合成组甲", "合成任务一。说明。", "甲局、乙局", "已完成主体工程", "A、进展超前、可以提前完成的", "完成", None, None],
            ["2", None, "合成任务二。", "甲局", "推进中", "C", "基本完成", "资金未到位", None],
            ["二", "合成篇章二", None, None, None, None, None, None, None],
            ["3", "(二) 合成组乙", "合成任务三。", "乙局", "停滞", "D", "无法完成", "政策变化", "建议调整为研究论证"],
            ["4", None, "合成任务四。", "丙局", None, None, None, None, None],
        ],
        columns=["序号", "项目", "主要内容", "牵头单位", "推进情况", "评估结论", "预计到规划期末完成数",
                 "原因说明", "调整意见"],
    )  # fmt: skip


def test_returned_entries_from_frame():
    tasks = read_tasks(_synthetic_returns(), name="合成规划纲要")
    assert tasks.counts() == {"A": 1, "B": 0, "C": 1, "D": 1, "not_returned": 1}
    assert tasks["1"].conclusion == "A" and tasks["1"].departments == ("甲局", "乙局")
    assert tasks["2"].group == "(一) 合成组甲" and tasks["2"].reason == "资金未到位"
    assert tasks["3"].adjustment == "建议调整为研究论证" and tasks["3"].section == "合成篇章二"
    assert tasks["4"].group == "(二) 合成组乙" and not tasks["4"].returned
    missing = tasks.missing_frame()
    assert missing[["department", "number"]].values.tolist() == [["丙局", "4"]]
    assert list(tasks.by_department()) == ["甲局", "乙局", "丙局"]


def test_synthetic_malformed_reports_every_problem():
    """A SYNTHETIC malformed table: every problem comes back in one PlanError, with row and column."""
    bad = pd.DataFrame(
        [
            ["一", "合成篇章", None, None, None, None, None],
            ["1", "(一) 合成组", "合成任务一。", "甲局", "进行中", "E", None],          # row 3: bad conclusion
            ["2", None, "合成任务二。", "甲局", "滞后", "C", None],                     # row 4: C without reason
            ["3", None, "合成任务三。", "乙局", "停滞", "D", "资金不足"],               # row 5: D without 调整意见 column
            ["3", None, "合成任务四。", None, None, None, None],                        # row 6: duplicate 序号, no 牵头单位
            [None, None, "被分页拆开的续行。", None, None, None, None],                 # row 7: no 序号
            ["5", None, "合成任务五。", "甲局、、乙局", "已开工", None, None],           # row 8: stray 、, no conclusion
            ["6", None, None, "丙局", None, None, None],                                # row 9: no text
        ],
        columns=["序号", "项目", "主要内容", "牵头单位", "推进情况", "评估结论", "原因"],
    )  # fmt: skip
    with pytest.raises(PlanError) as info:
        read_tasks(bad)
    found = {(p.row, p.column) for p in info.value.report}
    assert found == {
        (3, "评估结论"), (4, "原因"), (5, "adjustment"), (6, "序号"), (6, "牵头单位"), (7, "序号"),
        (8, "牵头单位"), (8, "评估结论"), (9, "主要内容"),
    }  # fmt: skip
    frame = info.value.report.to_frame()
    assert frame.loc[frame["row"] == 3, "value"].item() == "E"
    assert (
        "already used in row 5"
        in frame.loc[(frame["row"] == 6) & (frame["column"] == "序号"), "expected"].item()
    )
    assert "no 调整意见 column" in frame.loc[frame["row"] == 5, "expected"].item()


def test_missing_header_column(tmp_path):
    path = tmp_path / "no_dept.csv"
    path.write_text("序号,项目,主要内容\n1,(一) 合成,合成任务。\n", encoding="utf-8")  # SYNTHETIC
    with pytest.raises(PlanError) as info:
        read_tasks(path)
    assert "牵头单位" in str(info.value)
