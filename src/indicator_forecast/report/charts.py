"""Charts of the evaluation: one per indicator and an overview of progress against time.

Chinese renders with the font shipped in ``report/fonts`` (registered on first use), so no
system CJK font is needed.
"""

from __future__ import annotations

import math
import re
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
                "insufficient_data": "#999999"}  # fmt: skip
#: Target kinds whose target is not in the units of the charted values (rates, comparisons).
_NO_TARGET_LINE = {"annual_rate", "parent_synced", "parent_assigned", "relative_to_indicator",
                   "cumulative_change"}  # fmt: skip


def _row(ev: EvaluationLike, indicator_id: str, lang: str) -> dict[str, Any]:
    frame = ev.to_frame(lang=lang)
    check_columns(frame, INDICATOR_COLUMNS, "to_frame()")
    hit = frame[frame["indicator_id"].astype(str) == str(indicator_id)]
    if hit.empty:
        known = ", ".join(frame["indicator_id"].astype(str))
        raise KeyError(f"No indicator {indicator_id!r} in the evaluation; known: {known}.")
    return dict(hit.iloc[0])


def _series(ev: EvaluationLike, indicator_id: str) -> pd.DataFrame:
    frame = ev.chart_frame()
    check_columns(frame, CHART_COLUMNS, "chart_frame()")
    out = frame[frame["indicator_id"].astype(str) == str(indicator_id)]
    return out.sort_values("period")


def has_chart_data(ev: EvaluationLike, indicator_id: str) -> bool:
    """True when the evaluation has at least one finite charted value for the indicator."""
    s = _series(ev, indicator_id)
    return bool(s["value"].notna().any())


def indicator_chart(
    ev: EvaluationLike, indicator_id: str, ax: Axes | None = None, lang: str = "zh"
) -> Figure:
    """Draw one indicator: history, planned path, projection with 80/95 % bands, the target.

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
    from matplotlib.ticker import MaxNLocator

    lab = labels(lang)
    row = _row(ev, indicator_id, lang)
    data = _series(ev, indicator_id)
    with plt.rc_context(font_rc()):
        if ax is None:
            fig, ax = plt.subplots(figsize=(7.5, 4.6), dpi=110, layout="constrained")
        else:
            fig = cast("Figure", ax.figure)  # a SubFigure's axes are not supported
        hist = data[data["series"] == "history"]
        path = data[data["series"] == "planned_path"]
        proj = data[data["series"] == "projection"]
        fg = c.final_grade(row)
        colour = GRADE_COLORS.get(fg, "#333333")
        if not proj.empty:
            # join the projection to the last observation so the line is continuous
            if not hist.empty:
                import pandas as pd

                v = hist["value"].iloc[-1]
                last = hist.iloc[[-1]].assign(lo80=v, hi80=v, lo95=v, hi95=v)
                proj = pd.concat([last, proj], ignore_index=True)
            if proj["lo95"].notna().any():
                ax.fill_between(proj["period"], proj["lo95"], proj["hi95"], color=colour,
                                alpha=0.12, linewidth=0, label=lab["chart_band95"])
            if proj["lo80"].notna().any():
                ax.fill_between(proj["period"], proj["lo80"], proj["hi80"], color=colour,
                                alpha=0.25, linewidth=0, label=lab["chart_band80"])
            ax.plot(proj["period"], proj["value"], color=colour, linestyle="--", marker="o",
                    markerfacecolor="white", label=lab["chart_projection"])
        if not path.empty:
            ax.plot(path["period"], path["value"], color="#555555", linestyle=":", linewidth=1.5,
                    label=lab["chart_path"])
        if not hist.empty:
            ax.plot(hist["period"], hist["value"], color="#222222", marker="o", linewidth=2,
                    label=lab["chart_history"])
        _target(ax, row, lab)
        label = c.indicator_label(str(row["indicator_id"]), row["name"], row["unit"], lang)
        ax.set_title(lab["chart_title"].format(label=label, grade=grade_label(fg, lang)),
                     fontsize=11, loc="left")  # fmt: skip
        ax.set_xlabel(lab["chart_year"])
        if not c.is_blank(row["unit"]):
            ax.set_ylabel(str(row["unit"]))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="best", frameon=False)
        fig.draw_without_rendering()  # create tick labels while the font settings apply
    return fig


def _target(ax: Axes, row: dict[str, Any], lab: dict[str, Any]) -> None:
    """The target as a line (point target), a band (range) or a floor / ceiling line."""
    if str(row.get("kind")) in _NO_TARGET_LINE:
        return
    lo, hi = c.as_float(row["target_low"]), c.as_float(row["target_high"])
    style: dict[str, Any] = {"color": "#B22222", "linewidth": 1.2}
    if not math.isnan(lo) and not math.isnan(hi) and hi > lo:
        ax.axhspan(
            lo, hi, color="#B22222", alpha=0.08, label=f"{lab['chart_target']} {row['target_text']}"
        )
        ax.axhline(lo, linestyle="-", **style)
        ax.axhline(hi, linestyle="-", alpha=0.5, color=style["color"], linewidth=1.0)
    elif not math.isnan(lo) and not math.isnan(hi):
        ax.axhline(lo, linestyle="-", label=f"{lab['chart_target']} {row['target_text']}", **style)
    elif not math.isnan(lo):
        ax.axhline(lo, linestyle="-", label=f"{lab['chart_floor']} {row['target_text']}", **style)
    elif not math.isnan(hi):
        ax.axhline(hi, linestyle="-", label=f"{lab['chart_ceiling']} {row['target_text']}", **style)


def overview_chart(ev: EvaluationLike, ax: Axes | None = None, lang: str = "zh") -> Figure:
    """Completion (progress) against time elapsed per indicator, coloured by conclusion,
    with the diagonal 进度=时间 line (points above it are ahead of time)."""
    import matplotlib.pyplot as plt
    import numpy as np

    lab = labels(lang)
    frame = ev.to_frame(lang=lang)
    check_columns(frame, INDICATOR_COLUMNS, "to_frame()")
    top = frame[frame["parent_id"].map(c.is_blank)]
    with plt.rc_context(font_rc()):
        if ax is None:
            fig, ax = plt.subplots(figsize=(7.5, 6.0), dpi=110, layout="constrained")
        else:
            fig = cast("Figure", ax.figure)  # a SubFigure's axes are not supported
        pts = top[top["progress"].notna() & top["time_elapsed"].notna()]
        x = pts["time_elapsed"].astype(float).to_numpy()
        y = pts["progress"].astype(float).to_numpy()
        hi = max(
            1.0, float(np.nanmax(y)) if len(y) else 1.0, float(np.nanmax(x)) if len(x) else 1.0
        )
        lo = min(0.0, float(np.nanmin(y)) if len(y) else 0.0)
        ax.plot([0, hi], [0, hi], color="#777777", linestyle="--", linewidth=1,
                label=lab["overview_diag"])  # fmt: skip
        grades = [c.final_grade(r) for r in pts.to_dict("records")]
        for g in GRADE_COLORS:
            mask = np.array([gg == g for gg in grades], dtype=bool)
            if mask.any():
                ax.scatter(x[mask], y[mask], s=60, color=GRADE_COLORS[g], edgecolor="white",
                           zorder=3, label=grade_label(g, lang))  # fmt: skip
        for xi, yi, rec in zip(x, y, pts.to_dict("records"), strict=True):
            ax.annotate(str(rec["indicator_id"]), (xi, yi), textcoords="offset points",
                        xytext=(5, 4), fontsize=8)  # fmt: skip
        ax.set_xlim(0, 1.0 if x.size == 0 else max(1.0, float(x.max()) + 0.05))
        ax.set_ylim(lo - 0.05, hi + 0.1)
        ax.xaxis.set_major_formatter(_percent_tick)
        ax.yaxis.set_major_formatter(_percent_tick)
        ax.set_xlabel(lab["overview_x"])
        ax.set_ylabel(lab["overview_y"])
        ax.set_title(lab["overview_title"], loc="left")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="upper left", frameon=False)
        fig.draw_without_rendering()
    return fig


def _percent_tick(v: float, _pos: float | None) -> str:
    return f"{100 * v:.0f}%"


def chart_paths(ev: EvaluationLike, folder: str | Path, lang: str = "zh") -> dict[str, Path]:
    """The files ``save_charts`` would write: ``{indicator_id or "overview": path}``."""
    lab = labels(lang)
    folder = Path(folder)
    frame = ev.to_frame(lang=lang)
    out: dict[str, Path] = {}
    for iid in frame["indicator_id"].astype(str):
        if has_chart_data(ev, iid):
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
    """Save one PNG per indicator that has data, and ``overview.png``; return the paths.

    Raises ``OutputExistsError`` (naming the files) before writing anything when one exists
    and ``overwrite`` is False.
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
