"""The request forms: what is asked, and that protection and validation are really set."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from indicator_forecast import read_observations
from indicator_forecast.collect import make_forms
from indicator_forecast.collect.forms import KEY_HEADERS, META_SHEET, PREFILLED
from indicator_forecast.plan import Plan

from .conftest import AS_OF, form_of
from .synthetic import PUTUO, key_rows


def _rows(path: Path) -> list[dict[str, object]]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    hr, heads = key_rows(ws)
    return [
        {h: ws.cell(r, c).value for h, c in heads.items()}
        for r in range(hr + 1, ws.max_row + 1)
        if ws.cell(r, heads[KEY_HEADERS[0]]).value is not None
    ]


def test_one_form_per_department_with_its_indicators_only(plan: Plan, forms: list[Path]) -> None:
    names = sorted(p.name for p in forms)
    assert len(names) == 17  # the departments named in the Putuo plan table
    assert "数据征集表_区房管局.xlsx" in names
    ids = {r["KEY:indicator"] for r in _rows(form_of(forms, "区房管局"))}
    assert ids == {"11", "12"}


def test_lead_and_assisting_departments(forms: list[Path]) -> None:
    # No. 10 is 区商务委 区投促办: the first named leads, the other assists.
    lead = {r["牵头/配合"] for r in _rows(form_of(forms, "区商务委")) if r["KEY:indicator"] == "10"}
    assist = {r["牵头/配合"] for r in _rows(form_of(forms, "区投促办"))
              if r["KEY:indicator"] == "10"}
    assert lead == {"牵头"} and assist == {"配合"}


def test_what_is_asked_per_kind_and_period(forms: list[Path]) -> None:
    rows = _rows(form_of(forms, "区发改委"))
    got = {(r["KEY:indicator"], r["KEY:period"], r["KEY:what"]): r for r in rows}
    # A five-year total at 2023-06-30: 2021, 2022 new amounts and January–June 2023.
    assert got[("3", "2023M1-6", "flow_ytd")]["填报内容"] == "1-6月累计新增数"
    assert got[("3", "2021", "flow")]["必填/选填"] == "必填"
    assert got[("3", "2021", "flow")]["单位"] == "亿元"
    # The previous plan's years, optional.
    assert [got[("3", str(y), "flow")]["必填/选填"] for y in range(2016, 2021)] == ["选填"] * 5
    # In step with the city: own growth and the city's, per year.
    assert got[("1", "2022", "parent_growth")]["填报内容"] == "市同期增速"
    assert got[("1", "2022", "growth")]["填报内容"] == "年度增速"
    # Set by the city each year: the city's target and the year's figure.
    assert got[("9", "2021", "parent_target")]["填报内容"] == "市下达目标"
    assert ("9", "2023M1-6", "flow_ytd") not in got
    # A level: the base year value (required) and the years before it (optional).
    lv = {(r["KEY:period"], r["KEY:what"]): r for r in _rows(form_of(forms, "区体育局"))}
    assert lv[("2020", "base")]["必填/选填"] == "必填"
    assert sorted(p for p, w in lv if w == "level") == ["2016", "2017", "2018", "2019", "2021",
                                                        "2022"]
    # Each part of the composite no. 4 goes to its own department.
    parts = {r["KEY:indicator"] for r in _rows(form_of(forms, "区金融办"))}
    assert {"4", "4.3", "7"} == parts


def test_protection_validation_and_hidden_keys_are_set(forms: list[Path]) -> None:
    wb = openpyxl.load_workbook(form_of(forms, "区民政局"))
    ws = wb.worksheets[0]
    assert ws.protection.sheet is True
    hr, heads = key_rows(ws)
    for k in KEY_HEADERS:
        letter = openpyxl.utils.get_column_letter(heads[k])
        assert ws.column_dimensions[letter].hidden is True
    r = hr + 1
    assert ws.cell(r, heads["填报值"]).protection.locked is False
    assert ws.cell(r, heads["备注"]).protection.locked is False
    assert ws.cell(r, heads["数据来源"]).protection.locked is False
    for h in ("指标", "单位", "时期", *KEY_HEADERS):
        assert ws.cell(r, heads[h]).protection.locked is True, h
    value_cell = ws.cell(r, heads["填报值"]).coordinate
    dvs = [dv for dv in ws.data_validations.dataValidation if value_cell in dv.sqref]
    assert len(dvs) == 1
    dv = dvs[0]
    assert dv.type == "decimal" and dv.showErrorMessage
    assert "请填写数字" in (dv.error or "") and "张" in (dv.error or "")
    # A new amount of beds cannot be negative.
    assert dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
    # The header block: 填报单位 filled, the others open to type.
    labels = {c.value: c for row in ws.iter_rows(min_row=1, max_row=hr) for c in row if c.value}
    for lab in ("填报单位", "填报人", "联系电话", "填报日期"):
        nxt = ws.cell(labels[lab].row, labels[lab].column + 1)
        assert nxt.protection.locked is False, lab
    assert ws.cell(labels["填报单位"].row, labels["填报单位"].column + 1).value == "区民政局"
    assert wb[META_SHEET].sheet_state == "veryHidden"
    guide = "\n".join(str(c.value) for row in wb["填报说明"].iter_rows() for c in row if c.value)
    for word in ("报送时间", "约", "估计", "咨询", "已有（请核对）", "选填", "牵头"):
        assert word in guide


def test_a_share_is_validated_between_0_and_100(forms: list[Path]) -> None:
    ws = openpyxl.load_workbook(form_of(forms, "区生态环境局")).worksheets[0]
    hr, heads = key_rows(ws)
    dv = next(dv for dv in ws.data_validations.dataValidation
              if ws.cell(hr + 1, heads["填报值"]).coordinate in dv.sqref)
    assert (dv.operator, dv.formula1, dv.formula2) == ("between", "0", "100")


def test_known_figures_are_prefilled_and_missing_only_leaves_them_out(
    plan: Plan, tmp_path: Path
) -> None:
    obs = read_observations(PUTUO / "observations.csv", plan)
    written = make_forms(plan, obs, AS_OF, tmp_path / "all")
    rows = {(r["KEY:indicator"], r["KEY:period"], r["KEY:what"]): r
            for r in _rows(form_of(written, "区发改委"))}
    # The city's 2022 growth, −0.2 % in the shipped data (Shanghai statistics bureau).
    city = rows[("1", "2022", "parent_growth")]
    assert city["填报值"] == -0.2 and city["状态"] == PREFILLED
    assert rows[("1", "2022", "growth")]["状态"] == "待填报"
    missing = make_forms(plan, obs, AS_OF, tmp_path / "missing", missing_only=True)
    keys = {(r["KEY:indicator"], r["KEY:period"], r["KEY:what"])
            for r in _rows(form_of(missing, "区发改委"))}
    assert ("1", "2022", "parent_growth") not in keys
    assert ("1", "2022", "growth") in keys
