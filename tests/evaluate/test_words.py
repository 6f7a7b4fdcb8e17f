"""Facts and words (issues 16.3 and 17): proposal texts in both languages with their unit's
decimals, the binding notes in English, the years-met reason of a target set each year. The
proposals run on SYNTHETIC plans; the parent-assigned reason on the shipped national plan."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from conftest import synthetic_plan

from indicator_forecast import read_observations, read_plan
from indicator_forecast.adjust import propose
from indicator_forecast.classify import Classification, Outlook
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.evaluate import evaluate
from indicator_forecast.evaluate import reasons as R  # noqa: N812
from indicator_forecast.progress import Progress
from indicator_forecast.report._labels import labels
from indicator_forecast.report._narrative import indicator_facts, table_reason

CFG = EvaluationConfig()
CJK = re.compile(r"[\u4e00-\u9fff]")
DATA = Path(__file__).resolve().parents[2] / "data"


def _rate_case(attr: str, tmp_path: Path) -> tuple[object, Progress, Outlook]:
    """A synthetic ceiling in % whose remaining years need -0.0333 points a year."""
    plan = synthetic_plan(
        [("1", "合成城镇调查失业率", "%", "5.5以内", "合成人社部门", attr, None)], tmp_path
    )
    ind = next(iter(plan.all_indicators()))
    pr = Progress("1", "ceiling", dt.date(2023, 6, 30), midterm_value=5.6, completion=-0.5,
                  time_elapsed=0.5, target_value=5.5, required_pace=-1 / 30,
                  recent_pace=0.04567, pace_unit="%/年")
    ol = Outlook(mean=5.72, lo=5.5, hi=5.95, level=80, p_meet=0.1, p_stretch=None,
                 model="drift", model_reason="synthetic", what="level",
                 quantile=lambda q: 5.81 if abs(q - 0.7) < 1e-12 else 5.7,
                 prob_at_least=lambda x: 0.7 if x == 5.8 else 0.5)
    return ind, pr, ol


def test_proposal_paces_have_the_units_decimals_in_both_languages(tmp_path: Path) -> None:
    ind, pr, ol = _rate_case("预期性", tmp_path)
    adj = propose(ind, pr, ol, Classification("D", "synthetic", None, 0.1, {}), CFG)
    assert adj is not None and adj.direction == "lower"
    # -1/30 = -0.0333…: % shows two decimals, raised to two significant digits below 1 → -0.033;
    # 0.04567 → 0.046
    # 年均 already says "a year": no "%/年" after it; the direction is said in words, not by
    # a sign ("需年均变化-0.033%")
    assert "需年均降低0.033%，" in adj.reason_zh and "近年年均提高0.046%。" in adj.reason_zh
    assert "/年" not in adj.reason_zh
    assert "-0.0333" not in adj.reason_zh + adj.reason_en
    assert "a fall of 0.033% a year" in adj.reason_en
    assert "against a rise of 0.046% a year recently" in adj.reason_en
    for text in (adj.reason_en, adj.basis_en):
        assert not CJK.search(text), text
    assert "of the 2025 end-of-period value" in adj.basis_en


def test_binding_proposal_speaks_english_too(tmp_path: Path) -> None:
    ind, pr, ol = _rate_case("约束性", tmp_path)
    adj = propose(ind, pr, ol, Classification("C", "synthetic", None, 0.1, {}), CFG)
    assert adj is not None and adj.direction == "keep"
    assert adj.binding_note == labels("zh")["adjustment"]["binding_note"]
    assert adj.binding_note_en and not CJK.search(adj.binding_note_en)
    # the target is quoted as written
    assert adj.suggested("zh") == "维持5.5以内" and adj.suggested("en") == "keep 5.5以内"
    assert not CJK.search(adj.basis_en) and "not lowered" in adj.basis_en


def test_binding_cap_is_said_in_both_languages() -> None:
    zh = R.render([R.Fact("capped", {})], "zh")
    en = R.render([R.Fact("capped", {})], "en")
    assert zh == "约束性指标进度落后于时间进度，结论至多为C。"
    assert en == "Binding indicator behind the time schedule: at best C."


def test_every_reason_template_exists_in_both_languages_with_the_same_fields() -> None:
    zh, en = labels("zh")["reason"], labels("en")["reason"]
    assert set(zh) == set(en)
    field = re.compile(r"\{(\w+)\}")
    for code in zh:
        assert set(field.findall(str(zh[code]))) == set(field.findall(str(en[code]))), code


def test_a_target_set_each_year_is_reported_by_the_years_met() -> None:
    # National 14th plan, GDP growth set each year by the Government Work Report:
    # 2021 8.1 against "6以上" (met), 2022 3.0 against "5.5左右" (not met) → 1 of 2 years.
    plan = read_plan(DATA / "national-14th" / "plan.csv")
    obs = read_observations(DATA / "national-14th" / "observations.csv", plan)
    ev = evaluate(plan, obs, as_of="2023-06-30")
    assert ev["1"].progress.kind == "parent_assigned"
    for lang, want in (("zh", "已过的2个年度中有1个年度完成了上级下达的目标"),
                       ("en", "1 of the 2 years so far met the target set for them")):
        f = next(x for x in indicator_facts(ev, lang) if x.indicator_id == "1")
        text = table_reason(f, lang)
        assert want in text and "时间进度" not in text and "time elapsed" not in text, text


def test_a_proposal_never_says_a_rounded_zero_chance(tmp_path: Path) -> None:
    # P(meet) 0.003 rounds to "0%", a certainty the projection does not claim: the report's words
    # are 不足1% / under 1% (as in part one), and a plain 10 % stays "仅为10%"
    from dataclasses import replace

    ind, pr, ol = _rate_case("预期性", tmp_path)
    low = propose(ind, pr, replace(ol, p_meet=0.003),
                  Classification("D", "synthetic", None, 0.003, {}), CFG)  # fmt: skip
    assert low is not None
    assert "概率不足1%" in low.reason_zh and "0%" not in low.reason_zh.replace("10%", "")
    assert "达成概率不足1%" in low.basis_zh and "probability under 1%" in low.reason_en
    plain = propose(ind, pr, ol, Classification("D", "synthetic", None, 0.1, {}), CFG)
    assert plain is not None and "概率仅为10%" in plain.reason_zh
    assert "达成概率为10%" in plain.basis_zh


def test_a_pace_is_said_with_its_direction_by_one_function() -> None:
    # reasons (two decimals) and proposals (the unit's decimals) both say a level's yearly change
    # through _words.Pace, a fall as "a fall of" in English; what prints as 0 is flat, not "降低0"
    from indicator_forecast._words import Pace, verb_of

    assert Pace(-1 / 30, "%").label("zh") == "年均降低0.03%"
    assert Pace(-1 / 30, "%", by_unit=True).label("zh") == "年均降低0.033%"
    assert Pace(-1 / 30, "%", by_unit=True).label("en") == "a fall of 0.033% a year"
    assert Pace(-0.5, "个百分点", best=True).label("en") == (
        "a fall of 0.5 percentage points in a year")
    assert Pace(-1 / 30, "%").label("en") == "a fall of 0.03% a year"
    assert Pace(0.004, "个百分点").label("zh") == "基本持平"
    assert Pace(0.004, "个百分点", by_unit=True).label("zh") == "年均提高0.004个百分点"
    assert Pace(None, "岁").label("en") == "no change"
    # a figure stated as a reduction (降低13.5%) counts a fall as positive
    assert (verb_of(1.0), verb_of(-1.0)) == ("rise", "reduction")
    assert (verb_of(1.0, down=True), verb_of(-1.0, down=True)) == ("reduction", "rise")
