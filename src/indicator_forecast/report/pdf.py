"""PDF copies of the Word documents, rendered by LibreOffice with the shipped Chinese font.

Word and WPS on an official's PC show the prescribed faces (黑体, 仿宋, 楷体). LibreOffice on a
machine without any Chinese font draws every character as a box; :func:`to_pdf` therefore runs it
with a private, throw-away profile whose font folder holds the package's Noto Sans SC subset
(``report/fonts/``), and a fontconfig file that puts that font first for Chinese text and for
the faces the documents name. Without it a machine that has the system's Noto CJK fonts got the
Japanese face (NotoSansCJKjp), whose glyph forms differ from the Chinese standard ones. The
user's own LibreOffice profile and fonts are not touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from indicator_forecast.exceptions import RenderError
from indicator_forecast.report._fonts import FAMILY, FONT_FILE

__all__ = ["RenderError", "find_soffice", "to_pdf", "write_pdfs"]

#: The Chinese faces documents name (ours: 黑体, 仿宋, 楷体; others' Word templates the rest).
CHINESE_FACES = (
    "黑体", "仿宋", "楷体", "宋体", "新宋体", "仿宋_GB2312", "楷体_GB2312", "方正小标宋简体",
    "方正小标宋_GBK", "方正仿宋_GBK", "方正黑体_GBK", "方正楷体_GBK", "微软雅黑", "等线",
    "SimHei", "SimSun", "NSimSun", "FangSong", "FangSong_GB2312", "KaiTi", "KaiTi_GB2312",
    "Microsoft YaHei", "DengXian", "MS Mincho", "MS Gothic", "Yu Mincho", "Yu Gothic",
    "ＭＳ 明朝", "ＭＳ ゴシック", "MS PMincho", "MS PGothic",
)


def _fontconfig(family: str) -> str:
    """A user fonts.conf: ``family`` first for Chinese (and Japanese-tagged) text and for the
    Chinese faces, bound strongly so that a system CJK face does not win."""
    aliases = "".join(
        f'<alias binding="strong"><family>{face}</family><prefer><family>{family}</family>'
        "</prefer></alias>"
        for face in CHINESE_FACES
    )
    langs = "".join(
        '<match target="pattern"><test name="lang" compare="contains">'
        f"<string>{lang}</string></test>"
        f'<edit name="family" mode="prepend" binding="strong"><string>{family}</string></edit>'
        "</match>"
        for lang in ("zh", "ja")
    )
    return f'<?xml version="1.0"?><fontconfig>{aliases}{langs}</fontconfig>\n'


def find_soffice() -> str | None:
    """Path of LibreOffice's ``soffice`` (or ``libreoffice``), or None if it is not installed.

    Returns
    -------
    str or None
        The executable found on ``PATH``, ``soffice`` first; None when neither is there.
    """
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(
    documents: Iterable[str | Path],
    out_dir: str | Path | None = None,
    *,
    timeout: float = 300,
) -> list[Path]:
    """Render Word documents to PDF with LibreOffice, Chinese shown in the shipped font.

    Parameters
    ----------
    documents : iterable of path
        The ``.docx`` files to render.
    out_dir : path, optional
        Folder for the PDFs (created if needed); default: beside each document.
    timeout : float
        Seconds allowed per document.

    Returns
    -------
    list of Path
        The PDFs written, in the order of ``documents``.

    Raises
    ------
    RenderError
        If LibreOffice is not installed, or a conversion fails or produces no PDF (the message
        names the document and what LibreOffice printed).
    """
    soffice = find_soffice()
    if soffice is None:
        raise RenderError(
            "未找到 LibreOffice（soffice），无法生成PDF；请安装 LibreOffice，或用 Word/WPS 打开 "
            "docx 另存为PDF。/ LibreOffice (soffice) is not installed: install it, or save the "
            ".docx as PDF from Word or WPS."
        )
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="indicator_forecast_lo_") as tmp:
        home = Path(tmp)
        (home / ".fonts").mkdir()
        shutil.copy(FONT_FILE, home / ".fonts")
        (home / ".config" / "fontconfig").mkdir(parents=True)
        (home / ".config" / "fontconfig" / "fonts.conf").write_text(
            _fontconfig(FAMILY), encoding="utf-8")
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
        for doc in documents:
            doc = Path(doc)
            if not doc.is_file():
                raise RenderError(f"{doc}: 文件不存在 / no such file")
            target = Path(out_dir) if out_dir is not None else doc.parent
            target.mkdir(parents=True, exist_ok=True)
            run = subprocess.run(
                [soffice, f"-env:UserInstallation=file://{home}/profile", "--headless",
                 "--convert-to", "pdf", "--outdir", str(target), str(doc)],
                env=env, timeout=timeout, capture_output=True, text=True, check=False,
            )  # fmt: skip
            pdf = target / (doc.stem + ".pdf")
            if run.returncode != 0 or not pdf.is_file():
                raise RenderError(
                    f"{doc}: LibreOffice 未能生成PDF / LibreOffice could not convert it "
                    f"(exit {run.returncode}): {(run.stderr or run.stdout).strip()[:500]}"
                )
            written.append(pdf)
    return written


def write_pdfs(documents: Iterable[str | Path], *, overwrite: bool = False) -> list[Path]:
    """PDF copies beside the documents, under the same rule as every other output.

    Each ``X.docx`` gets ``X.pdf`` in its folder, recorded in the folder's manifest. An earlier
    PDF of ours is replaced only with ``overwrite`` (and kept in the dated backup folder); a file
    of that name the package did not write is never touched.

    Parameters
    ----------
    documents : iterable of path
        The ``.docx`` files (normally the Word outputs of
        :func:`~indicator_forecast.report.export_all`).
    overwrite : bool
        Replace PDFs written by an earlier run.

    Returns
    -------
    list of Path
        The PDFs written.

    Raises
    ------
    RenderError
        As :func:`to_pdf`.
    OutputExistsError
        If a PDF exists and ``overwrite`` is false, or it was not written by the package.
    """
    from indicator_forecast.report._io import atomic_write, refuse_existing, refuse_foreign

    docs = [Path(d) for d in documents]
    targets = [d.with_suffix(".pdf") for d in docs]
    refuse_existing(targets, overwrite)
    for t in targets:
        refuse_foreign(t)
    with tempfile.TemporaryDirectory(prefix="indicator_forecast_pdf_") as tmp:
        rendered = to_pdf(docs, tmp)
        written: list[Path] = []
        for src, target in zip(rendered, targets, strict=True):

            def copy(dst: Path, src: Path = src) -> None:
                shutil.copyfile(src, dst)

            written.append(atomic_write(target, copy, overwrite=overwrite))
        return written
