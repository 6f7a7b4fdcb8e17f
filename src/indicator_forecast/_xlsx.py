"""Row heights for wrapped text in the workbooks written for officials.

openpyxl writes no row heights, and neither LibreOffice nor Excel grows a row on opening a
file to show a cell whose text wraps: a long source URL, remark or indicator name is then cut
or drawn over the next row, on screen and on paper. :func:`row_height` estimates the height
a row needs from the text of its wrapped cells and their column widths, and
:func:`fit_row_heights` sets it on the rows of a sheet. :func:`print_one_page_wide` sets a
sheet to print on A4 one page wide with its header on every page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

LINE_HEIGHT = 15.0
"""Points per line of text at :data:`BASE_FONT_SIZE` (a CJK font's line is taller than
Calibri's, so this is a little more than Excel's default row of 14.4 points)."""
BASE_FONT_SIZE = 11.0
_PADDING = 3.0  # points above and below the text, so the last line is not clipped
MIN_HEIGHT = LINE_HEIGHT + _PADDING
"""The least height :func:`row_height` gives (one line)."""
_CELL_MARGIN = 1.0  # width units lost to the cell's left and right insets


def text_width(text: str) -> float:
    """The width of ``text`` in column-width units: 2 for a wide (CJK) character, 1 otherwise.

    Parameters
    ----------
    text : str
        One line of text.

    Returns
    -------
    float
        The sum over the characters; wide and full-width characters (East Asian width W or
        F: 汉字, full-width punctuation such as （，）) count 2, ``%`` and ``@`` 1.5 (wide
        glyphs, and a percent-encoded web address is mostly ``%``), all others 1.
    """
    return sum(
        2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.5 if ch in "%@" else 1.0
        for ch in text
    )


_BREAKS = re.compile(r"(?<=[\s/\-])|(?=%)|(?<=[^\x00-\x7f])|(?=[^\x00-\x7f])")
"""Where a line may break: after a space, slash or hyphen, before ``%``, around a wide
character (LibreOffice and Excel break a web address there too)."""


def wrapped_lines(text: str, room: float) -> int:
    """How many lines ``text`` takes when wrapped at ``room`` width units.

    Words are placed greedily and a line breaks only where :data:`_BREAKS` allows, as the
    spreadsheet programs do; a word longer than a line is broken anywhere.

    Parameters
    ----------
    text : str
        The text, possibly with line breaks of its own.
    room : float
        The width of a line in the units of :func:`text_width`.

    Returns
    -------
    int
        The number of lines, at least 1 per line of ``text``.
    """
    lines = 0
    for part in text.split("\n"):
        lines += 1
        used = 0.0
        for word in _BREAKS.split(part):
            w = text_width(word)
            if used + text_width(word.rstrip()) <= room:
                used += w
            elif w <= room:
                lines, used = lines + 1, w
            else:
                used += w
                while used > room:
                    lines, used = lines + 1, used - room
    return lines


def row_height(
    cells: Iterable[tuple[str, float, float]], *, minimum: float = MIN_HEIGHT
) -> float:
    """The height in points a row needs to show the whole text of each of its wrapped cells.

    Each cell needs the :func:`wrapped_lines` of its text at the cell's width (column width
    less the insets, scaled for the font size); the row needs the most any cell needs. This
    is an estimate for Excel's default font: it errs on the side of a line more.

    Parameters
    ----------
    cells : iterable of (str, float, float)
        Each wrapped cell of the row as (text, column width in Excel units, font size in
        points); for a merged cell, the width of all the columns it spans.
    minimum : float, default MIN_HEIGHT
        The least height returned.

    Returns
    -------
    float
        ``lines × LINE_HEIGHT × size / 11`` plus a small padding for the cell needing the
        most, and at least ``minimum``.
    """
    need = 0.0
    for text, width, size in cells:
        scale = size / BASE_FONT_SIZE
        room = max((width - _CELL_MARGIN) / scale, 1.0)
        lines = wrapped_lines(text, room)
        need = max(need, lines * LINE_HEIGHT * scale + _PADDING)
    return max(need, minimum)


def fit_row_heights(
    ws: Worksheet, first: int, last: int | None = None, *, minimum: float = MIN_HEIGHT
) -> None:
    """Set the height of rows ``first`` … ``last`` to show the text of their wrapped cells.

    A row whose text all fits on one line is left as it is (the program's own height); a
    height set before is never lowered. A cell merged over several rows spreads what it
    needs beyond those rows' heights evenly over them. Hidden columns and cells without
    ``wrap_text`` are not counted.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet, with its values, alignments, fonts, column widths and merges in place.
    first : int
        The first row to fit (1-based).
    last : int, optional
        The last row to fit; the sheet's last row by default.
    minimum : float, default MIN_HEIGHT
        The least height given to a row that is fitted.
    """
    last = ws.max_row if last is None else last
    merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}

    def width(lo: int, hi: int) -> float:
        from openpyxl.utils import get_column_letter

        dims = [ws.column_dimensions[get_column_letter(j)] for j in range(lo, hi + 1)]
        return sum(float(d.width or 13.0) for d in dims if not d.hidden)

    def wrapped(row: int) -> Iterable[tuple[int, int, str, float, float]]:
        for cell in ws[row]:
            if cell.value is None or not cell.alignment.wrap_text:
                continue
            m = merged.get((cell.row, cell.column))
            r1, c1 = (m.max_row, m.max_col) if m else (row, cell.column)
            w = width(cell.column, c1)
            if w > 0:
                yield r1, c1, str(cell.value), w, float(cell.font.sz or BASE_FONT_SIZE)

    one_line = MIN_HEIGHT
    heights: dict[int, float] = {}
    spans: list[tuple[int, int, float]] = []
    for r in range(first, last + 1):
        singles = []
        for r1, _c1, text, w, size in wrapped(r):
            if r1 > r:
                spans.append((r, r1, row_height([(text, w, size)], minimum=minimum)))
            else:
                singles.append((text, w, size))
        need = row_height(singles, minimum=minimum)
        if need > max(one_line, minimum):
            heights[r] = need
    for r0, r1, need in spans:
        rows = range(r0, r1 + 1)
        have = sum(heights.get(r, ws.row_dimensions[r].height or one_line) for r in rows)
        if need > have:
            extra = (need - have) / len(rows)
            for r in rows:
                heights[r] = heights.get(r, ws.row_dimensions[r].height or one_line) + extra
    for r, h in heights.items():
        ws.row_dimensions[r].height = max(h, ws.row_dimensions[r].height or 0.0)


def print_one_page_wide(
    ws: Worksheet, *, orientation: Literal["landscape", "portrait"] = "landscape",
    title_row: int | None = None,
) -> None:
    """Print ``ws`` on A4 in ``orientation``, scaled to one page wide, as many pages long as
    needed, with row ``title_row`` (if given) repeated at the top of every page.

    Parameters
    ----------
    ws : openpyxl.worksheet.worksheet.Worksheet
        The sheet.
    orientation : {"landscape", "portrait"}, default "landscape"
        The page orientation.
    title_row : int, optional
        The header row (1-based) to repeat on every printed page.
    """
    ws.page_setup.orientation = orientation
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # 0: as many pages long as the rows need
    setup = ws.sheet_properties.pageSetUpPr
    if setup is None:  # openpyxl creates it with every sheet; typed optional
        raise RuntimeError(f"worksheet {ws.title!r} has no page setup properties")
    setup.fitToPage = True
    if title_row is not None:
        ws.print_title_rows = f"{title_row}:{title_row}"
