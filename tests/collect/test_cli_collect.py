"""The forms and collect subcommands (SYNTHETIC returns)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indicator_forecast.cli import main

from .conftest import AS_OF
from .synthetic import PUTUO, fill_form, synthetic_value
from .synthetic import putuo_plan as _plan

PLAN = str(PUTUO / "plan.csv")


def test_forms_then_collect_then_evaluate(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    assert main(["forms", PLAN, "--observations", str(PUTUO / "observations.csv"),
                 "--as-of", AS_OF, "--out", str(tmp_path / "forms"),
                 "--deadline", "2023年7月10日"]) == 0
    forms = sorted((tmp_path / "forms").glob("数据征集表_*.xlsx"))
    assert len(forms) == 17
    plan = _plan()
    for f in forms:  # every department returns every figure (pre-filled ones replaced)
        fill_form(f, tmp_path / "returned" / f.name, lambda k: synthetic_value(plan, k))
    out = tmp_path / "obs.csv"
    code = main(["collect", PLAN, str(tmp_path / "returned"), "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "区发改委" in printed and (tmp_path / "obs_征集情况.xlsx").exists()
    assert main(["evaluate", PLAN, str(out), "--as-of", AS_OF]) == 0
    printed = capsys.readouterr().out
    assert "数据待补充 0" in printed  # every indicator graded A–D


def test_collect_exits_1_and_prints_the_place(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["forms", PLAN, "--as-of", AS_OF, "--out", str(tmp_path / "f")]) == 0
    plan = _plan()
    src = tmp_path / "f" / "数据征集表_区民政局.xlsx"
    bad = fill_form(src, tmp_path / "r" / "民政.xlsx",
                    lambda k: -5 if k == ("15", "2021", "flow") else synthetic_value(plan, k))
    code = main(["collect", PLAN, str(bad), "--out", str(tmp_path / "o.csv")])
    printed = capsys.readouterr().out
    assert code == 1
    assert "民政.xlsx" in printed and "H7" in printed


def test_forms_missing_only_after_a_round(tmp_path: Path) -> None:
    assert main(["forms", PLAN, "--as-of", AS_OF, "--out", str(tmp_path / "f")]) == 0
    plan = _plan()
    src = tmp_path / "f" / "数据征集表_区民政局.xlsx"
    fill_form(src, tmp_path / "r" / "民政.xlsx", lambda k: synthetic_value(plan, k))
    main(["collect", PLAN, str(tmp_path / "r"), "--out", str(tmp_path / "o.csv")])
    assert main(["forms", PLAN, "--observations", str(tmp_path / "o.csv"), "--as-of", AS_OF,
                 "--out", str(tmp_path / "f2"), "--missing-only"]) == 0
    names = {p.name for p in (tmp_path / "f2").glob("*.xlsx")}
    assert "数据征集表_区民政局.xlsx" not in names  # everything returned
    assert "数据征集表_区房管局.xlsx" in names and len(names) == 16


def test_evaluate_with_forms_asks_for_exactly_what_is_missing(tmp_path: Path) -> None:
    """`evaluate --forms`: the request forms written beside the outputs ask (as 必填) for every
    yearly figure the evaluation lists as missing, and for nothing it already holds."""
    import openpyxl
    import pandas as pd

    national = PUTUO.parent / "national-14th"
    out = tmp_path / "out"
    assert main(["evaluate", str(national / "plan.csv"), str(national / "observations.csv"),
                 "--as-of", AS_OF, "--out", str(out), "--forms"]) == 0  # fmt: skip
    asked: set[tuple[str, str]] = set()
    for f in (out / "数据征集表").glob("数据征集表_*.xlsx"):
        ws = openpyxl.load_workbook(f).worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        head = next(i for i, r in enumerate(rows) if r and r[0] == "序号")
        cols = {name: j for j, name in enumerate(rows[head])}
        for r in rows[head + 1:]:
            if r[cols["KEY:indicator"]] is not None and r[cols["必填/选填"]] == "必填":
                asked.add((str(r[cols["KEY:indicator"]]), str(r[cols["KEY:period"]])))
    frame = pd.read_csv(out / "evaluation.csv", dtype=str)
    missing = {
        (row.indicator_id, year)
        for row in frame.dropna(subset=["missing"]).itertuples()
        for year in re.findall(r"(\d{4})年", row.missing)
        if "年度完成值" in row.missing
    }
    assert missing, "the shipped national data are expected to lack some figures"
    assert missing <= asked
    held = pd.read_csv(national / "observations.csv", dtype=str)
    assert not any((i, y) in asked for i, y in zip(held.iloc[:, 0], held.iloc[:, 2], strict=True)
                   if isinstance(y, str) and y.isdigit() and (i, y) not in missing)
