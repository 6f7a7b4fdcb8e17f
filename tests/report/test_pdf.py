"""PDF rendering through LibreOffice with the shipped font (report.pdf)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indicator_forecast.report import pdf as pdfmod


def test_missing_libreoffice_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: None)
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"")
    with pytest.raises(pdfmod.RenderError, match="LibreOffice.*not installed"):
        pdfmod.to_pdf([doc])


def test_missing_document_is_named(monkeypatch, tmp_path):
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: "/bin/true")
    with pytest.raises(pdfmod.RenderError, match=r"nothere\.docx"):
        pdfmod.to_pdf([tmp_path / "nothere.docx"])


def test_a_conversion_that_writes_nothing_is_an_error(monkeypatch, tmp_path):
    """`true` exits 0 without writing a PDF: that must not pass as a rendering."""
    monkeypatch.setattr(pdfmod, "find_soffice", lambda: "/bin/true")
    doc = tmp_path / "a.docx"
    doc.write_bytes(b"")
    with pytest.raises(pdfmod.RenderError, match="could not convert"):
        pdfmod.to_pdf([doc])


@pytest.mark.slow
def test_chinese_renders_without_system_fonts(tmp_path):
    """The PDF holds the Chinese text (not boxes) with only the shipped font available, and the
    user's HOME is not written to."""
    if pdfmod.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pypdf = pytest.importorskip("pypdf")
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("十四五规划中期评估自评报告")
    src = tmp_path / "报告.docx"
    d.save(str(src))
    (out,) = pdfmod.to_pdf([src], tmp_path / "pdf")
    assert out == tmp_path / "pdf" / "报告.pdf"
    text = pypdf.PdfReader(str(out)).pages[0].extract_text()
    assert "十四五规划中期评估自评报告" in text.replace(" ", "")
    page = pypdf.PdfReader(str(out)).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = [str(fonts[k].get_object()["/BaseFont"]) for k in fonts]
    assert any("NotoSansCJKsc" in n for n in names), names  # the shipped face, not a box font
    assert not any("jp" in n.lower() for n in names), names  # nor a system Japanese face
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pdf", "报告.docx"]
    assert isinstance(out, Path)


@pytest.mark.slow
def test_cli_pdf_copies_follow_the_overwrite_rule(tmp_path, capsys):
    """`evaluate --pdf` writes X.pdf beside each X.docx, listed in the manifest; a second run
    without --overwrite refuses; a PDF the user put there under an output's name is left alone."""
    if pdfmod.find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    from indicator_forecast.cli import main
    from indicator_forecast.report._io import written_by_package

    root = Path(__file__).resolve().parents[2] / "data" / "national-14th"
    args = ["evaluate", str(root / "plan.csv"), str(root / "observations.csv"),
            "--as-of", "2023-06-30", "--out", str(tmp_path / "out"), "--pdf"]  # fmt: skip
    assert main(args) == 0
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    docx = sorted((tmp_path / "out").glob("*.docx"))
    assert [p.stem for p in pdfs] == [p.stem for p in docx] and pdfs
    assert all(written_by_package(p) for p in pdfs)
    assert main(args) == 3  # exists, no --overwrite
    mine = tmp_path / "mine"
    assert main([*args[:-2], str(mine)]) == 0 and not list(mine.glob("*.pdf"))
    user_pdf = mine / pdfs[0].name
    user_pdf.write_bytes(b"%PDF-1.4 the analyst's own")
    assert main([*args[:-2], str(mine), "--overwrite", "--pdf"]) == 3
    assert user_pdf.read_bytes() == b"%PDF-1.4 the analyst's own"


@pytest.mark.parametrize("face", ["仿宋", "黑体:weight=bold", "楷体", "Calibri:lang=ja",
                                  "sans-serif:lang=zh-cn"])
def test_private_fontconfig_puts_the_shipped_font_first(tmp_path, face):
    """With the fonts.conf to_pdf writes, fontconfig answers the shipped file for the faces the
    documents name and for Chinese text, whatever CJK fonts the system has (a system Noto Sans
    CJK JP used to win and print Japanese glyph forms)."""
    import shutil
    import subprocess

    from indicator_forecast.report._fonts import FAMILY, FONT_FILE

    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig's fc-match is not installed")
    (tmp_path / ".fonts").mkdir()
    shutil.copy(FONT_FILE, tmp_path / ".fonts")
    conf = tmp_path / ".config" / "fontconfig"
    conf.mkdir(parents=True)
    (conf / "fonts.conf").write_text(pdfmod._fontconfig(FAMILY), encoding="utf-8")
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / ".config"),
           "PATH": os.environ.get("PATH", "")}
    out = subprocess.run(["fc-match", face, "file"], env=env, capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().endswith(FONT_FILE.name), out


def test_shipped_family_name_is_the_files():
    from matplotlib import font_manager

    from indicator_forecast.report._fonts import FAMILY, FONT_FILE

    assert font_manager.FontProperties(fname=str(FONT_FILE)).get_name() == FAMILY
