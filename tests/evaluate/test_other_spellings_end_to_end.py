"""A plan written in other plans' spellings runs through every moment and every output
(SYNTHETIC plan and figures): the new kinds must not break the evaluation or the documents."""

from __future__ import annotations

import pandas as pd
import pytest

from indicator_forecast import evaluate, read_observations, read_plan
from indicator_forecast.report import export_all

PLAN = (
    "序号,指标,单位,目标值 2021-2025 年,责任部门,指标属性,方向\n"
    "1,合成地区生产总值增长,%,6.5%左右,合成发改部门,预期性,\n"
    "2,合成城镇新增就业人数,人,累计新增5万,合成人社部门,预期性,\n"
    "3,合成PM2.5年均浓度,微克/立方米,持续下降,合成环境部门,约束性,\n"
    '4,合成研发经费投入强度,%,"2.5左右，力争3",合成科技部门,预期性,\n'
    "5,合成单位生产总值能耗降低率,%,【确保完成市下达任务】,合成能源部门,约束性,\n"
    "6,合成经济总量,亿元,比2015年翻一番,合成统计部门,预期性,\n"
    "7,合成单位工业增加值用水量,立方米/万元,年均下降3%,合成水务部门,约束性,\n"
)


def _obs(path, last):
    rows = []
    for y in range(2015, last + 1):
        k = y - 2020
        rows += [
            ("1", y, 6.6 - 0.1 * max(k, 0), "%", "growth_rate", "actual"),
            ("3", y, 40 - 2 * k, "微克/立方米", "level", "actual"),
            ("4", y, 2.3 + 0.05 * k, "%", "level", "actual"),
            ("6", y, 100 * 1.07 ** (y - 2015), "亿元", "level", "actual"),
            ("7", y, 20 * 0.965 ** (y - 2015), "立方米/万元", "growth_rate_level", "actual"),
        ]
        if y > 2020:
            rows += [("2", y, 10500, "人", "flow", "actual"),
                     ("5", y, 3.1, "%", "change", "actual"),
                     ("5", y, 3.0, "%", "change", "parent_target")]
    df = pd.DataFrame(rows, columns=["indicator_id", "period", "value", "unit", "measure", "role"])
    df.loc[df["measure"] == "growth_rate_level", "measure"] = "level"
    df["source_url"] = "synthetic://test"
    df.to_csv(path, index=False)
    return path


@pytest.mark.parametrize(("as_of", "last"), [("2022-03-31", 2021), ("2023-06-30", 2022),
                                             ("2026-03-31", 2025)])
def test_every_moment_and_output(tmp_path, as_of, last):
    (tmp_path / "synthetic_plan.csv").write_text(PLAN, encoding="utf-8")
    plan = read_plan(tmp_path / "synthetic_plan.csv")
    obs = read_observations(_obs(tmp_path / "synthetic_obs.csv", last), plan)
    ev = evaluate(plan, obs, as_of=as_of, progress=False)
    df = ev.to_frame()
    assert len(df) == 7
    assert "insufficient_data" not in set(df["grade"]), df[["indicator_id", "grade", "missing"]]
    if ev.is_final:
        assert ev["3"].grade == "completed"  # 40 → 30: lower than where it started
        # 2015 = 100 → target 200; 2025 = 100·1.07^10 = 196.7 → (196.7−140.3)/(200−140.3) = 94.5 %
        assert ev["6"].grade == "not_completed"
    files = export_all(ev, tmp_path / "out", overwrite=True)
    assert any(p.suffix == ".docx" for p in files) and any(p.suffix == ".xlsx" for p in files)


def test_stretch_target_gets_its_own_probability(tmp_path):
    (tmp_path / "synthetic_plan.csv").write_text(PLAN, encoding="utf-8")
    plan = read_plan(tmp_path / "synthetic_plan.csv")
    obs = read_observations(_obs(tmp_path / "synthetic_obs.csv", 2022), plan)
    r = evaluate(plan, obs, as_of="2023-06-30", progress=False)["4"]
    o = r.outlook
    assert plan["4"].target.aspiration_value == 3.0
    # P(reaching 3) is the projection's probability of at least 3, below P(meeting 2.5左右)
    assert o.p_stretch == pytest.approx(o.prob_at_least(3.0))
    assert o.p_stretch < o.p_meet
    assert r.to_dict()["p_stretch"] == pytest.approx(o.p_stretch)
    assert "力争目标3%的达成概率" in r.reason()
