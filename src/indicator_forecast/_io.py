"""Reading tables as users hand them over: .xlsx/.xls or .csv in UTF-8 (with or without BOM)
or GBK/GB18030, with a header row that may follow a title row or two."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pandas as pd

from indicator_forecast.exceptions import InputError, Problem, ProblemReport

CSV_ENCODINGS = ("utf-8-sig", "gb18030")


_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _sniff(p: Path) -> str:
    """What the file's first bytes say it is: "empty", "zip", "ole", "pdf", "image" or "text"."""
    head = p.read_bytes()[:8]
    if not head.strip():
        return "empty"
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE):
        return "ole"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    return "text"


_WHAT = {
    "pdf": "a PDF document / PDF 文件",
    "image": "an image / 图片",
    "text": "a text (CSV) file / 文本（CSV）文件",
    "zip": "an Excel workbook or another zip archive / Excel 工作簿或压缩文件",
    "ole": (
        "an old Excel .xls or an encrypted (password-protected) workbook / 旧版 .xls 或加密工作簿"
    ),
}


def read_raw_table(
    path: str | Path, *, sheet: str | int | None = None, encoding: str | None = None
) -> tuple[pd.DataFrame, str]:
    """Read every cell as text, no header; return the frame and a label naming file and sheet."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    suffix = p.suffix.lower()
    kind = _sniff(p)
    if kind == "empty":
        raise InputError(f"{p}: the file is empty (文件为空): expected a table with a header row")
    if suffix in (".xlsx", ".xlsm") and kind != "zip":
        raise InputError(
            f"{p}: named {suffix} but the file is {_WHAT[kind]}; "
            + (
                "rename it to .csv / 请改名为 .csv"
                if kind == "text"
                else "open it in Excel or WPS and save as .xlsx without a password / "
                "请在 Excel 或 WPS 中取消密码并另存为 .xlsx"
                if kind == "ole"
                else "save the table as .xlsx or .csv / 请另存为 .xlsx 或 .csv"
            )
        )
    if suffix in (".csv", ".txt", ".tsv") and kind in ("zip", "ole", "pdf", "image"):
        raise InputError(
            f"{p}: named {suffix} but the file is {_WHAT[kind]}; save the table as .csv or "
            "give it its real extension / 请另存为 .csv 或使用正确的扩展名"
        )
    if suffix == ".ods":
        raise InputError(
            f"{p}: OpenDocument spreadsheets are not read; save as .xlsx / 请另存为 .xlsx"
        )
    if suffix in (".xlsx", ".xlsm", ".xls"):
        try:
            df = pd.read_excel(
                p, sheet_name=sheet if sheet is not None else 0, header=None, dtype=str
            )
        except (ValueError, OSError) as exc:
            raise InputError(f"{p}: cannot read sheet {sheet!r}: {exc}") from exc
        except Exception as exc:  # zipfile.BadZipFile, openpyxl's InvalidFileException, xlrd
            raise InputError(
                f"{p}: not a readable Excel workbook ({type(exc).__name__}: {exc})"
            ) from None
        label = f"{p.name}" + (f" [sheet {sheet}]" if sheet is not None else "")
        return df, label
    if suffix in (".csv", ".txt", ".tsv"):
        sep = "\t" if suffix == ".tsv" else ","
        encodings = (encoding,) if encoding else CSV_ENCODINGS
        errors = []
        for enc in encodings:
            try:
                df = pd.read_csv(
                    p, header=None, dtype=str, encoding=enc, sep=sep, keep_default_na=False
                )
                return df.replace("", None), p.name
            except UnicodeDecodeError as exc:
                errors.append(f"{enc}: {exc.reason} at byte {exc.start}")
            except pd.errors.ParserError as exc:
                # Broken quoting or a row with more cells than the header: pandas names the line.
                raise InputError(
                    f"{p}: not a well-formed CSV table ({exc}); check quotes and that every row "
                    "has as many cells as the header / CSV 格式有误：请检查引号及各行列数"
                ) from None
        raise InputError(
            f"{p}: cannot decode the file as {' or '.join(encodings)} ({'; '.join(errors)})"
        )
    raise InputError(
        f"{p}: expected a .xlsx, .xls, .csv or .tsv file, got {suffix or 'no extension'!r}"
    )


def clean_header(cell: object) -> str:
    s = "" if cell is None or (isinstance(cell, float) and pd.isna(cell)) else str(cell)
    return "".join(s.split())


def locate_header(
    raw: pd.DataFrame,
    aliases: Mapping[str, Iterable[str]],
    required: Iterable[str],
    label: str,
    *,
    max_scan: int = 10,
) -> tuple[int, dict[str, int]]:
    """Find the header row among the first rows and map canonical names to column positions.

    A header cell matches a canonical column when it equals one of its aliases or starts with
    one (so "目标值2021-2025年" matches "目标值"). Raises InputError listing what is missing.
    """
    required = tuple(required)
    best: tuple[int, dict[str, int]] | None = None
    for i in range(min(max_scan, len(raw))):
        cells = [clean_header(c).lower() for c in raw.iloc[i].tolist()]
        found: dict[str, int] = {}
        # Exact matches first, then prefixes ("目标值2021-2025年"), longest alias first, so that
        # "指标属性" is not taken for "指标".
        for exact in (True, False):
            for canon, names in aliases.items():
                if canon in found:
                    continue
                keys = [clean_header(n).lower() for n in names]
                if not exact:
                    keys.sort(key=len, reverse=True)
                for k in keys:
                    hit = next(
                        (
                            j
                            for j, c in enumerate(cells)
                            if c
                            and j not in found.values()
                            and (c == k if exact else c.startswith(k))
                        ),
                        None,
                    )
                    if hit is not None:
                        found[canon] = hit
                        break
        if best is None or len(found) > len(best[1]):
            best = (i, found)
        if all(r in found for r in required):
            return i, found
    row, found = best if best is not None else (0, {})
    headers = [clean_header(c) for c in raw.iloc[row].tolist()] if len(raw) else []
    problems = [
        Problem(
            source=label,
            row=row + 1,
            column=None,
            value=" | ".join(h for h in headers if h),
            expected=f"a header cell for {canon!r} (one of: {', '.join(aliases[canon])})",
        )
        for canon in required
        if canon not in found
    ]
    raise InputError(
        f"{label}: the header row lacks required columns", ProblemReport(tuple(problems))
    )


def cell_text(value: object) -> str | None:
    """A cell as stripped text, or None when empty."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    s = str(value).strip()
    return s or None


class TableRows:
    """The data rows under a located header, with cell access by canonical column and a
    problem list that names the file, the 1-based row and the column as written."""

    def __init__(
        self, raw: pd.DataFrame, label: str, header_row: int, cols: Mapping[str, int]
    ) -> None:
        self.raw, self.label, self.header_row, self.cols = raw, label, header_row, dict(cols)
        self.header_names = {k: str(raw.iloc[header_row, v]).strip() for k, v in cols.items()}
        self.problems: list[Problem] = []

    def get(self, row: pd.Series, key: str) -> str | None:
        return cell_text(row.iloc[self.cols[key]]) if key in self.cols else None

    def problem(self, rownum: int, key: str, value: str | None, expected: str) -> None:
        self.problems.append(
            Problem(self.label, rownum, self.header_names.get(key, key), value or "", expected)
        )

    def __iter__(self) -> Iterator[tuple[int, pd.Series]]:
        for i in range(self.header_row + 1, len(self.raw)):
            row = self.raw.iloc[i]
            if any(cell_text(c) for c in row.tolist()):
                yield i + 1, row
