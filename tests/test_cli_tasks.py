"""CLI: a tasks.csv beside the plan is validated by ``check`` and turned into the 附件7 form by
``batch`` / ``evaluate``, under the same refusal-to-overwrite rules (exit code 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from indicator_forecast.cli import EXIT_EXISTS, EXIT_INPUT, EXIT_OK, main

PUTUO = Path(__file__).resolve().parents[1] / "data" / "putuo-14th"
FORM = ("附件7_主要任务评估表.xlsx", "附件7_主要任务评估表.docx")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    plans = tmp_path / "plans" / "putuo-14th"
    plans.mkdir(parents=True)
    for name in ("plan.csv", "plan.json", "observations.csv", "tasks.csv"):
        shutil.copy(PUTUO / name, plans / name)
    return tmp_path / "plans"


def test_batch_writes_form_and_refuses_to_overwrite(folder, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["batch", str(folder), "--as-of", "2023-06-30", "--out", str(out)]
    assert main(args) == EXIT_OK
    written = out / "putuo-14th"
    for name in FORM:
        assert (written / name).exists()
    ws = openpyxl.load_workbook(written / FORM[0]).worksheets[0]
    assert (
        ws["A1"].value == "普陀区“十四五”规划纲要主要任务评估表"
    )  # plan.json name without 主要指标
    before = (written / FORM[0]).read_bytes()
    capsys.readouterr()
    assert main(args) == EXIT_EXISTS
    assert (written / FORM[0]).read_bytes() == before
    assert main([*args, "--overwrite"]) == EXIT_OK


def test_evaluate_refuses_when_only_the_form_exists(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / FORM[1]).write_bytes(b"earlier")
    plan = folder / "putuo-14th"
    args = ["evaluate", str(plan / "plan.csv"), str(plan / "observations.csv"),
            "--as-of", "2023-06-30", "--out", str(out)]  # fmt: skip
    assert main(args) == EXIT_EXISTS
    assert sorted(p.name for p in out.iterdir()) == [FORM[1]]  # nothing else written


def test_check_reports_task_problems(folder, capsys):
    plan = folder / "putuo-14th"
    assert main(["check", str(plan / "plan.csv")]) == EXIT_OK
    assert "112 tasks in 8 sections" in capsys.readouterr().out
    # SYNTHETIC damage: a conclusion E and a duplicate number
    text = (plan / "tasks.csv").read_text(encoding="utf-8")
    text = text.replace("序号,项目,主要内容,牵头单位", "序号,项目,主要内容,牵头单位,评估结论", 1)
    text = text.replace("\n2,,", "\n1,,", 1)
    lines = text.split("\n")
    lines[3] = lines[3] + ",E"
    (plan / "tasks.csv").write_text("\n".join(lines), encoding="utf-8")
    assert main(["check", str(plan / "plan.csv")]) == EXIT_INPUT
    out = capsys.readouterr().out
    assert "tasks.csv: the task table has 2 problem(s)" in out and "评估结论" in out


def test_check_lists_plan_and_task_problems_together(folder, capsys):
    plan = folder / "putuo-14th"
    rows = (plan / "plan.csv").read_text(encoding="utf-8").split("\n")
    rows[1] = rows[1].replace("预期性", "某属性")  # SYNTHETIC plan problem
    (plan / "plan.csv").write_text("\n".join(rows), encoding="utf-8")
    tasks = (
        (plan / "tasks.csv").read_text(encoding="utf-8").replace(",区科委\n", ",\n", 1)
    )  # task without 牵头单位
    (plan / "tasks.csv").write_text(tasks, encoding="utf-8")
    assert main(["check", str(plan / "plan.csv")]) == EXIT_INPUT
    out = capsys.readouterr().out
    assert "plan.csv" in out and "tasks.csv" in out and "牵头单位" in out and "指标属性" in out


def test_both_tasks_files_is_an_input_error(folder, capsys):
    plan = folder / "putuo-14th"
    shutil.copy(plan / "tasks.csv", plan / "tasks.xlsx")
    assert main(["check", str(plan / "plan.csv")]) == EXIT_INPUT
    assert "keep one" in capsys.readouterr().out
