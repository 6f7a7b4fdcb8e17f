"""A plan's folder read as the CLI reads it: the table and the plan.json beside it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indicator_forecast import read_plan_folder
from indicator_forecast.exceptions import PlanError

ROOT = Path(__file__).resolve().parents[2]


def test_plan_json_gives_name_and_jurisdiction() -> None:
    # data/putuo-14th/plan.json gives the name and the jurisdiction 普陀区
    plan = read_plan_folder(ROOT / "data" / "putuo-14th")
    assert plan.name == "普陀区“十四五”规划纲要主要指标"
    assert plan.jurisdiction == "普陀区"
    assert read_plan_folder(ROOT / "data" / "putuo-14th", name="另一个").name == "另一个"


def test_a_folder_without_one_plan_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="found 0"):
        read_plan_folder(tmp_path)
    for n in ("plan.csv", "plan.xlsx"):
        (tmp_path / n).write_text("x", encoding="utf-8")
    with pytest.raises(PlanError, match="found 2"):
        read_plan_folder(tmp_path)


@pytest.mark.parametrize("text", ["{name: 1}", "[1, 2]"])
def test_a_bad_plan_json_names_the_file(tmp_path: Path, text: str) -> None:
    shutil.copy(ROOT / "data" / "putuo-14th" / "plan.csv", tmp_path / "plan.csv")
    (tmp_path / "plan.json").write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match="plan.json"):
        read_plan_folder(tmp_path)


def test_plan_json_says_when_the_table_is_part_of_the_plan() -> None:
    # data/national-13th/plan.json: the outline sets 25 main indicators, the table lists 9
    plan = read_plan_folder(ROOT / "data" / "national-13th")
    assert (len(plan), plan.indicators_in_plan) == (9, 25)
    assert read_plan_folder(ROOT / "data" / "putuo-14th").indicators_in_plan is None


@pytest.mark.parametrize("count", ["24", "二十五", True, 3, 2.5])
def test_a_plan_count_below_the_table_or_not_whole_is_refused(tmp_path: Path, count: object
                                                             ) -> None:  # fmt: skip
    # putuo's table lists 25 top-level indicators: 3 is fewer; the others are not whole numbers
    shutil.copy(ROOT / "data" / "putuo-14th" / "plan.csv", tmp_path / "plan.csv")
    (tmp_path / "plan.json").write_text(json.dumps({"indicators_in_plan": count}),
                                        encoding="utf-8")  # fmt: skip
    with pytest.raises(PlanError, match="indicators_in_plan") as err:
        read_plan_folder(tmp_path)
    assert "plan.csv" in str(err.value)
