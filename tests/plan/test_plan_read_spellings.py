"""A plan table written with other plans' spellings reads as it stands (synthetic table)."""

from __future__ import annotations

import pytest

from indicator_forecast.exceptions import PlanError
from indicator_forecast.plan import read_plan

HEADER = "序号,指标,单位,目标值,指标属性,方向\n"


def test_a_table_of_other_spellings_reads(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        HEADER
        + "1,地区生产总值增长,%,6.5%左右,预期性,\n"
        + "2,城镇新增就业人数,人,累计新增5万,预期性,\n"
        + "3,PM2.5年均浓度,微克/立方米,持续下降,约束性,\n"
        + "4,研发经费投入强度,%,\"2.5左右，力争3\",预期性,\n"
        + "5,单位生产总值能耗降低率,%,【确保完成市下达任务】,约束性,\n"
        # the 方向 column overrides the name's lower-is-better rule (死亡率)
        + "6,单位生产总值生产安全事故死亡率,人/亿元,0.01,约束性,越高越好\n",
        encoding="utf-8",
    )
    plan = read_plan(p)
    got = {i.id: (i.kind, i.target.low, i.direction) for i in plan}
    assert got == {
        "1": ("annual_rate", 6.5, "higher"),
        "2": ("cumulative_total", 50000.0, "higher"),
        "3": ("direction", None, "lower"),
        "4": ("band", 2.5, "higher"),
        "5": ("parent_assigned", None, "higher"),
        "6": ("end_level", 0.01, "higher"),
    }
    assert plan["4"].target.aspiration_value == 3.0


def test_every_unreadable_target_is_listed_with_its_row_and_the_forms(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        HEADER
        + "1,关键核心技术,项,取得重大突破,预期性,\n"
        + "2,常住人口城镇化率,%,65,预期性,\n"
        + "3,常住人口城镇化率提高,%,提高5%,预期性,\n"
        # a floor with 越低越好 contradicts itself
        + "4,居民平均预期寿命,岁,>84,预期性,越低越好\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as info:
        read_plan(p)
    problems = list(info.value.report)
    assert [(q.row, q.column) for q in problems] == [(2, "目标值"), (4, "目标值"), (5, "目标值")]
    assert "持续下降" in problems[0].expected  # the accepted forms are listed
    assert "个百分点" in problems[1].expected  # the way out of the ambiguity
    assert "方向" in problems[2].expected


def test_a_growth_reference_written_as_zengsu_finds_the_economic_growth_indicator(tmp_path):
    # HF25's "快于经济增速" (see test_spellings.SOURCES) in a synthetic two-row table: the
    # reference is the economic growth indicator, named 地区生产总值增长 in the table
    from indicator_forecast.plan.targets.relative import find_reference

    p = tmp_path / "plan.csv"
    p.write_text(
        HEADER
        + "1,地区生产总值增速,%,6左右,预期性,\n"
        + "2,居民人均可支配收入增长,%,快于经济增速,预期性,\n"
        + "3,全员劳动生产率增长,%,高于GDP增长,预期性,\n",
        encoding="utf-8",
    )
    plan = read_plan(p)
    assert plan["2"].target.reference == "经济增速"
    # 经济增速 → 经济增长 → GDP增长 → 地区生产总值增长, and 增速 in the name reads as 增长
    assert find_reference(plan, plan["2"], plan["2"].target.reference) is plan["1"]
    assert find_reference(plan, plan["3"], plan["3"].target.reference) is plan["1"]
    # never its own reference, and no match is None, not a guess
    assert find_reference(plan, plan["1"], "地区生产总值增长") is None
    assert find_reference(plan, plan["2"], "进出口增速") is None
