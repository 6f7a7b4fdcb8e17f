"""Conflicts between departments, and a second round of returns (SYNTHETIC figures)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from indicator_forecast import read_observations
from indicator_forecast.collect import collect
from indicator_forecast.plan import Plan

from .conftest import form_of
from .synthetic import fill_form, form_rows, synthetic_value


def _fill(plan: Plan, forms: list[Path], dept: str, typed: dict[tuple[str, str, str], object],
          dest: Path, date: str = "2023-07-05") -> Path:
    return fill_form(form_of(forms, dept), dest,
                     lambda k: typed[k] if k in typed else synthetic_value(plan, k), date=date)


def test_different_figures_from_two_departments_are_a_conflict(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    # No. 10 is reported by 区商务委 and 区投促办; they disagree on 2022 (SYNTHETIC 4 vs 5).
    a = _fill(plan, forms, "区商务委", {("10", "2022", "flow"): 4}, tmp_path / "a.xlsx")
    b = _fill(plan, forms, "区投促办", {("10", "2022", "flow"): 5}, tmp_path / "b.xlsx")
    res = collect(plan, [a, b], out=tmp_path / "o.csv")
    assert len(res.conflicts) == 1
    c = res.conflicts[0]
    assert c.ask.key == ("10", "2022", "flow")
    assert sorted((e.department, e.value) for e in c.entries) == [("区商务委", 4.0),
                                                                  ("区投促办", 5.0)]
    # Neither is chosen; the cell goes back on the 催报 list of both departments.
    obs = res.observations
    assert obs[(obs["indicator_id"] == "10") & (obs["period"] == "2022")].empty
    rem = res.reminders
    assert set(rem[(rem["序号"] == "10") & (rem["时期"] == "2022年")]["部门"]) == {"区商务委",
                                                                               "区投促办"}
    assert not res.ok
    sheet = pd.read_excel(tmp_path / "o_征集情况.xlsx", sheet_name="冲突", dtype=str)
    assert sheet[["部门", "数值", "文件"]].values.tolist() == [["区商务委", "4", "a.xlsx"],
                                                             ["区投促办", "5", "b.xlsx"]]


def test_a_second_round_updates_only_what_it_supplies(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    first = _fill(plan, forms, "区民政局", {("15", "2022", "flow"): "约200"},
                  tmp_path / "r1" / "民政.xlsx")
    out1 = tmp_path / "round1.csv"
    collect(plan, [first], out=out1, collected="2023-05-15")
    # Round two: 区民政局 corrects 2022 only (the rest left blank); 区房管局 returns for the
    # first time.
    second = fill_form(form_of(forms, "区民政局"), tmp_path / "r2" / "民政_修改.xlsx",
                       lambda k: 210 if k == ("15", "2022", "flow") else None, date="2023-07-08")
    house = _fill(plan, forms, "区房管局", {}, tmp_path / "r2" / "房管.xlsx")
    out2 = tmp_path / "round2.csv"
    res = collect(plan, [second, house], out=out2, previous=out1, collected="2023-07-10")
    assert res.ok, str(res.problems)
    obs = read_observations(out2, plan).to_frame().set_index(["indicator_id", "period"])
    assert obs.loc[("15", "2022"), "value"] == 210.0
    # Unchanged figures of round one stay as they were, with their provenance.
    assert obs.loc[("15", "2021"), "value"] == synthetic_value(plan, ("15", "2021", "flow"))
    raw = pd.read_csv(out2, dtype=str).set_index(["indicator_id", "period"])
    assert raw.loc[("15", "2021"), "file"] == "民政.xlsx"
    assert raw.loc[("15", "2021"), "collected"] == "2023-05-15"
    assert raw.loc[("15", "2022"), "file"] == "民政_修改.xlsx"
    assert ("11", "2021") in obs.index
    assert len(res.changes) == 1
    ch = res.changes[0]
    assert (ch.old_value, ch.new.value, ch.new.department) == (200.0, 210.0, "区民政局")
    log = pd.read_excel(tmp_path / "round2_征集情况.xlsx", sheet_name="修改记录", dtype=str)
    cols = ["征集日期", "原数值", "新数值", "修改部门", "文件", "填报日期"]
    assert log[cols].values.tolist() == [
        ["2023-07-10", "200", "210", "区民政局", "民政_修改.xlsx", "2023-07-08"]
    ]
    assert "民政.xlsx" in log.loc[0, "原来源"]
    # A third round that changes nothing keeps round two's record.
    out3 = tmp_path / "round3.csv"
    res3 = collect(plan, [house], out=out3, previous=out2, collected="2023-07-20")
    assert res3.changes == []
    log3 = pd.read_excel(tmp_path / "round3_征集情况.xlsx", sheet_name="修改记录", dtype=str)
    assert len(log3) == 1 and log3.loc[0, "新数值"] == "210"


def test_confirming_a_prefilled_figure_is_no_change(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    f = _fill(plan, forms, "区民政局", {}, tmp_path / "a.xlsx")
    out = tmp_path / "o.csv"
    collect(plan, [f], out=out)
    g = _fill(plan, forms, "区民政局", {}, tmp_path / "b.xlsx")
    res = collect(plan, [g], out=tmp_path / "o2.csv", previous=out)
    assert res.changes == [] and res.ok
    wb = openpyxl.load_workbook(tmp_path / "o2_征集情况.xlsx")
    assert wb["修改记录"].max_row == 1  # the header only
    assert form_rows(f) == form_rows(g)
