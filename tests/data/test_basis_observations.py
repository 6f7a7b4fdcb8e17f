"""The statistical basis (统计口径) column of observations, on SYNTHETIC tables: read under its
aliases, carried in records, an overlap year allowed, bad input refused row by row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from indicator_forecast.data import read_observations
from indicator_forecast.exceptions import DataError
from indicator_forecast.plan import read_plan

PLAN = (
    "类别,序号,指标,单位,目标值 2021-2025 年,责任部门,指标属性,基期值\n"
    "合成类别,1,合成城镇化率,%,22,合成部门,预期性,16\n"
    "合成类别,2,合成产值,亿元,200,合成部门,预期性,100\n"
)


@pytest.fixture
def plan(tmp_path: Path):
    p = tmp_path / "synthetic_plan.csv"
    p.write_text(PLAN, encoding="utf-8")
    return read_plan(p)


def _csv(tmp_path: Path, header: list[str], rows: list[list[object]]) -> Path:
    path = tmp_path / "synthetic_observations.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path


HEAD = ["indicator_id", "period", "value", "unit", "measure"]


@pytest.mark.parametrize("name", ["basis", "统计口径", "数据口径"])
def test_the_basis_is_read_under_its_names_and_carried_in_records(tmp_path, plan, name):
    path = _csv(tmp_path, [*HEAD, name], [
        ["1", "2019", 13, "%", "level", "合成旧口径"],
        ["1", "2020", 16, "%", "level", ""],
    ])
    obs = read_observations(path, plan)
    assert obs.to_frame()["basis"].tolist() == ["合成旧口径", ""]
    assert [r.basis for r in obs.records("1")] == ["合成旧口径", ""]


def test_without_a_basis_column_every_figure_is_on_the_one_basis(tmp_path, plan):
    path = _csv(tmp_path, HEAD, [["1", "2020", 16, "%", "level"]])
    obs = read_observations(path, plan)
    assert obs.to_frame()["basis"].tolist() == [""]
    assert obs.records("1")[0].basis == ""


def test_the_measure_keeps_its_header_kou_jing(tmp_path, plan):
    # 口径 alone has long named the measure column; the basis takes the longer names only.
    path = _csv(tmp_path, ["indicator_id", "period", "value", "unit", "口径", "统计口径"], [
        ["1", "2020", 16, "%", "水平值", "合成新口径"],
    ])
    rec = read_observations(path, plan).records("1")[0]
    assert (rec.measure, rec.basis) == ("level", "合成新口径")


def test_an_overlap_year_on_both_bases_is_allowed(tmp_path, plan):
    path = _csv(tmp_path, [*HEAD, "basis"], [
        ["1", "2019", 13, "%", "level", "合成旧口径"],
        ["1", "2020", 14, "%", "level", "合成旧口径"],
        ["1", "2020", 16, "%", "level", "合成新口径"],
        ["1", "2021", 17, "%", "level", "合成新口径"],
    ])
    obs = read_observations(path, plan)
    assert [(r.year, r.basis) for r in obs.records("1")] == [
        (2019, "合成旧口径"), (2020, "合成旧口径"), (2020, "合成新口径"), (2021, "合成新口径"),
    ]


def test_the_same_period_twice_on_one_basis_is_refused_naming_the_row(tmp_path, plan):
    path = _csv(tmp_path, [*HEAD, "basis"], [
        ["1", "2020", 16, "%", "level", "合成新口径"],
        ["1", "2020", 16.5, "%", "level", "合成新口径"],
    ])
    with pytest.raises(DataError) as info:
        read_observations(path, plan)
    (p,) = info.value.report.problems
    assert p.row == 3 and "basis" in p.expected and "row 2" in p.expected


def test_a_basis_that_resumes_after_a_later_one_is_refused_every_row_in_one_run(tmp_path, plan):
    path = _csv(tmp_path, [*HEAD, "统计口径"], [
        ["1", "2018", 12, "%", "level", "合成旧口径"],   # row 2
        ["1", "2019", 16, "%", "level", "合成新口径"],   # row 3
        ["1", "2020", 14, "%", "level", "合成旧口径"],   # row 4: both bases published
        ["1", "2021", 17, "%", "level", "合成新口径"],   # row 5
        ["1", "2022", 15, "%", "level", "合成旧口径"],   # row 6: old after the new ended
        ["2", "2020", 100, "亿元", "level", "合成甲"],   # row 7
        ["2", "2020", 101, "亿元", "level", "合成乙"],   # row 8: two bases from one year
        ["1", "2023", "x", "%", "level", ""],           # row 9: not a number
    ])
    with pytest.raises(DataError) as info:
        read_observations(path, plan)
    rows = sorted(p.row for p in info.value.report.problems)
    assert rows == [6, 8, 9]
    by_row = {p.row: p for p in info.value.report.problems}
    assert by_row[6].column == "统计口径" and "2022" in by_row[6].expected
    assert "统计口径须连续" in by_row[6].expected
    assert "both begin with 2020" in by_row[8].expected and by_row[8].value == "合成乙"


def test_a_basis_is_checked_per_measure_role_and_series(tmp_path, plan):
    # a related series on another basis does not interleave with the indicator's own
    path = _csv(tmp_path, [*HEAD, "role", "series", "basis"], [
        ["1", "2019", 13, "%", "level", "actual", "", "合成旧口径"],
        ["1", "2020", 16, "%", "level", "actual", "", ""],
        ["1", "2021", 5, "%", "level", "actual", "合成相关序列", "合成旧口径"],
        ["1", "2021", 17, "%", "level", "annual_target", "", "合成旧口径"],
    ])
    assert len(read_observations(path, plan)) == 4
