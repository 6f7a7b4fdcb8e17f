"""export_all writes everything and never silently replaces an earlier output."""

from __future__ import annotations

import openpyxl
import pytest

from indicator_forecast.exceptions import OutputExistsError
from indicator_forecast.report import export_all, output_paths

from .synthetic import SyntheticEvaluation


def test_writes_everything(tmp_path, synthetic_ev):
    paths = export_all(synthetic_ev, tmp_path / "out", date="2023年7月10日")
    assert paths == output_paths(synthetic_ev, tmp_path / "out")
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths)
    suffixes = [p.suffix for p in paths]
    assert suffixes.count(".xlsx") == 1 and suffixes.count(".docx") == 2
    n_charted = synthetic_ev.chart_frame().indicator_id.nunique()
    assert suffixes.count(".png") == n_charted + 1
    assert openpyxl.load_workbook(paths[0]).sheetnames[0] == "附件6 指标评估表"


def test_refuses_a_folder_with_earlier_outputs(tmp_path, synthetic_ev):
    out = tmp_path / "out"
    paths = export_all(synthetic_ev, out)
    mtimes = {p: p.stat().st_mtime_ns for p in paths}
    with pytest.raises(OutputExistsError) as err:
        export_all(synthetic_ev, out)
    for p in paths[:3]:
        assert p.name in str(err.value)
    assert {p: p.stat().st_mtime_ns for p in paths} == mtimes  # nothing touched
    assert export_all(synthetic_ev, out, overwrite=True) == paths


def test_a_stale_chart_alone_blocks(tmp_path, synthetic_ev):
    charts = tmp_path / "out" / "图表"
    charts.mkdir(parents=True)
    (charts / "indicator_99.png").write_bytes(b"old")
    with pytest.raises(OutputExistsError, match="indicator_99.png"):
        export_all(synthetic_ev, tmp_path / "out")
    export_all(synthetic_ev, tmp_path / "out", overwrite=True)
    assert (charts / "indicator_99.png").read_bytes() == b"old"  # not ours to delete


def test_user_files_are_left_alone(tmp_path, synthetic_ev):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    export_all(synthetic_ev, out)
    assert (out / "notes.txt").read_text() == "mine"


def test_english(tmp_path):
    paths = export_all(SyntheticEvaluation(language="en"), tmp_path, lang="en")
    assert paths[0].name == "indicator_evaluation.xlsx"
