"""The 统计口径 column of the request forms: written, typed into, read back, merged.

Indicator 14 (人均体育场地面积, 区体育局) is used throughout; its form rows are 2020 (基期值),
2021, 2022, then the optional 2016–2019, in rows 7–13. Its bases and all figures here are
SYNTHETIC: the 七普 basis is borrowed from the population indicators to have a realistic label.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from indicator_forecast import read_observations
from indicator_forecast.collect import collect, make_forms
from indicator_forecast.collect.forms import KEY_HEADERS
from indicator_forecast.data.observations import normalise_basis
from indicator_forecast.plan import Plan

from .conftest import AS_OF, form_of
from .synthetic import fill_form, form_rows, key_rows, synthetic_value

DEPT = "区体育局"
TYPED = "七普口径（2020年起）"  # full-width brackets, as typed in Excel or WPS
FOLDED = "七普口径(2020年起)"
ROWS = {"2020": 7, "2021": 8, "2022": 9, "2016": 10, "2017": 11, "2018": 12, "2019": 13}
VISIBLE = ["序号", "指标", "牵头/配合", "时期", "填报内容", "单位", "必填/选填", "填报值",
           "数据来源", "统计口径", "备注", "状态"]
OLD_LAYOUT = [h for h in VISIBLE if h != "统计口径"]
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _key(period: str) -> tuple[str, str, str]:
    return ("14", period, "base" if period == "2020" else "level")


def _previous(tmp_path: Path) -> Path:
    """Figures held for 14: 2018–2019 on the one (unnamed) basis, 2020–2021 on TYPED."""
    rows = [
        ("14", p, v, "平方米/人", "level", "actual", b, "合成")
        for p, v, b in (("2018", 2.1, ""), ("2019", 2.2, ""), ("2020", 2.3, TYPED),
                        ("2021", 2.4, TYPED))
    ]
    df = pd.DataFrame(rows, columns=["indicator_id", "period", "value", "unit", "measure",
                                     "role", "统计口径", "source"])
    path = tmp_path / "previous.csv"
    df.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def _prefilled(plan: Plan, tmp_path: Path) -> Path:
    obs = read_observations(_previous(tmp_path), plan)
    return form_of(make_forms(plan, obs, AS_OF, tmp_path / "forms"), DEPT)


def _cells(path: Path, header: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    hr, heads = key_rows(ws)
    return {str(ws.cell(r, heads["KEY:period"]).value): ws.cell(r, heads[header]).value
            for r in range(hr + 1, ws.max_row + 1)
            if ws.cell(r, heads[KEY_HEADERS[0]]).value is not None}


def _bases(frame: pd.DataFrame) -> dict[str, str]:
    mine = frame[frame["indicator_id"] == "14"]
    return dict(zip(mine["period"], mine["basis"], strict=True))


def test_the_column_sits_between_source_and_remark_unlocked_with_its_hint(
    forms: list[Path],
) -> None:
    wb = openpyxl.load_workbook(form_of(forms, DEPT))
    ws = wb.worksheets[0]
    hr, heads = key_rows(ws)
    assert hr == 6
    assert [ws.cell(hr, j).value for j in range(1, len(VISIBLE) + 1)] == VISIBLE
    assert heads["统计口径"] == 10
    assert ws.column_dimensions["J"].width == 16 and not ws.column_dimensions["J"].hidden
    for r in ROWS.values():
        assert ws[f"J{r}"].protection.locked is False
        assert ws[f"J{r}"].fill.fgColor.rgb == ws[f"I{r}"].fill.fgColor.rgb  # as 数据来源
    assert ws["J6"].protection.locked is True
    [dv] = [dv for dv in ws.data_validations.dataValidation if "J7" in dv.sqref]
    assert str(dv.sqref) == "J7:J13"
    assert (dv.type, dv.operator, dv.formula1) == ("textLength", "lessThanOrEqual", "40")
    assert dv.errorStyle == "warning" and dv.showInputMessage
    assert "留空" in (dv.prompt or "") and "七普口径" in (dv.prompt or "")
    assert all("J7" not in d.sqref for d in ws.data_validations.dataValidation if d is not dv)
    # printable: landscape A4, one page wide
    ps = ws.page_setup
    assert (ps.orientation, ps.paperSize, ps.fitToWidth, ps.fitToHeight) == (
        "landscape", 9, 1, 0)  # 9: A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    guide = {r[0]: r[1] for r in wb["填报说明"].iter_rows(values_only=True) if r[0]}
    assert "留空" in guide["统计口径"] and "“七普口径”" in guide["统计口径"]


def test_the_basis_of_a_figure_held_is_prefilled(plan: Plan, tmp_path: Path) -> None:
    form = _prefilled(plan, tmp_path)
    assert _cells(form, "统计口径") == {
        "2020": FOLDED, "2021": FOLDED,  # the held figures' basis, as read_observations folds it
        "2018": None, "2019": None,      # held on the one basis
        "2022": None, "2016": None, "2017": None,  # not held
    }
    assert _cells(form, "填报值")["2020"] == 2.3


def test_a_typed_basis_goes_into_the_observations_and_matches_the_file(
    plan: Plan, tmp_path: Path
) -> None:
    prev = _previous(tmp_path)
    form = _prefilled(plan, tmp_path)
    values = {"2020": 2.3, "2021": 2.45, "2022": 2.6, "2019": 2.2}
    # 2022 typed with full-width brackets; 2021 keeps the (folded) pre-filled text; 2019 empty
    f = fill_form(form, tmp_path / "r.xlsx", lambda k: values.get(k[1]),
                  basis=lambda k: TYPED if k[1] == "2022" else None)
    out = tmp_path / "collected.csv"
    res = collect(plan, [f], out=out, previous=prev, collected="2023-07-20")
    assert res.ok, str(res.problems)
    [entry] = [e for r in res.returns for e in r.entries if e.ask.key == _key("2022")]
    assert entry.basis == FOLDED == normalise_basis(TYPED)
    assert _bases(res.observations) == {"2018": "", "2019": "", "2020": FOLDED, "2021": FOLDED,
                                        "2022": FOLDED}
    # 2021 replaced on its own basis (not added beside it), 2020 and 2019 credited unchanged
    assert [(c.ask.key, c.old_value) for c in res.changes] == [(_key("2021"), 2.4)]
    # the collected table and the previous file name one and the same basis
    held = {str(r.year): r.basis for r in read_observations(prev, plan).records("14")}
    got = {str(r.year): r.basis for r in read_observations(out, plan).records("14")}
    assert got["2022"] == held["2020"] == got["2020"]
    assert sorted(set(got.values())) == ["", FOLDED]


def test_a_new_basis_adds_the_period_on_it(plan: Plan, forms: list[Path], tmp_path: Path) -> None:
    prev = _previous(tmp_path)
    f = fill_form(form_of(forms, DEPT), tmp_path / "r.xlsx",
                  lambda k: {"2021": 2.5, "2022": 2.6}.get(k[1]),
                  basis=lambda k: "新口径" if k[1] in ("2021", "2022") else None)
    res = collect(plan, [f], previous=prev, collected="2023-07-20")
    assert res.ok, str(res.problems)
    mine = res.observations[res.observations["indicator_id"] == "14"]
    assert sorted(zip(mine["period"], mine["basis"], mine["value"], strict=True)) == [
        ("2018", "", 2.1), ("2019", "", 2.2), ("2020", FOLDED, 2.3), ("2021", FOLDED, 2.4),
        ("2021", "新口径", 2.5), ("2022", "新口径", 2.6),
    ]
    assert res.changes == []


def test_a_basis_without_a_value_is_a_problem_with_its_cell(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    form = form_of(forms, DEPT)
    assert {k[1]: r for k, r in form_rows(form).items()} == ROWS
    typed = {"2020": 2.3, "2022": "待定", "2019": "九十二"}
    f = fill_form(form, tmp_path / "b.xlsx", lambda k: typed.get(k[1]),
                  basis=lambda k: "七普口径" if k[1] in ("2020", "2021", "2022") else None)
    wb = openpyxl.load_workbook(f)
    wb.worksheets[0]["J15"] = "七普口径"  # below the table, on no row of the form
    wb.save(f)
    res = collect(plan, [f])
    got = sorted((p.source, p.row, p.column, p.value) for p in res.problems)
    src = "b.xlsx [数据征集表]"
    assert got == [
        (src, 8, "J8（统计口径）", "七普口径"),    # 2021: value left empty
        (src, 9, "J9（统计口径）", "七普口径"),    # 2022: a placeholder
        (src, 13, "H13（填报值）", "九十二"),      # and the other problems of the same run
        (src, 15, "J15（统计口径）", "七普口径"),
    ]
    by_cell = {p.column: p.expected for p in res.problems}
    assert "H8（填报值）为空" in by_cell["J8（统计口径）"]
    assert "H9（填报值）为“待定”" in by_cell["J9（统计口径）"]
    assert [u.text for u in res.unfilled] == ["待定"]
    assert _bases(res.observations) == {"2020": "七普口径"}


def test_a_form_of_the_old_layout_reads_as_before(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    prev = _previous(tmp_path)
    new = fill_form(form_of(forms, DEPT), tmp_path / "new" / "f.xlsx",
                    lambda k: synthetic_value(plan, k) if k[1] >= "2018" else None)
    old = tmp_path / "old" / "f.xlsx"
    old.parent.mkdir()
    wb = openpyxl.load_workbook(new)
    ws = wb.worksheets[0]
    for r in range(6, ws.max_row + 1):  # the layout before 统计口径: 数据来源 then 备注
        for c in range(10, ws.max_column + 1):
            ws.cell(r, c).value = ws.cell(r, c + 1).value
    wb.save(old)
    ws = openpyxl.load_workbook(old).worksheets[0]
    assert [ws.cell(6, j).value for j in range(1, len(OLD_LAYOUT) + 1)] == OLD_LAYOUT
    for previous in (None, prev):
        a = collect(plan, [new], previous=previous, collected="2023-07-20")
        b = collect(plan, [old], previous=previous, collected="2023-07-20")
        assert a.ok and b.ok, str(b.problems)
        assert all(e.basis == "" for r in b.returns for e in r.entries)
        keep = [c for c in a.observations.columns if c not in ("file", "source")]
        pd.testing.assert_frame_equal(a.observations[keep], b.observations[keep])
    # on the previous table, the unnamed returns land on the basis in force (2020 on)
    assert _bases(b.observations)["2022"] == FOLDED


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_the_form_prints_one_page_wide_in_landscape(plan: Plan, tmp_path: Path) -> None:
    from pypdf import PdfReader

    assert SOFFICE is not None
    form = _prefilled(plan, tmp_path)
    run = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(form)],
        capture_output=True, text=True, timeout=240,
    )
    pdf = tmp_path / "pdf" / form.with_suffix(".pdf").name
    if not pdf.exists() and "could not be loaded" in run.stdout + run.stderr:
        pytest.skip("LibreOffice is installed without Calc (libreoffice-calc)")
    assert pdf.exists(), run.stdout + run.stderr
    reader = PdfReader(pdf)
    first = reader.pages[0]
    assert float(first.mediabox.width) > float(first.mediabox.height)  # landscape
    text = first.extract_text()
    # every visible column on the first page: nothing spills onto a second page to the right
    for head in VISIBLE:
        assert head in text, head
