"""Charts draw Chinese with the shipped font: no missing-glyph warnings, one file per chart."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from indicator_forecast.exceptions import OutputExistsError  # noqa: E402
from indicator_forecast.report import indicator_chart, overview_chart, save_charts  # noqa: E402
from indicator_forecast.report._fonts import FONT_FILE, cjk_family  # noqa: E402

_GLYPH = ("missing from font", "Glyph")


def _render(fig) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    plt.close(fig)
    return [w for w in caught if any(s in str(w.message) for s in _GLYPH)]


def test_font_file_is_shipped_with_its_licence():
    assert FONT_FILE.is_file() and FONT_FILE.stat().st_size < 20 * 2**20
    licence = (FONT_FILE.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence and "Version 1.1" in licence


def test_shipped_font_is_found_by_matplotlib():
    family = cjk_family()
    path = font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )
    assert path == str(FONT_FILE)


def test_control_plain_dejavu_does_warn():
    """Without the shipped font the check below does catch missing glyphs."""
    fig, ax = plt.subplots()
    ax.set_title("评估结论", fontfamily="DejaVu Sans")
    assert _render(fig), "expected a missing-glyph warning from DejaVu Sans"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_indicator_charts_have_no_missing_glyphs(synthetic_ev, lang):
    frame = synthetic_ev.to_frame()
    for iid in frame.indicator_id:  # charts and "数据待补充" panels alike
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig = indicator_chart(synthetic_ev, iid, lang=lang)
        assert not [w for w in caught if any(s in str(w.message) for s in _GLYPH)]
        assert _render(fig) == []


def test_indicator_chart_content(synthetic_ev):
    fig = indicator_chart(synthetic_ev, "3")
    ax = fig.axes[0]
    assert "3、新增固定资产投资总额（亿元）" in ax.get_title(loc="left")
    assert "C 进展较慢" in ax.get_title(loc="left")
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    for want in ("实际值", "规划路径", "预测", "80%区间", "95%区间"):
        assert want in labels
    assert any(t.startswith("规划目标") for t in labels)
    hist = synthetic_ev.chart_frame().query("indicator_id == '3' and series == 'history'")
    line = next(ln for ln in ax.get_lines() if ln.get_label() == "实际值")
    assert list(line.get_ydata()) == pytest.approx(list(hist.value))
    plt.close(fig)


def test_floor_and_ceiling_labels(synthetic_ev):
    floor = indicator_chart(synthetic_ev, "17")
    ceil = indicator_chart(synthetic_ev, "24")
    fl = [t.get_text() for t in floor.axes[0].get_legend().get_texts()]
    cl = [t.get_text() for t in ceil.axes[0].get_legend().get_texts()]
    assert any(t.startswith("目标下限") for t in fl) and any(t.startswith("目标上限") for t in cl)
    plt.close(floor)
    plt.close(ceil)


def test_overview_chart(synthetic_ev):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = overview_chart(synthetic_ev)
    assert not [w for w in caught if any(s in str(w.message) for s in _GLYPH)]
    ax = fig.axes[0]
    frame = synthetic_ev.to_frame()
    top = frame[frame.parent_id.isna() & frame.progress.notna()]
    n_points = sum(len(c.get_offsets()) for c in ax.collections)
    assert n_points == len(top)
    assert "进度=时间" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert _render(fig) == []


def test_save_charts_and_refusal(tmp_path, synthetic_ev):
    paths = save_charts(synthetic_ev, tmp_path)
    every = sorted(set(synthetic_ev.to_frame().indicator_id))  # a chart for every indicator
    assert sorted(p.name for p in paths) == sorted([f"indicator_{i}.png" for i in every]
                                                   + ["overview.png"])  # fmt: skip
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in paths)
    with pytest.raises(OutputExistsError, match="overview.png"):
        save_charts(synthetic_ev, tmp_path)
    assert len(save_charts(synthetic_ev, tmp_path, overwrite=True)) == len(paths)


def test_unknown_indicator(synthetic_ev):
    with pytest.raises(KeyError, match="99"):
        indicator_chart(synthetic_ev, "99")
