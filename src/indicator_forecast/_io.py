"""Reading tables as users hand them over: .xlsx/.xls or .csv in UTF-8 (with or without BOM)
or GBK/GB18030, with a header row that may follow a title row or two."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pandas as pd

from indicator_forecast.exceptions import InputError, Problem, ProblemReport

CSV_ENCODINGS = ("utf-8-sig", "gb18030")


_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The name of the stream an encrypted (password-protected) Office file keeps in its OLE container,
# as the container's directory writes it (UTF-16-LE).
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
# Optional readers of the older formats (pip install "indicator_forecast[spreadsheets]").
_READERS = {".xls": "xlrd", ".ods": "odfpy"}
_EXTRA = 'pip install "indicator_forecast[spreadsheets]"'


# An old-format (.xls, BIFF5/BIFF8) workbook with a password keeps its cells in the OLE
# container's Workbook stream and marks them with a FilePass record ([MS-XLS] 2.4.117) among the
# first records of the workbook globals: right after their BOF, or after a WriteProtect.
_BIFF_BOF, _BIFF_FILEPASS, _BIFF_WRITEPROTECT = 0x0809, 0x002F, 0x0086


def _biff_filepass(data: bytes) -> bool:
    """Whether an OLE file holds the globals of an encrypted .xls (a BOF then a FilePass).

    A stream starts on a sector boundary of the container (64 bytes for the small streams, 512
    or 4096 for the others), so only BOFs at offsets divisible by 64 are read: the BOF's 20 bytes
    and the two records after it lie within that first sector. The BOF must be one of a
    workbook's globals (BIFF5 or BIFF8 version, substream type 5); the first such BOF decides.
    """
    for i in range(512, len(data) - 28, 64):
        num, size = int.from_bytes(data[i : i + 2], "little"), int.from_bytes(
            data[i + 2 : i + 4], "little"
        )
        if num != _BIFF_BOF or size not in (8, 16):
            continue
        version = int.from_bytes(data[i + 4 : i + 6], "little")
        substream = int.from_bytes(data[i + 6 : i + 8], "little")
        if version not in (0x0500, 0x0600) or substream != 0x0005:
            continue
        j = i + 4 + size
        following = int.from_bytes(data[j : j + 2], "little")
        if following == _BIFF_WRITEPROTECT:
            j += 4 + int.from_bytes(data[j + 2 : j + 4], "little")
            following = int.from_bytes(data[j : j + 2], "little")
        # One workbook has one globals substream: the first BOF of its kind decides.
        return following == _BIFF_FILEPASS
    return False


def _sniff(p: Path) -> str:
    """What the file's bytes say it is: "empty", "zip", "ole", "encrypted", "pdf", "image" or
    "text"."""
    data = p.read_bytes()
    head = data[:8]
    if not data.strip():
        return "empty"
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE):
        # A password-protected .xlsx (an EncryptionInfo stream) or .xls (a FilePass record).
        encrypted = _ENCRYPTION_INFO in data or _biff_filepass(data)
        return "encrypted" if encrypted else "ole"
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
    "ole": "an old Excel .xls workbook / 旧版 .xls 工作簿",
    "encrypted": "a password-protected (encrypted) workbook / 加密（设有打开密码）的工作簿",
}
_UNLOCK = (
    "remove the password (Excel: 文件 › 信息 › 保护工作簿 › 用密码进行加密, clear it; WPS: 文件 › "
    "文档加密) and save as .xlsx / 请取消打开密码后另存为 .xlsx"
)


def _file_error(p: Path, what: str, fix: str) -> InputError:
    """A problem with the file as a whole, located at the file (no row, no column)."""
    report = ProblemReport((Problem(p.name, None, None, what, fix),))
    return InputError(f"{p}: {what}; {fix}", report)


def _media_count(p: Path) -> int:
    """How many pictures a workbook (a zip) holds; 0 for anything else."""
    try:
        with zipfile.ZipFile(p) as z:
            return sum(1 for n in z.namelist() if "/media/" in n or n.startswith("Pictures/"))
    except (zipfile.BadZipFile, OSError):
        return 0


def read_raw_table(
    path: str | Path, *, sheet: str | int | None = None, encoding: str | None = None
) -> tuple[pd.DataFrame, str]:
    """Read every cell as text, no header; return the frame and a label naming file and sheet.

    Parameters
    ----------
    path : str or Path
        A .xlsx/.xlsm workbook, a .xls or .ods one (with the optional readers xlrd and odfpy),
        or a .csv/.txt/.tsv text file.
    sheet : str or int, optional
        The workbook's sheet; the first by default.
    encoding : str, optional
        A text file's encoding; by default UTF-8 (with or without BOM), then GB18030.

    Returns
    -------
    tuple of (DataFrame, str)
        The cells (None where empty) and a label such as ``"plan.xlsx [sheet 2]"``.

    Raises
    ------
    InputError
        If the file is missing, empty, not what its name says (an .xlsx that is not a zip, a
        password-protected workbook, a PDF), not a well-formed CSV (an unclosed quote: the row
        where it opens), or holds no cell with text (a sheet that is only a picture).
    """
    p = Path(path)
    if not p.exists():
        raise _file_error(p, "no such file / 文件不存在", "check the path / 请检查路径")
    suffix = p.suffix.lower()
    kind = _sniff(p)
    if kind == "empty":
        raise _file_error(
            p, "the file is empty / 文件为空",
            "expected a table with a header row / 应为带表头的表格",
        )
    if kind == "encrypted":
        raise _file_error(p, f"the file is {_WHAT[kind]}", _UNLOCK)
    if suffix in (".xlsx", ".xlsm", ".ods") and kind != "zip":
        raise _file_error(
            p,
            f"named {suffix} but the file is {_WHAT[kind]}",
            "rename it to .csv / 请改名为 .csv"
            if kind == "text"
            else "rename it to .xls, or open it in Excel or WPS and save as .xlsx / 请改名为 .xls "
            "或另存为 .xlsx"
            if kind == "ole"
            else "save the table as .xlsx or .csv / 请另存为 .xlsx 或 .csv",
        )
    if suffix == ".xls" and kind not in ("ole", "zip"):
        raise _file_error(
            p,
            f"named .xls but the file is {_WHAT[kind]}",
            "rename it to .csv / 请改名为 .csv"
            if kind == "text"
            else "save the table as .xlsx or .csv / 请另存为 .xlsx 或 .csv",
        )
    if suffix in (".csv", ".txt", ".tsv") and kind not in ("text",):
        raise _file_error(
            p,
            f"named {suffix} but the file is {_WHAT[kind]}",
            "save the table as .csv or give it its real extension / "
            "请另存为 .csv 或使用正确的扩展名",
        )
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
        df = _read_workbook(p, suffix, sheet)
        label = f"{p.name}" + (f" [sheet {sheet}]" if sheet is not None else "")
    elif suffix in (".csv", ".txt", ".tsv"):
        df = _read_text_table(p, "\t" if suffix == ".tsv" else ",", encoding)
        label = p.name
    else:
        raise _file_error(
            p,
            f"the file's extension is {suffix or 'missing'!r}",
            "expected a .xlsx, .xls, .ods, .csv or .tsv file / "
            "应为 .xlsx、.xls、.ods、.csv 或 .tsv 文件",
        )
    if not any(cell_text(c) for c in df.to_numpy().ravel()):
        others = _other_sheets(p, sheet) if suffix not in _TEXT else []
        elsewhere = (
            f"; the workbook's other sheets: {', '.join(others)} (pass sheet=… / --sheet) / "
            "表格可能在其他工作表中" if others else ""
        )
        pictures = _media_count(p) if kind == "zip" else 0
        if pictures:
            raise _file_error(
                p,
                f"the sheet has no cell with text but the workbook holds {pictures} picture(s): "
                "nothing readable is there (a table pasted as an image) / 工作表中没有文字单元格，"
                "只有图片：表格图片无法读取",
                "type or paste the table into cells (粘贴为数值) and save / "
                "请将表格录入单元格后保存" + elsewhere,
            )
        raise _file_error(
            p,
            "no cell of the " + ("file" if suffix in _TEXT else "sheet") + " holds text / "
            "表中没有任何内容",
            "expected a table with a header row / 应为带表头的表格" + elsewhere,
        )
    return df, label


_TEXT = (".csv", ".txt", ".tsv")


def _other_sheets(p: Path, sheet: str | int | None) -> list[str]:
    """The names of a workbook's sheets other than the one read (the first by default)."""
    try:
        names = [str(n) for n in pd.ExcelFile(p).sheet_names]
    except Exception:  # the sheet itself was read; a second look that fails only loses the hint
        return []
    read = names[sheet] if isinstance(sheet, int) and 0 <= sheet < len(names) else (
        str(sheet) if sheet is not None else (names[0] if names else "")
    )
    return [n for n in names if n != read]


def _read_workbook(p: Path, suffix: str, sheet: str | int | None) -> pd.DataFrame:
    """Read one sheet of a workbook; the reader missing or failing is a located error."""
    try:
        df = pd.read_excel(p, sheet_name=sheet if sheet is not None else 0, header=None, dtype=str)
    except ImportError:
        package = _READERS.get(suffix, "openpyxl")
        raise _file_error(
            p,
            f"reading {suffix} files needs the optional package {package}, which is not installed",
            f"{_EXTRA}, or save the table as .xlsx / 请安装 {package} 或另存为 .xlsx",
        ) from None
    except ValueError as exc:
        if "sheet" in str(exc).lower() or "worksheet" in str(exc).lower():
            raise _file_error(p, f"no sheet {sheet!r} ({exc})", "name an existing sheet") from None
        raise _file_error(
            p, f"not a readable workbook ({exc})", "open it in Excel or WPS and save as .xlsx"
        ) from None
    except Exception as exc:  # zipfile.BadZipFile, openpyxl's InvalidFileException, xlrd's errors
        what = f"not a readable workbook ({type(exc).__name__}: {exc})"
        fix = _UNLOCK if "encrypt" in str(exc).lower() else (
            "open it in Excel or WPS and save as .xlsx / 请用 Excel 或 WPS 打开后另存为 .xlsx"
        )
        raise _file_error(p, what, fix) from None
    return df


def _read_text_table(p: Path, sep: str, encoding: str | None) -> pd.DataFrame:
    """Read a CSV/TSV cell by cell (rows may differ in width: title rows above the header)."""
    data = p.read_bytes()
    encodings = (encoding,) if encoding else CSV_ENCODINGS
    errors = []
    for enc in encodings:
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError as exc:
            errors.append(f"{enc}: {exc.reason} at byte {exc.start}")
        except LookupError:
            raise _file_error(p, f"unknown encoding {enc!r}", "use utf-8 or gbk") from None
    else:
        raise _file_error(
            p,
            f"cannot decode the file as {' or '.join(encodings)} ({'; '.join(errors)})",
            "save it as CSV UTF-8 / 请另存为 CSV UTF-8",
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    rows: list[list[str]] = []
    try:
        for r in reader:
            rows.append(r)
    except csv.Error as exc:
        # The record that failed starts right after the rows read so far.
        start = len(rows) + 1
        lines = text.splitlines()
        raise InputError(
            f"{p}: not a well-formed CSV table: broken quoting in row {start} ({exc})",
            ProblemReport((Problem(
                p.name, start, None, lines[start - 1] if start <= len(lines) else "",
                'a cell that opens a quote (") closes it before the next comma or line end; a '
                'quote inside a cell is written twice ("") / 引号未闭合：单元格内的引号须成对',
            ),)),
        ) from None
    width = max((len(r) for r in rows), default=0)
    df = pd.DataFrame([[c if c != "" else None for c in r] + [None] * (width - len(r))
                       for r in rows], dtype=object)
    df.attrs["row_widths"] = [len(r) for r in rows]
    return df


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
        self._check_row_widths()

    def _check_row_widths(self) -> None:
        """A text table's row with text beyond the header's last cell: an unquoted comma."""
        widths = self.raw.attrs.get("row_widths")
        if widths is None:
            return
        header = [cell_text(c) for c in self.raw.iloc[self.header_row].tolist()]
        width = max((j + 1 for j, c in enumerate(header) if c), default=0)
        for i in range(self.header_row + 1, len(self.raw)):
            extra = [cell_text(c) for c in self.raw.iloc[i].tolist()[width:]]
            while extra and extra[-1] is None:
                extra.pop()
            if extra:
                self.problems.append(Problem(
                    self.label, i + 1, None, ",".join(c or "" for c in extra),
                    f"at most {width} cells, as in the header row (row {self.header_row + 1}); "
                    f"the row has {widths[i]}: a comma inside a cell needs quotes (\"3,5\") / "
                    "该行单元格多于表头：单元格内的逗号须加引号",
                ))

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
