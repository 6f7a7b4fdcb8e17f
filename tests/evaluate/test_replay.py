"""Replay of an earlier plan (issue 11.4): outcomes worked by hand on a SYNTHETIC plan, scores on
a hand-made frame, and the shipped national 13th-plan data.

The synthetic plan, its names (all "合成…") and numbers are invented for these tests.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from indicator_forecast import read_plan
from indicator_forecast.evaluate.replay import (
    Replay,
    data_cutoff_year,
    replay,
    write_replay,
)
from indicator_forecast.exceptions import ConfigurationError

ROOT = Path(__file__).resolve().parents[2]
HEADER = "类别,序号,指标,单位,目标值 2016-2020 年,指标属性,基期值\n"
PLAN_ROWS = [
    "合成,1,合成城镇化率,%,60,预期性,50",
    "合成,2,合成地区生产总值增长,%,＞6,预期性,7",
    "合成,3,合成新增就业人数,万人,累计100,预期性,",
    "合成,4,合成单位GDP能耗降低,%,〔15〕,约束性,",
    "合成,5,合成优良天数比率,%,＞80,约束性,76",
]
# (id, year, value): S1 level 52, 54 by the mid-term, 61 in 2020; S2 rates 7,7,6,5,4;
# S3 totals 20,20,20,20,15; S4 reductions 4,4,3,3,2; S5 has no 2020 figure.
OBS_ROWS = [
    ("1", 2016, 52),
    ("1", 2017, 54),
    ("1", 2018, 56),
    ("1", 2019, 58),
    ("1", 2020, 61),
    ("2", 2016, 7),
    ("2", 2017, 7),
    ("2", 2018, 6),
    ("2", 2019, 5),
    ("2", 2020, 4),
    ("3", 2016, 20),
    ("3", 2017, 20),
    ("3", 2018, 20),
    ("3", 2019, 20),
    ("3", 2020, 15),
    ("4", 2016, 4),
    ("4", 2017, 4),
    ("4", 2018, 3),
    ("4", 2019, 3),
    ("4", 2020, 2),
    ("5", 2016, 77),
    ("5", 2017, 78),
    ("5", 2018, 79),
    ("5", 2019, 81),
]
UNITS = {"1": "%", "2": "%", "3": "万人", "4": "%", "5": "%"}


def _write(tmp_path: Path, obs_rows=OBS_ROWS) -> tuple[object, Path]:
    plan_path = tmp_path / "synthetic_plan.csv"
    plan_path.write_text(HEADER + "\n".join(PLAN_ROWS) + "\n", encoding="utf-8")
    obs_path = tmp_path / "synthetic_observations.csv"
    pd.DataFrame(
        [(i, str(y), v, UNITS[i], "actual", "synthetic://test") for i, y, v in obs_rows],
        columns=["indicator_id", "period", "value", "unit", "role", "source_url"],
    ).to_csv(obs_path, index=False)
    return read_plan(plan_path, name="合成规划"), obs_path


@pytest.fixture()
def synthetic(tmp_path: Path) -> Replay:
    plan, obs = _write(tmp_path)
    return replay(plan, obs, mid_term="2018-06-30")


def test_cutoff_is_the_last_full_year() -> None:
    assert data_cutoff_year(dt.date(2018, 6, 30)) == 2017
    assert data_cutoff_year(dt.date(2018, 12, 31)) == 2018
    assert data_cutoff_year(dt.date(2019, 1, 1)) == 2018


def test_final_values_worked_by_hand(synthetic: Replay) -> None:
    f = synthetic.to_frame().set_index("indicator_id")
    # level: the 2020 figure
    assert f.loc["1", "final_value"] == 61 and f.loc["1", "target_met"] is True
    # average rate: (1.07·1.07·1.06·1.05·1.04)^(1/5) − 1 = 1.325245^(0.2) − 1 = 5.794 %
    assert f.loc["2", "final_value"] == pytest.approx(5.794, abs=0.001)
    assert f.loc["2", "target_met"] is False
    # five-year total 20+20+20+20+15 = 95 < 100
    assert f.loc["3", "final_value"] == 95 and f.loc["3", "target_met"] is False
    # compounded reduction 1 − 0.96·0.96·0.97·0.97·0.98 = 1 − 0.849791 = 15.021 % ≥ 15
    assert f.loc["4", "final_value"] == pytest.approx(15.021, abs=0.001)
    assert f.loc["4", "target_met"] is True
    # no 2020 figure: no outcome, said so
    assert math.isnan(f.loc["5", "final_value"]) and f.loc["5", "target_met"] is None
    assert "2020" in f.loc["5", "final_note"]
    # final statuses: (61 − 50)/(60 − 50) = 110 % → 超额完成; 5.794/6 = 96.6 % → 基本完成
    assert f.loc["1", "final_status"] == "exceeded" and f.loc["2", "final_status"] == "basic"


def test_final_outcome_needs_every_year_of_a_total(tmp_path: Path) -> None:
    rows = [r for r in OBS_ROWS if not (r[0] == "3" and r[1] == 2018)]
    plan, obs = _write(tmp_path, rows)
    r = replay(plan, obs, mid_term="2018-06-30")
    row = r.to_frame().set_index("indicator_id").loc["3"]
    # the missing year is estimated in the final evaluation, which makes it provisional: a
    # replay never scores against an estimate
    assert row["target_met"] is None and "2018" in row["final_note"]
    assert math.isnan(row["final_value"])


def test_midterm_uses_only_figures_that_existed_then(tmp_path: Path) -> None:
    plan, obs = _write(tmp_path)
    base = replay(plan, obs, mid_term="2018-06-30").to_frame().set_index("indicator_id")
    later = [(i, y, (v * 3 if y >= 2018 else v)) for i, y, v in OBS_ROWS]
    (tmp_path / "later").mkdir()
    plan2, obs2 = _write(tmp_path / "later", later)
    changed = replay(plan2, obs2, mid_term="2018-06-30").to_frame().set_index("indicator_id")
    for iid in ("1", "2", "3", "4", "5"):
        assert base.loc[iid, "midterm_period"] == changed.loc[iid, "midterm_period"]
        assert base.loc[iid, "grade"] == changed.loc[iid, "grade"]
        a, b = base.loc[iid, "p_meet"], changed.loc[iid, "p_meet"]
        assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b)
    assert base.loc["1", "midterm_value"] == 54  # 2017, not 2018's 56


def test_mid_term_after_target_year_is_refused(tmp_path: Path) -> None:
    plan, obs = _write(tmp_path)
    with pytest.raises(ConfigurationError, match="target year"):
        replay(plan, obs, mid_term="2021-06-30")


def test_scores_worked_by_hand(synthetic: Replay) -> None:
    # A met, B not met, C not met, D met, A without outcome, 数据待补充 met
    frame = pd.DataFrame(
        {
            "indicator_id": list("123456"),
            "name": list("abcdef"),
            "grade": ["A", "B", "C", "D", "A", "insufficient_data"],
            "p_meet": [0.9, 0.7, 0.3, 0.1, 0.95, math.nan],
            "projected_lo": [0, 0, 0, 0, 0, math.nan],
            "projected_hi": [1, 1, 1, 1, 1, math.nan],
            "target_met": [True, False, False, True, None, True],
            "final_in_interval": [True, False, True, True, None, None],
            "basis_note": [""] * 6,
            "grade_hit": [True, False, True, False, None, None],
            "escap_hit": [True, None, False, None, None, None],
            "eurostat_hit": [None, None, None, None, None, None],
            "ndrc_time_schedule_hit": [True, True, True, False, None, True],
        }
    ).astype("object")
    for c in ("p_meet", "projected_lo", "projected_hi"):
        frame[c] = frame[c].astype(float)
    t = replace(synthetic, _frame=frame).totals()
    assert (t["judged"], t["ab"], t["ab_met"], t["cd"], t["cd_not_met"]) == (4, 2, 1, 2, 1)
    assert t["ab_met_rate"] == 0.5 and t["cd_not_met_rate"] == 0.5 and t["grade_hit_rate"] == 0.5
    # Brier: ((0.9−1)² + (0.7−0)² + (0.3−0)² + (0.1−1)²) / 4 = (0.01+0.49+0.09+0.81)/4 = 0.35
    assert t["brier"] == pytest.approx(0.35) and t["brier_n"] == 4
    assert t["coverage"] == 0.75
    assert (t["escap_n"], t["escap_hit_rate"]) == (2, 0.5)
    assert t["eurostat_n"] == 0 and math.isnan(t["eurostat_hit_rate"])
    assert (t["ndrc_time_schedule_n"], t["ndrc_time_schedule_hit_rate"]) == (5, 0.8)


def test_outputs_and_html(synthetic: Replay, tmp_path: Path) -> None:
    paths = write_replay(synthetic, tmp_path / "out")
    assert [p.name for p in paths] == ["replay.csv", "replay.xlsx", "replay_reliability.png"]
    assert all(p.stat().st_size > 0 for p in paths)
    csv = pd.read_csv(paths[0], dtype={"indicator_id": str})
    assert list(csv["indicator_id"]) == ["1", "2", "3", "4", "5"]
    sheets = pd.ExcelFile(paths[1]).sheet_names
    assert sheets == ["回放", "规则对比", "合计"]
    html = synthetic._repr_html_()
    assert "合成城镇化率" in html and "Brier" in html
    assert "Replay" in repr(synthetic)


def test_shipped_national_13th() -> None:
    plan = read_plan(ROOT / "data" / "national-13th" / "plan.csv")
    r = replay(plan, ROOT / "data" / "national-13th" / "observations.csv", mid_term="2018-06-30")
    f = r.to_frame().set_index("indicator_id")
    assert r.data_until == 2017
    # GDP: (1.067·1.069·1.066·1.061·1.023)^(1/5) − 1 = 1.319746^(0.2) − 1 = 5.706 % < 6.5
    assert f.loc["1", "final_value"] == pytest.approx(5.706, abs=0.001)
    assert f.loc["1", "target_met"] is False
    # rows 7–10 are withheld (their targets were not seen in a source)
    assert not {"7", "8", "9", "10"} & set(f.index)
    assert f.loc["12", "final_value"] == pytest.approx(83.4)  # surface water ≥ Ⅲ: 83.4 ≥ 70
    assert f.loc["12", "target_met"] is True
    assert f.loc["3", "target_met"] is True  # 63.89 ≥ 60
    assert f.loc["5", "target_met"] is False  # 54.5 < 56
    assert f.loc["6", "target_met"] is False  # 2.40 < 2.5
    # 户籍 2020 45.4 (七普公报第七号, 公安部 figure) ≥ 45; 劣Ⅴ 2020 0.6 < 5 (生态环境部 2021-01)
    assert f.loc["4", "final_value"] == pytest.approx(45.4)
    assert f.loc["4", "target_met"] is True
    assert f.loc["13", "final_value"] == pytest.approx(0.6)
    assert f.loc["13", "target_met"] is True
    # the mid-term sees the 2017 figures of the water rows (1940 sections: 67.9 and 8.3)
    assert f.loc["12", "midterm_value"] == pytest.approx(67.9)
    assert f.loc["13", "midterm_value"] == pytest.approx(8.3)
    # labour productivity: 2016 and 2017 were not found, so no mid-term grade
    assert f.loc["2", "grade"] == "insufficient_data"
    for iid in f.index:
        period = f.loc[iid, "midterm_period"]
        assert not period or int(str(period)[:4]) <= 2017
    t = r.totals()
    assert t["judged"] <= t["with_outcome"] and t["judged"] <= t["graded"]


def test_a_final_value_on_another_basis_is_left_out_of_the_coverage(tmp_path: Path) -> None:
    # SYNTHETIC: indicator 1's 2016-2019 figures on an old basis and 2020's on a new one (a
    # census revision, say). Its outcome is still judged against the target, but the mid-term
    # interval, projected on the old basis, is not compared with the new-basis final value.
    plan, obs_path = _write(tmp_path)
    obs = pd.read_csv(obs_path, dtype={"period": str})
    obs["basis"] = ""
    one = obs["indicator_id"].astype(str) == "1"
    obs.loc[one, "basis"] = ["合成旧口径"] * 4 + ["合成新口径"]
    obs.to_csv(obs_path, index=False)
    r = replay(plan, obs_path, mid_term="2018-06-30")
    f = r.to_frame().set_index("indicator_id")
    assert f.loc["1", "final_in_interval"] is None and f.loc["1", "target_met"] is True
    said = "期末值（合成新口径）与中期预测所用数据（合成旧口径）统计口径不同"
    assert said in f.loc["1", "basis_note"]
    assert (f.drop(index="1")["basis_note"] == "").all()
    (tmp_path / "one").mkdir()
    base = replay(*_write(tmp_path / "one"), mid_term="2018-06-30").totals()
    t = r.totals()
    assert t["coverage_other_basis"] == 1 and base["coverage_other_basis"] == 0
    assert t["coverage_n"] == base["coverage_n"] - 1
    assert "另有 1 项期末值与中期数据统计口径不同，未计入" in r.summary()


def test_notebook_04_replay_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb_dir = ROOT / "notebooks"
    nb = nbformat.read(nb_dir / "04_replay.ipynb", as_version=4)
    nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(nb_dir)}}
    ).execute()
    text = "\n".join(
        str(o.get("text", "")) + "".join(str(v) for v in o.get("data", {}).values())
        for c in nb.cells
        for o in c.get("outputs", [])
    )
    assert "Brier" in text and "replay_reliability.png" in text
