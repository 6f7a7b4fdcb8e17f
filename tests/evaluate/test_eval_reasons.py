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
    assert "完成进度50%，时间进度40%，按直线路径应达12.4件。" in text
    # Three points: the random walk with drift, named in words with its code name.
    assert "按平均变化外推法（drift）预测2025年期末值为" in text


def test_english_reason_names_the_method():
    text = _result().reason(lang="en")
    assert "The random walk with drift (drift) projects" in text
    assert "Completion 50% against 40% of the time elapsed." in text


def _rate(g1: float, g2: float | None, as_of: str):
    plan = synthetic_plan([("1", "合成研发投入增长", "%", "＞7", "合成部门", "预期性", None)])
    rows = [("1", "2021", g1, "%", "growth_rate", "actual")]
    if g2 is not None:
        rows.append(("1", "2022", g2, "%", "growth_rate", "actual"))
    return evaluate(plan, synthetic_observations(plan, rows), as_of=as_of, progress=False)["1"]


def test_a_rate_is_said_against_the_target_rate_not_time_elapsed():
    # (1.08 * 1.09) ** 0.5 - 1 = 8.4989 %: above the 7 % a year the target asks for.
    text = _rate(8.0, 9.0, "2023-06-30").reason()
    assert text.startswith("2021—2022年年均增长8.5%，达到年均7%以上的目标要求。"), text
    assert "时间进度" not in text.split("。")[0]
    assert "预测2021—2025年年均增速为" in text  # the period's average, not a 2025 figure
    low = _rate(5.0, 6.0, "2023-06-30").reason()
    assert low.startswith("2021—2022年年均增长5.5%，低于年均7%以上的目标要求。"), low
    one = _rate(8.0, None, "2022-06-30").reason()
    assert one.startswith("2021年增长8%，达到年均7%以上的目标要求。"), one  # no 年均 for a year
    en = _rate(8.0, 9.0, "2023-06-30").reason(lang="en")
    assert en.startswith("Average annual growth in 2021-2022: 8.5%, meeting the target "
                         "(annual growth above 7%) so far."), en


def test_a_compounded_reduction_needs_a_yearly_rate():
    plan = synthetic_plan([("1", "合成能耗降低", "%", "〔13.5〕", "合成部门", "约束性", None)])
    obs = synthetic_observations(plan, [("1", "2021", 1.0, "%", "change", "actual"),
                                        ("1", "2022", 1.0, "%", "change", "actual")])
    text = evaluate(plan, obs, as_of="2023-06-30", progress=False)["1"].reason()
    # 1 - 0.99 ** 2 = 1.99 % so far; the three years left must give (0.865 / 0.9801) ** (1/3)
    # = 0.95918, a yearly reduction of 4.08 %.
    assert "截至2022年累计降低1.99%，五年目标累计降低13.5%" in text, text
    assert "剩余年份需年均降低4.08%，近年年均降低1%" in text, text
    assert "%/年" not in text and "概率约0%" not in text
    assert "达到目标的概率不足1%" in text or "达到目标的概率约" in text


def test_growth_gaps_average_only_over_more_than_one_year():
    plan = synthetic_plan([("1", "合成收入增长", "%", "与市保持同步", "合成部门", "预期性", None)])
    rows = [("1", "2021", 8.0, "%", "growth_rate", "actual"),
            ("1", "2021", 7.5, "%", "growth_rate", "parent_actual")]
    one = evaluate(plan, synthetic_observations(plan, rows), as_of="2022-06-30",
                   progress=False)["1"].reason()
    assert one.startswith("增速对比：2021年8%对7.5%（差0.5个百分点）。"), one
    rows += [("1", "2022", 3.0, "%", "growth_rate", "actual"),
             ("1", "2022", 3.5, "%", "growth_rate", "parent_actual")]
    two = evaluate(plan, synthetic_observations(plan, rows), as_of="2023-06-30",
                   progress=False)["1"].reason()
    # (0.5 + (-0.5)) / 2 = 0
    assert two.startswith("逐年增速对比：2021年8%对7.5%（差0.5个百分点），"
                          "2022年3%对3.5%（差-0.5个百分点）；年均差距0个百分点。"), two


def test_method_labels():
    assert method_label("combo(damped_fixed,drift)") == (
        "阻尼趋势法与平均变化外推法的平均（combo(damped_fixed,drift)）"
    )
    assert method_label("naive", "en") == "the last value carried forward (naive)"
    assert method_label("a user's model") == "a user's model"
