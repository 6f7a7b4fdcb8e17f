"""The full round trip on the shipped Putuo plan: forms → SYNTHETIC returns → collect →
evaluate. Every asked cell is filled with SYNTHETIC values (tests/collect/synthetic.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import openpyxl
import pandas as pd

from indicator_forecast import evaluate, read_observations
from indicator_forecast.collect import collect
from indicator_forecast.plan import Plan

from .conftest import AS_OF, form_of
from .synthetic import PUTUO, SYNTHETIC_REPORTER, fill_form, form_rows, synthetic_value


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_every_putuo_indicator_graded_after_the_round_trip(
    plan: Plan, filled: list[Path], tmp_path: Path
) -> None:
    # Before: the shipped figures leave every indicator without a conclusion.
    shipped = read_observations(PUTUO / "observations.csv", plan)
    before = evaluate(plan, shipped, as_of=AS_OF, progress=False)
    assert set(before.to_frame()["grade"]) == {"insufficient_data"}
    out = tmp_path / "observations.csv"
    res = collect(plan, [filled[0].parent], out=out)
    assert res.ok, str(res.problems)
    assert len(res.reminders) == 0  # nothing left to chase
    assert set(res.summary["是否报送"]) == {"已报送"}
    ev = evaluate(plan, read_observations(out, plan), as_of=AS_OF, progress=False)
    df = ev.to_frame()
    assert len(df) == 29  # 25 indicators and the four parts of no. 4
    assert set(df["grade"]) <= {"A", "B", "C", "D"}, df[["indicator_id", "grade", "missing"]]
    assert df["reason"].fillna("").str.len().gt(0).all(), df[["indicator_id", "reason"]]


def test_each_figure_carries_its_provenance(plan: Plan, filled: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "obs.csv"
    collect(plan, filled, out=out, collected="2023-07-10")
    df = pd.read_csv(out, dtype=str)
    # No. 3 (新增固定资产投资总额, 区发改委): the 2022 new amount, worked by hand from the
    # SYNTHETIC rule: 1400 / 5 × 1.1 × (1 + 0.02) = 314.16.
    row = df[(df["indicator_id"] == "3") & (df["period"] == "2022")].iloc[0]
    assert float(row["value"]) == 314.16
    assert row["department"] == "区发改委"
    assert row["file"] == "数据征集表_区发改委_已填.xlsx"
    assert row["sheet"] == "数据征集表"
    r = form_rows(form_of(filled, "区发改委"))[("3", "2022", "flow")]
    assert row["cell"] == f"H{r}"
    assert row["reporter"] == SYNTHETIC_REPORTER
    assert row["report_date"] == "2023-07-05"
    assert row["collected"] == "2023-07-10"
    assert "区发改委填报" in row["source"] and f"H{r}" in row["source"]
    # The part-year figure of a running total at a monthly cut-off: 2023 January–June.
    ytd = df[(df["indicator_id"] == "3") & (df["period"] == "2023M1-6")].iloc[0]
    assert float(ytd["value"]) == round(280 * 1.1 * 6 / 12 * 1.03, 4)


def test_an_indicator_of_two_departments_is_kept_once_and_both_credited(
    plan: Plan, filled: list[Path], tmp_path: Path
) -> None:
    res = collect(plan, filled, out=tmp_path / "o.csv")
    df = res.observations
    hq = df[(df["indicator_id"] == "10") & (df["period"] == "2021")]
    assert len(hq) == 1
    assert hq.iloc[0]["credited"] == "区商务委、区投促办"


def test_returned_files_are_never_modified(plan: Plan, filled: list[Path], tmp_path: Path) -> None:
    before = {p: _sha(p) for p in filled}
    stat = {p: p.stat().st_mtime_ns for p in filled}
    collect(plan, [filled[0].parent], out=tmp_path / "o.xlsx")
    assert {p: _sha(p) for p in filled} == before
    assert {p: p.stat().st_mtime_ns for p in filled} == stat


def test_collect_report_workbook_has_its_sheets(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    # Only one department returns, and types 待定 for one figure.
    a = fill_form(form_of(forms, "区房管局"), tmp_path / "r" / "a.xlsx",
                  lambda k: "待定" if k == ("11", "2022", "flow") else synthetic_value(plan, k))
    out = tmp_path / "o.csv"
    res = collect(plan, [a], out=out)
    wb = openpyxl.load_workbook(tmp_path / "o_征集情况.xlsx")
    assert wb.sheetnames == ["汇总", "催报", "问题", "未填", "冲突", "修改记录"]
    summary = {r[0]: r for r in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["区房管局"][1] == "已报送"
    assert summary["区民政局"][1] == "未报送"
    remind = res.reminders
    # 区房管局 still owes the 2022 figure of no. 11 it marked 待定; 区民政局 owes everything.
    mine = remind[remind["部门"] == "区房管局"]
    assert mine[["序号", "时期"]].values.tolist() == [["11", "2022年"]]
    assert (remind["部门"] == "区民政局").sum() == 8  # 2021, 2022, 2023年1-6月, 2016–2020
    unf = res.unfilled
    assert len(unf) == 1 and unf[0].text == "待定"
    r = form_rows(a)[("11", "2022", "flow")]
    assert unf[0].place.cell == f"H{r}"
    assert [c.value for c in wb["未填"][2]][:4] == ["区房管局", "a.xlsx", "数据征集表", f"H{r}"]
