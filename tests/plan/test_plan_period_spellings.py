"""The plan period from any plan's header or name, never silently 2021–2025.

SYNTHETIC one-row tables. Reference: the published sequence of Five-Year Plans (the 13th is
2016–2020, the 15th 2026–2030)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from indicator_forecast import read_plan
from indicator_forecast.exceptions import PlanPeriodWarning


def _table(tmp_path: Path, target_head: str, base_head: str = "基期值") -> Path:
    path = tmp_path / "synthetic_plan.csv"
    path.write_text(f"类别,序号,指标,单位,{target_head},责任部门,指标属性,{base_head}\n"
                    "合成类别,1,合成比重,%,45,合成局,预期性,40\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("head", "name", "years"), [
    ("目标值 2026-2030 年", None, (2025, 2030)),
    ("“十五五”规划目标", None, (2025, 2030)),
    ("十三五规划目标", None, (2015, 2020)),
    ("“十四五”规划目标", None, (2020, 2025)),
    ("目标值", "合成区“十五五”规划纲要主要指标", (2025, 2030)),
])
def test_the_period_is_read_not_assumed(tmp_path, head, name, years):
    with warnings.catch_warnings():
        warnings.simplefilter("error", PlanPeriodWarning)
        plan = read_plan(_table(tmp_path, head), name=name)
    assert (plan.base_year, plan.target_year) == years
    assert plan.indicators[0].target.target_year == years[1]
    assert not plan.notes


def test_a_target_year_alone_assumes_five_years_and_says_so(tmp_path):
    with pytest.warns(PlanPeriodWarning, match="只注明目标年（2030年）"):
        plan = read_plan(_table(tmp_path, "2030年目标", "2025年基数"))
    assert (plan.base_year, plan.target_year) == (2025, 2030)
    assert plan.indicators[0].baseline == 40
    assert any("2026—2030年" in n for n in plan.notes)


def test_no_period_anywhere_is_said_not_silent(tmp_path):
    with pytest.warns(PlanPeriodWarning, match="未注明规划期"):
        plan = read_plan(_table(tmp_path, "目标值"))
    assert (plan.base_year, plan.target_year) == (2020, 2025)
    assert any("plan.json" in n for n in plan.notes)
    with warnings.catch_warnings():
        warnings.simplefilter("error", PlanPeriodWarning)
        given = read_plan(_table(tmp_path, "目标值"), base_year=2025, target_year=2030)
    assert (given.base_year, given.target_year) == (2025, 2030) and not given.notes
