"""Reading what people type into a value cell (expected values worked by hand)."""

from __future__ import annotations

import pytest

from indicator_forecast.collect.values import (
    UnfilledError,
    UnreadableError,
    WrongUnitError,
    read_entry,
)


@pytest.mark.parametrize(
    ("raw", "unit", "value", "approx"),
    [
        (12.5, "%", 12.5, False),
        ("12.5", "%", 12.5, False),              # a number stored as text
        ("约12.5", "%", 12.5, True),
        ("估计 12.5", "%", 12.5, True),
        ("12.5左右", "%", 12.5, True),
        ("1,400", "亿元", 1400.0, False),
        ("１，４００", "亿元", 1400.0, False),     # full-width digits and comma
        ("１２．５", "%", 12.5, False),
        ("12.5%", "%", 12.5, False),
        ("12.5％", "%", 12.5, False),
        ("1400亿元", "亿元", 1400.0, False),      # the asked unit typed after the number
        ("36 万平方米", "万平方米", 36.0, False),
        ("-0.2", "%", -0.2, False),
    ],
)
def test_messy_entries_are_read(raw: object, unit: str, value: float, approx: bool) -> None:
    r = read_entry(raw, unit)
    assert r is not None
    assert r.value == value
    assert r.approximate is approx


def test_exact_unit_conversion_is_made_and_said() -> None:
    # 140000 万元 = 14 亿元 (1 亿 = 10 000 万), computed in decimal: no 13.999999.
    r = read_entry("140000万元", "亿元")
    assert r is not None and r.value == 14.0
    assert "万元" in r.note and "换算" in r.note
    r = read_entry("3500000平方米", "万平方米")
    assert r is not None and r.value == 350.0
    r = read_entry("1.4亿元", "万元")
    assert r is not None and r.value == 14000.0


@pytest.mark.parametrize(("raw", "unit"), [("12亿斤", "万吨"), ("5 人", "亿元"), ("12.5%", "亿元"),
                                           ("300 万元", "元/平方米")])
def test_units_that_do_not_convert_exactly_are_rejected(raw: str, unit: str) -> None:
    with pytest.raises(WrongUnitError) as exc:
        read_entry(raw, unit)
    assert unit in exc.value.expected


def test_a_percent_formatted_cell_is_read_as_percent() -> None:
    # Excel stores "12.5%" typed into a General cell as 0.125 with a percentage format.
    r = read_entry(0.125, "%", percent_format=True)
    assert r is not None and r.value == 12.5


@pytest.mark.parametrize("raw", ["待定", "—", "-", "见附件", "见附件3", "暂无", "/", "N/A"])
def test_placeholders_are_unfilled_not_guessed(raw: str) -> None:
    with pytest.raises(UnfilledError):
        read_entry(raw, "%")


@pytest.mark.parametrize("raw", ["12..5", "1a2", "12.5-13"])
def test_garbled_numbers_are_unreadable(raw: str) -> None:
    with pytest.raises(UnreadableError) as exc:
        read_entry(raw, "%")
    assert "12.5" in exc.value.expected


@pytest.mark.parametrize(("raw", "numerals"), [
    ("九十二", "九十二"), ("约九十二点五", "九十二点五"), ("百分之十二", "百分之十二"),
    ("两千万元", "两千万"), ("十二%", "十二"), ("三个百分点", "三"),
])
def test_chinese_numerals_are_a_problem_not_unfilled(raw: str, numerals: str) -> None:
    # The department typed a figure, in words: it is asked for the digits, never converted.
    with pytest.raises(UnreadableError) as exc:
        read_entry(raw, "亿元")
    assert not isinstance(exc.value, UnfilledError)
    assert f"“{numerals}”" in exc.value.expected


@pytest.mark.parametrize("raw", ["一般", "一直未统计", "数据由统计局提供", "万元"])
def test_prose_without_a_figure_stays_unfilled(raw: str) -> None:
    with pytest.raises(UnfilledError):
        read_entry(raw, "亿元")


def test_empty_cells_are_none() -> None:
    assert read_entry(None, "%") is None
    assert read_entry("  ", "%") is None
