"""A quantity that only rises is not projected below its latest figure, and float dust does not
make a central projection "fall short" of a target it equals.

Synthetic plans and figures (named synthetic); the reference values are the figures typed here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import indicator_forecast as inf

PLAN = """类别,序号,指标,单位,目标值 2021-2025 年,指标属性,基期值
合成,1,{name},%,{target},预期性,63.89
"""

# A rise, a stall and a rise: wide enough that the lower 95 % bound of 2025 would fall below
# the latest figure without the floor.
FIGURES = [(2020, 63.89), (2021, 64.72), (2022, 65.22)]


def _evaluate(tmp_path: Path, name: str, target: str) -> inf.IndicatorResult:
    (tmp_path / "plan.csv").write_text(PLAN.format(name=name, target=target), encoding="utf-8")
    plan = inf.read_plan(tmp_path / "plan.csv")
    obs = pd.DataFrame(
        {"indicator_id": "1", "period": [str(y) for y, _ in FIGURES],
         "value": [str(v) for _, v in FIGURES], "unit": "%"}
    )
    return inf.evaluate(plan, inf.read_observations(obs, plan), as_of="2023-06-30")["1"]


def test_a_quantity_that_only_rises_stays_above_its_latest_figure(tmp_path: Path) -> None:
    free = _evaluate(tmp_path, "合成比率", "65")
    assert free.outlook is not None and min(row[4] for row in free.outlook.path) < 65.22
    assert free.outlook.floor is None

    rises = _evaluate(tmp_path, "常住人口城镇化率", "65")
    o = rises.outlook
    assert o is not None
    assert o.floor == (2022, 65.22)
    assert o.lo >= 65.22 and all(min(row[2:]) >= 65.22 for row in o.path)
    assert o.p_meet == 1.0  # the target (65) is below the latest figure, which is not undone
    assert o.quantile(0.5) == pytest.approx(free.outlook.quantile(0.5))
    assert "预测值及区间下限不低于2022年的65.22%" in rises.reason()
    assert "nor its intervals go below the 2022 figure of 65.22%" in rises.reason(lang="en")


def test_above_the_floor_the_projection_is_unchanged(tmp_path: Path) -> None:
    free = _evaluate(tmp_path, "合成比率", "70")
    rises = _evaluate(tmp_path, "常住人口城镇化率", "70")
    assert free.outlook is not None and rises.outlook is not None
    assert rises.outlook.p_meet == pytest.approx(free.outlook.p_meet)
    assert rises.outlook.hi == pytest.approx(free.outlook.hi)


def test_a_central_projection_equal_to_the_target_is_not_below_it(tmp_path: Path) -> None:
    # 10.8, 10.9: drift 0.1 a year, four years to 2025: 10.9 + 4 x 0.1 = 11.3 in exact
    # arithmetic, 11.299999999999999 in floats.
    (tmp_path / "plan.csv").write_text(
        "类别,序号,指标,单位,目标值 2021-2025 年,指标属性,基期值\n"
        "合成,1,合成受教育年限,年,11.3,约束性,10.8\n", encoding="utf-8")
    plan = inf.read_plan(tmp_path / "plan.csv")
    obs = pd.DataFrame({"indicator_id": "1", "period": ["2020", "2021"],
                        "value": ["10.8", "10.9"], "unit": "年"})
    r = inf.evaluate(plan, inf.read_observations(obs, plan), as_of="2022-06-30")["1"]
    assert r.outlook is not None and r.outlook.mean == pytest.approx(11.3)
    assert "低于目标" not in r.reason()
