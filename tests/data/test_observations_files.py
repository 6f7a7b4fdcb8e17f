"""Observation files as departments hand them over (issues 10.2 and 17.3).

All tables here are synthetic, written for the test, against the shipped Putuo plan (whose
indicator 15 is 新增养老床位数 and 16 is 新增病床数, data/putuo-14th/plan.csv).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicator_forecast import read_plan
from indicator_forecast.data import read_observations
from indicator_forecast.exceptions import DataError, IndicatorForecastError

ROOT = Path(__file__).resolve().parents[2]
PLAN = read_plan(ROOT / "data" / "putuo-14th" / "plan.csv")
HEADER = "指标编号,指标,时期,数值,单位\n"


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return p


def _problems(err: DataError) -> list[tuple[int | None, str | None, str, str]]:
    return [(p.row, p.column, p.value, p.expected) for p in err.report]


# ---------------------------------------------------------------- malformed files


@pytest.mark.parametrize("text", ["", "\n\n", "   "], ids=["empty", "newlines", "spaces"])
def test_empty_file_is_a_located_data_error(tmp_path, text):
    p = _write(tmp_path, "空表.csv", text)
    with pytest.raises(DataError) as info:
        read_observations(p, PLAN)
    assert isinstance(info.value, IndicatorForecastError)
    assert "空表.csv" in str(info.value) and "empty" in str(info.value)
    assert not isinstance(info.value, pd.errors.EmptyDataError)


def test_header_only_file_is_an_error_not_an_empty_table(tmp_path):
    p = _write(tmp_path, "只有表头.csv", HEADER)
    with pytest.raises(DataError) as info:
        read_observations(p, PLAN)
    msg = str(info.value)
    assert "只有表头.csv" in msg and "no figures" in msg and "没有数据行" in msg
    # the problem points at the first row under the header (row 2 in a spreadsheet)
    assert [p.row for p in info.value.report] == [2]


def test_header_only_dataframe_is_an_error():
    frame = pd.DataFrame(columns=["indicator_id", "period", "value", "unit"])
    with pytest.raises(DataError, match="no figures"):
        read_observations(frame, PLAN)


def test_header_only_without_a_plan_is_an_error(tmp_path):
    p = _write(tmp_path, "obs.csv", "indicator_id,period,value\n")
    with pytest.raises(DataError, match="no figures"):
        read_observations(p)


# ---------------------------------------------------------------- ids


@pytest.mark.parametrize("typed", ["１５", " 15 ", "15.0", "１５．０"])
def test_full_width_and_padded_ids_are_read(tmp_path, typed):
    p = _write(tmp_path, "obs.csv", HEADER + f"{typed},新增养老床位数,2021,120,张\n")
    frame = read_observations(p, PLAN).to_frame()
    assert frame["indicator_id"].tolist() == ["15"]
    assert frame["value"].tolist() == [120.0]


def test_full_width_id_without_a_plan(tmp_path):
    p = _write(tmp_path, "obs.csv", "indicator_id,period,value\n１６,2021,３０\n")
    frame = read_observations(p).to_frame()
    assert frame["indicator_id"].tolist() == ["16"]
    assert frame["value"].tolist() == [30.0]


def test_the_id_column_named_zhibiao_bianhao_beside_a_name_column(tmp_path):
    # Both "指标编号" and "指标" head columns: the id is 指标编号, the name 指标.
    p = _write(tmp_path, "obs.csv", HEADER + "16,新增病床数,2021,200,张\n")
    frame = read_observations(p, PLAN).to_frame()
    assert frame["indicator_id"].tolist() == ["16"]


# ---------------------------------------------------------------- id first (issue 17.3)


def test_id_decides_and_a_name_of_another_indicator_is_an_error_naming_both(tmp_path):
    # The reported case: 指标编号 15 with the name "病床数" went silently to 16 (新增病床数).
    p = _write(tmp_path, "obs.csv", HEADER + "15,病床数,2021,120,张\n")
    with pytest.raises(DataError) as info:
        read_observations(p, PLAN)
    [(row, column, value, expected)] = _problems(info.value)
    assert (row, column, value) == (2, "指标", "病床数")
    # both the id's indicator and the one the name points to are named
    assert "15" in expected and "新增养老床位数" in expected
    assert "16" in expected and "新增病床数" in expected
    assert "不一致" in expected


def test_a_name_matching_no_indicator_beside_an_id_is_an_error(tmp_path):
    p = _write(tmp_path, "obs.csv", HEADER + "15,地铁站点数,2021,120,张\n")
    with pytest.raises(DataError) as info:
        read_observations(p, PLAN)
    [(row, column, value, expected)] = _problems(info.value)
    assert (row, column, value) == (2, "指标", "地铁站点数")
    assert "新增养老床位数" in expected


@pytest.mark.parametrize(
    "name",
    [
        "新增养老床位数",  # exact
        "新增 养老床位数",  # spaces
        "养老床位数",  # a shorter form contained in the plan's name
        "新增养老床位数(张)",  # the name with its unit in brackets
    ],
)
def test_names_that_agree_with_the_id_are_accepted(tmp_path, name):
    p = _write(tmp_path, "obs.csv", HEADER + f"15,{name},2021,120,张\n")
    assert read_observations(p, PLAN).to_frame()["indicator_id"].tolist() == ["15"]


def test_a_bracketed_abbreviation_agrees():
    # The national plan names indicator 1 "国内生产总值(GDP)增长"; its data call it "GDP增长".
    national = read_plan(ROOT / "data" / "national-14th" / "plan.csv")
    frame = pd.DataFrame(
        {"indicator_id": ["1"], "indicator_name": ["GDP增长"], "period": ["2021"],
         "value": ["8.1"], "unit": ["%"]}
    )
    assert read_observations(frame, national).to_frame()["indicator_id"].tolist() == ["1"]


def test_every_clash_in_the_file_is_listed_in_one_run(tmp_path):
    text = HEADER + "15,病床数,2021,120,张\n16,新增病床数,2021,200,张\n16,养老床位,2022,10,张\n"
    p = _write(tmp_path, "obs.csv", text)
    with pytest.raises(DataError) as info:
        read_observations(p, PLAN)
    assert [pr[0] for pr in _problems(info.value)] == [2, 4]


def test_a_related_series_row_keeps_its_own_name(tmp_path):
    # A row naming a related series (here the stock of beds beside the new beds) is not an
    # indicator's name and is not checked against the id.
    text = (
        "指标编号,指标,时期,数值,单位,口径,序列\n"
        "16,医疗机构床位总数(辅助),2021,5000,张,level,床位总数\n"
    )
    p = _write(tmp_path, "obs.csv", text)
    frame = read_observations(p, PLAN).to_frame()
    assert frame["series"].tolist() == ["床位总数"]


def test_names_only_are_still_matched_by_name(tmp_path):
    p = _write(tmp_path, "obs.csv", "指标,时期,数值,单位\n新增病床数,2021,200,张\n")
    assert read_observations(p, PLAN).to_frame()["indicator_id"].tolist() == ["16"]


def test_shipped_observations_read_unchanged():
    # Both shipped data sets name their indicators loosely (GDP增长, 粮食综合生产能力(粮食产量),
    # 空气质量优良率AQI …): none of them is a clash.
    for plan_dir in ("putuo-14th", "national-14th"):
        plan = read_plan(ROOT / "data" / plan_dir / "plan.csv")
        obs = read_observations(ROOT / "data" / plan_dir / "observations.csv", plan)
        raw = pd.read_csv(ROOT / "data" / plan_dir / "observations.csv", dtype=str)
        assert len(obs) + len(obs.skipped) == len(raw)
        assert sorted(set(obs.to_frame()["indicator_id"])) == sorted(
            set(raw["indicator_id"][raw["value"].notna()])
        )


# ---------------------------------------------------------------- negative counts


@pytest.mark.parametrize(
    "row, measure",
    [
        ("16,新增病床数,2021,-20,张,", "flow"),  # the default measure of a five-year total
        ("16,新增病床数,2021,-20,张,当年新增", "flow"),
        ("16,新增病床数,2022,-5,张,累计", "running_total"),
        ("23,新增景观特色道路,2021,－３,条(段),", "flow"),  # full-width minus and digits
    ],
)
def test_a_negative_count_of_new_things_is_a_located_error(tmp_path, row, measure):
    p = _write(tmp_path, "obs.csv", "指标编号,指标,时期,数值,单位,口径\n" + row + "\n")
    with pytest.raises(DataError) as info:
        read_observations(p, PLAN)
    [(r, column, _value, expected)] = _problems(info.value)
    assert (r, column) == (2, "数值")
    assert "≥ 0" in expected and "新增" in expected
    assert ("yearly amount" if measure == "flow" else "running total") in expected


def test_negative_figures_stay_allowed_where_they_mean_something(tmp_path):
    # A growth rate may fall below zero (indicator 1), and a count of new things may be zero:
    # only negative counts of new things are refused.
    text = HEADER + "1,地区生产总值年均增长率,2022,-1.5,%\n16,新增病床数,2021,0,张\n"
    p = _write(tmp_path, "obs.csv", text)
    frame = read_observations(p, PLAN).to_frame()
    assert frame["value"].tolist() == [-1.5, 0.0]


# ---------------------------------------------------------------- any file

_OBS_ROW = st.tuples(
    st.sampled_from(["", "15", "１６", "1.0", "99", "指标编号", "新增病床数"]),
    st.sampled_from(["", "新增养老床位数", "新增病床数", "别的指标"]),
    st.sampled_from(["", "2021", "2022H1", "２０２３", "2021年1-6月", "20x1", "2030"]),
    st.sampled_from(["", "120", "-3", "１２０", "1,200", "1.2.3", "约100", "5万", "nan", "inf"])
    | st.text(max_size=6),
    st.sampled_from(["", "张", "万张", "%", "人"]),
    st.sampled_from([None, "", "多余"]),
).map(lambda cells: ",".join(c for c in cells if c is not None))


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_OBS_ROW, max_size=6))
def test_any_file_gives_observations_or_a_located_data_error(tmp_path, rows):
    p = _write(tmp_path, "any.csv", HEADER + "\n".join(rows) + "\n")
    try:
        read_observations(p, PLAN)
    except DataError as err:
        assert err.report, "every DataError locates its problems"
