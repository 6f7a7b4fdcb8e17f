"""data/build_from_shared.py: the record of the first import checks that no shared figure was
lost or changed, and never writes into data/ (which holds figures added by hand since)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="module")
def script():
    path = ROOT / "data" / "build_from_shared.py"
    spec = importlib.util.spec_from_file_location("build_from_shared", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _synthetic_shared(folder: Path) -> Path:
    """A SYNTHETIC research folder in the shared tables' layout: two figures for each plan."""
    (folder / "putuo-14th").mkdir(parents=True)
    (folder / "national-14th").mkdir(parents=True)
    (folder / "putuo-14th" / "observations.csv").write_text(
        "indicator_no,indicator_name,year,period,value,unit,kind,source_url,evidence\n"
        "7,合成指标,2021,annual,10.5,%,actual,synthetic://a,合成\n"
        "7,合成指标,2022,H1,5.25,%,actual,synthetic://b,合成\n", encoding="utf-8")
    (folder / "national-14th" / "plan.csv").write_text(
        "no,category,indicator,unit,target_text,attribute,baseline_2020,source_url\n"
        "1,合成类别,合成全国指标,%,60,预期性,50,synthetic://p\n", encoding="utf-8")
    (folder / "national-14th" / "observations.csv").write_text(
        "no,indicator,year,period,value,unit,kind,source_url,evidence\n"
        "1,合成全国指标,2021,annual,51.5,%,actual,synthetic://c,合成\n", encoding="utf-8")
    return folder


def test_the_shipped_data_hold_every_shared_figure(script):
    if not (SHARED / "national-14th" / "observations.csv").exists():
        pytest.skip("../shared/data is not beside this checkout")
    assert script.check(SHARED, ROOT / "data") == []


def test_a_changed_or_missing_figure_is_named(script, tmp_path):
    shared = _synthetic_shared(tmp_path / "shared")
    data = tmp_path / "data"
    assert script.main([str(shared), "--out", str(data)]) == 0
    assert script.check(shared, data) == []
    obs = data / "national-14th" / "observations.csv"
    obs.write_text(obs.read_text(encoding="utf-8").replace("51.5", "52.5"), encoding="utf-8")
    putuo = data / "putuo-14th" / "observations.csv"
    putuo.write_text(putuo.read_text(encoding="utf-8").replace("2022H1", "2022"), encoding="utf-8")
    problems = script.check(shared, data)
    assert len(problems) == 2
    assert any("row 2 (indicator 1, 2021, 51.5) is missing" in p for p in problems)
    assert any("putuo-14th" in p and "row 3" in p for p in problems)


def test_rows_added_by_hand_beside_the_shared_ones_are_allowed(script, tmp_path):
    shared = _synthetic_shared(tmp_path / "shared")
    data = tmp_path / "data"
    script.main([str(shared), "--out", str(data)])
    obs = data / "national-14th" / "observations.csv"
    with open(obs, "a", encoding="utf-8") as f:
        f.write("1,合成全国指标,2022,52.5,%,,actual,,synthetic://d,合成\n")
    assert script.check(shared, data) == []


def test_it_refuses_to_write_into_data(script, tmp_path):
    shared = _synthetic_shared(tmp_path / "shared")
    before = (ROOT / "data" / "putuo-14th" / "observations.csv").read_bytes()
    assert script.main([str(shared), "--out", str(ROOT / "data")]) == 2
    assert script.main([str(shared), "--out", str(ROOT / "data" / "x")]) == 2
    assert (ROOT / "data" / "putuo-14th" / "observations.csv").read_bytes() == before
    assert not (ROOT / "data" / "x").exists()
