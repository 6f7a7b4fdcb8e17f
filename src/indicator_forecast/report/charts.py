"""Charts of the evaluation: one per indicator and an overview of what is known.

Each indicator is drawn in the quantity its target is judged in (``Evaluation.chart_frame``):
a five-year total as its running total against the total, with the yearly amounts as bars; a
"左右" target as its band; a range as a shaded range; a floor or ceiling as a line with the side
that meets it lightly shaded. The projection fan is labelled by the levels the frame carries
(``lo-80``/``hi-80`` … named by their level). An indicator with nothing to draw gets a
"数据待补充" panel saying what is missing and who supplies it. The overview shows, for every
indicator, which years have figures and which are still due, beside its conclusion, and the
completion against time elapsed of those that could be graded.

Chinese renders with the font shipped in ``report/fonts`` (registered on first use), so no
system CJK font is needed.
"""

from __future__ import annotations

import math
import re
import textwrap
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from . import _common as c
from ._fonts import font_rc
from ._io import atomic_write, refuse_existing
from ._labels import grade_label, labels
from ._protocol import CHART_COLUMNS, INDICATOR_COLUMNS, EvaluationLike, check_columns

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Colours of the conclusions (colour-blind safe Okabe-Ito hues).
GRADE_COLORS = {"A": "#009E73", "B": "#0072B2", "C": "#E69F00", "D": "#D55E00",
                "exceeded": "#009E73", "completed": "#0072B2", "basic": "#E69F00",
                "not_completed": "#D55E00", "insufficient_data": "#999999"}  # fmt: skip
"""Colours of the mid-term grades, and of the final statuses (总结评估) in the same order."""
#: Columns of ``chart_frame()`` the charts need; interval columns are found by name.
CHART_BASE_COLUMNS: tuple[str, ...] = CHART_COLUMNS
_LEVEL_RE = re.compile(r"^lo-(\d+)$")
_TARGET_RED = "#B22222"
_DRAWN = ("history", "yearly_amount", "midterm", "projection", "assigned")
_MAX_TICKS = 16

# Chart wording not (yet) in ``_labels`` (kept here so that the chart module is self-contained;
# the label table's chart_* entries are used where they exist).
_TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "band": "{level}%区间",
        "band_end": "{year}年{level}%区间",
        "yearly_amount": "各年新增",
        "yearly_change": "各年变化率",
        "running": "累计值",
        "running_change": "累计变化",
        "midterm": "中期完成数（{period}）",
        "assigned": "上级下达目标",
        "target_band": "规划目标 {text}（{lo}～{hi}）",
        "target_range": "规划目标 {text}",
        "target_point": "规划目标 {text}",
        "target_floor": "目标下限 {text}（上方为达标）",
        "target_ceiling": "目标上限 {text}（下方为达标）",
        "target_gap": "规划目标 {text}（与参照增速之差为0）",
        "target_gap_tol": "容许差距 −{tol}",
        "gap_axis": "与参照增速之差（百分点）",
        "rate_axis": "年增速（%）",
        "running_axis": "累计（{unit}）",
        "no_data": "数据待补充",
        "yearly_average": "{text}（年均）",
        "panel_target": "规划目标：{text}",
        "panel_missing": "缺少：{missing}",
        "panel_who": "请{departments}提供",
        "panel_reason": "说明：{reason}",
        "footnote": "待补充：{missing}（{departments}）",
        "status_title": "各指标数据情况与评估结论（评估时点{date}）",
        "status_summary": "共{n}项指标（另有分项{parts}项）：已评估{graded}项，"
                          "数据待补充{missing}项",
        "status_summary_noparts": "共{n}项指标：已评估{graded}项，数据待补充{missing}项",
        "status_have": "有数据",
        "status_part": "有当年部分数据",
        "status_due": "缺数据（应已有）",
        "status_future": "未到时点",
        "status_planned": "规划期",
        "no_progress": "暂无可计算完成进度的指标：各指标数据情况见下图",
        "departments_unknown": "责任部门",
    },
    "en": {
        "band": "{level}% interval",
        "band_end": "{year} {level}% interval",
        "yearly_amount": "Yearly amount",
        "yearly_change": "Yearly change",
        "running": "Running total",
        "running_change": "Cumulative change",
        "midterm": "Mid-term figure ({period})",
        "assigned": "Assigned target",
        "target_band": "Target {text} ({lo} to {hi})",
        "target_range": "Target {text}",
        "target_point": "Target {text}",
        "target_floor": "Target floor {text} (met above)",
        "target_ceiling": "Target ceiling {text} (met below)",
        "target_gap": "Target {text} (gap to the reference 0)",
        "target_gap_tol": "Tolerated gap −{tol}",
        "gap_axis": "Gap to the reference growth (points)",
        "rate_axis": "Yearly growth (%)",
        "running_axis": "Running total ({unit})",
        "no_data": "Data to be supplied",
        "yearly_average": "{text} (yearly average)",
        "panel_target": "Target: {text}",
        "panel_missing": "Missing: {missing}",
        "panel_who": "To be supplied by {departments}",
        "panel_reason": "Note: {reason}",
        "footnote": "To be supplied: {missing} ({departments})",
        "status_title": "Data available and conclusions (evaluation date {date})",
        "status_summary": "{n} indicators ({parts} parts besides): {graded} graded, "
                          "{missing} awaiting data",
        "status_summary_noparts": "{n} indicators: {graded} graded, {missing} awaiting data",
        "status_have": "figure available",
        "status_part": "part-year figure",
        "status_due": "missing (due)",
        "status_future": "not yet due",
        "status_planned": "plan period",
        "no_progress": "No indicator has a computable progress yet: see the data status below",
        "departments_unknown": "the responsible department",
    },
}


def _text(lang: str) -> dict[str, str]:
    labels(lang)  # validates lang with the package's standard message
    return _TEXT[lang]


def _row(ev: EvaluationLike, indicator_id: str, lang: str) -> dict[str, Any]:
    frame = ev.to_frame(lang=lang)
    check_columns(frame, INDICATOR_COLUMNS, "to_frame()")
    hit = frame[frame["indicator_id"].astype(str) == str(indicator_id)]
    if hit.empty:
        known = ", ".join(frame["indicator_id"].astype(str))
        raise KeyError(f"No indicator {indicator_id!r} in the evaluation; known: {known}.")
    return dict(hit.iloc[0])


def _frame(ev: EvaluationLike) -> pd.DataFrame:
    frame = ev.chart_frame()
    check_columns(frame, CHART_BASE_COLUMNS, "chart_frame()")
    return frame


def _series(ev: EvaluationLike, indicator_id: str) -> pd.DataFrame:
    frame = _frame(ev)
    out = frame[frame["indicator_id"].astype(str) == str(indicator_id)]
    return out.sort_values("period", kind="stable")


def interval_levels(frame: pd.DataFrame) -> list[int]:
    """The interval levels a chart frame carries (``lo-80``/``hi-80`` → 80), narrowest first.

    Parameters
    ----------
    frame : pandas.DataFrame
        A chart frame, or part of one.

    Returns
    -------
    list of int
        The levels with both a ``lo-`` and a ``hi-`` column.
    """
    found = [int(m.group(1)) for col in frame.columns if (m := _LEVEL_RE.match(str(col)))]
    return sorted(lv for lv in found if f"hi-{lv}" in frame.columns)


def has_chart_data(ev: EvaluationLike, indicator_id: str) -> bool:
    """Whether the indicator has at least one finite observed or projected value to draw.

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation.
    indicator_id : str
        The indicator.

    Returns
    -------
    bool
        False when its chart is a "数据待补充" panel.
    """
    s = _series(ev, indicator_id)
    s = s[s["series"].isin(_DRAWN)]
    return bool(s["value"].notna().any())


def _plan_years(data: pd.DataFrame) -> tuple[int, int]:
    """(base year, target year) of the indicator's plan, from the chart frame's columns."""
    b, t = data["base_year"].dropna(), data["target_year"].dropna()
    if not len(b) or not len(t):
        raise ValueError(f"chart frame of indicator {data['indicator_id'].iloc[0]}: no base_year "
                         "or target_year")
    return int(b.iloc[0]), int(t.iloc[0])


def year_axis(ax: Axes, periods: list[float], base_year: int, target_year: int) -> None:
    """Integer-year ticks over the plan period and the history shown, half a year of margin.

    One point, or none, still gives the plan period (never a century around the point). More
    than 16 years are ticked every second (third …) year, the target year always ticked.

    Parameters
    ----------
    ax : matplotlib Axes
        The axes to set.
    periods : list of float
        The periods drawn (fractional for a part year).
    base_year, target_year : int
        The plan period.
    """
    from matplotlib.ticker import FixedLocator, NullLocator

    finite = [p for p in periods if p is not None and math.isfinite(p)]
    start = min([base_year, *[math.floor(p) for p in finite]])
    end = max([target_year, *[math.ceil(p) for p in finite]])
    step = max(1, math.ceil((end - start + 1) / _MAX_TICKS))
    ticks = list(range(end, start - 1, -step))[::-1]  # the target year is always a tick
    ax.set_xlim(start - 0.5, end + 0.5)
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticklabels([str(t) for t in ticks])


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    return pd.concat([f for f in frames if not f.empty] or frames[:1], ignore_index=True)


def _gapped(x: list[float], y: list[float]) -> tuple[list[float], list[float]]:
    """Break the line where a year is missing, so that no value is drawn where none exists."""
    gx: list[float] = []
    gy: list[float] = []
    for i, (xi, yi) in enumerate(zip(x, y, strict=True)):
        if i and xi - x[i - 1] > 1:
            gx.append((xi + x[i - 1]) / 2)
            gy.append(math.nan)
        gx.append(xi)
        gy.append(yi)
    return gx, gy


def _values(df: pd.DataFrame) -> tuple[list[float], list[float]]:
    return [float(v) for v in df["period"]], [float(v) for v in df["value"]]


def indicator_chart(
    ev: EvaluationLike, indicator_id: str, ax: Axes | None = None, lang: str = "zh"
) -> Figure:
    """Draw one indicator in the quantity its target is judged in.

    History (a running total for a five-year total, with the yearly amounts as bars), the
    planned path from the base year, the projection with its interval(s) labelled by level,
    and the target: a line (a value), a shaded range (a range), a shaded band ("左右"), or a
    floor / ceiling line with the side that meets it lightly shaded. With nothing to draw, a
    "数据待补充" panel says what is missing and who supplies it.

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation.
    indicator_id : str
        The indicator (or composite part, e.g. ``"4.1"``) to draw.
    ax : matplotlib Axes, optional
        Draw into these axes; a new figure is made when omitted.
    lang : {"zh", "en"}
        Language of the labels.

    Returns
    -------
    Figure
        The figure holding the axes.
    """
    import matplotlib.pyplot as plt

    lab, tx = labels(lang), _text(lang)
    row = _row(ev, indicator_id, lang)
    data = _series(ev, indicator_id)
    with plt.rc_context(font_rc()):
        if ax is None:
            fig, ax = plt.subplots(figsize=(7.5, 4.8), dpi=110, layout="constrained")
        else:
            fig = cast("Figure", ax.figure)  # a SubFigure's axes are not supported
        fg = c.final_grade(row)
        label = c.indicator_label(str(row["indicator_id"]), row["name"], row["unit"], lang)
        ax.set_title(lab["chart_title"].format(label=label, grade=grade_label(fg, lang)),
                     fontsize=11, loc="left")  # fmt: skip
        if not has_chart_data(ev, indicator_id):
            _missing_panel(ax, row, tx)
        else:
            _draw(ax, row, data, lab, tx, lang)
            missing = c.text(row.get("missing"))
            if missing:
                note = tx["footnote"].format(missing=missing, departments=_departments(row, tx))
                ax.text(0.0, -0.16, "\n".join(textwrap.wrap(note, 70 if lang == "zh" else 110)),
                        transform=ax.transAxes, fontsize=8, color="#8B0000", va="top")  # fmt: skip
        fig.draw_without_rendering()  # create tick labels while the font settings apply
    return fig


def _departments(row: dict[str, Any], tx: dict[str, str]) -> str:
    return c.text(row.get("departments")) or tx["departments_unknown"]


def _missing_panel(ax: Axes, row: dict[str, Any], tx: dict[str, str]) -> None:
    """A clear panel for an indicator with nothing to draw: what is missing, who supplies it."""
    ax.set_axis_off()
    ax.add_patch(_panel_patch(ax))
    lines = [tx["panel_target"].format(text=c.text(row.get("target_text"), "—"))]
    missing = c.text(row.get("missing"))
    if missing:
        lines.append(tx["panel_missing"].format(missing=missing))
        lines.append(tx["panel_who"].format(departments=_departments(row, tx)))
    else:
        reason = c.text(row.get("reason"))
        if reason:
            lines.append(tx["panel_reason"].format(reason=reason))
    body = "\n".join(w for line in lines for w in textwrap.wrap(line, 34) or [""])
    ax.text(0.5, 0.72, tx["no_data"], transform=ax.transAxes, ha="center", va="center",
            fontsize=20, color="#555555")  # fmt: skip
    ax.text(0.5, 0.52, body, transform=ax.transAxes, ha="center", va="top", fontsize=10,
            color="#333333", linespacing=1.6)  # fmt: skip


def _panel_patch(ax: Axes) -> Any:
    from matplotlib.patches import FancyBboxPatch

    return FancyBboxPatch((0.04, 0.04), 0.92, 0.88, boxstyle="round,pad=0.01",
                          transform=ax.transAxes, facecolor="#F4F4F4",
                          edgecolor="#BBBBBB")  # fmt: skip


def _draw(
    ax: Axes, row: dict[str, Any], data: pd.DataFrame, lab: dict[str, Any], tx: dict[str, str],
    lang: str,
) -> None:  # fmt: skip
    kind = c.kind_of(row)
    colour = GRADE_COLORS.get(c.final_grade(row), "#333333")
    by = {str(k): g for k, g in data.groupby("series", sort=False)}
    empty = data.iloc[0:0]

    def get(name: str) -> pd.DataFrame:
        return by.get(name, empty)

    base_year, target_year = _plan_years(data)
    running = not get("origin").empty or kind.completed_as_total
    amounts = get("yearly_amount")
    if not amounts.empty:
        x, y = _values(amounts)
        key = "yearly_amount" if kind.completed_as_total else "yearly_change"
        ax.bar(x, y, width=0.55, color="#BBBBBB", alpha=0.6, zorder=1, label=tx[key])
    path = get("planned_path")
    if not path.empty:
        x, y = _values(path)
        ax.plot(x, y, color="#555555", linestyle=":", linewidth=1.5, label=lab["chart_path"],
                zorder=2)  # fmt: skip
    hist = get("history")
    line = _concat([get("origin"), hist]) if running else hist
    hist_label = (tx["running"] if kind.completed_as_total else tx["running_change"]) if (
        running and not get("origin").empty) else lab["chart_history"]  # fmt: skip
    if not line.empty:
        x, y = _values(line)
        skip = len(line) - len(hist)  # the running total's 0 in the base year is not observed
        gx, gy = _gapped(x, y)
        marks = [i for i, v in enumerate(gy) if not math.isnan(v)][skip:]
        ax.plot(gx, gy, color="#222222", linewidth=2, marker="o", zorder=5, label=hist_label,
                markevery=marks)  # fmt: skip
    mid = get("midterm")
    if not mid.empty:
        x, y = _values(mid)
        ax.plot(x, y, color="#222222", marker="D", markersize=7, linestyle="none", zorder=5,
                label=tx["midterm"].format(period=c.text(row.get("midterm_period"))))  # fmt: skip
    _projection(ax, get("projection"), hist, colour, target_year, tx, lab["chart_projection"])
    assigned = get("assigned")
    if not assigned.empty:
        x, y = _values(assigned)
        ax.plot(x, y, color=_TARGET_RED, marker="_", markersize=18, markeredgewidth=2,
                linestyle="none", label=tx["assigned"], zorder=3)  # fmt: skip
    periods = [float(p) for p in data["period"] if not c.is_blank(p)]
    year_axis(ax, periods, base_year, target_year)
    _target(ax, row, data, tx)
    unit = c.text(row.get("unit"))
    if kind.judged_by_gap:
        ax.set_ylabel(tx["gap_axis"])
    elif kind.judged_as_rate:
        ax.set_ylabel(tx["rate_axis"])
    elif kind.completed_as_total and unit:
        ax.set_ylabel(tx["running_axis"].format(unit=unit))
    elif unit:
        ax.set_ylabel(unit)
    ax.set_xlabel(lab["chart_year"])
    ax.grid(True, alpha=0.3)
    # a running total rises from the lower left: its upper left corner is free
    ax.legend(fontsize=8, loc="upper left" if running else "best", frameon=False)
    del lang


def _projection(
    ax: Axes, proj: pd.DataFrame, hist: pd.DataFrame, colour: str, target_year: int,
    tx: dict[str, str], projection_label: str,
) -> None:  # fmt: skip
    """The projection line and its fan, one shade per level (the wider level lighter)."""
    if proj.empty:
        return
    import numpy as np

    levels = interval_levels(proj)
    if not hist.empty:  # join the projection to the last observation so the line is continuous
        last = hist.iloc[[-1]].copy()
        for lv in levels:
            last[f"lo-{lv}"] = last["value"]
            last[f"hi-{lv}"] = last["value"]
        proj = _concat([last, proj])
    x = proj["period"].astype(float).to_numpy()
    alphas = np.linspace(0.28, 0.12, num=max(len(levels), 1))
    for lv, alpha in zip(levels, alphas, strict=False):
        lo = proj[f"lo-{lv}"].astype(float).to_numpy()
        hi = proj[f"hi-{lv}"].astype(float).to_numpy()
        ok = np.isfinite(lo) & np.isfinite(hi)
        own = ok.copy()
        if not hist.empty:
            own[0] = False  # the joined observation is not an interval of its own
        if not own.any():
            continue
        if own.sum() >= 2:
            ax.fill_between(x[ok], lo[ok], hi[ok], color=colour, alpha=float(alpha), linewidth=0,
                            label=tx["band"].format(level=lv), zorder=2)  # fmt: skip
        else:  # only the target year's interval is known (a running total): a bar, not a fan
            i = int(np.flatnonzero(own)[-1])
            width = 9 if lv == levels[0] else 4
            ax.vlines(x[i], lo[i], hi[i], color=colour, alpha=min(1.0, 2.5 * float(alpha)),
                      linewidth=width, zorder=3,
                      label=tx["band_end"].format(year=target_year, level=lv))  # fmt: skip
    skip = 0 if hist.empty else 1  # the joined observation keeps its own marker
    ax.plot(x, proj["value"].astype(float).to_numpy(), color=colour, linestyle="--", marker="o",
            markerfacecolor="white", markevery=list(range(skip, len(x))),
            label=projection_label, zorder=4)  # fmt: skip


def _target(ax: Axes, row: dict[str, Any], data: pd.DataFrame, tx: dict[str, str]) -> None:
    """The target: a band, a range, a line, or a floor / ceiling with the meeting side shaded."""
    vals = {str(s): float(v) for s, v in zip(data["series"], data["value"], strict=True)
            if str(s).startswith("target") and not c.is_blank(v)}  # fmt: skip
    kind = c.kind_of(row)
    if not vals and kind.chart_row_bounds:
        # a frame without target rows: the row's bounds are in the charted units for these kinds
        vals = {k: v for k in ("target_low", "target_high")
                if not math.isnan(v := c.as_float(row.get(k)))}  # fmt: skip
    lo, hi, point = vals.get("target_low"), vals.get("target_high"), vals.get("target_point")
    text = c.text(row.get("target_text"))
    if kind.judged_as_rate:
        text = tx["yearly_average"].format(text=text)
    style: dict[str, Any] = {"color": _TARGET_RED, "linewidth": 1.3, "zorder": 3}
    if lo is None and hi is None:
        return
    bottom, top = ax.get_ylim()
    span_lo = min([bottom, *(v for v in (lo, hi) if v is not None)])
    span_hi = max([top, *(v for v in (lo, hi) if v is not None)])
    pad = 0.08 * (span_hi - span_lo or abs(span_hi) or 1.0)
    bottom, top = min(bottom, span_lo - pad), max(top, span_hi + pad)
    if kind.chart_target_style == "zero_gap" and lo is not None:
        ax.axhline(0.0, color="#444444", linewidth=1.0, zorder=3,
                   label=tx["target_gap"].format(text=text))  # fmt: skip
        if lo < 0:
            ax.axhline(lo, linestyle="--", label=tx["target_gap_tol"].format(tol=f"{-lo:g}"),
                       **style)  # fmt: skip
        ax.axhspan(lo, top, color=_TARGET_RED, alpha=0.05, linewidth=0, zorder=0)
    elif kind.chart_target_style == "shaded_band" and lo is not None and hi is not None:
        band = tx["target_band"].format(text=text, lo=f"{lo:g}", hi=f"{hi:g}")
        ax.axhspan(lo, hi, color=_TARGET_RED, alpha=0.16, linewidth=0, zorder=0, label=band)
        if point is not None:
            ax.axhline(point, linestyle="--", **style)
    elif lo is not None and hi is not None and hi > lo:
        ax.axhspan(lo, hi, color=_TARGET_RED, alpha=0.10, linewidth=0, zorder=0,
                   label=tx["target_range"].format(text=text))  # fmt: skip
        ax.axhline(lo, linestyle="-", **style)
        ax.axhline(hi, linestyle="-", **{**style, "linewidth": 0.9})
    elif lo is not None and hi is not None:
        ax.axhline(lo, linestyle="-", label=tx["target_point"].format(text=text), **style)
    elif lo is not None:
        ax.axhline(lo, linestyle="-", label=tx["target_floor"].format(text=text), **style)
        ax.axhspan(lo, top, color=_TARGET_RED, alpha=0.05, linewidth=0, zorder=0)
    elif hi is not None:
        ax.axhline(hi, linestyle="-", label=tx["target_ceiling"].format(text=text), **style)
        ax.axhspan(bottom, hi, color=_TARGET_RED, alpha=0.05, linewidth=0, zorder=0)
    ax.set_ylim(bottom, top)


def _percent_tick(v: float, _pos: float | None) -> str:
    return f"{100 * v:.0f}%"


def overview_chart(ev: EvaluationLike, ax: Axes | None = None, lang: str = "zh") -> Figure:
    """What is known about the plan's indicators at the evaluation date.

    A status grid, one row per indicator (composite parts indented): for each year of the plan
    period (and the history shown), whether a figure is there, is still missing although due, or
    is not yet due, beside the conclusion. Above it, when any indicator could be graded, its
    completion (progress) against time elapsed, coloured by conclusion, with the diagonal
    进度=时间 line (points above it are ahead of time). With ``ax`` given, only the status grid
    is drawn, into it.

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation.
    ax : matplotlib Axes, optional
        Axes for the status grid; a new figure is made when omitted.
    lang : {"zh", "en"}
        Language of the labels.

    Returns
    -------
    Figure
        The figure.
    """
    import matplotlib.pyplot as plt

    lab, tx = labels(lang), _text(lang)
    frame = ev.to_frame(lang=lang)
    check_columns(frame, INDICATOR_COLUMNS, "to_frame()")
    top = frame[frame["parent_id"].map(c.is_blank)]
    pts = top[top["progress"].notna() & top["time_elapsed"].notna()]
    n_rows = len(frame)
    with plt.rc_context(font_rc()):
        if ax is None:
            grid_h = 1.2 + 0.3 * n_rows
            if len(pts):
                fig = plt.figure(figsize=(9.0, 5.2 + grid_h), dpi=110, layout="constrained")
                ax_p, ax_g = fig.subplots(2, 1, height_ratios=[5.2, grid_h])
                _progress_scatter(ax_p, pts, lab, lang)
            else:
                fig, ax_g = plt.subplots(figsize=(9.0, 1.0 + grid_h), dpi=110,
                                         layout="constrained")  # fmt: skip
        else:
            fig, ax_g = cast("Figure", ax.figure), ax
        _status_grid(ax_g, ev, frame, tx, lang, with_progress=bool(len(pts)))
        fig.draw_without_rendering()
    return fig


_CLIP = (-0.5, 2.0)  # progress shown between -50 % and 200 %; points beyond sit on the edge


def _progress_scatter(ax: Axes, pts: pd.DataFrame, lab: dict[str, Any], lang: str) -> None:
    import numpy as np

    x = pts["time_elapsed"].astype(float).to_numpy()
    raw = pts["progress"].astype(float).to_numpy()
    y = np.clip(raw, *_CLIP)
    off = y != raw
    hi: float = max(1.0, float(np.nanmax(y)), float(np.nanmax(x)))
    lo: float = min(0.0, float(np.nanmin(y)))
    ax.plot([0, hi], [0, hi], color="#777777", linestyle="--", linewidth=1,
            label=lab["overview_diag"])  # fmt: skip
    grades = [c.final_grade(r) for r in pts.to_dict("records")]
    for g in GRADE_COLORS:
        mask = np.array([gg == g for gg in grades], dtype=bool)
        for part, marker in ((mask & ~off, "o"), (mask & off, "^")):
            if part.any():
                ax.scatter(x[part], y[part], s=60, color=GRADE_COLORS[g], edgecolor="white",
                           marker=marker, zorder=3,
                           label=grade_label(g, lang) if marker == "o" or not (mask & ~off).any()
                           else None)  # fmt: skip
    # one label per position, so that indicators at the same point stay readable
    spots: dict[tuple[float, float], list[str]] = {}
    for xi, yi, ri, rec in zip(x, y, raw, pts.to_dict("records"), strict=True):
        beyond = f"（{100 * ri:.0f}%）" if lang == "zh" else f" ({100 * ri:.0f}%)"
        name = str(rec["indicator_id"]) + ("" if yi == ri else beyond)
        spots.setdefault((round(float(xi), 3), round(float(yi), 2)), []).append(name)
    for (sx, sy), names in spots.items():
        ax.annotate("、".join(names) if lang == "zh" else ", ".join(names), (sx, sy),
                    textcoords="offset points", xytext=(6, 3), fontsize=8)  # fmt: skip
    ax.set_xlim(0, max(1.0, float(x.max()) + 0.05))
    ax.set_ylim(lo - 0.05, hi + 0.1)
    ax.xaxis.set_major_formatter(_percent_tick)
    ax.yaxis.set_major_formatter(_percent_tick)
    ax.set_xlabel(lab["overview_x"])
    ax.set_ylabel(lab["overview_y"])
    ax.set_title(lab["overview_title"], loc="left")
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8, loc="upper left", frameon=False)


def _status_grid(
    ax: Axes, ev: EvaluationLike, frame: pd.DataFrame, tx: dict[str, str], lang: str,
    with_progress: bool,
) -> None:  # fmt: skip
    """One row per indicator: which years have figures, which are due, and the conclusion."""
    from matplotlib.patches import Patch, Rectangle

    chart = _frame(ev)
    as_of = ev.as_of
    last_full = c.annual_year(as_of)
    seen = chart[chart["series"].isin(("history", "yearly_amount", "assigned"))]
    parts = chart[chart["series"] == "midterm"]
    plan = {iid: _plan_years(g) for iid, g in chart.groupby(chart["indicator_id"].astype(str))}
    common = (max(plan.values(), key=list(plan.values()).count) if plan
              else (ev.base_year, ev.target_year))
    years_seen = [int(p) for p in seen["period"].dropna()]
    first = min([common[0], *years_seen]) if years_seen else common[0]
    first = max(first, common[0] - 5)
    last = max([common[1], *(t for _, t in plan.values())])
    colours = {"have": "#3B6EA8", "part": "#9EC1E6", "due": "#FFFFFF", "future": "#EEEEEE"}
    ids = [str(i) for i in frame["indicator_id"]]
    n = len(ids)
    for r, rec in enumerate(frame.to_dict("records")):
        iid = str(rec["indicator_id"])
        b, t = plan.get(iid, common)
        have = {int(p) for p in seen[seen["indicator_id"].astype(str) == iid]["period"].dropna()}
        part = {math.floor(float(p)) + 1 for p in
                parts[parts["indicator_id"].astype(str) == iid]["period"].dropna()}  # fmt: skip
        yy = n - 1 - r
        for year in range(first, last + 1):
            if year in have:
                state = "have"
            elif year in part:
                state = "part"
            elif b < year <= min(last_full, t):
                state = "due"
            else:
                state = "future" if year > last_full else "none"
            if state == "none":
                continue
            ax.add_patch(Rectangle((year - 0.45, yy - 0.4), 0.9, 0.8, facecolor=colours[state],
                                   edgecolor="#C0392B" if state == "due" else "#FFFFFF",
                                   linewidth=1.0, hatch="//" if state == "due" else None,
                                   zorder=2))  # fmt: skip
        ax.add_patch(Rectangle((b + 0.5, yy - 0.48), t - b, 0.96, facecolor="none",
                               edgecolor="#999999", linewidth=0.6, zorder=1))  # fmt: skip
        g = c.final_grade(rec)
        ax.text(last + 0.8, yy, grade_label(g, lang), va="center", fontsize=8,
                color=GRADE_COLORS.get(g, "#333333"))  # fmt: skip
    names = []
    for rec in frame.to_dict("records"):
        indent = "    " if not c.is_blank(rec.get("parent_id")) else ""
        name = str(rec["name"])
        name = name if len(name) <= 16 else name[:15] + "…"
        names.append(f"{indent}{rec['indicator_id']} {name}")
    ax.set_yticks(range(n - 1, -1, -1), names, fontsize=8)
    ax.set_ylim(-0.7, n - 0.3)
    ax.set_xlim(first - 0.6, last + 4.2)
    ax.set_xticks(range(first, last + 1), [str(y) for y in range(first, last + 1)], fontsize=8)
    ax.xaxis.tick_top()  # years as a timetable header; the legend goes below
    ax.tick_params(axis="both", length=0)
    for side in ("bottom", "right", "left"):
        ax.spines[side].set_visible(False)
    top = frame[frame["parent_id"].map(c.is_blank)]
    graded = int(sum(c.final_grade(r) != "insufficient_data" for r in top.to_dict("records")))
    key = "status_summary" if n > len(top) else "status_summary_noparts"
    summary = tx[key].format(n=len(top), parts=n - len(top), graded=graded,
                             missing=len(top) - graded)  # fmt: skip
    title = tx["status_title"].format(date=c.fmt_date(as_of, lang)) + "\n" + summary
    if not with_progress:
        title += "\n" + tx["no_progress"]
    ax.set_title(title, loc="left", fontsize=10)
    handles = [Patch(facecolor=colours["have"], label=tx["status_have"]),
               Patch(facecolor=colours["part"], label=tx["status_part"]),
               Patch(facecolor=colours["due"], edgecolor="#C0392B", hatch="//",
                     label=tx["status_due"]),
               Patch(facecolor=colours["future"], label=tx["status_future"]),
               Patch(facecolor="none", edgecolor="#999999",
                     label=tx["status_planned"])]  # fmt: skip
    ax.legend(handles=handles, fontsize=8, frameon=False, ncol=5, loc="upper left",
              bbox_to_anchor=(0.0, 0.0))  # fmt: skip


def chart_paths(ev: EvaluationLike, folder: str | Path, lang: str = "zh") -> dict[str, Path]:
    """The files ``save_charts`` would write.

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation.
    folder : str or Path
        The charts folder.
    lang : {"zh", "en"}
        Language of the file names.

    Returns
    -------
    dict of str to Path
        ``{indicator_id or "overview": path}``: one per indicator (a "数据待补充" panel where
        nothing can be drawn) and the overview.
    """
    lab = labels(lang)
    folder = Path(folder)
    frame = ev.to_frame(lang=lang)
    out: dict[str, Path] = {}
    for iid in frame["indicator_id"].astype(str):
        safe = re.sub(r"[^0-9A-Za-z._-]+", "_", iid)
        out[iid] = folder / lab["file_chart"].format(id=safe)
    out["overview"] = folder / lab["file_overview"]
    return out


def save_charts(
    ev: EvaluationLike,
    folder: str | Path,
    overwrite: bool = False,
    lang: str = "zh",
    dpi: int = 150,
) -> list[Path]:
    """Save one PNG per indicator and ``overview.png``; return the paths.

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation.
    folder : str or Path
        Folder of the PNG files (created when missing).
    overwrite : bool
        Replace existing files; otherwise ``OutputExistsError`` (naming the files) is raised
        before anything is written.
    lang : {"zh", "en"}
        Language of the labels.
    dpi : int
        Resolution of the PNG files.

    Returns
    -------
    list of Path
        The files written, in the order of :func:`chart_paths`.
    """
    import matplotlib.pyplot as plt

    targets = chart_paths(ev, folder, lang)
    refuse_existing(targets.values(), overwrite)
    written = []
    for key, path in targets.items():
        fig = (
            overview_chart(ev, lang=lang)
            if key == "overview"
            else indicator_chart(ev, key, lang=lang)
        )
        try:
            with plt.rc_context(font_rc()):
                atomic_write(path, partial(fig.savefig, dpi=dpi, format="png"), overwrite=overwrite)
        finally:
            plt.close(fig)
        written.append(path)
    return written
