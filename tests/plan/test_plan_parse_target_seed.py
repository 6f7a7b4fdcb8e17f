"""parse_target against the seed's 附件2 (all 25 targets) and every spelling other plans use.

The expected kinds and numbers below are written by hand from DOMAIN.md and the seed text
(/work/shared/seed/000_9b08dcd25a871ca6.txt, 附件 2), not copied from the parser's output.
"""

from __future__ import annotations

from typing import get_args

import pytest

from indicator_forecast._typing import TARGET_KINDS
from indicator_forecast.exceptions import IndicatorForecastError, TargetParseError
from indicator_forecast.plan import parse_target
from indicator_forecast.plan.targets import (
    AnnualRateTarget,
    BandTarget,
    CeilingTarget,
    CompositeTarget,
    CumulativeChangeTarget,
    CumulativeTotalTarget,
    FloorTarget,
    KnownTarget,
    ParentAssignedTarget,
    ParentSyncedTarget,
    RelativeToIndicatorTarget,
    RunningLevelTarget,
    TargetBase,
)

N = None
H, L = "higher", "lower"

# (序号, 指标 as in the seed, 单位, 目标值 as in the seed, kind, low, high, direction)
SEED_TARGETS = [
    (1, "地区生产总值年均增长率", "%", "与市保持同步", "parent_synced", N, N, H),
    (2, "区级一般公共预算收入年均增长率", "%", "3-5", "annual_rate", 3.0, 5.0, H),
    (3, "新增固定资产投资总额", "亿元", "累计 1400", "cumulative_total", 1400.0, 1400.0, H),
    # The seed writes the parts in the department column; a plan cell spells them in brackets.
    (
        4,
        "重点培育产业税收占比",
        "%",
        "40（智能软件12、研发服务8、科技金融12、生命健康8）",
        "composite",
        40.0,
        40.0,
        H,
    ),
    (5, "每万人口高价值发明专利拥有量", "件", "16", "end_level", 16.0, 16.0, H),
    (6, "新增高新技术企业数", "家", "累计 150", "cumulative_total", 150.0, 150.0, H),
    (7, "新增企业上市数", "家", "累计 10-20", "cumulative_total", 10.0, 20.0, H),
    (8, "重点楼宇单位面积税收产出", "元/平方米", "4000", "end_level", 4000.0, 4000.0, H),
    # 能耗降低率: a reduction rate, so a higher figure is better.
    (9, "单位生产总值能耗降低率", "%", "完成市下达目标", "parent_assigned", N, N, H),
    (10, "新增跨国公司地区总部数", "个", "累计 15", "cumulative_total", 15.0, 15.0, H),
    (11, "旧住房综合修缮改造面积", "万平方米", "累计 350", "cumulative_total", 350.0, 350.0, H),
    (12, "旧住房成套改造面积", "万平方米", "累计 36", "cumulative_total", 36.0, 36.0, H),
    (13, "新增文化设施面积", "万平方米", "累计 10", "cumulative_total", 10.0, 10.0, H),
    (14, "人均体育场地面积", "平方米/人", "1.1", "end_level", 1.1, 1.1, H),
    (15, "新增养老床位数", "张", "累计 857", "cumulative_total", 857.0, 857.0, H),
    (16, "新增病床数", "张", "累计 1000", "cumulative_total", 1000.0, 1000.0, H),
    (17, "居民平均预期寿命", "岁", ">84", "floor", 84.0, N, H),
    # 失业人数: fewer unemployed is better.
    (18, "城镇登记失业人数", "人", "完成市下达目标", "parent_assigned", N, N, L),
    (19, "空气质量优良率 AQI", "%", "85 左右", "band", 85.0, 85.0, H),
    (20, "主要河道水质断面优于 III 类 (含 III 类) 水体比例", "%", "50", "end_level", 50.0, 50.0, H),
    (21, "新建绿地面积", "万平方米", "累计 75", "cumulative_total", 75.0, 75.0, H),
    (22, "生活垃圾回收利用率", "%", ">45", "floor", 45.0, N, H),
    (23, "新增景观特色道路", "条(段)", "50", "cumulative_total", 50.0, 50.0, H),
    (24, "单位生产总值生产安全事故死亡率", "人/亿元", "0.01", "ceiling", N, 0.01, L),
    (25, "生态环境满意度", "%", "80 左右", "band", 80.0, 80.0, H),
]


def test_seed_table_is_complete():
    assert [row[0] for row in SEED_TARGETS] == list(range(1, 26))
    # DOMAIN.md: nine plain cumulative totals (3, 6, 10, 11, 12, 13, 15, 16, 21), a range (7)
    # and an implied one (23) — eleven cumulative_total in all.
    assert sum(1 for r in SEED_TARGETS if r[4] == "cumulative_total") == 11


@pytest.mark.parametrize(
    "no, name, unit, text, kind, low, high, direction",
    SEED_TARGETS,
    ids=[f"seed-{r[0]}" for r in SEED_TARGETS],
)
def test_seed_target(no, name, unit, text, kind, low, high, direction):
    t = parse_target(text, unit=unit, name=name)
    assert isinstance(t, TargetBase)
    assert t.kind == kind
    assert t.low == (pytest.approx(low) if low is not None else None)
    assert t.high == (pytest.approx(high) if high is not None else None)
    assert t.direction == direction
    assert t.text == text
    assert t.unit == unit
    assert (t.base_year, t.target_year) == (2020, 2025)


def test_seed_extra_fields():
    def p(no):
        _, name, unit, text, *_ = SEED_TARGETS[no - 1]
        return parse_target(text, unit=unit, name=name)

    assert p(1).parent == "市"
    assert p(9).setter == "市" and p(18).setter == "市"
    assert p(3).implied is False and p(23).implied is True
    # 7: "累计 10-20": lower bound on track, upper bound ahead.
    assert (p(7).point, p(7).stretch) == (10.0, 20.0)
    assert p(17).strict is True  # ">" excludes 84 itself
    assert p(17).is_met(84.0) is False and p(17).is_met(84.1) is True
    # 19: default tolerance 2 % of 85 = 1.7, so the band runs 83.3 .. 86.7.
    assert p(19).tolerance == pytest.approx(1.7)
    assert p(19).band_low == pytest.approx(83.3)
    # 25: 2 % of 80 = 1.6.
    assert p(25).tolerance == pytest.approx(1.6)
    assert p(24).written_as_level is True
    assert p(24).is_met(0.009) is True and p(24).is_met(0.011) is False


def test_composite_parts():
    t = parse_target(
        "40（智能软件12、研发服务8、科技金融12、生命健康8）", unit="%", name="重点培育产业税收占比"
    )
    assert isinstance(t, CompositeTarget)
    assert [(pt.name, pt.low, pt.high) for pt in t.parts] == [
        ("智能软件", 12.0, 12.0),
        ("研发服务", 8.0, 8.0),
        ("科技金融", 12.0, 12.0),
        ("生命健康", 8.0, 8.0),
    ]
    assert t.parts_sum == 40.0  # 12 + 8 + 12 + 8


# ---------------------------------------------------------------- other spellings


def test_bracketed_reduction():
    t = parse_target("〔13.5〕", unit="%", name="单位GDP能源消耗降低")
    assert isinstance(t, CumulativeChangeTarget)
    assert (t.low, t.high, t.change, t.direction) == (13.5, 13.5, "reduction", "higher")
    t2 = parse_target("〔13.5〕(五年累计)", unit="%", name="单位GDP能源消耗降低")
    assert (t2.kind, t2.low, t2.change, t2.note) == (
        "cumulative_change",
        13.5,
        "reduction",
        "五年累计",
    )


def test_bracketed_increase():
    t = parse_target("〔1〕(提高1岁)", unit="岁", name="人均预期寿命")
    assert isinstance(t, CumulativeChangeTarget)
    assert (t.low, t.high, t.change, t.direction) == (1.0, 1.0, "increase", "higher")
    assert t.note == "提高1岁"


def test_bracketed_without_a_word_for_the_sign_is_an_error():
    with pytest.raises(TargetParseError, match="13.5"):
        parse_target("〔13.5〕", unit="%", name="某指标")


@pytest.mark.parametrize(
    "text, strict", [("<5.5", True), ("＜5.5", True), ("5.5以内", False), ("不高于5.5", False)]
)
def test_ceiling_spellings(text, strict):
    t = parse_target(text, unit="%", name="城镇调查失业率")
    assert isinstance(t, CeilingTarget)
    assert (t.low, t.high, t.direction, t.strict) == (None, 5.5, "lower", strict)
    assert t.is_met(5.4) is True and t.is_met(5.6) is False
    assert t.is_met(5.5) is (not strict)


def test_ceiling_without_a_name():
    t = parse_target("<5.5")
    assert (t.kind, t.high, t.direction) == ("ceiling", 5.5, "lower")


@pytest.mark.parametrize("text", ["84以上", "不低于84", "＞84", "> 84"])
def test_floor_spellings(text):
    t = parse_target(text, unit="岁", name="居民平均预期寿命")
    assert isinstance(t, FloorTarget)
    assert (t.low, t.high, t.direction) == (84.0, None, "higher")


def test_aspiration_clause_kept():
    t = parse_target(
        "＞7、力争投入强度高于“十三五”时期实际", unit="%", name="全社会研发经费投入增长"
    )
    assert isinstance(t, AnnualRateTarget)  # a growth-rate name makes ">7" a floor on the rate
    assert (t.low, t.high) == (7.0, None)
    assert t.aspiration == "力争投入强度高于“十三五”时期实际"
    t2 = parse_target("80，力争85", unit="%", name="生态环境满意度")
    assert (t2.kind, t2.low, t2.high, t2.aspiration) == ("end_level", 80.0, 80.0, "力争85")


def test_aspiration_clause_verbatim():
    t = parse_target("80，力争达到 ８５ 以上", unit="%", name="生态环境满意度")
    assert t.aspiration == "力争达到 ８５ 以上"


@pytest.mark.parametrize(
    "text, name, reference, relation",
    [
        ("与经济增长基本同步", "居民人均可支配收入增长", "经济增长", "in_step"),
        ("与GDP增长基本同步", "居民人均可支配收入增长", "GDP增长", "in_step"),
        ("高于GDP增长", "全员劳动生产率增长", "GDP增长", "above"),
    ],
)
def test_relative_to_indicator(text, name, reference, relation):
    t = parse_target(text, unit="%", name=name)
    assert isinstance(t, RelativeToIndicatorTarget)
    assert (t.reference, t.relation) == (reference, relation)
    assert (t.low, t.high) == (None, None)


def test_running_level_is_not_new_additions():
    t = parse_target("累计达到1000", unit="张", name="病床数")
    assert isinstance(t, RunningLevelTarget)
    assert (t.low, t.high) == (1000.0, 1000.0)
    # whereas "累计 1000" is five-year new additions
    assert parse_target("累计 1000", unit="张", name="新增病床数").kind == "cumulative_total"


@pytest.mark.parametrize(
    "text", ["3-5", "3–5", "3—5", "3～5", "3~5", "3至5", "３～５", "３－５", " 3 - 5 "]
)
def test_range_separators(text):
    t = parse_target(text, unit="%", name="区级一般公共预算收入年均增长率")
    assert isinstance(t, AnnualRateTarget)
    assert (t.low, t.high) == (3.0, 5.0)


@pytest.mark.parametrize("text", ["10-20", "10至20", "１０～２０"])
def test_range_as_level(text):
    t = parse_target(text, unit="个", name="某水平")
    assert (t.kind, t.low, t.high) == ("end_level", 10.0, 20.0)


def test_cumulative_range_full_width():
    t = parse_target("累计 １０～２０", unit="家", name="新增企业上市数")
    assert (t.kind, t.low, t.high) == ("cumulative_total", 10.0, 20.0)


def test_band_default_and_explicit_tolerance():
    t = parse_target("85 左右", unit="%", name="空气质量优良率")
    assert isinstance(t, BandTarget)
    assert (t.low, t.high) == (85.0, 85.0)
    assert t.tolerance == pytest.approx(1.7)  # 85 × 0.02
    assert t.is_met(83.3) is True and t.is_met(83.2) is False  # band_low = 85 − 1.7 = 83.3
    t3 = parse_target("85 左右", unit="%", name="空气质量优良率", band_tolerance=3)
    assert t3.tolerance == 3.0
    assert (t3.band_low, t3.band_high) == (82.0, 88.0)
    t4 = parse_target("约85", unit="%", name="空气质量优良率")
    assert (t4.kind, t4.low) == ("band", 85.0)


def test_parent_kinds():
    a = parse_target("完成市下达目标", unit="%", name="单位生产总值能耗降低率")
    assert isinstance(a, ParentAssignedTarget) and a.setter == "市"
    assert a.is_met(99.0) is None
    s = parse_target("与市保持同步", unit="%", name="地区生产总值年均增长率")
    assert isinstance(s, ParentSyncedTarget) and s.parent == "市"


def test_new_additions_with_unit_in_cell():
    t = parse_target("50 条(段)", unit="条(段)", name="新增景观特色道路")
    assert isinstance(t, CumulativeTotalTarget)
    assert (t.low, t.high, t.implied, t.unit) == (50.0, 50.0, True, "条(段)")


def test_unit_in_cell_leaves_no_note():
    t = parse_target("50 条(段)", unit="条(段)", name="新增景观特色道路")
    assert t.note is None


def test_death_rate_plain_number_is_a_ceiling():
    t = parse_target("0.01", unit="人/亿元", name="单位生产总值生产安全事故死亡率")
    assert isinstance(t, CeilingTarget)
    assert (t.low, t.high, t.direction) == (None, 0.01, "lower")
    # the same number for a higher-is-better name is an end level
    assert parse_target("0.01", unit="人/亿元", name="某覆盖率").kind == "end_level"


def test_direction_override():
    t = parse_target("16", unit="件", name="专利拥有量", direction="lower")
    assert t.direction == "lower"


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("text", ["abc", "12 34", "", ">", "累计", "   ", "5-3", "力争"])
def test_unparseable_raises_own_error_quoting_text(text):
    with pytest.raises(TargetParseError) as info:
        parse_target(text)
    err = info.value
    assert isinstance(err, IndicatorForecastError)
    assert repr(text) in str(err)
    assert err.text == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("累计20-10", id="reversed-cumulative-range"),
        pytest.param("累计 ２０～１０", id="reversed-cumulative-range-fullwidth"),
        pytest.param("9" * 400, id="number-overflows-float"),
    ],
)
def test_invalid_numbers_raise_target_parse_error(text):
    with pytest.raises(TargetParseError):
        parse_target(text, unit="家", name="新增企业上市数")


def test_kinds_cover_target_kinds():
    # every kind the hand table and spellings produce is a declared kind
    kinds = {r[4] for r in SEED_TARGETS} | {
        "cumulative_change",
        "relative_to_indicator",
        "running_level",
        "direction",  # 持续下降 … (tests/plan/test_spellings.py)
        "relative_to_year",  # 比2010年翻一番
    }
    union = {cls.model_fields["kind"].default for cls in get_args(get_args(KnownTarget)[0])}
    assert kinds == union
    assert set(TARGET_KINDS) <= union
