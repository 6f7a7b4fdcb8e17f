"""The reason text on SYNTHETIC data: the numbers, the base year and the method in words."""

from __future__ import annotations

from conftest import synthetic_observations, synthetic_plan

from indicator_forecast.evaluate import evaluate
from indicator_forecast.forecast.methods import method_label


def _result():
    # Base 10 (2020), 2021 = 12, 2022 = 13, target 16: completion (13-10)/(16-10) = 50 %,
    # time elapsed 2/5 = 40 %, straight path 10 + 0.4 * 6 = 12.4.
    plan = synthetic_plan([("1", "合成水平", "件", "16", "合成部门", "预期性", "10")])
    obs = synthetic_observations(plan, [
        ("1", "2021", 12, "件", "level", "actual"),
        ("1", "2022", 13, "件", "level", "actual"),
    ])
    return evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"]


def test_chinese_reason_states_the_numbers_and_the_method():
    text = _result().reason()
    assert text.startswith("2022年为13件（2020年基期值10件），目标16件。")
    assert "完成进度50%，时间进度40%，按直线路径应达12.4。" in text
    # Three points: the random walk with drift, named in words with its code name.
    assert "按平均变化外推法（drift）预测2025年" in text


def test_english_reason_names_the_method():
    text = _result().reason(lang="en")
    assert "The random walk with drift (drift) projects" in text
    assert "Completion 50% against 40% of the time elapsed." in text


def test_method_labels():
    assert method_label("combo(damped_fixed,drift)") == (
        "阻尼趋势法与平均变化外推法的平均（combo(damped_fixed,drift)）"
    )
    assert method_label("naive", "en") == "the last value carried forward (naive)"
    assert method_label("a user's model") == "a user's model"
