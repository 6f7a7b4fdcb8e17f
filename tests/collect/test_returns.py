"""Reading returned forms: messy entries, wrong units, refusals with their place.

All figures typed here are SYNTHETIC."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from indicator_forecast.collect import collect, make_forms
from indicator_forecast.collect.forms import KEY_HEADERS
from indicator_forecast.plan import Plan, read_plan

from .conftest import AS_OF, form_of
from .synthetic import ROOT, fill_form, form_rows, key_rows, synthetic_value


def _one(plan: Plan, forms: list[Path], dept: str, typed: dict[tuple[str, str, str], object],
         dest: Path) -> Path:
    return fill_form(form_of(forms, dept), dest,
                     lambda k: typed[k] if k in typed else synthetic_value(plan, k))


def test_messy_entries_through_a_form(plan: Plan, forms: list[Path], tmp_path: Path) -> None:
    typed = {
        ("3", "2021", "flow"): "约312.5",      # approximate, kept and flagged
        ("3", "2022", "flow"): "1,400",        # thousands separator
        ("3", "2023M1-6", "flow_ytd"): "１５６．２",  # full-width digits
        ("1", "2021", "growth"): "12.5%",
        ("1", "2022", "growth"): "3.1",        # a number stored as text
        ("3", "2016", "flow"): "250亿元",      # the asked unit typed after the number
        ("3", "2017", "flow"): "2600000万元",  # 260 亿元, converted exactly
    }
    f = _one(plan, forms, "区发改委", typed, tmp_path / "r.xlsx")
    res = collect(plan, [f])
    assert res.ok, str(res.problems)
    df = res.observations.set_index(["indicator_id", "period", "measure", "role"])
    v = df["value"]
    assert v[("3", "2021", "flow", "actual")] == 312.5
    assert bool(df.loc[("3", "2021", "flow", "actual"), "approximate"]) is True
    assert v[("3", "2022", "flow", "actual")] == 1400.0
    assert v[("3", "2023M1-6", "flow", "actual")] == 156.2
    assert v[("1", "2021", "growth_rate", "actual")] == 12.5
    assert v[("1", "2022", "growth_rate", "actual")] == 3.1
    assert v[("3", "2016", "flow", "actual")] == 250.0
    assert v[("3", "2017", "flow", "actual")] == 260.0
    assert "换算" in df.loc[("3", "2017", "flow", "actual"), "note"]


def test_wrong_units_are_rejected_with_their_place(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    f = _one(plan, forms, "区发改委", {("3", "2021", "flow"): "12亿斤",
                                     ("1", "2021", "growth"): "5亿元"}, tmp_path / "u.xlsx")
    res = collect(plan, [f])
    rows = form_rows(f)
    cells = sorted(p.column for p in res.problems)
    assert cells == sorted([f"H{rows[('3', '2021', 'flow')]}（填报值）",
                            f"H{rows[('1', '2021', 'growth')]}（填报值）"])
    assert all(p.source == "u.xlsx [数据征集表]" for p in res.problems)
    assert any("亿元" in p.expected for p in res.problems)
    got = set(zip(res.observations["indicator_id"], res.observations["period"], strict=True))
    assert ("3", "2021") not in got


def test_a_figure_in_chinese_numerals_is_a_problem_with_its_cell(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    f = _one(plan, forms, "区发改委", {("3", "2021", "flow"): "九十二"}, tmp_path / "n.xlsx")
    res = collect(plan, [f])
    rows = form_rows(f)
    [p] = [p for p in res.problems if "汉字数字" in p.expected]
    assert p.column == f"H{rows[('3', '2021', 'flow')]}（填报值）"
    assert p.value == "九十二"
    assert [u.text for u in res.unfilled] == []


def test_values_outside_what_the_kind_allows_are_refused(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    f1 = _one(plan, forms, "区民政局", {("15", "2021", "flow"): -30}, tmp_path / "a.xlsx")
    f2 = _one(plan, forms, "区生态环境局", {("19", "2022", "level"): "120"}, tmp_path / "b.xlsx")
    res = collect(plan, [f1, f2])
    by_file = {p.source.split(" ")[0]: p for p in res.problems}
    assert set(by_file) == {"a.xlsx", "b.xlsx"}
    assert by_file["a.xlsx"].row == form_rows(f1)[("15", "2021", "flow")]
    assert "不小于0" in by_file["a.xlsx"].expected
    assert "0–100" in by_file["b.xlsx"].expected


def test_a_form_of_another_plan_is_refused(plan: Plan, tmp_path: Path) -> None:
    nat = ROOT / "data" / "national-14th"
    other = read_plan(nat / "plan.csv", **json.loads((nat / "plan.json").read_text("utf-8")))
    forms = make_forms(other, None, AS_OF, tmp_path / "f")
    f = fill_form(forms[0], tmp_path / "r" / forms[0].name, lambda k: 1.0)
    res = collect(plan, [f], as_of=AS_OF)
    assert len(res.problems) == 1
    p = next(iter(res.problems))
    assert p.source == forms[0].name and "另一规划" in p.expected
    assert len(res.observations) == 0
    assert res.returns[0].refused


def test_a_workbook_that_is_not_a_form_is_refused(plan: Plan, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["指标", "2021"])
    wb.save(tmp_path / "随手表.xlsx")
    (tmp_path / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    res = collect(plan, [tmp_path], as_of=AS_OF)
    assert sorted(p.source for p in res.problems) == ["notes.xlsx", "随手表.xlsx"]


def test_a_form_filled_in_as_another_department_is_refused(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    f = _one(plan, forms, "区民政局", {}, tmp_path / "x.xlsx")
    wb = openpyxl.load_workbook(f)
    ws = wb.worksheets[0]
    ws["B4"] = "区卫生健康委"  # the 填报单位 cell
    wb.save(f)
    res = collect(plan, [f])
    assert [p.value for p in res.problems] == ["区卫生健康委"]
    assert len(res.observations) == 0


def test_unknown_keys_and_other_departments_rows_are_refused(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    f = _one(plan, forms, "区民政局", {}, tmp_path / "k.xlsx")
    wb = openpyxl.load_workbook(f)
    ws = wb.worksheets[0]
    hr, heads = key_rows(ws)
    ws.cell(hr + 1, heads[KEY_HEADERS[0]]).value = "99"      # no such indicator
    ws.cell(hr + 2, heads[KEY_HEADERS[2]]).value = "weird"   # no such thing asked
    ws.cell(hr + 3, heads[KEY_HEADERS[0]]).value = "16"      # 区卫生健康委's indicator
    wb.save(f)
    res = collect(plan, [f])
    rows = sorted((p.row, p.expected) for p in res.problems)
    assert [r for r, _ in rows] == [hr + 1, hr + 2, hr + 3]
    assert "没有序号为99" in rows[0][1]
    assert "区卫生健康委" in rows[2][1]
    # The other rows of the form are read.
    assert len(res.observations) == 8 - 3


def test_rows_moved_and_sheet_renamed_still_read_by_key(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    f = _one(plan, forms, "区民政局", {}, tmp_path / "m.xlsx")
    wb = openpyxl.load_workbook(f)
    ws = wb.worksheets[0]
    ws.title = "民政局填报"
    hr, _ = key_rows(ws)
    # Reverse the data rows (a department sorted the sheet).
    n = ws.max_row - hr
    data = [[c.value for c in ws[hr + i]] for i in range(1, n + 1)]
    for i, vals in enumerate(reversed(data), start=1):
        for j, v in enumerate(vals, start=1):
            ws.cell(hr + i, j).value = v
    wb.save(f)
    res = collect(plan, [f])
    assert res.ok
    got = res.observations.set_index(["indicator_id", "period"])["value"]
    assert got[("15", "2021")] == synthetic_value(plan, ("15", "2021", "flow"))
    assert set(res.observations["sheet"]) == {"民政局填报"}


@pytest.mark.parametrize("bad", ["abc"])
def test_one_run_reports_every_problem(plan: Plan, forms: list[Path], tmp_path: Path,
                                       bad: str) -> None:
    typed = {("15", "2021", "flow"): "12..5", ("15", "2022", "flow"): -1,
             ("15", "2023M1-6", "flow_ytd"): "待定"}
    f = _one(plan, forms, "区民政局", typed, tmp_path / "p.xlsx")
    res = collect(plan, [f, tmp_path / "missing.xlsx"])
    assert len(res.problems) == 3  # unreadable, negative, no such file
    assert len(res.unfilled) == 1
