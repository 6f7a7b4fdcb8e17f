"""read_plan on the shipped plans, the same table as .xlsx and GBK CSV, and malformed tables."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicator_forecast.exceptions import InputError, PlanError, ProblemReport
from indicator_forecast.plan import Plan, read_plan
from indicator_forecast.plan.targets import CompositeTarget

DATA = Path(__file__).resolve().parents[2] / "data"
PUTUO = DATA / "putuo-14th" / "plan.csv"
NATIONAL = DATA / "national-14th" / "plan.csv"

# From DOMAIN.md's table of the 25 indicators (附件2).
PUTUO_KINDS = {
    "1": "parent_synced",
    "2": "annual_rate",
    **{
        i: "cumulative_total"
        for i in ("3", "6", "7", "10", "11", "12", "13", "15", "16", "21", "23")
    },
    "4": "composite",
    **{i: "end_level" for i in ("5", "8", "14", "20")},
    "17": "floor",
    "22": "floor",
    "24": "ceiling",
    "19": "band",
    "25": "band",
    "9": "parent_assigned",
    "18": "parent_assigned",
}
# 约束性 per the seed's 指标属性 column: 9, 11, 12, 19, 20, 22, 24.
PUTUO_BINDING = {"9", "11", "12", "19", "20", "22", "24"}


@pytest.fixture(scope="module")
def putuo() -> Plan:
    return read_plan(PUTUO)


def test_putuo_kinds(putuo):
    assert len(putuo) == 25
    assert len(PUTUO_KINDS) == 25
    assert [ind.id for ind in putuo] == [str(i) for i in range(1, 26)]
    assert {ind.id: ind.kind for ind in putuo} == PUTUO_KINDS
    assert {ind.id for ind in putuo if ind.binding} == PUTUO_BINDING
    assert (putuo.base_year, putuo.target_year) == (2020, 2025)  # from "目标值 2021-2025 年"


def test_putuo_numbers(putuo):
    assert (putuo["3"].target.low, putuo["3"].target.high) == (1400.0, 1400.0)
    assert (putuo["7"].target.low, putuo["7"].target.high) == (10.0, 20.0)
    assert putuo["23"].target.implied is True and putuo["23"].unit == "条(段)"
    assert putuo["24"].direction == "lower" and putuo["24"].target.high == 0.01
    assert putuo["18"].direction == "lower"
    assert putuo["19"].target.tolerance == pytest.approx(1.7)  # 2 % of 85


def test_putuo_composite(putuo):
    whole = putuo["4"]
    assert isinstance(whole.target, CompositeTarget)
    assert [p.id for p in whole.parts] == ["4.1", "4.2", "4.3", "4.4"]
    assert [p.name for p in whole.parts] == ["智能软件", "研发服务", "科技金融", "生命健康"]
    assert [p.target.low for p in whole.parts] == [12.0, 8.0, 12.0, 8.0]
    assert [p.departments for p in whole.parts] == [
        ("区科委",),
        ("区科委",),
        ("区金融办",),
        ("区商务委",),
    ]
    assert all(p.parent_id == "4" for p in whole.parts)
    assert whole.target.parts_sum == 40.0
    assert putuo.notes == ()  # 12 + 8 + 12 + 8 = 40: nothing to remark
    assert putuo["4.3"].name == "科技金融"
    # parts come right after their whole in the flat view
    ids = [i.id for i in putuo.all_indicators()]
    assert ids[3:9] == ["4", "4.1", "4.2", "4.3", "4.4", "5"]
    assert len(ids) == 29


def test_putuo_departments_and_categories(putuo):
    assert putuo["10"].departments == ("区商务委", "区投促办")
    assert putuo["20"].departments == ("区建管委", "区生态环境局")
    assert putuo["4"].departments == ("区科委", "区金融办", "区商务委")
    assert putuo["2"].category == "高质量发展"
    assert putuo["10"].category == "高质量发展"
    assert putuo["11"].category == "高品质生活"
    assert putuo["18"].category == "高品质生活"
    assert putuo["19"].category == "高效能治理"
    assert putuo["25"].category == "高效能治理"
    assert putuo["4.2"].category == "高质量发展"


def test_putuo_rows(putuo):
    # header = row 1; indicator 1 on row 2; the composite's four parts take rows 6-9.
    assert putuo["1"].row == 2
    assert putuo["4.1"].row == 6
    assert putuo["5"].row == 10
    assert putuo["25"].row == 30  # 25 indicators + 4 parts + header


def _rows_of(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _write_xlsx(rows: list[list[str]], path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["区“十四五”规划纲要主要指标中期评估分工表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
    ws.append(rows[0])
    for r in rows[1:]:
        out = []
        for j, v in enumerate(r):
            if j in (1, 4) and v.replace(".", "", 1).isdigit():
                out.append(float(v) if "." in v else int(v))  # numbers typed as numbers
            else:
                out.append(v or None)
        ws.append(out)
    # merge each category over its block: the category cell and the blank cells below it
    first_data = 3
    starts = [i for i, r in enumerate(rows[1:]) if r[0]] + [len(rows) - 1]
    for a, b in zip(starts, starts[1:], strict=False):  # consecutive pairs
        ws.merge_cells(
            start_row=first_data + a, start_column=1, end_row=first_data + b - 1, end_column=1
        )
    wb.save(path)


def test_xlsx_with_title_and_merged_cells(putuo, tmp_path):
    rows = _rows_of(PUTUO)
    path = tmp_path / "plan.xlsx"
    _write_xlsx(rows, path)
    # check the fixture really has the merged layout
    ws = openpyxl.load_workbook(path).active
    assert {str(r) for r in ws.merged_cells.ranges} == {"A1:G1", "A3:A16", "A17:A24", "A25:A31"}
    plan = read_plan(path)
    pd.testing.assert_frame_equal(plan.to_frame(), putuo.to_frame())
    assert plan["1"].row == 3  # one title row above the header
    assert plan["19"].category == "高效能治理"


def test_gbk_csv(putuo, tmp_path):
    path = tmp_path / "plan_gbk.csv"
    path.write_bytes(PUTUO.read_text(encoding="utf-8-sig").encode("gbk"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")  # it really is not UTF-8
    plan = read_plan(path)
    pd.testing.assert_frame_equal(plan.to_frame(), putuo.to_frame())
    assert [i.row for i in plan.all_indicators()] == [i.row for i in putuo.all_indicators()]


def test_national_plan():
    plan = read_plan(NATIONAL)
    assert len(plan) == 20
    expected = {
        "1": "parent_assigned",  # 保持在合理区间、各年度视情提出: set year by year
        "2": "relative_to_indicator", "3": "end_level", "4": "annual_rate", "5": "end_level",
        "6": "end_level", "7": "relative_to_indicator", "8": "ceiling", "9": "end_level",
        "10": "end_level", "11": "end_level", "12": "end_level", "13": "cumulative_change",
        "14": "cumulative_change", "15": "cumulative_change", "16": "end_level", "17": "end_level",
        "18": "end_level", "19": "floor", "20": "floor",
    }
    assert {i.id: i.kind for i in plan} == expected
    assert plan["2"].target.relation == "above" and plan["2"].target.reference == "GDP增长"
    assert plan["7"].target.relation == "in_step"
    assert (plan["4"].target.low, plan["4"].target.high) == (7.0, None)
    assert plan["4"].target.aspiration.startswith("力争")
    assert plan["8"].direction == "lower" and plan["8"].target.high == 5.5
    assert plan["13"].target.change == "increase" and plan["13"].target.low == 1.0
    assert plan["14"].target.change == "reduction" and plan["14"].target.low == 13.5
    assert plan["15"].target.low == 18.0
    assert plan["19"].target.low == 6.5 and plan["20"].target.low == 46.0
    assert plan["3"].baseline == 63.89
    assert plan["14"].baseline is None
    assert {i.id for i in plan if i.binding} == {"9", "14", "15", "16", "17", "18", "19", "20"}


# ---------------------------------------------------------------- malformed (synthetic) plans


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


WRONG_HEADER = [
    ["类别", "编码", "指标", "计量", "目标值", "责任部门", "性质"],
    ["合成类", "1", "合成指标甲", "%", "3-5", "区财政局", "预期性"],
]


def test_wrong_headers_name_missing_columns(tmp_path):
    path = _write_csv(tmp_path / "synthetic_bad_header.csv", WRONG_HEADER)
    with pytest.raises(InputError) as info:
        read_plan(path)
    err = info.value
    assert isinstance(err.report, ProblemReport)
    msg = str(err)
    # 序号 (id), 单位 (unit) and 指标属性 (attribute) are missing; the rest are found.
    for col in ("'id'", "序号", "'unit'", "单位", "'attribute'", "指标属性"):
        assert col in msg
    assert "'target'" not in msg and "'name'" not in msg
    assert len(err.report) == 3
    assert set(err.report.to_frame()["row"]) == {1}


def test_wrong_headers_raise_plan_error(tmp_path):
    path = _write_csv(tmp_path / "synthetic_bad_header.csv", WRONG_HEADER)
    with pytest.raises(InputError) as info:
        read_plan(path)
    assert isinstance(info.value, PlanError)


def test_missing_column_entirely(tmp_path):
    rows = [[c for j, c in enumerate(r) if j != 3] for r in _rows_of(PUTUO)[:4]]  # drop 单位
    path = _write_csv(tmp_path / "synthetic_no_unit.csv", rows)
    with pytest.raises(InputError, match="单位") as info:
        read_plan(path)
    assert len(info.value.report) == 1


MANY_PROBLEMS = [
    ["类别", "序号", "指标", "单位", "目标值", "责任部门", "指标属性"],  # row 1
    ["合成类", "1", "合成指标甲", "%", "3-5", "区财政局", "预期性"],  # row 2: fine
    ["", "2", "合成指标乙", "个", "abc", "区科委", "预期性"],  # row 3: target
    ["", "2", "合成指标丙", "个", "10", "区科委", "预期性"],  # row 4: duplicate 序号
    ["", "3", "合成指标丁", "", "10", "区科委", "预期性"],  # row 5: empty unit
    ["", "4", "合成指标戊", "个", "10", "区科委,,区金融办", "约束性"],  # row 6: departments
    ["", "5", "合成指标己", "个", "10", "、区科委", "预期性"],  # row 7: departments
    ["", "6", "合成指标庚", "个", "10", "区科委", "可选性"],  # row 8: attribute
    ["", "7", "合成指标辛", "个", "累计 10-20", "区科委 区金融办", "预期性"],  # row 9: fine
]
EXPECTED_PROBLEMS = {
    (3, "目标值", "abc"),
    (4, "序号", "2"),
    (5, "单位", ""),
    (6, "责任部门", "区科委,,区金融办"),
    (7, "责任部门", "、区科委"),
    (8, "指标属性", "可选性"),
}


def test_every_problem_in_one_error(tmp_path):
    path = _write_csv(tmp_path / "synthetic_many_problems.csv", MANY_PROBLEMS)
    with pytest.raises(PlanError) as info:
        read_plan(path)
    err = info.value
    frame = err.report.to_frame()
    assert list(frame.columns) == ["source", "row", "column", "value", "expected"]
    got = {
        (int(r), c, v)
        for r, c, v in zip(frame["row"], frame["column"], frame["value"], strict=True)
    }
    assert got == EXPECTED_PROBLEMS
    assert len(err.report) == 6
    assert set(frame["source"]) == {"synthetic_many_problems.csv"}
    # the duplicate names the row that first used the 序号
    dup = frame[frame["row"] == 4]["expected"].iloc[0]
    assert "row 3" in dup
    # the message alone explains every problem, no traceback needed
    msg = str(err)
    assert "Traceback" not in msg and 'File "' not in msg
    assert "6 problem(s)" in msg
    for row, col, value in EXPECTED_PROBLEMS:
        assert f"row {row}, column {col!r}" in msg
        if value:
            assert repr(value) in msg


def test_problem_column_as_written(tmp_path):
    rows = [list(r) for r in MANY_PROBLEMS[:3]]
    rows[0][4] = "目标值 2021-2025 年"
    path = _write_csv(tmp_path / "synthetic_spaced_header.csv", rows)
    with pytest.raises(PlanError) as info:
        read_plan(path)
    assert list(info.value.report.to_frame()["column"]) == ["目标值 2021-2025 年"]


def test_stray_part_row_is_reported(tmp_path):
    rows = [MANY_PROBLEMS[0], MANY_PROBLEMS[1], ["", "", "", "", "", "区科委", ""]]
    path = _write_csv(tmp_path / "synthetic_stray.csv", rows)
    with pytest.raises(PlanError) as info:
        read_plan(path)
    frame = info.value.report.to_frame()
    assert list(frame["row"]) == [3] and list(frame["column"]) == ["序号"]


def test_band_tolerance_option(tmp_path):
    plan = read_plan(PUTUO, band_tolerance=2.5)
    assert plan["19"].target.tolerance == 2.5
    assert plan["19"].target.band_low == 82.5  # 85 − 2.5


def test_header_repeated_on_a_new_page(putuo, tmp_path):
    # The seed's 附件2 repeats its header before indicator 17 (a page break).
    rows = _rows_of(PUTUO)
    at = next(i for i, r in enumerate(rows) if r[1] == "17")
    path = _write_csv(tmp_path / "synthetic_two_pages.csv", rows[:at] + [rows[0]] + rows[at:])
    plan = read_plan(path)
    pd.testing.assert_frame_equal(plan.to_frame(), putuo.to_frame())
    assert plan["17"].row == putuo["17"].row + 1


def test_parts_not_adding_up_is_a_note(tmp_path):
    rows = [
        ["类别", "序号", "指标", "单位", "目标值 2021-2025 年", "责任部门", "指标属性"],
        ["合成类", "1", "合成占比", "%", "40", "甲局、乙局", "预期性"],
        ["", "", "部分一", "%", "12", "甲局", ""],
        ["", "", "部分二", "%", "8%", "", ""],
    ]
    plan = read_plan(_write_csv(tmp_path / "synthetic_parts.csv", rows))
    whole = plan["1"]
    assert whole.kind == "composite"
    assert [(p.id, p.target.low) for p in whole.parts] == [("1.1", 12.0), ("1.2", 8.0)]
    assert plan["1.2"].departments == (
        "甲局",
        "乙局",
    )  # a part without departments takes the whole's
    # 12 + 8 = 20, not 40
    assert len(plan.notes) == 1 and "20" in plan.notes[0] and "40" in plan.notes[0]


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("区科委、区金融办", ("区科委", "区金融办")),
        ("区科委,区金融办", ("区科委", "区金融办")),
        ("区科委；区金融办/区商务委", ("区科委", "区金融办", "区商务委")),
        ("区科委  区金融办", ("区科委", "区金融办")),
    ],
)
def test_department_separators(tmp_path, cell, expected):
    rows = [MANY_PROBLEMS[0], ["合成类", "1", "合成指标", "个", "10", cell, "预期性"]]
    plan = read_plan(_write_csv(tmp_path / "synthetic_depts.csv", rows))
    assert plan["1"].departments == expected


def test_part_under_a_non_level_target_is_reported(tmp_path):
    rows = [MANY_PROBLEMS[0], ["合成类", "1", "合成指标", "个", "累计 10", "甲局", "预期性"],
            ["", "", "部分一", "个", "4", "", ""]]
    with pytest.raises(PlanError) as info:
        read_plan(_write_csv(tmp_path / "synthetic_bad_part.csv", rows))
    assert list(info.value.report.to_frame()["row"]) == [3]
