"""A form opened and saved by a real spreadsheet program still reads back (SYNTHETIC values)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from indicator_forecast.collect import collect
from indicator_forecast.plan import Plan

from .conftest import form_of
from .synthetic import fill_form, synthetic_value

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_form_resaved_by_libreoffice_reads_back(
    plan: Plan, forms: list[Path], tmp_path: Path
) -> None:
    assert SOFFICE is not None
    filled = fill_form(form_of(forms, "区发改委"), tmp_path / "in" / "发改委.xlsx",
                       lambda k: synthetic_value(plan, k))
    outdir = tmp_path / "out"
    run = subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
         "--convert-to", "xlsx", "--outdir", str(outdir), str(filled)],
        capture_output=True, text=True, timeout=240,
    )
    resaved = outdir / "发改委.xlsx"
    if not resaved.exists() and "could not be loaded" in run.stdout + run.stderr:
        pytest.skip("LibreOffice is installed without Calc (libreoffice-calc)")
    assert resaved.exists(), run.stdout + run.stderr
    direct = collect(plan, [filled])
    again = collect(plan, [resaved])
    assert again.ok, str(again.problems)
    key = ["indicator_id", "period", "measure", "role"]
    a = direct.observations.set_index(key)["value"].sort_index()
    b = again.observations.set_index(key)["value"].sort_index()
    assert a.index.equals(b.index) and (a == b).all()
