"""PDF copies of the Word documents, rendered by LibreOffice with the shipped Chinese font.

Word and WPS on an official's PC show the prescribed faces (黑体, 仿宋, 楷体). LibreOffice on a
machine without any Chinese font draws every character as a box; :func:`to_pdf` therefore runs it
with a private, throw-away profile whose font folder holds the package's Noto Sans SC subset
(``report/fonts/``), so fontconfig substitutes that font for the faces the documents name. The
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
from indicator_forecast.report._fonts import FONT_FILE

__all__ = ["RenderError", "find_soffice", "to_pdf", "write_pdfs"]


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
        env = {**os.environ, "HOME": str(home)}
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
