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
    n_indicators = len(synthetic_ev.to_frame())  # every indicator gets a chart or a panel
    assert suffixes.count(".png") == n_indicators + 1
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


def test_outputs_follow_the_umask_not_0600(tmp_path, synthetic_ev):
    import os

    old = os.umask(0o022)
    try:
        paths = export_all(synthetic_ev, tmp_path / "out")
    finally:
        os.umask(old)
    modes = {p.suffix: p.stat().st_mode & 0o777 for p in paths}
    assert set(modes.values()) == {0o644}, modes


def test_overwrite_keeps_what_the_user_typed_in_a_backup(tmp_path, synthetic_ev):
    out = tmp_path / "out"
    paths = export_all(synthetic_ev, out)
    wb_path = paths[0]
    wb = openpyxl.load_workbook(wb_path)
    wb.active["A1"] = "typed by the analyst"
    wb.save(wb_path)
    export_all(synthetic_ev, out, overwrite=True)
    backups = list((out / "备份_backup").glob(f"*/{wb_path.name}"))
    assert len(backups) == 1
    assert openpyxl.load_workbook(backups[0]).active["A1"].value == "typed by the analyst"
    assert openpyxl.load_workbook(wb_path).active["A1"].value != "typed by the analyst"


def test_report_is_dated_by_the_evaluation_not_the_clock(tmp_path, synthetic_ev):
    import docx

    from indicator_forecast.report._common import fmt_date

    paths = export_all(synthetic_ev, tmp_path / "out")
    report = next(p for p in paths if p.suffix == ".docx" and "报告" in p.name)
    texts = [p.text for p in docx.Document(str(report)).paragraphs]
    assert fmt_date(synthetic_ev.as_of, "zh") in texts
