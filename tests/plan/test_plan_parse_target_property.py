"""Property: parse_target returns a target or raises TargetParseError — never anything else."""

from __future__ import annotations

from typing import get_args

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from indicator_forecast.exceptions import TargetParseError
from indicator_forecast.plan import parse_target
from indicator_forecast.plan.targets import KnownTarget, TargetBase

# every kind of the Target union (the direction and earlier-year kinds included)
KINDS = {cls.model_fields["kind"].default for cls in get_args(get_args(KnownTarget)[0])}

TOKENS = [
    *"0123456789", *"０１２３４５６７８９", ".", "．", ",", "，", "、", ";", " ", "　",
    "-", "–", "—", "~", "～", "至", "到", ">", "<", "＞", "＜", "≥", "≤", "%", "％",
    "(", ")", "（", "）", "〔", "〕", "[", "]", "【", "】",
    "累计", "达到", "新增", "完成", "左右", "约", "以上", "以内", "以下", "不高于", "不低于",
    "力争", "与", "市", "全市", "区", "保持", "基本", "同步", "下达", "目标", "高于", "GDP", "增长",
    "经济", "提高", "降低", "岁", "条(段)", "亿元", "智能软件", "研发服务", "五年累计",
    "各年度视情提出", "abc", "\u0660", "²",
]
NAMES = st.sampled_from(
    [
        None,
        "",
        "区级一般公共预算收入年均增长率",
        "新增景观特色道路",
        "单位生产总值生产安全事故死亡率",
        "单位GDP能源消耗降低",
        "人均预期寿命",
        "空气质量优良率",
        "重点培育产业税收占比",
        "城镇调查失业率",
    ]
)
UNITS = st.sampled_from([None, "%", "条(段)", "亿元", "岁", "人/亿元", ""])
target_like = st.lists(st.sampled_from(TOKENS), min_size=0, max_size=12).map("".join)


def _check(text, unit, name):
    try:
        t = parse_target(text, unit=unit, name=name)
    except TargetParseError as err:
        assert err.text == str(text)
        return
    assert isinstance(t, TargetBase)
    assert t.kind in KINDS
    assert t.direction in ("higher", "lower")
    if t.low is not None and t.high is not None:
        assert t.low <= t.high


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=30), unit=UNITS, name=NAMES)
def test_arbitrary_text(text, unit, name):
    _check(text, unit, name)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=target_like, unit=UNITS, name=NAMES)
@example(text="累计 1400", unit="亿元", name="新增固定资产投资总额")
@example(text="40（智能软件12、研发服务8）", unit="%", name=None)
def test_target_like_text(text, unit, name):
    _check(text, unit, name)


# A structured strategy: prefix, number, optional range, suffix — the shapes plans use, with
# numbers in any order and width, so that malformed-but-plausible texts are reached.
_number = st.one_of(
    st.integers(0, 10**6).map(str),
    st.floats(0, 1e5, allow_nan=False, allow_infinity=False).map(lambda x: f"{x:.2f}"),
    st.integers(0, 99).map(
        lambda n: str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    ),
)
structured = st.builds(
    lambda pre, a, rng, b, suf, asp: f"{pre}{a}{rng + b if rng else ''}{suf}{asp}",
    st.sampled_from(
        ["", "累计", "累计 ", "累计达到", "约", ">", "＜", "不高于", "不低于", "〔", "五年累计"]
    ),
    _number,
    st.sampled_from(["", "-", "–", "～", "至"]),
    _number,
    st.sampled_from(["", "左右", " 左右", "以上", "以内", "〕", "〕(五年累计)", "条(段)", "%"]),
    st.sampled_from(["", "、力争更高", "，力争100"]),
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=structured, unit=UNITS, name=NAMES)
@example(text="累计20-10", unit="家", name="新增企业上市数")
def test_structured_target_text(text, unit, name):
    _check(text, unit, name)


# Texts that once raised another error or took seconds (found by benchmarks/parse_speed.py):
# a run of 力争 recursed once per clause (RecursionError); a long run of digits beside a unit was
# scanned from every digit.
@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.sampled_from(
        ["力争", "力争3，", "1", "5万", "1-", "[", "年均增长", "5%", "提高"]
    ).flatmap(lambda piece: st.integers(1, 600).map(lambda n: piece * n)),
    unit=st.sampled_from(["人", "%", "亿元", None]),
    name=NAMES,
)
@example(text="力争" * 1000, unit="人", name="新增景观特色道路")
def test_long_repeated_text(text, unit, name):
    _check(text, unit, name)


def test_two_stretch_clauses_are_refused():
    for text in ("力争" * 1000, "3，力争4，力争5"):
        try:
            parse_target(text, unit="%", name="研发经费投入强度")
        except TargetParseError as err:
            assert "more than one '力争'" in err.reason
        else:
            raise AssertionError(f"{text[:20]!r} was read")
