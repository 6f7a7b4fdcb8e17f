"""The forms and collect subcommands (SYNTHETIC returns)."""

from __future__ import annotations

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
