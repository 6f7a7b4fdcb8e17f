"""The 征集情况 workbook reads and prints whole: wrapped, fitted, one page wide (SYNTHETIC returns).

Two departments return forms with problems: 区体育局 a basis beside no value (H8, H9) and a
figure in Chinese numerals (H13), whose 应为 texts run past the 60-wide column; 区民政局 an
unreadable figure (H7), whose 应为 text fits on one line, and a negative one (H8).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from indicator_forecast._xlsx import LINE_HEIGHT, MIN_HEIGHT, text_width
from indicator_forecast.collect import collect
from indicator_forecast.collect.write import PROBLEM_COLUMNS, report_path
from indicator_forecast.plan import Plan

from .conftest import form_of
from .synthetic import fill_form, synthetic_value

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SHEETS = ["汇总", "催报", "问题", "未填", "冲突", "修改记录"]


@pytest.fixture(scope="module")
def report(plan: Plan, forms: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("layout")
    typed = {"2020": 2.3, "2022": "待定", "2019": "九十二"}
    sport = fill_form(form_of(forms, "区体育局"), tmp / "r" / "体育局.xlsx",
                      lambda k: typed.get(k[1]) if k[0] == "14" else None,
                      basis=lambda k: "七普口径" if k[1] in ("2020", "2021", "2022") else None)
    bad = {("15", "2021", "flow"): "12..5", ("15", "2022", "flow"): -1}
    civil = fill_form(form_of(forms, "区民政局"), tmp / "r" / "民政局.xlsx",
                      lambda k: bad.get(k, synthetic_value(plan, k)))
    out = tmp / "obs.csv"
    res = collect(plan, [sport, civil], out=out)
    assert len(res.problems) == 5
    return report_path(out)


def _problem_rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    """Row of each problem on the 问题 sheet, by ``<file> <cell>`` such as ``体育局 H8``."""
    assert [c.value for c in ws[1]] == PROBLEM_COLUMNS
    return {f"{ws.cell(r, 1).value.split('.')[0]} {ws.cell(r, 3).value.split('（')[0]}": r
            for r in range(2, ws.max_row + 1)}


def test_every_body_cell_wraps_at_the_top(report: Path) -> None:
    wb = openpyxl.load_workbook(report)
    assert wb.sheetnames == SHEETS
    for ws in wb:
        assert all(c.alignment.wrap_text for c in ws[1]), ws.title
        for row in ws.iter_rows(min_row=2):
            for c in row:
                assert c.alignment.wrap_text, (ws.title, c.coordinate)
                assert c.alignment.vertical == "top", (ws.title, c.coordinate)


def test_every_sheet_prints_landscape_a4_one_page_wide_with_its_header(report: Path) -> None:
    for ws in openpyxl.load_workbook(report):
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert str(setup.paperSize) == ws.PAPERSIZE_A4, ws.title
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0), ws.title
        props = ws.sheet_properties.pageSetUpPr
        assert props is not None and props.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.freeze_panes == "A2", ws.title


def test_a_long_problem_is_taller_than_a_short_one(report: Path) -> None:
    ws = openpyxl.load_workbook(report)["问题"]
    rows = _problem_rows(ws)
    assert set(rows) == {"体育局 J8", "体育局 J9", "体育局 H13", "民政局 H7", "民政局 H8"}
    width = ws.column_dimensions["E"].width
    long_row, short_row = rows["体育局 J8"], rows["民政局 H7"]
    assert width == 60 and text_width(ws.cell(long_row, 5).value) > width
    assert text_width(ws.cell(short_row, 5).value) < width - 2

    def height(r: int) -> float:
        return ws.row_dimensions[r].height or MIN_HEIGHT  # None: the program's one line

    assert height(short_row) == MIN_HEIGHT
    assert height(long_row) >= 2 * LINE_HEIGHT > height(short_row)  # two lines at least
    assert height(rows["体育局 H13"]) >= 2 * LINE_HEIGHT


def test_a_text_narrower_than_the_widest_column_stays_on_one_line(report: Path) -> None:
    """Columns are measured as row heights are, so a department's name or a date is not
    broken and its row not made taller."""
    ws = openpyxl.load_workbook(report)["汇总"]
    for col in ws.iter_cols(min_row=1):
        width = ws.column_dimensions[col[0].column_letter].width
        for c in col:
            if c.value is not None and text_width(str(c.value)) <= 58:
                assert text_width(str(c.value)) <= width - 1, (c.coordinate, c.value, width)
    assert all(ws.row_dimensions[r].height is None for r in range(2, ws.max_row + 1))


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_printed_each_page_starts_with_its_header_and_holds_whole_rows(
    report: Path, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    assert SOFFICE is not None
    run = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(report)],
        capture_output=True, text=True, timeout=240,
    )
    pdf = tmp_path / "pdf" / report.with_suffix(".pdf").name
    if not pdf.exists() and "could not be loaded" in run.stdout + run.stderr:
        pytest.skip("LibreOffice is installed without Calc (libreoffice-calc)")
    assert pdf.exists(), run.stdout + run.stderr
    pages = PdfReader(pdf).pages
    firsts = {"部门", "文件及工作表", "序号", "征集日期"}  # the first header of each sheet
    for i, page in enumerate(pages):
        assert float(page.mediabox.width) > float(page.mediabox.height), i  # landscape
        text = page.extract_text()
        assert text.split()[0] in firsts, (i, text[:80])  # no page of leftover columns
    [problems] = [p.extract_text() for p in pages if "文件及工作表" in p.extract_text()]
    flat = "".join(problems.split())
    for head in PROBLEM_COLUMNS:  # all five columns on one page
        assert head in flat, head
    assert "H8holdsnone" in flat and "H9holdsnone" in flat  # the long texts' ends are printed
