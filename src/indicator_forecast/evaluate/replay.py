"""Replay an earlier plan: its mid-term suggestions set beside what happened at the end.

The plan is evaluated at ``mid_term`` with only the figures that existed then (periods up to the
last full year before the mid-term date), and each indicator's suggestion is compared with the
final outcome computed from the observations of the target year (or of the whole period, for
averages and totals). Scores, per indicator and in total:

* grade hit: an A/B indicator whose target was met, or a C/D indicator whose target was not;
* the Brier score of P(meet), :math:`\\frac{1}{n}\\sum_i (p_i - y_i)^2` with :math:`y_i = 1`
  when the target was met (Brier 1950, *Monthly Weather Review* 78:1–3);
* coverage: the share of final values inside the projected interval (the configured level,
  80 % by default); a final value on another statistical basis (统计口径) than the mid-term's
  latest figure (a census revision, say) is not comparable with the interval and is left out,
  with the reason in ``basis_note``;
* the same hit rate for the published rules whose classes :meth:`Evaluation.to_frame` carries:
  ESCAP anticipated progress ("maintain" predicts meeting the target), Eurostat / Statistics
  Canada ratio of actual to required growth ("on track" predicts it) and the NDRC time schedule
  (时序进度: completion ≥ time elapsed, i.e. pace ratio ≥ 1, predicts it).

Indicators without a mid-term grade (数据待补充) or without a final outcome (a year missing) are
kept in the table and left out of the scores, and the totals say how many.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from indicator_forecast._dates import parse_date
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations, read_observations
from indicator_forecast.evaluate import Evaluation, evaluate
from indicator_forecast.evaluate.result import IndicatorResult
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.final import FINAL_LABELS_ZH
from indicator_forecast.plan import Plan

GRADED = ("A", "B", "C", "D")
#: The published rules compared, with the column of ``Evaluation.to_frame()`` each reads.
RULES: Mapping[str, str] = {
    "escap": "escap_anticipated_class",
    "eurostat": "eurostat_class",
    "ndrc_time_schedule": "pace_ratio",
}
RULE_LABELS: Mapping[str, str] = {
    "model": "本方法（A/B/C/D）",
    "escap": "ESCAP 预期进展",
    "eurostat": "Eurostat 实际/所需增速比",
    "ndrc_time_schedule": "时序进度（国家发展改革委）",
}


def _basis(frame: pd.DataFrame, ind_id: str, year: int | None = None) -> str | None:
    """The basis label of the indicator's main-series actual figure of ``year`` (default: the
    latest); None without one."""
    rows = frame[(frame["indicator_id"] == ind_id) & (frame["role"] == "actual")
                 & (frame["series"].fillna("") == "") & (frame["months"] == 12)]
    if year is not None:
        rows = rows[rows["year"] == year]
    if rows.empty:
        return None
    return str(rows.sort_values("year")["basis"].fillna("").iloc[-1])


def data_cutoff_year(mid_term: dt.date) -> int:
    """The last full year before ``mid_term``: figures of later periods did not exist then.

    Parameters
    ----------
    mid_term : datetime.date
        The mid-term evaluation date replayed.

    Returns
    -------
    int
        The year of ``mid_term`` when it is 31 December, else the year before.
    """
    return mid_term.year if (mid_term.month, mid_term.day) == (12, 31) else mid_term.year - 1


def final_outcome(result: IndicatorResult) -> tuple[float | None, bool | None, str]:
    """The outcome of one indicator at the end of the plan, from the final evaluation (总结评估).

    Parameters
    ----------
    result : IndicatorResult
        The indicator's result in an evaluation after the target year (moment ``final``).

    Returns
    -------
    (value, met, note)
        ``value`` is the end-of-period quantity in the terms of the projection (the target-year
        level, the five-year total, the compound average rate, the compounded reduction, the
        average gap); ``met`` is whether the target was met (超额完成 or 完成; 基本完成 is not
        met); both are None where the figures are missing or the status would only be
        provisional (a replay scores against what happened, never against a projection).
        ``note`` is the final status and its reason, or what is missing.
    """
    fs = result.final
    if fs is None:
        return None, None, result.reason()
    if fs.provisional:
        missing = "；".join(m.text("zh") for m in result.progress.missing) or "期末数据"
        return None, None, f"缺{missing}，仅能暂定为{FINAL_LABELS_ZH[fs.code]}，不计分"
    met = fs.code in ("exceeded", "completed")
    return fs.value, met, f"{fs.label()}：{fs.reason()}"


def _rule_prediction(rule: str, row: pd.Series) -> bool | None:
    value = row.get(RULES[rule])
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if rule == "escap":
        return bool(value == "maintain")
    if rule == "eurostat":
        return bool(value == "on track")
    return bool(float(value) >= 1.0)


def _share(hits: list[bool]) -> float:
    return float(np.mean(hits)) if hits else math.nan


@dataclass(frozen=True)
class Replay:
    """The replay of an earlier plan: one row per indicator and the scores in total.

    Attributes
    ----------
    plan : Plan
    mid_term : date
        The evaluation date replayed.
    data_until : int
        Last year whose figures were used for the mid-term evaluation.
    evaluation : Evaluation
        The mid-term evaluation itself.
    level : int
        Interval level (%) of the projected interval.
    """

    plan: Plan
    mid_term: dt.date
    data_until: int
    evaluation: Evaluation
    level: int
    _frame: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """One row per indicator: suggestion, P(meet), interval, final value, outcome, hits."""
        return self._frame.copy()

    def totals(self) -> dict[str, Any]:
        """Scores over the indicators with both a grade and an outcome (see the module doc)."""
        f = self._frame
        judged = f[f["grade"].isin(GRADED) & f["target_met"].notna()]
        ab = judged[judged["grade"].isin(("A", "B"))]
        cd = judged[judged["grade"].isin(("C", "D"))]
        with_p = judged[judged["p_meet"].notna()]
        with_iv = judged[judged["final_in_interval"].notna()]
        out: dict[str, Any] = {
            "indicators": len(f),
            "graded": int(f["grade"].isin(GRADED).sum()),
            "with_outcome": int(f["target_met"].notna().sum()),
            "judged": len(judged),
            "ab": len(ab),
            "ab_met": int(ab["target_met"].astype(bool).sum()),
            "ab_met_rate": _share(list(ab["target_met"].astype(bool))),
            "cd": len(cd),
            "cd_not_met": int((~cd["target_met"].astype(bool)).sum()),
            "cd_not_met_rate": _share(list(~cd["target_met"].astype(bool))),
            "grade_hit_rate": _share(list(judged["grade_hit"].astype(bool))),
            "brier_n": len(with_p),
            "brier": (
                float(((with_p["p_meet"] - with_p["target_met"].astype(float)) ** 2).mean())
                if len(with_p)
                else math.nan
            ),
            "coverage_n": len(with_iv),
            "coverage_other_basis": int((judged["basis_note"] != "").sum()),
            "coverage": _share(list(with_iv["final_in_interval"].astype(bool))),
            "level": self.level,
        }
        for rule in RULES:
            col = f"{rule}_hit"
            sub = f[f["target_met"].notna() & f[col].notna()]
            out[f"{rule}_n"] = len(sub)
            out[f"{rule}_hit_rate"] = _share(list(sub[col].astype(bool)))
        return out

    def totals_frame(self) -> pd.DataFrame:
        """The totals as a small table (rule, n, hit rate) for sheets and notebooks."""
        t = self.totals()
        rows = [("model", t["judged"], t["grade_hit_rate"])]
        rows += [(r, t[f"{r}_n"], t[f"{r}_hit_rate"]) for r in RULES]
        return pd.DataFrame(
            {
                "rule": [r for r, _, _ in rows],
                "rule_label": [RULE_LABELS[r] for r, _, _ in rows],
                "n": [n for _, n, _ in rows],
                "hit_rate": [h for _, _, h in rows],
            }
        )

    def summary(self) -> str:
        """The totals in plain words (Chinese)."""
        t = self.totals()

        def pct(x: float) -> str:
            return "—" if math.isnan(x) else f"{100 * x:.0f}%"

        lines = [
            f"{self.plan.name or '规划'} 中期评估回放：评估时点 {self.mid_term}，"
            f"使用 {self.data_until} 年及以前的数据",
            f"指标 {t['indicators']} 项，有评估结论 {t['graded']} 项，有期末结果 "
            f"{t['with_outcome']} 项，两者皆有 {t['judged']} 项",
            f"A/B 结论后目标实现：{t['ab_met']}/{t['ab']}（{pct(t['ab_met_rate'])}）；"
            f"C/D 结论后目标未实现：{t['cd_not_met']}/{t['cd']}（{pct(t['cd_not_met_rate'])}）",
            f"P(达标) 的 Brier 分数：{t['brier']:.3f}（{t['brier_n']} 项）"
            if t["brier_n"]
            else "P(达标) 的 Brier 分数：—",
            f"期末值落在 {self.level}% 区间内：{pct(t['coverage'])}（{t['coverage_n']} 项"
            + (f"；另有 {t['coverage_other_basis']} 项期末值与中期数据统计口径不同，未计入"
               if t["coverage_other_basis"] else "") + "）",
        ]
        for r in RULES:
            hit, n = t[f"{r}_hit_rate"], t[f"{r}_n"]
            lines.append(f"{RULE_LABELS[r]} 判断命中：{pct(hit)}（{n} 项）")
        return "\n".join(lines)

    def __repr__(self) -> str:
        t = self.totals()
        return (
            f"<Replay {self.plan.name or 'plan'} at {self.mid_term}: {t['judged']} judged, "
            f"grade hits {t['grade_hit_rate']:.2f}, Brier {t['brier']:.3f}>"
        )

    def _repr_html_(self) -> str:
        f = self._frame
        cols = [
            ("indicator_id", "序号"),
            ("name", "指标"),
            ("target_text", "目标"),
            ("grade", "中期结论"),
            ("p_meet", "P(达标)"),
            ("interval_text", f"{self.level}%区间"),
            ("final_text", "期末值"),
            ("outcome_text", "目标实现"),
        ]
        head = "".join(f"<th>{html.escape(c)}</th>" for _, c in cols)
        body = []
        for _, r in f.iterrows():
            cells = []
            for key, _ in cols:
                v = r[key]
                if key == "p_meet":
                    v = "—" if pd.isna(v) else f"{v:.2f}"
                cells.append(f"<td>{html.escape(str(v))}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        summary = "<br>".join(html.escape(s) for s in self.summary().splitlines())
        return (
            f"<div><p>{summary}</p><table><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )


def _fmt(v: Any) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "—"
    return f"{float(v):.4g}"


def replay(
    plan: Plan,
    observations: Observations | pd.DataFrame | str,
    *,
    mid_term: Any,
    config: EvaluationConfig | None = None,
) -> Replay:
    """Evaluate ``plan`` at ``mid_term`` with the figures that existed then, and score it.

    Parameters
    ----------
    plan : Plan
        An earlier plan (its target year must be in the observations for outcomes).
    observations : Observations, DataFrame or path
        All figures, including those after the mid-term (they are used only for the outcome).
    mid_term : date or str
        The mid-term evaluation date replayed, e.g. ``"2018-06-30"``.
    config : EvaluationConfig, optional
        Passed to :func:`evaluate`; its ``level`` is the interval scored.

    Returns
    -------
    Replay
        ``to_frame()``, ``totals()``, ``summary()``; renders in Jupyter.

    Examples
    --------
    >>> r = replay(plan, obs, mid_term="2018-06-30")  # doctest: +SKIP
    >>> r.totals()["brier"]                            # doctest: +SKIP
    """
    config = config or EvaluationConfig()
    date = parse_date(mid_term)
    if date.year > plan.target_year:
        raise ConfigurationError(
            f"回放的中期评估时点 {date} 晚于规划目标年 {plan.target_year} 年 / the mid-term "
            f"date {date} is after the plan's target year {plan.target_year}: a replay "
            "evaluates the plan before its end"
        )
    obs = (
        observations
        if isinstance(observations, Observations)
        else read_observations(observations, plan)
    )
    cutoff = data_cutoff_year(date)
    obs = obs.for_plan(plan)
    then = obs.where(obs.frame["year"] <= cutoff)
    ev = evaluate(plan, then, as_of=date, config=config, progress=False)
    ev_frame = ev.to_frame()
    end = evaluate(plan, obs, as_of=dt.date(plan.target_year + 1, 12, 31), config=config,
                   progress=False)
    rows = []
    indicators = {ind.id: ind for ind in plan.all_indicators()}
    for _, r in ev_frame.iterrows():
        ind = indicators[str(r["indicator_id"])]
        final, met, note = final_outcome(end[ind.id])
        lo, hi = r["projected_lo"], r["projected_hi"]
        in_iv = None if final is None or pd.isna(lo) or pd.isna(hi) else bool(lo <= final <= hi)
        then_basis = _basis(then.frame, ind.id)
        end_basis = _basis(obs.frame, ind.id, plan.target_year)
        basis_note = ""
        if in_iv is not None and then_basis is not None and end_basis is not None \
                and then_basis != end_basis:
            in_iv = None
            basis_note = (f"期末值（{end_basis or '未标注口径'}）与中期预测所用数据（"
                          f"{then_basis or '未标注口径'}）统计口径不同，不计入区间覆盖率")
        grade = str(r["grade"])
        hit = None if met is None or grade not in GRADED else (grade in ("A", "B")) == met
        row: dict[str, Any] = {
            "indicator_id": ind.id,
            "name": ind.name,
            "kind": ind.kind,
            "attribute": ind.attribute,
            "target_text": ind.target.text,
            "midterm_value": r["midterm_value"],
            "midterm_period": r["midterm_period"],
            "grade": grade,
            "p_meet": r["p_meet"],
            "projected_end": r["projected_end"],
            "projected_lo": lo,
            "projected_hi": hi,
            "final_value": math.nan if final is None else final,
            "final_note": note,
            "target_met": met,
            "final_in_interval": in_iv,
            "basis_note": basis_note,
            "grade_hit": hit,
        }
        for rule, col in RULES.items():
            row[col] = r.get(col)
            pred = _rule_prediction(rule, r)
            row[f"{rule}_predicts_met"] = pred
            row[f"{rule}_hit"] = None if pred is None or met is None else pred == met
        row["interval_text"] = "—" if pd.isna(lo) else f"{_fmt(lo)}～{_fmt(hi)}"
        row["final_text"] = "—" if final is None else _fmt(final)
        end_final = end[ind.id].final
        row["final_status"] = end_final.code if end_final is not None else "insufficient_data"
        row["outcome_text"] = note if met is None else ("实现" if met else "未实现")
        rows.append(row)
    frame = pd.DataFrame(rows)
    for col in ("target_met", "final_in_interval", "grade_hit"):
        frame[col] = frame[col].astype("object")
    return Replay(plan, date, cutoff, ev, config.level, frame)


def write_replay(result: Replay, out_dir: str | Path) -> list[Path]:
    """Write ``replay.csv``, ``replay.xlsx`` (indicators and totals) and ``replay_reliability.png``.

    The workbook has three sheets: 回放 (the rows of :meth:`Replay.to_frame`), 规则对比 (the
    scores of this method and of each published rule) and 合计 (:meth:`Replay.totals`). Files of
    these names in ``out_dir`` are replaced.

    Parameters
    ----------
    result : Replay
        The replay, from :func:`replay`.
    out_dir : str or Path
        The folder to write into; created if missing.

    Returns
    -------
    list of Path
        The CSV (UTF-8 with BOM), the workbook and the chart, in that order.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    frame = result.to_frame()
    csv_path = out / "replay.csv"
    frame.to_csv(csv_path, index=False, encoding="utf-8-sig")
    xlsx_path = out / "replay.xlsx"
    totals = pd.DataFrame([{"item": k, "value": v} for k, v in result.totals().items()])
    with pd.ExcelWriter(xlsx_path, engine="openpyxl") as xw:
        frame.to_excel(xw, sheet_name="回放", index=False)
        result.totals_frame().to_excel(xw, sheet_name="规则对比", index=False)
        totals.to_excel(xw, sheet_name="合计", index=False)
    png_path = out / "replay_reliability.png"
    reliability_chart(result, png_path)
    return [csv_path, xlsx_path, png_path]


def reliability_chart(result: Replay, path: str | Path, *, bins: int = 5) -> Path:
    """A reliability diagram: P(meet) at the mid-term against the share of targets met.

    Each judged indicator is a point at (P(meet), 1 if met else 0), slightly jittered; the bars
    are the observed share met per P(meet) bin, with the number of indicators; the diagonal is
    perfect calibration.

    Parameters
    ----------
    result : Replay
        The replay; indicators without P(meet) or without a final outcome are left out.
    path : str or Path
        The image to write; the format follows the suffix (.png, .svg, .pdf …).
    bins : int, default 5
        How many equal-width P(meet) bins between 0 and 1 the bars are drawn for.

    Returns
    -------
    Path
        ``path``.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from indicator_forecast.report._fonts import font_rc

    f = result.to_frame()
    f = f[f["p_meet"].notna() & f["target_met"].notna()]
    p = f["p_meet"].astype(float).to_numpy()
    y = f["target_met"].astype(bool).astype(float).to_numpy()
    edges = np.linspace(0, 1, bins + 1)
    with plt.rc_context(font_rc()):
        fig, ax = plt.subplots(figsize=(6.4, 5.2), dpi=120)
        ax.plot([0, 1], [0, 1], ls="--", color="#888888", lw=1, label="完全校准")
        for i in range(bins):
            sel = (p >= edges[i]) & ((p < edges[i + 1]) | (i == bins - 1 and p <= 1))
            if sel.any():
                mid = (edges[i] + edges[i + 1]) / 2
                share = float(y[sel].mean())
                ax.bar(mid, share, width=1 / bins * 0.9, color="#2f6fb0", alpha=0.35)
                ax.text(mid, share + 0.02, f"n={int(sel.sum())}", ha="center", fontsize=9)
        jitter = np.linspace(-0.03, 0.03, len(y)) if len(y) > 1 else np.zeros(len(y))
        for flag, colour, label in ((1.0, "#1a7f37", "目标实现"), (0.0, "#c0392b", "目标未实现")):
            sel = y == flag
            ax.scatter(p[sel], (y + jitter)[sel], c=colour, s=36, zorder=3, label=label)
        for pi, yi, ji, iid in zip(p, y, jitter, f["indicator_id"], strict=True):
            ax.annotate(
                f"#{iid}",
                (pi, yi + ji),
                fontsize=8,
                xytext=(4, 4 if yi else -11),
                textcoords="offset points",
            )
        t = result.totals()
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(-0.12, 1.12)
        ax.set_xlabel("中期评估时的达标概率 P(达标)")
        ax.set_ylabel("期末实际达标比例")
        brier = "—" if math.isnan(t["brier"]) else f"{t['brier']:.3f}"
        ax.set_title(
            f"{result.plan.name or '规划'} 回放（{result.mid_term}）\n"
            f"可靠性图：Brier = {brier}，n = {t['brier_n']}",
            fontsize=11,
        )
        ax.legend(loc="upper left", fontsize=8)
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)
    return Path(path)


__all__ = [
    "Replay",
    "data_cutoff_year",
    "final_outcome",
    "reliability_chart",
    "replay",
    "write_replay",
]
