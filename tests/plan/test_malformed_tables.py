"""A corpus of malformed tables, each with the message a user gets (issue 10.2).

Every table here is synthetic: written by the test into ``tmp_path`` from the strings below,
except ``malformed/synthetic_plan.xls`` (a two-row synthetic plan saved as Excel 97 by
LibreOffice, see malformed/README.md). Each case names what the user did and what the package
must say; every error is the package's own (PlanError / DataError, both InputError) with the
problem located at the file, or at its row.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indicator_forecast.data import read_observations
from indicator_forecast.exceptions import DataError, InputError, PlanError
from indicator_forecast.plan import read_plan

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
HEADER = "序号,指标,单位,目标值,指标属性\n"
ROW1 = "1,地区生产总值增长,%,6.5%左右,预期性\n"
ROW2 = "2,城镇新增就业人数,人,累计新增5万,预期性\n"


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        [["1", "地区生产总值增长", "%", "6.5%左右", "预期性"],
         ["2", "城镇新增就业人数", "人", "累计新增5万", "预期性"]],
        columns=["序号", "指标", "单位", "目标值", "指标属性"],
    )


def _xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    _frame().to_excel(buf, index=False)
    return buf.getvalue()


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(content, str):
        p.write_text(content, encoding="utf-8")
    else:
        p.write_bytes(content)
    return p


def _fail(path: Path) -> PlanError:
    with pytest.raises(PlanError) as info:
        read_plan(path)
    return info.value


# (file name, content, words the message must hold, row of the first problem)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\n"
OLE_HEAD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
CASES = [
    ("empty.csv", "", "the file is empty", None),
    ("blank-lines.csv", "\n\n  \n", "the file is empty", None),
    ("commas-only.csv", ",,,\n,,,\n", "no cell of the file holds text", None),
    ("header-only.csv", HEADER, "no indicator under it", 2),
    ("unclosed-quote.csv", HEADER + ROW1 + '2,"城镇新增就业人数,人,5,预期性\n',
     "broken quoting in row 3", 3),
    ("quote-then-text.csv", HEADER + '1,"地区生产总值"增长,%,6,预期性\n',
     "broken quoting in row 2", 2),
    ("text-named-xlsx.xlsx", HEADER + ROW1, "rename it to .csv", None),
    ("pdf-named-xlsx.xlsx", PDF, "a PDF document", None),
    ("xls-named-xlsx.xlsx", OLE_HEAD, "rename it to .xls", None),
    ("text-named-xls.xls", HEADER + ROW1, "rename it to .csv", None),
    ("xlsx-named-csv.csv", b"PK\x03\x04" + b"\x00" * 40, "save the table as .csv", None),
    ("truncated.xlsx", b"PK\x03\x04" + b"\x00" * 40, "not a readable workbook", None),
    ("plan.docx", HEADER + ROW1, "expected a .xlsx, .xls, .ods, .csv or .tsv file", None),
]


@pytest.mark.parametrize("name, content, words, row", CASES, ids=[c[0] for c in CASES])
def test_malformed_plan_table(tmp_path, name, content, words, row):
    err = _fail(_write(tmp_path, name, content))
    assert isinstance(err, InputError)
    assert words in str(err)
    assert name in str(err)
    problems = list(err.report)
    assert len(problems) == 1  # one located problem, not a traceback
    assert problems[0].row == row


def test_ragged_rows_are_all_listed_with_the_other_problems(tmp_path):
    # rows 2 and 4 have an unquoted comma in a cell; row 3's target reads as no form at all
    p = _write(
        tmp_path, "ragged.csv",
        HEADER
        + "1,地区生产总值增长,%,6,5,预期性\n"
        + "2,关键核心技术,项,取得重大突破,预期性\n"
        + "3,城镇新增就业人数,人,累计新增5万,预期性,备注,另一备注\n"
        + "4,常住人口城镇化率,%,70,预期性,,\n",  # empty trailing cells are not a problem
    )
    err = _fail(p)
    got = [(q.row, q.column, q.value) for q in err.report]
    assert got == [
        (2, None, "预期性"),  # the cell pushed past the header's five
        (4, None, "备注,另一备注"),
        (2, "指标属性", "5"),  # the same comma moved 预期性 out of its column
        (3, "目标值", "取得重大突破"),
    ]
    assert "at most 5 cells" in err.report.problems[0].expected
    assert "quotes" in err.report.problems[0].expected


def test_a_title_row_above_the_header_reads(tmp_path):
    p = _write(tmp_path, "title.csv", "某区“十四五”规划主要指标（合成）\n\n" + HEADER + ROW1 + ROW2)
    plan = read_plan(p)
    assert [(i.id, i.kind, i.target.low, i.row) for i in plan] == [
        ("1", "annual_rate", 6.5, 4), ("2", "cumulative_total", 50000.0, 5),
    ]


def test_xls_is_read_with_xlrd():
    pytest.importorskip("xlrd")
    plan = read_plan(HERE / "malformed" / "synthetic_plan.xls")
    assert [(i.id, i.kind, i.target.low) for i in plan] == [
        ("1", "annual_rate", 6.5), ("2", "cumulative_total", 50000.0),
    ]


def test_ods_is_read_with_odfpy(tmp_path):
    pytest.importorskip("odf")
    p = tmp_path / "plan.ods"
    _frame().to_excel(p, index=False, engine="odf")
    plan = read_plan(p)
    assert [(i.id, i.kind, i.target.low) for i in plan] == [
        ("1", "annual_rate", 6.5), ("2", "cumulative_total", 50000.0),
    ]


@pytest.mark.parametrize("suffix, package", [(".xls", "xlrd"), (".ods", "odfpy")])
def test_a_missing_optional_reader_says_save_as_xlsx(tmp_path, monkeypatch, suffix, package):
    def no_reader(*args, **kwargs):
        raise ImportError(f"Missing optional dependency '{package}'.")

    monkeypatch.setattr(pd, "read_excel", no_reader)
    content = (HERE / "malformed" / "synthetic_plan.xls").read_bytes() if suffix == ".xls" else (
        _xlsx_bytes()
    )
    err = _fail(_write(tmp_path, "plan" + suffix, content))
    assert package in str(err) and "save the table as .xlsx" in str(err)


def test_password_protected_workbook(tmp_path):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(_xlsx_bytes())).encrypt("synthetic-password", out)
    assert msoffcrypto.OfficeFile(io.BytesIO(out.getvalue())).is_encrypted()
    err = _fail(_write(tmp_path, "locked.xlsx", out.getvalue()))
    assert "password-protected" in str(err) and "remove the password" in str(err)


# Records of an .xls workbook stream that encryption leaves in the clear ([MS-XLS] 2.2.10): BOF,
# FilePass, UsrExcl, FileLock, InterfaceHdr, RRDInfo, RRDHead; and a BoundSheet8's first 4 bytes.
_CLEAR = {0x0809, 0x002F, 0x0194, 0x0195, 0x00E1, 0x0196, 0x0138}
_BOUNDSHEET, _WRITEACCESS = 0x0085, 0x005C


def _rc4_key(password: str, salt: bytes, block: int) -> bytes:
    """The RC4 key of one 1024-byte block ([MS-OFFCRYPTO] 2.3.6.2, RC4 encryption 1.1)."""
    h0 = hashlib.md5(password.encode("utf-16-le")).digest()[:5]
    h1 = hashlib.md5((h0 + salt) * 16).digest()[:5]
    return hashlib.md5(h1 + struct.pack("<I", block)).digest()


def _rc4(key: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
    from cryptography.hazmat.primitives.ciphers import Cipher

    enc = Cipher(ARC4(key), mode=None).encryptor()
    return enc.update(data) + enc.finalize()


def _encrypted_xls(tmp_path: Path, plain: Path, password: str) -> Path:
    """``plain`` (an .xls) as Excel saves it with an open password: RC4 ([MS-XLS] 2.2.10).

    msoffcrypto-tool encrypts only OOXML (.xlsx), so the encryption is written here from the
    specifications: a FilePass record (RC4 1.1: salt, encrypted verifier and its MD5) right
    after the globals' BOF, then every record's data XORed with the RC4 key stream at its stream
    position, rekeyed every 1024 bytes. The container can only be rewritten at the same size,
    so the WriteAccess record (the user's name, padding) gives up the FilePass's 58 bytes: the
    records after it keep their offsets, which the BoundSheet8 records point at.
    """
    import olefile

    p = tmp_path / "locked.xls"
    p.write_bytes(plain.read_bytes())
    ole = olefile.OleFileIO(str(p), write_mode=True)
    stream = ole.openstream("Workbook").read()
    records, pos = [], 0
    while pos < len(stream):
        num, size = struct.unpack_from("<HH", stream, pos)
        records.append((num, stream[pos + 4 : pos + 4 + size]))
        pos += 4 + size
    salt, verifier = bytes(range(16)), bytes(range(16, 32))
    check = _rc4(_rc4_key(password, salt, 0), verifier + hashlib.md5(verifier).digest())
    filepass = struct.pack("<HHH", 1, 1, 1) + salt + check
    assert records[0][0] == 0x0809 and len(filepass) == 54
    out = [records[0], (0x002F, filepass)]
    for num, data in records[1:]:
        if num == _WRITEACCESS:
            # 112 bytes of data less the FilePass's 4 + 54: a 9-letter name, space-padded
            data = (struct.pack("<HB", 9, 0) + b"synthetic").ljust(len(data) - 58, b" ")
        out.append((num, data))
    clear = b"".join(struct.pack("<HH", n, len(d)) + d for n, d in out)
    assert len(clear) == len(stream)
    keystream = b"".join(
        _rc4(_rc4_key(password, salt, block), bytes(1024))
        for block in range(len(clear) // 1024 + 1)
    )
    locked, pos = bytearray(clear), 0
    for num, data in out:
        start, end = pos + 4, pos + 4 + len(data)
        if num == _BOUNDSHEET:
            start += 4  # lbPlyPos, the sheet's offset, stays in the clear
        if num not in _CLEAR:
            for k in range(start, end):
                locked[k] ^= keystream[k]
        pos = end
    ole.write_stream("Workbook", bytes(locked))
    ole.close()
    return p


def test_password_protected_xls(tmp_path):
    xlrd = pytest.importorskip("xlrd")
    msoffcrypto = pytest.importorskip("msoffcrypto")
    pytest.importorskip("cryptography")
    plain = HERE / "malformed" / "synthetic_plan.xls"
    locked = _encrypted_xls(tmp_path, plain, "synthetic-password")
    # A real encrypted workbook: msoffcrypto-tool finds it encrypted, the password opens it,
    # and the opened copy is the synthetic plan again; xlrd refuses it as encrypted.
    with locked.open("rb") as f:
        office = msoffcrypto.OfficeFile(f)
        assert office.is_encrypted()
        office.load_key(password="synthetic-password")
        opened = tmp_path / "opened.xls"
        with opened.open("wb") as out:
            office.decrypt(out)
    assert [(i.id, i.kind, i.target.low) for i in read_plan(opened)] == [
        ("1", "annual_rate", 6.5), ("2", "cumulative_total", 50000.0),
    ]
    with pytest.raises(xlrd.XLRDError, match="encrypted"):
        xlrd.open_workbook(str(locked))
    # The package says so itself, at the file, before asking the reader
    err = _fail(locked)
    problem = list(err.report)[0]
    assert (problem.source, problem.row, problem.column) == ("locked.xls", None, None)
    assert "password-protected" in problem.value and "取消打开密码" in problem.expected
    assert "XLRDError" not in str(err)
    # the unencrypted original is still read as an .xls (no false alarm)
    assert len(read_plan(plain)) == 2


def test_password_protected_signature_without_msoffcrypto(tmp_path):
    # An OLE container whose directory names the EncryptionInfo stream, as Office writes it.
    crafted = OLE_HEAD + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64
    for name in ("locked.xlsx", "locked.xls"):
        err = _fail(_write(tmp_path, name, crafted))
        assert "password-protected" in str(err)


def test_a_sheet_that_is_a_picture_of_a_table(tmp_path):
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image as XlImage
    from PIL import Image

    png = tmp_path / "table.png"
    Image.new("RGB", (40, 20), "white").save(png)
    wb = Workbook()
    wb.active.add_image(XlImage(str(png)), "B2")
    p = tmp_path / "scanned.xlsx"
    wb.save(p)
    with zipfile.ZipFile(p) as z:
        assert any("/media/" in n for n in z.namelist())  # the picture is in the file
    err = _fail(p)
    assert "1 picture(s)" in str(err) and "nothing readable is there" in str(err)


def test_an_empty_sheet_without_pictures(tmp_path):
    from openpyxl import Workbook

    p = tmp_path / "blank.xlsx"
    Workbook().save(p)
    err = _fail(p)
    assert "no cell of the sheet holds text" in str(err) and "picture" not in str(err)


def test_an_empty_first_sheet_names_the_other_sheets(tmp_path):
    p = tmp_path / "two-sheets.xlsx"
    with pd.ExcelWriter(p) as writer:
        pd.DataFrame().to_excel(writer, sheet_name="说明", index=False)
        _frame().to_excel(writer, sheet_name="指标表", index=False)
    err = _fail(p)
    assert "no cell of the sheet holds text" in str(err) and "指标表" in str(err)
    plan = read_plan(p, sheet="指标表")
    assert [i.id for i in plan] == ["1", "2"]


# ---------------------------------------------------------------- observation files

PLAN = read_plan(ROOT / "data" / "putuo-14th" / "plan.csv")
OBS = "指标编号,指标,时期,数值,单位\n"


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("obs.csv", "", "the file is empty"),
        ("obs.csv", OBS + '15,"新增养老床位数,2021,120,张\n', "broken quoting in row 2"),
        ("obs.xlsx", OBS, "rename it to .csv"),
        ("obs.csv", OBS + "15,新增养老床位数,2021,120,张,多余\n", "at most 5 cells"),
    ],
    ids=["empty", "quote", "text-named-xlsx", "ragged"],
)
def test_malformed_observation_file(tmp_path, name, content, words):
    with pytest.raises(DataError) as info:
        read_observations(_write(tmp_path, name, content), PLAN)
    assert words in str(info.value)
    assert len(info.value.report) == 1


# ---------------------------------------------------------------- any table

_TARGETS = st.sampled_from([
    "", "1", "1.2.3", ".", "１２", "6.5%左右", "累计新增5万", "持续下降",
    "40(智能软件12、研发服务8)", "力争3", "[", "5万", "-2", "取得突破", '"', "1,2",
]) | st.text(max_size=8)
_ROW = st.tuples(
    st.sampled_from(["", "1", "2", "１", "1.0", "序号"]),
    st.sampled_from(["", "地区生产总值增长", "新增病床数", "智能软件", "PM2.5浓度", "指标"]),
    st.sampled_from(["", "%", "张", "人", "无", "微克/立方米"]),
    _TARGETS,
    st.sampled_from(["", "预期性", "约束性", "其他"]),
    st.sampled_from([None, "", "越低越好", "x"]),
).map(lambda cells: ",".join(c for c in cells if c is not None))
_ROWS = st.lists(_ROW, max_size=6)


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rows=_ROWS, title=st.booleans())
def test_any_table_gives_a_plan_or_the_packages_error(tmp_path, rows, title):
    # e.g. a part row (no 序号) with the target "1.2.3" once raised a bare ValueError
    text = ("某区规划指标（合成）\n" if title else "") + HEADER + "\n".join(rows) + "\n"
    p = tmp_path / "any.csv"
    p.write_text(text, encoding="utf-8")
    try:
        plan = read_plan(p)
    except PlanError as err:
        assert err.report, "every PlanError locates its problems"
        return
    assert len(plan.indicators) >= 1
