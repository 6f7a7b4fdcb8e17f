"""Usage errors end with exit 2 and a message in both languages, never a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indicator_forecast._dates import parse_date
from indicator_forecast.cli import main
from indicator_forecast.exceptions import ConfigurationError, InputError

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "data" / "national-14th"


@pytest.mark.parametrize(
    "text",
    ["2023-06-30", "2023/6/30", "2023.6.30", "2023年6月30日", "20230630", "２０２３-06-30"],
)
def test_accepted_date_forms(text):
    assert parse_date(text) == dt.date(2023, 6, 30)


@pytest.mark.parametrize("text", ["2023-13-01", "2023H1", "2023-02-30", "明年", ""])
def test_refused_date_forms_name_the_accepted_ones(text):
    with pytest.raises(ConfigurationError, match="2023年6月30日"):
        parse_date(text)


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("as_of", ["2023-13-01", "2023H1"])
def test_cli_bad_date_is_a_usage_error(capsys, as_of):
    with pytest.raises(SystemExit) as exc:
        main(["evaluate", str(NATIONAL / "plan.csv"), str(NATIONAL / "observations.csv"),
              "--as-of", as_of])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "评估时点" in err and "evaluation date" in err and "Traceback" not in err


def test_cli_date_before_the_plan_is_a_usage_error(capsys):
    code, text = _run(capsys, "evaluate", str(NATIONAL / "plan.csv"),
                      str(NATIONAL / "observations.csv"), "--as-of", "2019-01-01")
    assert code == 2
    assert "早于规划期第一年" in text and "before the plan's first year 2021" in text


def test_cli_chinese_date_is_read(capsys):
    code, text = _run(capsys, "evaluate", str(NATIONAL / "plan.csv"),
                      str(NATIONAL / "observations.csv"), "--as-of", "2023年6月30日")
    assert code == 0
    assert "2023-06-30" in text


def test_cli_date_far_after_the_data_says_what_it_means(capsys):
    code, text = _run(capsys, "evaluate", str(NATIONAL / "plan.csv"),
                      str(NATIONAL / "observations.csv"), "--as-of", "2030-01-01")
    assert code == 0
    assert "比最新数据年份 2022 晚 8 年" in text


def _plan_error(path: Path) -> str:
    from indicator_forecast import read_plan

    with pytest.raises(InputError) as exc:
        read_plan(path)
    return str(exc.value)


def test_malformed_tables_get_the_packages_error(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert "文件为空" in _plan_error(empty)

    header_only = tmp_path / "header.csv"
    header_only.write_text("序号,指标,单位,目标值,责任部门,指标属性\n", encoding="utf-8")
    assert "只有表头" in _plan_error(header_only)

    csv_as_xlsx = tmp_path / "plan.xlsx"
    csv_as_xlsx.write_text("序号,指标\n1,GDP\n", encoding="utf-8")
    assert "rename it to .csv" in _plan_error(csv_as_xlsx)

    not_zip = tmp_path / "broken.xlsx"
    not_zip.write_bytes(b"PK\x03\x04 not really a zip")
    assert "not a readable workbook" in _plan_error(not_zip)

    # An OLE container without an encryption stream is an old .xls named .xlsx (a real
    # password-protected workbook is in tests/plan's malformed corpus).
    old_xls = tmp_path / "old.xlsx"
    old_xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    assert "rename it to .xls" in _plan_error(old_xls)

    ragged = tmp_path / "ragged.csv"
    ragged.write_text("序号,指标,单位,目标值,指标属性\n1,GDP,%,6,5,预期性\n", encoding="utf-8")
    assert "at most 5 cells" in _plan_error(ragged)

    ods = tmp_path / "plan.ods"
    ods.write_bytes(b"PK\x03\x04")
    assert "save as .xlsx" in _plan_error(ods)


def test_empty_observation_file_is_located(tmp_path):
    from indicator_forecast import read_observations, read_plan

    plan = read_plan(NATIONAL / "plan.csv")
    empty = tmp_path / "obs.csv"
    empty.write_text("")
    with pytest.raises(InputError, match="obs.csv: the file is empty"):
        read_observations(empty, plan)
