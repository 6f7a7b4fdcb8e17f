"""read_observations on the shipped data and on synthetic tables."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from indicator_forecast.data import Observations, read_observations
from indicator_forecast.exceptions import DataError, InputError
from indicator_forecast.plan import read_plan

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def putuo():
    return read_plan(DATA / "putuo-14th" / "plan.csv")


@pytest.fixture(scope="module")
def national():
    return read_plan(DATA / "national-14th" / "plan.csv")


def _write_csv(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _frame_csv(tmp_path: Path, columns: dict) -> Path:
    """Write a synthetic observations table (columns → cells) as a CSV file."""
    frame = pd.DataFrame(columns)
    return _write_csv(
        tmp_path / "synthetic_observations.csv", [list(frame.columns), *frame.values.tolist()]
    )


def test_shipped_putuo(putuo):
    obs = read_observations(DATA / "putuo-14th" / "observations.csv", putuo)
    assert isinstance(obs, Observations)
    n_rows = (
        sum(1 for _ in open(DATA / "putuo-14th" / "observations.csv", encoding="utf-8-sig")) - 1
    )
    assert len(obs) + len(obs.skipped) == n_rows  # every row is a figure or a listed skip
    assert set(obs.frame["indicator_id"]) <= {i.id for i in putuo.all_indicators()}
    # indicator 1 is "与市保持同步": its figures default to growth rates
    assert set(obs.select("1", role=["actual", "parent_actual"])["measure"]) == {"growth_rate"}
    # the city's 2022 GDP growth, as published: −0.2 %
    city = obs.select("1", role="parent_actual")
    assert city.loc[city["period"] == "2022", "value"].item() == pytest.approx(-0.2)


def test_shipped_national(national):
    obs = read_observations(DATA / "national-14th" / "observations.csv", national)
    n_rows = (
        sum(1 for _ in open(DATA / "national-14th" / "observations.csv", encoding="utf-8-sig")) - 1
    )
    assert len(obs) + len(obs.skipped) == n_rows
    grain = obs.select("19").set_index("period")["value"]
    # 2021: 13657 亿斤 × 0.0005 亿吨/亿斤 = 6.8285 亿吨
    assert grain["2021"] == pytest.approx(6.8285)
    # 2020: 66949 万吨 × 0.0001 = 6.6949 亿吨
    assert grain["2020"] == pytest.approx(6.6949)
    assert set(obs.select("19")["unit"]) == {"亿吨"}


def test_unit_conversion_in_reading(putuo, tmp_path):
    path = _frame_csv(tmp_path, {
        "indicator_id": ["18", "18", "3"],
        "period": ["2021", "2022", "2021"],
        "value": ["1.2", "9,876", "３１２.５"],
        "unit": ["万人", "人", "亿元"],
        "role": ["actual", "actual", "actual"],
    })
    obs = read_observations(path, putuo)
    s = obs.select("18").set_index("period")
    assert s.loc["2021", "value"] == pytest.approx(12_000)  # 1.2 万人 × 10000 = 12000 人
    assert s.loc["2021", "unit"] == "人"
    assert "converted" in s.loc["2021", "note"]
    assert s.loc["2022", "value"] == 9876
    three = obs.select("3")
    assert three["value"].item() == 312.5
    assert three["measure"].item() == "flow"  # cumulative total: a year's new amount by default


def test_values_as_written(putuo, tmp_path):
    path = _frame_csv(tmp_path, {
        "indicator_id": ["19", "19", "19", "18"],
        "period": ["2020", "2021", "2022", "2022"],
        "value": ["87.2%", "８８.５", "约86", "1,234"],
        "unit": ["%", "%", "%", "人"],
    })
    obs = read_observations(path, putuo)
    assert list(obs.select("19")["value"]) == [87.2, 88.5, 86.0]
    assert "approximate" in obs.select("19")["note"].iloc[2]
    assert obs.select("18")["value"].item() == 1234.0


def test_indicator_by_name(putuo, tmp_path):
    path = _frame_csv(
        tmp_path, {"指标": ["新增高新技术企业数"], "时期": ["2021"], "数值": ["30"], "单位": ["家"]}
    )
    obs = read_observations(path, putuo)
    assert list(obs.frame["indicator_id"]) == ["6"]


BAD = [
    ["indicator_id", "period", "value", "unit", "role"],  # row 1
    ["3", "2021", "300", "亿元", "actual"],               # row 2: fine
    ["99", "2021", "1", "亿元", "actual"],                # row 3: unknown indicator
    ["3", "2022", "5", "万平方米", "actual"],              # row 4: unit mismatch (亿元 expected)
    ["3", "2021", "310", "亿元", "actual"],               # row 5: duplicate of row 2
    ["3", "2023H1", "n/a", "亿元", "actual"],             # row 6: not a number
    ["3", "2022", "280", "亿元", "annual_target"],        # row 7: fine (another role)
]


def test_every_problem_in_one_error(putuo, tmp_path):
    path = _write_csv(tmp_path / "synthetic_bad_observations.csv", BAD)
    with pytest.raises(DataError) as info:
        read_observations(path, putuo)
    err = info.value
    frame = err.report.to_frame()
    got = {
        (int(r), c, v)
        for r, c, v in zip(frame["row"], frame["column"], frame["value"], strict=True)
    }
    assert got == {
        (3, "indicator_id", "99"),
        (4, "unit", "万平方米"),
        (5, "period", "2021"),
        (6, "value", "n/a"),
    }
    assert "row 2" in frame.loc[frame["row"] == 5, "expected"].item()
    assert "亿元" in frame.loc[frame["row"] == 4, "expected"].item()
    msg = str(err)
    assert "4 problem(s)" in msg and "Traceback" not in msg
    for r in (3, 4, 5, 6):
        assert f"row {r}," in msg


def test_bad_header_raises_data_error(putuo, tmp_path):
    path = _write_csv(tmp_path / "synthetic_bad_header.csv", [["foo", "bar"], ["3", "1"]])
    with pytest.raises(InputError) as info:
        read_observations(path, putuo)
    assert isinstance(info.value, DataError)


def test_bad_header_names_columns(putuo, tmp_path):
    path = _write_csv(tmp_path / "synthetic_bad_header.csv", [["foo", "数值"], ["3", "1"]])
    with pytest.raises(InputError, match="indicator") as info:
        read_observations(path, putuo)
    assert len(info.value.report) == 1


def test_no_period_column(putuo, tmp_path):
    path = _write_csv(tmp_path / "synthetic_no_period.csv", [["indicator_id", "value"], ["3", "1"]])
    with pytest.raises(DataError, match="period"):
        read_observations(path, putuo)


def test_select_as_of(putuo, tmp_path):
    path = _frame_csv(tmp_path, {
        "indicator_id": ["6"] * 5,
        "period": ["2021", "2022", "2023H1", "2023年1-9月", "2023"],
        "value": ["30", "35", "20", "28", "40"],
        "unit": ["家"] * 5,
    })
    obs = read_observations(path, putuo)
    assert list(obs.select("6")["period"]) == ["2021", "2022", "2023M1-6", "2023M1-9", "2023"]
    cut = obs.select("6", as_of="2023-06-30")
    assert list(cut["period"]) == [
        "2021",
        "2022",
        "2023M1-6",
    ]  # 2023M1-9 ends 09-30, 2023 ends 12-31
    assert list(cut["value"]) == [30.0, 35.0, 20.0]
    assert list(obs.select("6", as_of="2022-12-31")["period"]) == ["2021", "2022"]
    assert list(obs.select("6", as_of="2023-06-29")["period"]) == ["2021", "2022"]


def test_dataframe_source(putuo):
    path = DATA / "putuo-14th" / "observations.csv"
    from_file = read_observations(path, putuo)
    from_frame = read_observations(pd.read_csv(path, dtype=str, keep_default_na=False), putuo)
    pd.testing.assert_frame_equal(from_frame.frame, from_file.frame)
