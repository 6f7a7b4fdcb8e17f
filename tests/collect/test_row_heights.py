"""Rows are tall enough for their wrapped text (LibreOffice and Excel do not grow them)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Alignment, Font

from indicator_forecast import read_observations
from indicator_forecast._xlsx import (
    LINE_HEIGHT,
    MIN_HEIGHT,
    fit_row_heights,
    row_height,
    text_width,
    wrapped_lines,
)
from indicator_forecast.collect import make_forms
from indicator_forecast.collect.forms import GUIDE_SHEET, SOURCE_HEADER
from indicator_forecast.plan import Plan

from .conftest import AS_OF, form_of
from .synthetic import PUTUO, key_rows

WRAP = Alignment(wrap_text=True, vertical="center")


def _sheet(widths: dict[str, float]) -> openpyxl.worksheet.worksheet.Worksheet:
    ws = openpyxl.Workbook().active
    assert ws is not None
    for letter, w in widths.items():
        ws.column_dimensions[letter].width = w
    return ws


def _put(ws: openpyxl.worksheet.worksheet.Worksheet, ref: str, text: str, *,
         wrap: bool = True, size: float | None = None) -> None:
    ws[ref] = text
    if wrap:
        ws[ref].alignment = WRAP
    if size is not None:
        ws[ref].font = Font(size=size)


def test_text_width_counts_a_cjk_character_as_two_units() -> None:
    # 统计口径 4×2, full-width brackets 2×2, "%" 1.5, "GDP" and a space 4×1
    assert text_width("统计口径（%）GDP ") == 8 + 4 + 1.5 + 4
    assert text_width("abc") == 3
    assert text_width("２０２３年") == 10  # full-width digits are wide too


def test_words_wrap_at_their_breaks_and_a_long_word_anywhere() -> None:
    assert wrapped_lines("甲" * 30, 20) == 3  # 60 units, 20 a line
    assert wrapped_lines("甲" * 31, 20) == 4
    assert wrapped_lines("aaaa bbbb", 6) == 2  # not "aaaa b" + "bbb"
    assert wrapped_lines("x" * 100, 10) == 10  # no break opportunity: broken anywhere
    assert wrapped_lines("a\nb\n", 40) == 3  # each line of its own


def test_a_text_three_times_the_column_wide_gets_three_lines() -> None:
    ws = _sheet({"A": 21, "B": 8})
    _put(ws, "A1", "国" * 30)  # 60 units, 3 × the 20 units a line holds
    _put(ws, "B1", "短")
    fit_row_heights(ws, 1)
    assert ws.row_dimensions[1].height >= 3 * LINE_HEIGHT
    assert ws.row_dimensions[1].height < 4 * LINE_HEIGHT
    assert row_height([("国" * 30, 21, 11)]) == ws.row_dimensions[1].height


def test_a_web_address_without_spaces_gets_the_lines_it_needs() -> None:
    url = "https://www.shanghai.gov.cn/nw48786/20230225/0c80d62749da4255aed886e2c1611645.html"
    ws = _sheet({"A": 30})
    _put(ws, "A1", url)
    fit_row_heights(ws, 1)
    assert ws.row_dimensions[1].height >= 3 * LINE_HEIGHT  # 84 characters, 29 a line


def test_a_short_row_keeps_the_default_and_a_set_height_is_not_lowered() -> None:
    ws = _sheet({"A": 20})
    _put(ws, "A1", "待填报")
    _put(ws, "A2", "待填报")
    ws.row_dimensions[2].height = 40
    fit_row_heights(ws, 1)
    assert ws.row_dimensions[1].height is None
    assert ws.row_dimensions[2].height == 40
    assert row_height([("待填报", 20, 11)]) == MIN_HEIGHT
    assert row_height([]) == MIN_HEIGHT


def test_unwrapped_and_hidden_cells_are_not_counted() -> None:
    ws = _sheet({"A": 10, "B": 10})
    ws.column_dimensions["B"].hidden = True
    _put(ws, "A1", "国" * 40, wrap=False)  # overflows to the right, no taller row
    _put(ws, "B2", "国" * 40)
    fit_row_heights(ws, 1)
    assert ws.row_dimensions[1].height is None and ws.row_dimensions[2].height is None


def test_merged_cells_count_their_whole_width_and_spread_over_their_rows() -> None:
    ws = _sheet({"A": 11, "B": 10, "C": 10})
    _put(ws, "A1", "注" * 40)  # 80 units over 31 columns' width: 3 lines, not 8
    ws.merge_cells("A1:C1")
    _put(ws, "A3", "国" * 30)  # 60 units at 10 a line: 6 lines over rows 3-4
    ws.merge_cells("A3:A4")
    fit_row_heights(ws, 1)
    assert 3 * LINE_HEIGHT <= ws.row_dimensions[1].height < 4 * LINE_HEIGHT
    both = ws.row_dimensions[3].height + ws.row_dimensions[4].height
    assert both >= 6 * LINE_HEIGHT
    assert ws.row_dimensions[3].height == ws.row_dimensions[4].height


def test_a_larger_font_takes_more_room_and_taller_lines() -> None:
    ws = _sheet({"A": 21})
    _put(ws, "A1", "国" * 10, size=22)  # 20 units at 11 pt, 40 at 22 pt: 2 lines of 30 pt
    fit_row_heights(ws, 1)
    assert ws.row_dimensions[1].height >= 2 * 2 * LINE_HEIGHT


@pytest.fixture(scope="module")
def held_forms(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Forms with the shipped Putuo figures pre-filled, so their sources are long addresses."""
    obs = read_observations(PUTUO / "observations.csv", plan)
    return make_forms(plan, obs, AS_OF, tmp_path_factory.mktemp("held"))


def test_a_form_row_is_as_tall_as_its_source_address_and_a_short_one_is_left(
    held_forms: list[Path],
) -> None:
    ws = openpyxl.load_workbook(form_of(held_forms, "区发改委")).worksheets[0]
    hr, heads = key_rows(ws)
    col = heads[SOURCE_HEADER]
    width = ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width
    tall = 0
    for r in range(hr + 1, ws.max_row + 1):
        cell = ws.cell(r, col)
        height = ws.row_dimensions[r].height
        if cell.value is None:
            continue
        assert cell.alignment.wrap_text
        if text_width(str(cell.value)) > 2 * width:
            assert height is not None and height >= 3 * LINE_HEIGHT, (r, cell.value, height)
            tall += 1
    rows = [ws.row_dimensions[r].height for r in range(hr + 1, ws.max_row + 1)]
    assert tall >= 1  # the district's growth rows cite long shanghai.gov.cn addresses
    assert None in rows  # rows of short text keep the program's own height


def test_the_guide_sheet_rows_fit_their_long_lines(held_forms: list[Path]) -> None:
    ws = openpyxl.load_workbook(form_of(held_forms, "区发改委"))[GUIDE_SHEET]
    width = ws.column_dimensions["B"].width
    long_lines = 0
    for r in range(2, ws.max_row + 1):
        cell = ws.cell(r, 2)
        assert cell.alignment.wrap_text
        need = text_width(str(cell.value)) / width
        if need > 2:
            long_lines += 1
            assert ws.row_dimensions[r].height >= 3 * LINE_HEIGHT, (r, cell.value)
        elif need < 0.5:
            assert ws.row_dimensions[r].height is None, (r, cell.value)
    assert long_lines >= 1  # 统计口径 is explained at length
