"""A new kind is one new module: a kind defined here, outside the package, declares its own
spellings and is read from a plan table without a change to the parser, the reader or the
union of kinds (issue 10.3). Every kind and table here is synthetic; the kinds are registered
only while a test runs (the fixture removes them), so that no other test sees them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

import pytest
from pydantic import ValidationError

from indicator_forecast._typing import Direction
from indicator_forecast.exceptions import PlanError, TargetParseError
from indicator_forecast.plan import Indicator, parse_target, read_plan
from indicator_forecast.plan.targets import (
    KINDS,
    TARGET_ADAPTER,
    BandTarget,
    TargetBase,
    kind_class,
)

HEADER = "序号,指标,单位,目标值,指标属性\n"


@pytest.fixture
def synthetic_kinds() -> Iterator[dict[str, type[TargetBase]]]:
    before = dict(KINDS)

    class SyntheticDoublingTarget(TargetBase):
        """Double the base-year figure by the target year ("翻一番"; synthetic)."""

        kind: Literal["synthetic_spelled_doubling"] = "synthetic_spelled_doubling"
        multiple: float = 2.0
        has_numbers: ClassVar[bool] = False
        label_en: ClassVar[str] = "synthetic doubling"
        spellings: ClassVar[tuple[str, ...]] = (
            r"(?:实现)?翻一番", r"(?:实现)?翻(?P<times>两|三)番",
        )
        spelling_examples: ClassVar[tuple[str, ...]] = ("翻一番", "翻两番")

        @classmethod
        def from_spelling(
            cls,
            groups: dict[str, str | None],
            *,
            name: str | None,
            direction: Direction,
            fields: dict[str, Any],
        ) -> TargetBase:
            # 翻两番: two doublings, 4 times the base; 翻三番: 8 times
            multiple = {None: 2.0, "两": 4.0, "三": 8.0}[groups.get("times")]
            return cls(multiple=multiple, direction="higher", **fields)

    class SyntheticScoreTarget(TargetBase):
        """A score the text writes as 'synthetic-score 7' (a made-up spelling), tried before the
        built-in forms; 'synthetic-score 85左右' would otherwise be refused, so it also claims
        '约85' to show the order (a built-in band otherwise)."""

        kind: Literal["synthetic_spelled_score"] = "synthetic_spelled_score"
        label_en: ClassVar[str] = "synthetic score"
        spellings: ClassVar[tuple[str, ...]] = (
            r"synthetic-score(?P<low>\d+(?:\.\d+)?)", r"约(?P<low>\d+)",
        )
        spellings_first: ClassVar[bool] = True

    class SyntheticLateTarget(TargetBase):
        """A spelling tried after the built-in forms: '85左右' stays a built-in band."""

        kind: Literal["synthetic_spelled_late"] = "synthetic_spelled_late"
        spellings: ClassVar[tuple[str, ...]] = (r"(?P<low>\d+)左右", r"synthetic-late")

    yield {c.model_fields["kind"].default: c for c in (
        SyntheticDoublingTarget, SyntheticScoreTarget, SyntheticLateTarget)}
    KINDS.clear()
    KINDS.update(before)


def test_a_plan_table_with_a_kind_declared_outside_the_package(tmp_path, synthetic_kinds):
    p = tmp_path / "plan.csv"
    p.write_text(
        HEADER
        + "1,地区生产总值增长,%,6.5%左右,预期性\n"
        + "2,城乡居民人均收入,元,翻一番,预期性\n"
        + "3,地区生产总值,亿元,【实现翻两番】,预期性\n"
        + "4,营商环境评分,分,\"synthetic-score 7，力争8\",预期性\n",
        encoding="utf-8",
    )
    plan = read_plan(p)
    doubling = synthetic_kinds["synthetic_spelled_doubling"]
    assert [(i.id, i.kind) for i in plan] == [
        ("1", "annual_rate"), ("2", "synthetic_spelled_doubling"),
        ("3", "synthetic_spelled_doubling"),
        ("4", "synthetic_spelled_score"),
    ]
    assert isinstance(plan["2"].target, doubling)
    assert (plan["2"].target.multiple, plan["3"].target.multiple) == (2.0, 4.0)
    # the fields every target has come from the parser: the text, the unit, the 力争 clause
    t4 = plan["4"].target
    assert (t4.text, t4.unit, t4.low, t4.high) == ("synthetic-score 7，力争8", "分", 7.0, None)
    assert (t4.aspiration, t4.aspiration_value) == ("力争8", 8.0)
    assert plan["3"].target.unit == "亿元"


def test_the_order_declared_kinds_are_tried_in(synthetic_kinds):
    # spellings_first: before the built-in forms ("约85" is a band without the kind)
    assert parse_target("约85", unit="分", name="满意度").kind == "synthetic_spelled_score"
    # after them: "85左右" is still the built-in band, "synthetic-late" only this kind's
    assert isinstance(parse_target("85左右", unit="分", name="满意度"), BandTarget)
    assert parse_target("synthetic-late", unit="分", name="满意度").kind == "synthetic_spelled_late"
    # a text no form reads lists the declared examples with the accepted forms
    with pytest.raises(TargetParseError, match="'翻一番', '翻两番' \\(synthetic doubling\\)"):
        parse_target("翻四番", unit="元", name="人均收入")


def test_a_declared_kind_must_agree_with_the_direction_column(synthetic_kinds):
    # SyntheticDoublingTarget is higher-is-better; 越低越好 in the 方向 column contradicts it
    with pytest.raises(TargetParseError, match="方向"):
        parse_target("翻一番", unit="元", name="城乡居民人均收入", direction="lower")
    assert parse_target("翻一番", unit="元", direction="higher").multiple == 2.0


def test_overlapping_spellings_of_one_group_are_refused(synthetic_kinds):
    class SyntheticRivalTarget(TargetBase):
        kind: Literal["synthetic_spelled_rival"] = "synthetic_spelled_rival"
        spellings: ClassVar[tuple[str, ...]] = (r"synthetic-late",)

    with pytest.raises(TargetParseError, match="synthetic_spelled_late, synthetic_spelled_rival"):
        parse_target("synthetic-late", unit="分")


def test_a_target_dict_is_validated_through_its_kinds_class(synthetic_kinds):
    fields = {"kind": "synthetic_spelled_doubling", "text": "翻一番", "unit": "元", "multiple": 2.0}
    t = TARGET_ADAPTER.validate_python(fields)
    assert type(t) is kind_class("synthetic_spelled_doubling") and t.multiple == 2.0
    ind = Indicator(id="1", name="城乡居民人均收入", unit="元", target=fields, attribute="预期性")
    assert ind.target == t
    # dumped with the kind's own fields, and read back the same
    assert Indicator.model_validate(ind.model_dump()) == ind
    with pytest.raises(ValidationError, match="Unknown target kind 'synthetic_spelled_missing'"):
        TARGET_ADAPTER.validate_python({**fields, "kind": "synthetic_spelled_missing"})
    with pytest.raises(ValidationError, match="multiple"):
        TARGET_ADAPTER.validate_python({**fields, "multiple": "twice"})


def test_after_the_test_the_kinds_are_gone(tmp_path):
    # the fixture above removed them: the spelling is refused again and the kind unknown
    assert not any(k.startswith("synthetic_spelled") for k in KINDS)
    with pytest.raises(TargetParseError):
        parse_target("翻一番", unit="元", name="城乡居民人均收入")
    p = tmp_path / "plan.csv"
    p.write_text(HEADER + "1,城乡居民人均收入,元,翻一番,预期性\n", encoding="utf-8")
    with pytest.raises(PlanError):
        read_plan(p)
    with pytest.raises(ValueError, match="Unknown target kind"):
        kind_class("synthetic_spelled_doubling")
