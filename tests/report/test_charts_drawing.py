"""What the charts draw, on real evaluations of the shipped Putuo plan with SYNTHETIC figures.

Every observation below is invented for testing (marked SYNTHETIC in its source column); the
expected values are worked by hand from them.
"""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from indicator_forecast import evaluate, read_observations, read_plan  # noqa: E402
from indicator_forecast.config import EvaluationConfig  # noqa: E402
from indicator_forecast.report import indicator_chart, overview_chart, save_charts  # noqa: E402
from indicator_forecast.report.charts import year_axis  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "data" / "putuo-14th" / "plan.csv"

# SYNTHETIC yearly figures (invented): amounts of a five-year total, a 左右 band, a floor.
SYNTHETIC_OBS = """indicator_id,period,value,unit,measure,role,source
3,2021,280,亿元,flow,actual,SYNTHETIC
3,2022,290,亿元,flow,actual,SYNTHETIC
3,2023H1,140,亿元,flow,actual,SYNTHETIC
19,2020,84.7,%,,actual,SYNTHETIC
19,2021,85.9,%,,actual,SYNTHETIC
19,2022,87.1,%,,actual,SYNTHETIC
17,2020,83.6,岁,,actual,SYNTHETIC
17,2021,84.0,岁,,actual,SYNTHETIC
17,2022,84.2,岁,,actual,SYNTHETIC
24,2021,0.011,人/亿元,,actual,SYNTHETIC
"""


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return read_plan(PLAN, name="普陀区“十四五”规划纲要主要指标", jurisdiction="普陀区")


@pytest.fixture(scope="module")
def synthetic_obs_file(tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("obs") / "synthetic_observations.csv"
    path.write_text(SYNTHETIC_OBS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def ev(plan, synthetic_obs_file):  # type: ignore[no-untyped-def]
    return evaluate(plan, read_observations(synthetic_obs_file, plan), as_of="2023-06-30")


@pytest.fixture(scope="module")
def ev90(plan, synthetic_obs_file):  # type: ignore[no-untyped-def]
    obs = read_observations(synthetic_obs_file, plan)
    return evaluate(plan, obs, as_of="2023-06-30", config=EvaluationConfig(level=90))


def _legend(ax) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.get_text() for t in ax.get_legend().get_texts()]


def _y_extent(ax, patch) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """The patch's lowest and highest y in data units (axhspan mixes axes and data units)."""
    verts = patch.get_transform().transform(patch.get_path().vertices)
    ys = ax.transData.inverted().transform(verts)[:, 1]
    return float(min(ys)), float(max(ys))


# --- the year axis -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("periods", "xlim", "ticks"),
    [
        # one point before the plan: the plan period plus that year, never 1925-2125
        ([2019.0], (2018.5, 2025.5), list(range(2019, 2026))),
        # two points inside the plan: the plan period from its base year
        ([2021.0, 2022.0], (2019.5, 2025.5), list(range(2020, 2026))),
        # five points of history before the plan
        ([2016.0, 2017.0, 2018.0, 2019.0, 2020.0], (2015.5, 2025.5), list(range(2016, 2026))),
        # no point at all: the plan period
        ([], (2019.5, 2025.5), list(range(2020, 2026))),
    ],
)
def test_year_axis_for_one_two_five_points(periods, xlim, ticks):  # type: ignore[no-untyped-def]
    fig, ax = plt.subplots()
    if periods:
        ax.plot(periods, [1.0] * len(periods), marker="o")
    year_axis(ax, periods, 2020, 2025)
    assert ax.get_xlim() == pytest.approx(xlim)
    assert [float(t) for t in ax.get_xticks()] == [float(t) for t in ticks]
    plt.close(fig)


def test_one_point_chart_axis(plan, tmp_path):  # type: ignore[no-untyped-def]
    """A single SYNTHETIC 2019 figure: the axis runs 2018.5-2025.5 with yearly integer ticks."""
    obs = tmp_path / "one.csv"
    obs.write_text("indicator_id,period,value,unit,role,source\n"
                   "19,2019,84.7,%,actual,SYNTHETIC\n", encoding="utf-8")  # fmt: skip
    one = evaluate(plan, read_observations(obs, plan), as_of="2023-06-30")
    fig = indicator_chart(one, "19")
    ax = fig.axes[0]
    assert ax.get_xlim() == pytest.approx((2018.5, 2025.5))
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == [str(y) for y in range(2019, 2026)]
    plt.close(fig)


# --- running totals ------------------------------------------------------------------------


def test_running_total_is_drawn_against_the_total(ev):  # type: ignore[no-untyped-def]
    frame = ev.chart_frame()
    hist = frame[(frame.indicator_id == "3") & (frame.series == "history")]
    # hand sums of the SYNTHETIC amounts: 2021 280; 2022 280 + 290 = 570
    assert list(hist.period) == [2021, 2022]
    assert list(hist.value) == pytest.approx([280.0, 570.0])
    mid = frame[(frame.indicator_id == "3") & (frame.series == "midterm")]
    # Jan-Jun 2023 on top: 570 + 140 = 710, at 2022 + 6/12
    assert list(mid.period) == pytest.approx([2022.5]) and list(mid.value) == pytest.approx([710])
    fig = indicator_chart(ev, "3")
    ax = fig.axes[0]
    line = next(ln for ln in ax.get_lines() if ln.get_label() == "累计值")
    assert float(line.get_ydata()[-1]) == pytest.approx(280.0 + 290.0)
    assert list(line.get_ydata()) == pytest.approx([0.0, 280.0, 570.0])  # from 0 in 2020
    target = next(ln for ln in ax.get_lines() if str(ln.get_label()).startswith("规划目标"))
    assert set(np.asarray(target.get_ydata(), dtype=float)) == {1400.0}
    # the yearly amounts are bars beside the running total, not the line
    bars = [p.get_height() for p in ax.patches if type(p).__name__ == "Rectangle"]
    assert sorted(bars)[-2:] == pytest.approx([280.0, 290.0])
    # the projection ends at the outlook's five-year total, with its interval there
    proj = next(ln for ln in ax.get_lines() if ln.get_label() == "预测")
    assert float(proj.get_ydata()[-1]) == pytest.approx(ev["3"].outlook.mean)
    assert any(lab.startswith("2025年80%区间") for lab in _legend(ax))
    plt.close(fig)


def test_running_total_projection_adds_the_yearly_means(ev):  # type: ignore[no-untyped-def]
    """Before the target year, the projected running total is the observed total plus the
    running sum of the projected yearly amounts' means (which do add up)."""
    o = ev["3"].outlook
    frame = ev.chart_frame()
    proj = frame[(frame.indicator_id == "3") & (frame.series == "projection")]
    first_year, first_mean = o.path[0][0], o.path[0][1]
    row = proj[proj.period == first_year].iloc[0]
    assert row.value == pytest.approx(280.0 + 290.0 + first_mean)
    assert math.isnan(row["lo-80"])  # no interval invented where none is known


def test_compounded_reduction_is_drawn_as_its_cumulative_change():  # type: ignore[no-untyped-def]
    from indicator_forecast.plan import read_plan as rp

    plan = rp(ROOT / "data" / "national-14th" / "plan.csv", name="国家“十四五”规划纲要主要指标",
              jurisdiction="全国")  # fmt: skip
    obs = read_observations(ROOT / "data" / "national-14th" / "observations.csv", plan)
    nat = evaluate(plan, obs, as_of="2023-06-30")
    d = dict(nat["14"].progress.history)
    frame = nat.chart_frame()
    hist = frame[(frame.indicator_id == "14") & (frame.series == "history")]
    # 1 - (1 - d2021/100)(1 - d2022/100), worked from the yearly reductions
    expect = (1 - (1 - d[2021] / 100) * (1 - d[2022] / 100)) * 100
    assert float(hist.value.iloc[-1]) == pytest.approx(expect)
    tgt = frame[(frame.indicator_id == "14") & (frame.series == "target_low")]
    assert list(tgt.value) == [13.5]


# --- targets -------------------------------------------------------------------------------


def test_band_is_drawn_as_a_band(ev):  # type: ignore[no-untyped-def]
    """"85 左右" with the default tolerance of 2 % of the value: 85 ± 1.7 = 83.3 to 86.7."""
    fig = indicator_chart(ev, "19")
    ax = fig.axes[0]
    band = [p for p in ax.patches if str(p.get_label()).startswith("规划目标 85 左右")]
    assert len(band) == 1
    assert _y_extent(ax, band[0]) == pytest.approx((83.3, 86.7))
    assert "83.3～86.7" in band[0].get_label()
    plt.close(fig)


def test_floor_is_a_line_with_the_meeting_side_shaded(ev):  # type: ignore[no-untyped-def]
    fig = indicator_chart(ev, "17")
    ax = fig.axes[0]
    floor = next(ln for ln in ax.get_lines() if str(ln.get_label()).startswith("目标下限 >84"))
    assert set(np.asarray(floor.get_ydata(), dtype=float)) == {84.0}
    top = ax.get_ylim()[1]
    shaded = [p for p in ax.patches if 0 < p.get_alpha() < 0.1]
    assert shaded, "the side above the floor is shaded lightly"
    assert _y_extent(ax, shaded[0]) == pytest.approx((84.0, top))
    plt.close(fig)


# --- every indicator -----------------------------------------------------------------------


def test_every_indicator_gets_a_chart_file(ev, tmp_path):  # type: ignore[no-untyped-def]
    paths = save_charts(ev, tmp_path)
    ids = list(ev.to_frame().indicator_id)
    assert len(ids) == 29  # 25 indicators and the 4 parts of indicator 4
    assert sorted(p.name for p in paths) == sorted(
        [f"indicator_{i}.png" for i in ids] + ["overview.png"]
    )
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in paths)


def test_missing_data_panel_says_what_and_who(ev):  # type: ignore[no-untyped-def]
    fig = indicator_chart(ev, "6")  # 新增高新技术企业数: no SYNTHETIC figure at all
    ax = fig.axes[0]
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "数据待补充" in texts
    assert "2021年、2022年" in texts and "年度新增数" in texts
    assert "请区科委提供" in texts
    plt.close(fig)


def test_overview_of_a_plan_with_nothing_graded(plan, tmp_path):  # type: ignore[no-untyped-def]
    empty = tmp_path / "none.csv"
    empty.write_text("indicator_id,period,value,unit,role,source\n"
                     "19,2019,84.7,%,actual,SYNTHETIC\n", encoding="utf-8")  # fmt: skip
    nothing = evaluate(plan, read_observations(empty, plan), as_of="2023-06-30")
    fig = overview_chart(nothing)
    assert len(fig.axes) == 1  # no progress panel to show: the status grid alone
    ax = fig.axes[0]
    title = ax.get_title(loc="left")
    assert "共25项指标（另有分项4项）：已评估0项，数据待补充25项" in title
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 29 and labels[0].startswith("1 ") and "4.1 智能软件" in labels[4]
    # 29 rows x the due years 2021-2022 are missing (hatched), and 19 has its 2019 figure
    due = [p for p in ax.patches if p.get_hatch() == "//"]
    assert len(due) == 29 * 2
    plt.close(fig)


# --- interval levels -----------------------------------------------------------------------


def test_interval_columns_are_named_by_their_level(ev90):  # type: ignore[no-untyped-def]
    frame = ev90.chart_frame()
    assert {"lo-90", "hi-90", "lo-95", "hi-95"} <= set(frame.columns)
    assert not {"lo80", "hi80", "lo-80", "hi-80"} & set(frame.columns)
    proj = frame[(frame.indicator_id == "17") & (frame.series == "projection")]
    o = ev90["17"].outlook
    assert o.level == 90
    end = proj[proj.period == 2025].iloc[0]
    assert (end["lo-90"], end["hi-90"]) == pytest.approx((o.lo, o.hi))
    fig = indicator_chart(ev90, "17")
    legend = _legend(fig.axes[0])
    assert "90%区间" in legend and "95%区间" in legend and "80%区间" not in legend
    plt.close(fig)


def test_english_labels(ev):  # type: ignore[no-untyped-def]
    fig = indicator_chart(ev, "3", lang="en")
    legend = _legend(fig.axes[0])
    assert "Running total" in legend and "Projection" in legend
    assert fig.axes[0].get_xlabel() == "Year"
    plt.close(fig)
    panel = indicator_chart(ev, "6", lang="en")
    assert "Data to be supplied" in " ".join(t.get_text() for t in panel.axes[0].texts)
    plt.close(panel)
