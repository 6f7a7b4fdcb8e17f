"""Periods, units and value texts of observed figures."""

from __future__ import annotations

import datetime as dt

import pytest

from indicator_forecast.data import Period, conversion_factor, normalise_unit, parse_period
from indicator_forecast.data.observations import parse_value


@pytest.mark.parametrize(
    "text, year, months",
    [
        ("2022", 2022, 12),
        ("2022年", 2022, 12),
        ("2023H1", 2023, 6),
        ("2023年上半年", 2023, 6),
        ("2023-06", 2023, 6),
        ("2023年1-9月", 2023, 9),
        ("2023M1-9", 2023, 9),
        ("2023Q1-Q3", 2023, 9),
        ("2023前三季度", 2023, 9),
        ("2023年一季度", 2023, 3),
        ("２０２３年１-９月", 2023, 9),
        (" 2023 H1 ", 2023, 6),
    ],
)
def test_parse_period(text, year, months):
    p = parse_period(text)
    assert (p.year, p.months) == (year, months)


@pytest.mark.parametrize(
    "text, year, months",
    [
        ("annual", 2022, 12),
        ("H1", 2023, 6),
        ("Q1-Q3", 2023, 9),
        ("year-end", 2021, 12),
        ("annual(nominal)", 2021, 12),
        ("1-6月", 2023, 6),
    ],
)
def test_parse_period_with_year_column(text, year, months):
    p = parse_period(text, str(year))
    assert (p.year, p.months) == (year, months)


@pytest.mark.parametrize("text", ["", "abc", "2023H2", "2023-13", "23年", "2023年0月"])
def test_bad_period(text):
    with pytest.raises(ValueError):
        parse_period(text)


def test_period_end_and_position():
    h1 = parse_period("2023H1")
    assert h1.end == dt.date(2023, 6, 30)
    # January-June 2023 is 2.5 years after the end of 2020: position 2022 + 6/12 = 2022.5
    assert h1.position == 2022.5
    q3 = parse_period("2023年1-9月")
    assert q3.end == dt.date(2023, 9, 30)
    assert q3.position == pytest.approx(2022.75)  # 2022 + 9/12
    y = parse_period("2022")
    assert y.end == dt.date(2022, 12, 31)
    assert y.position == 2022.0  # two of five years after 2020
    assert Period(2024, 2).end == dt.date(2024, 2, 29)  # leap year
    assert parse_period("2023H1") < parse_period("2023年1-9月") < parse_period("2023")
    assert str(parse_period("2023年1-9月")) == "2023M1-9" and str(y) == "2022"
    with pytest.raises(ValueError):
        Period(2023, 13)


def test_unit_conversion():
    assert conversion_factor("万人", "人") == 10_000
    assert conversion_factor("人", "万人") == pytest.approx(1e-4)
    # 1 斤 = 0.5 kg, so 1 亿斤 = 0.5e8 kg = 5e4 t = 0.0005 亿吨;
    # 13657 亿斤 × 0.0005 = 6.8285 亿吨
    assert 13657 * conversion_factor("亿斤", "亿吨") == pytest.approx(6.8285)
    assert conversion_factor("亿斤", "万吨") == pytest.approx(5.0)  # 0.5e8 kg = 5e4 t = 5 万吨
    assert conversion_factor("万吨", "亿吨") == pytest.approx(1e-4)
    assert conversion_factor("亿元", "万元") == 10_000
    assert conversion_factor("％", "%") == 1.0
    assert conversion_factor("万㎡", "万平方米") == 1.0
    assert conversion_factor("人", "亿元") is None
    assert conversion_factor("%", "分") is None
    assert normalise_unit("（％）") == "(%)"
    assert normalise_unit(None) == ""


@pytest.mark.parametrize(
    "text, unit, value, approximate",
    [
        ("12.3%", "%", 12.3, False),
        ("１２.３", "%", 12.3, False),
        ("１２.３％", "%", 12.3, False),
        ("约12", "%", 12.0, True),
        ("12左右", "%", 12.0, True),
        ("1,234", "人", 1234.0, False),
        ("1，234", "人", 1234.0, False),
        ("-5.7", "%", -5.7, False),
        (" 0.01 ", "人/亿元", 0.01, False),
    ],
)
def test_parse_value(text, unit, value, approximate):
    v, note = parse_value(text, unit)
    assert v == pytest.approx(value)
    assert (note is not None) == approximate


@pytest.mark.parametrize(
    "text, unit", [("abc", "%"), ("12.3%", "亿元"), ("1.2.3", "%"), ("", "%"), ("约", "%")]
)
def test_parse_value_rejects(text, unit):
    with pytest.raises(ValueError):
        parse_value(text, unit)
