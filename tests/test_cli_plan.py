"""The ``plan`` sub-command lists what was read, a '力争' stretch target included (synthetic
table)."""

from __future__ import annotations

import pytest

from indicator_forecast.cli import main

HEADER = "序号,指标,单位,目标值,责任部门,指标属性\n"


@pytest.fixture
def plan_csv(tmp_path):
    p = tmp_path / "plan.csv"
    p.write_text(
        HEADER
        + '1,研发经费投入强度,%,"2.5左右，力争3",区科委,预期性\n'
        + "2,每千人口拥有执业(助理)医师数,人,力争达到3.5,区卫健委,约束性\n"
        + '3,全社会研发经费投入增长,%,"＞7、力争投入强度高于“十三五”时期实际",区科委,预期性\n'
        + "4,常住人口城镇化率,%,65,区发改委,预期性\n",
        encoding="utf-8",
    )
    return p


def _lines(capsys, *argv):
    assert main(list(argv)) == 0
    return capsys.readouterr().out.splitlines()


def test_plan_listing_shows_the_stretch_value_in_chinese(capsys, plan_csv):
    lines = _lines(capsys, "plan", str(plan_csv))
    assert lines[0].endswith("4 项指标")
    assert lines[1].endswith("| 力争 3%")  # 2.5左右，力争3: the stretch 3 with its unit
    assert "-> 左右 [越高越好] 预期性 | 区科委" in lines[1]
    assert lines[2].endswith("| 力争 3.5人")
    # a stretch in words has no number: the clause is shown as written, and said to be words
    assert lines[3].endswith("| 力争投入强度高于“十三五”时期实际（文字，无数值）")
    assert "力争" not in lines[4]


def test_plan_listing_in_english(capsys, plan_csv):
    lines = _lines(capsys, "plan", str(plan_csv), "--lang", "en")
    assert lines[0].endswith("4 indicators")
    assert lines[1].endswith("| stretch target 3 %")
    assert "-> approximately [higher is better] expected" in lines[1]
    assert lines[2].endswith("| stretch target 3.5 人")
    assert "binding" in lines[2]
    assert lines[3].endswith(
        "| stretch target in words, no number: 力争投入强度高于“十三五”时期实际"
    )
    assert "stretch" not in lines[4]
