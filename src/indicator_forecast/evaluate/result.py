"""Immutable results: one indicator's evaluation, and a whole plan's."""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from indicator_forecast import _format as F
from indicator_forecast.adjust import Adjustment, Override, propose
from indicator_forecast.classify import Classification, Outlook
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data import Observations
from indicator_forecast.evaluate import _chart_frame
from indicator_forecast.evaluate import reasons as R
from indicator_forecast.exceptions import ConfigurationError
from indicator_forecast.final import FinalStatus
from indicator_forecast.plan import Indicator, Plan
from indicator_forecast.plan.targets import kind_class
from indicator_forecast.progress import Moment, Progress

GRADE_COLOURS = {
    "A": "#1a7f37",
    "B": "#2f6fb0",
    "C": "#c58a00",
    "D": "#c0392b",
    "insufficient_data": "#7f7f7f",
    "exceeded": "#1a7f37",
    "completed": "#2f6fb0",
    "basic": "#c58a00",
    "not_completed": "#c0392b",
}
_NAN = float("nan")


def _num(v: float | None) -> float:
    return _NAN if v is None else float(v)


def _attribute(attribute: str, lang: str) -> str:
    return str(R.labels(lang)["attribute"].get(attribute, attribute))


ROW_FIELDS = (
    "indicator_id", "parent_id", "category", "name", "unit", "target_text", "attribute",
    "departments", "kind", "direction", "midterm_value", "midterm_period", "midterm_text",
    "progress", "time_elapsed", "pace_ratio", "expected_value", "projected_end", "projected_lo",
    "projected_hi", "projected_text", "p_meet", "p_stretch", "grade", "grade_label", "reason",
    "suggested_target", "model", "override_grade", "override_reason", "final_grade",
    "target_low", "target_high", "baseline", "baseline_year", "rule", "missing", "moment",
    "final_status", "final_status_label", "final_value", "final_share", "final_provisional",
    "final_preliminary",
)
"""The columns of :meth:`IndicatorResult.to_dict` before the comparison measures."""


@dataclass(frozen=True)
class IndicatorResult:
    """The evaluation of one indicator: progress, projection, suggested grade, proposal and
    override.

    Attributes
    ----------
    indicator : Indicator
        The indicator as read from the plan, with its parsed target.
    progress : Progress
        Its progress at the evaluation date.
    outlook : Outlook or None
        Its projection to the target year; ``None`` when not projected.
    classification : Classification
        The suggested grade (a final status in a final evaluation) and the rule that gave it.
    adjustment : Adjustment or None
        The proposed target change, if any.
    config : EvaluationConfig
        The thresholds and options the result was computed with.
    no_outlook_reason : str or None
        Why there is no projection (Chinese), when ``outlook`` is ``None``.
    override : Override or None
        The analyst's decision, when one was recorded.
    moment : Moment or None
        The moment of the plan the evaluation is (yearly monitoring, mid-term, final).
    final : FinalStatus or None
        The final status (总结评估) in a final evaluation.
    """

    indicator: Indicator
    progress: Progress
    outlook: Outlook | None
    classification: Classification
    adjustment: Adjustment | None
    config: EvaluationConfig
    no_outlook_reason: str | None = None
    override: Override | None = None
    moment: Moment | None = None
    final: FinalStatus | None = None

    @property
    def grade(self) -> str:
        """The suggested grade."""
        return self.classification.grade

    @property
    def final_grade(self) -> str:
        """The analyst's grade where overridden, else the suggestion."""
        return self.override.grade if self.override else self.grade

    def reason(self, lang: str = "zh") -> str:
        """The conclusion's reason with its numbers (the final status's at a final evaluation)."""
        if self.final is None or self.final.code == "insufficient_data":
            text = R.reason(self, lang)
            extra: list[R.Fact] = [R.Fact("note", {"text": R.Localised(zh, en)})
                                   for zh, en in self.classification.notes]
            t, o = self.indicator.target, self.outlook
            if t.aspiration_value is not None and o is not None and o.p_stretch is not None:
                extra.append(R.Fact("note", {"text": R.Fact("stretch", {
                    "value": t.aspiration_value, "unit": R.Unit(self.indicator.unit),
                    "p": R.Share(o.p_stretch)})}))
            if not extra:
                return text
            sep = str(R.labels(lang)["reason"]["notes_join"])
            return text + sep + sep.join(R.render_fact(f, lang) for f in extra)
        gaps = [m for m in self.progress.missing if not m.blocking and not self.final.provisional]
        tail = ""
        if gaps:
            tail = R.render_fact(R.Fact("final_missing", {
                "missing": R.Missing(tuple(gaps)),
                "departments": R.Departments(tuple(self.indicator.departments),
                                             "final_dept_unknown")}), lang)
        return self.final.reason(lang) + tail

    def midterm_text(self, lang: str = "zh") -> str:
        pr = self.progress
        if self.grade == "insufficient_data" or pr.midterm_value is None:
            return str(R.labels(lang)["midterm"]["pending"])
        kind = kind_class(pr.kind)
        unit = "%" if kind.judged_as_rate else ("个百分点" if kind.judged_by_gap else "")
        when = pr.midterm_period.label(lang) if pr.midterm_period else ""
        if kind.judged_as_rate:
            return str(R.labels(lang)["midterm"]["rate"]).format(
                value=F.fmt(pr.midterm_value), unit=unit, since=pr.base_year + 1,
                year=pr.midterm_period.year if pr.midterm_period else "")
        if kind.judged_by_gap:
            return str(R.labels(lang)["midterm"]["gap"]).format(value=F.fmt(pr.midterm_value),
                                                              unit=unit)
        return str(R.labels(lang)["midterm"]["level"]).format(value=F.fmt(pr.midterm_value),
                                                            period=when)

    def projected_text(self, lang: str = "zh") -> str:
        o = self.outlook
        if o is None:
            return "—"
        return str(R.labels(lang)["projected"]).format(mean=F.fmt(o.mean), level=o.level,
                                                     lo=F.fmt(o.lo), hi=F.fmt(o.hi))

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        d = dict(zip(ROW_FIELDS, self._row(lang), strict=True))
        d.update(self.classification.measures)
        return d

    def _row(self, lang: str) -> tuple[Any, ...]:
        """The values of :meth:`to_dict` before the comparison measures, in :data:`ROW_FIELDS`
        order (a tuple: a batch's frame is built column by column from them)."""
        ind, pr, o, a, ov, fs = (
            self.indicator,
            self.progress,
            self.outlook,
            self.adjustment,
            self.override,
            self.final,
        )
        t = ind.target
        grade = self.classification.grade
        per = pr.midterm_period
        if o is None:
            end = lo = hi = p_meet = p_stretch = _NAN
            model = ""
        else:
            end, lo, hi, p_meet = _num(o.mean), _num(o.lo), _num(o.hi), _num(o.p_meet)
            p_stretch = _num(o.p_stretch if t.aspiration_value is not None else None)
            model = o.model
        return (
            ind.id,
            ind.parent_id,
            ind.category,
            ind.name,
            ind.unit,
            t.text,
            _attribute(ind.attribute, lang),
            "、".join(ind.departments),
            ind.kind,
            ind.direction,
            _num(pr.midterm_value),
            per.label(lang) if per else "",
            self.midterm_text(lang),
            _num(pr.completion),
            _num(pr.time_elapsed),
            _num(pr.pace_ratio),
            _num(pr.expected_value),
            end,
            lo,
            hi,
            self.projected_text(lang),
            p_meet,
            p_stretch,
            grade,
            R.grade_label(grade, lang),
            self.reason(lang),
            a.suggested(lang) if a else None,
            model,
            ov.grade if ov else None,
            ov.reason if ov else None,
            ov.grade if ov else grade,
            _num(t.low),
            _num(t.high),
            _num(pr.baseline),
            pr.baseline_year if pr.baseline_year is not None else pr.base_year,
            self.classification.rule,
            R.missing_text(self, lang),
            self.moment.code if self.moment else "",
            fs.code if fs else "",
            fs.label(lang) if fs else "",
            _num(fs.value if fs else None),
            _num(fs.share if fs else None),
            bool(fs.provisional) if fs else False,
            bool(fs.preliminary) if fs else False,
        )

    def summary(self, lang: str = "zh") -> str:
        """The indicator's evaluation in a few lines (for the terminal and notebooks).

        Parameters
        ----------
        lang : {"zh", "en"}
            Language of the words; names and targets are printed as written.

        Returns
        -------
        str
            Target, conclusion, progress, projection, rule, reason and any proposal.
        """
        ind = self.indicator
        t = R.labels(lang)["summary"]
        attribute = R.labels(lang)["attribute"].get(ind.attribute, ind.attribute)
        lines = [
            t["head"].format(id=ind.id, label=ind.label, target=ind.target.text, kind=ind.kind,
                             attribute=attribute),
            t["grade"].format(grade=R.grade_label(self.grade, lang))
            + (t["override"].format(grade=self.final_grade, reason=self.override.reason)
               if self.override else ""),
            t["progress"].format(midterm=self.midterm_text(lang),
                                 elapsed=F.pct(self.progress.time_elapsed),
                                 completion=F.pct(self.progress.completion)),
            t["projection"].format(projected=self.projected_text(lang),
                                   p=F.pct(self.outlook.p_meet if self.outlook else None)),
            t["rule"].format(rule=self.classification.rule),
            t["reason"].format(reason=self.reason(lang)),
        ]
        a = self.adjustment
        if a:
            lines.append(t["adjust"].format(orig=a.original_target, new=a.suggested(lang),
                                            basis=a.basis_zh if lang == "zh" else a.basis_en))
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<IndicatorResult {self.indicator.id} {self.indicator.name}: {self.final_grade}>"

    def _repr_html_(self) -> str:
        d = self.to_dict()
        colour = GRADE_COLOURS[self.final_grade]
        rows = [
            ("目标", f"{d['target_text']}（{d['kind']}，{d['attribute']}）"),
            ("中期完成数", d["midterm_text"]),
            (
                "时间进度 / 完成进度",
                f"{F.pct(self.progress.time_elapsed)} / {F.pct(self.progress.completion)}",
            ),
            ("预计期末完成数", d["projected_text"]),
            ("达标概率", F.pct(self.outlook.p_meet if self.outlook else None)),
            (
                "模型",
                (self.outlook.model + "：" + self.outlook.reason("zh"))
                if self.outlook
                else (self.no_outlook_reason or "—"),
            ),
            ("判定规则", self.classification.rule),
            ("说明", d["reason"]),
        ]
        if self.adjustment:
            rows.append(
                ("调整建议", f"{self.adjustment.suggested_target}；{self.adjustment.basis_zh}")
            )
        if self.override:
            rows.append(("分析师调整", f"{self.override.grade}：{self.override.reason}"))
        body = "".join(
            f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(k)}</th><td "
            f"style='text-align:left'>{html.escape(str(v))}</td></tr>"
            for k, v in rows
        )
        return (
            f"<div style='border-left:6px solid {colour};padding:4px 10px'>"
            f"<div><strong>{html.escape(self.indicator.id)} "
            f"{html.escape(self.indicator.label)}</strong> "
            f"<span style='background:{colour};color:white;padding:1px "
            f"6px;border-radius:3px'>{html.escape(R.grade_label(self.final_grade, 'zh'))}"
            "</span></div>"
            f"<table>{body}</table></div>"
        )


@dataclass(frozen=True)
class Evaluation:
    """A plan's evaluation at one date: per-indicator results and the tables built from them.

    Attributes
    ----------
    plan : Plan
        The plan evaluated.
    observations : Observations
        The figures it was evaluated on.
    as_of : datetime.date
        The evaluation date.
    config : EvaluationConfig
        The thresholds and options used.
    results : tuple of IndicatorResult
        One result per indicator, in the plan's order.
    language : {"zh", "en"}
        Default language of the tables and texts (default ``"zh"``).
    created : datetime.datetime
        When the evaluation was made (local time, to the second).
    moment : Moment or None
        The moment of the plan the evaluation is.
    """

    plan: Plan
    observations: Observations
    as_of: dt.date
    config: EvaluationConfig
    results: tuple[IndicatorResult, ...]
    language: str = "zh"
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    moment: Moment | None = None

    @property
    def is_final(self) -> bool:
        """Whether this is the final evaluation (总结评估) after the target year."""
        return self.moment is not None and self.moment.is_final

    @property
    def plan_name(self) -> str:
        return self.plan.name

    @property
    def jurisdiction(self) -> str:
        return self.plan.jurisdiction

    @property
    def base_year(self) -> int:
        return self.plan.base_year

    @property
    def target_year(self) -> int:
        return self.plan.target_year

    @property
    def indicators_in_plan(self) -> int | None:
        """How many main indicators the plan sets, when its table lists only some (else None)."""
        return self.plan.indicators_in_plan

    def __len__(self) -> int:
        return len(self.results)

    def __iter__(self) -> Iterator[IndicatorResult]:
        return iter(self.results)

    def __getitem__(self, indicator_id: str | int) -> IndicatorResult:
        key = str(indicator_id)
        for r in self.results:
            if r.indicator.id == key:
                return r
        raise KeyError(f"no indicator {key!r} in this evaluation")

    def counts(self) -> dict[str, int]:
        """Top-level indicators per conclusion (A–D, or the final statuses at 总结评估)."""
        keys = (
            ("exceeded", "completed", "basic", "not_completed")
            if self.is_final
            else ("A", "B", "C", "D")
        )
        out = {g: 0 for g in (*keys, "insufficient_data")}
        for r in self.results:
            if r.indicator.parent_id is None:
                out[r.final_grade] += 1
        return out

    def to_frame(self, lang: str | None = None) -> pd.DataFrame:
        """One row per indicator (composite parts after their whole, with ``parent_id`` set)."""
        return pd.DataFrame([r.to_dict(lang or self.language) for r in self.results])

    def adjustments_frame(self, lang: str | None = None) -> pd.DataFrame:
        lang = lang or self.language
        rows = []
        for r in self.results:
            a = r.adjustment
            ov = r.override
            if a is None and not (ov and ov.adjusted_target):
                continue
            rows.append(
                {
                    "indicator_id": r.indicator.id,
                    "name": r.indicator.name,
                    "attribute": R.labels(lang)["attribute"].get(r.indicator.attribute,
                                                                 r.indicator.attribute),
                    "original_target": r.indicator.target.text,
                    "suggested_target": (
                        ov.adjusted_target
                        if ov and ov.adjusted_target
                        else a.suggested(lang)
                        if a
                        else None
                    ),
                    "reason": (a.reason_zh if lang == "zh" else a.reason_en)
                    if a
                    else (ov.reason if ov else ""),
                    "basis": (a.basis_zh if lang == "zh" else a.basis_en) if a else "",
                    "binding_note": (a.binding_note if lang == "zh" else a.binding_note_en)
                    if a else None,
                    "source": "analyst override" if ov and ov.adjusted_target else "suggested",
                }
            )
        return pd.DataFrame(
            rows,
            columns=[
                "indicator_id",
                "name",
                "attribute",
                "original_target",
                "suggested_target",
                "reason",
                "basis",
                "binding_note",
                "source",
            ],
        )

    def missing_frame(self, lang: str | None = None) -> pd.DataFrame:
        """What is missing, by department: the data-collection list."""
        lang = lang or self.language
        rows = []
        for r in self.results:
            for m in r.progress.missing:
                if m.awaited:
                    continue
                for dept in r.indicator.departments or (str(R.labels(lang)["dept_unlisted"]),):
                    rows.append({
                        "department": dept,
                        "indicator_id": r.indicator.id,
                        "name": r.indicator.name,
                        "unit": r.indicator.unit,
                        "missing": m.what_zh if lang == "zh" else m.what_en,
                        "periods": "、".join(m.periods) if lang == "zh"
                        else R.period_text(", ".join(m.periods)),
                        "blocking": m.blocking,
                    })
        df = pd.DataFrame(
            rows,
            columns=[
                "department",
                "indicator_id",
                "name",
                "unit",
                "missing",
                "periods",
                "blocking",
            ],
        )
        return df.sort_values(["department", "indicator_id"], kind="stable").reset_index(drop=True)

    def evidence_frame(self, lang: str | None = None) -> pd.DataFrame:
        """Every number behind each conclusion, with its source or method."""
        lang = lang or self.language
        lab = R.labels(lang)["evidence_frame"]
        rows: list[dict[str, Any]] = []
        for r in self.results:
            ind, pr, o = r.indicator, r.progress, r.outlook
            src = "；".join(pr.sources) or "—"

            def add(item: str, value: Any, unit: str = "", source: str = "") -> None:
                # Called only within this iteration, so the late binding of `ind` is harmless.
                rows.append({
                    "indicator_id": ind.id,  # noqa: B023
                    "name": ind.name,  # noqa: B023
                    "item": item, "value": value, "unit": unit, "source": source,
                })

            add(
                "目标（原文）",
                ind.target.text,
                ind.unit,
                str(lab["plan_row"]).format(row=ind.row) if ind.row else str(lab["plan_table"]),
            )
            add("目标类型", ind.kind, "", "parse_target")
            for y, v in pr.history:
                add(
                    f"{y}年观测值",
                    v,
                    ind.unit
                    if not (ind.target.judged_as_rate or ind.target.judged_by_gap)
                    else "%",
                    src,
                )
            if pr.baseline is not None:
                add(f"{pr.base_year}年基期值", pr.baseline, ind.unit, "规划表或观测值")
            if pr.midterm_value is not None:
                add("中期完成数", pr.midterm_value, ind.unit, "progress.compute_progress")
            if pr.time_elapsed is not None:
                add("时间进度", pr.time_elapsed, "比例", "（中期数时点−基期年）÷规划年数")
            if pr.completion is not None:
                add("完成进度", pr.completion, "比例", "按目标类型计算（见方法说明）")
            if pr.expected_value is not None:
                add("按时序应达值", pr.expected_value, ind.unit, "基期至目标的直线路径")
            if pr.required_pace is not None:
                add(
                    "剩余年份所需年均进度",
                    pr.required_pace,
                    pr.pace_unit,
                    "（目标−中期数）÷剩余年数",
                )
            if pr.recent_pace is not None:
                add("近年平均进度", pr.recent_pace, pr.pace_unit, "规划期内最近至多3年")
            for y, own, ref, g in pr.gaps:
                add(f"{y}年增速差", g, "百分点", f"本级{own:g}% − 参照{ref:g}%")
            for y, a, t, met in pr.yearly_met:
                add(f"{y}年下达目标/完成", f"{t:g} / {a:g}", ind.unit, "完成" if met else "未完成")
            if o is not None:
                add(f"{pr.target_year}年预测值（均值）", o.mean, "",
                    str(lab["model_reason"]).format(model=o.model, reason=o.reason(lang)))
                add(
                    f"{pr.target_year}年预测{o.level}%区间",
                    f"{F.fmt(o.lo)}～{F.fmt(o.hi)}",
                    "",
                    "经验误差校准区间（forecast.calibration）",
                )
                if o.p_meet is not None:
                    add("达到目标的概率", o.p_meet, "概率", "校准预测分布")
            elif r.no_outlook_reason:
                add("预测", "未预测", "", R.no_outlook_text(r.no_outlook_reason, lang))
            for k, v in r.classification.measures.items():
                add(k, v, "", "comparison measure (ESCAP / Eurostat / UNSD)")
            add("判定规则", r.classification.rule, "", "classify.classify；阈值见配置")
            for n in pr.notes:
                add("说明", R.note_text(n, lang), "", "")
        return pd.DataFrame(
            rows, columns=["indicator_id", "name", "item", "value", "unit", "source"]
        )

    def chart_frame(self) -> pd.DataFrame:
        """The series the charts draw, in the quantity each target is judged in (a running
        total for a five-year total), with interval columns named by their level (``lo-80``,
        ``hi-80``, ``lo-95``, ``hi-95`` at the default level); see
        :mod:`indicator_forecast.evaluate._chart_frame`."""
        return _chart_frame.chart_frame(self.results, self.config.level, self.config.wide_level)

    def override(
        self,
        indicator_id: str | int,
        grade: str,
        reason: str,
        *,
        adjusted_target: str | None = None,
        analyst: str | None = None,
    ) -> Evaluation:
        """A new Evaluation with the analyst's grade (and adjusted target) kept beside the
        suggestion."""
        allowed = (
            ("exceeded", "completed", "basic", "not_completed") if self.is_final
            else ("A", "B", "C", "D")
        )
        if grade not in allowed:
            raise ConfigurationError(
                f"The 'grade' parameter of override must be one of {', '.join(allowed)}. Got "
                f"{grade!r} instead."
            )
        if not reason or not reason.strip():
            raise ConfigurationError(
                "The 'reason' parameter of override must state why the analyst decides otherwise."
            )
        key = str(indicator_id)
        if not any(r.indicator.id == key for r in self.results):
            raise KeyError(f"no indicator {key!r} in this evaluation")
        def overridden(r: IndicatorResult) -> IndicatorResult:
            # The proposal follows the analyst's grade: an indicator judged on track gets no
            # adjustment, one judged behind gets the one its projection supports.
            adjustment = r.adjustment
            if not self.is_final and r.grade != "insufficient_data":
                adjustment = propose(r.indicator, r.progress, r.outlook,
                                     replace(r.classification, grade=grade), r.config)
            return replace(r, override=Override(grade, reason.strip(), adjusted_target, analyst),
                           adjustment=adjustment)

        new = tuple(overridden(r) if r.indicator.id == key else r for r in self.results)
        return replace(self, results=new)

    def summary(self) -> str:
        c = self.counts()
        head = (
            f"{self.plan.name}（{self.plan.jurisdiction or '—'}）评估时点 "
            f"{self.as_of}：{sum(c.values())}项指标 — "
            f"A {c['A']}，B {c['B']}，C {c['C']}，D {c['D']}，数据待补充 {c['insufficient_data']}"
        )
        df = self.to_frame()[
            [
                "indicator_id",
                "name",
                "kind",
                "midterm_text",
                "projected_text",
                "p_meet",
                "final_grade",
            ]
        ]
        return head + "\n" + df.to_string(index=False)

    def __repr__(self) -> str:
        c = self.counts()
        return (
            f"<Evaluation {self.plan.name!r} at {self.as_of}: "
            + ", ".join(f"{k} {v}" for k, v in c.items())
            + ">"
        )

    def _repr_html_(self) -> str:
        df = self.to_frame()
        c = self.counts()
        head = html.escape(
            f"{self.plan.name} — 评估时点 {self.as_of} — A {c['A']} · B {c['B']} · C {c['C']} · D "
            f"{c['D']} · 数据待补充 {c['insufficient_data']}"
        )
        rows = []
        for _, r in df.iterrows():
            colour = GRADE_COLOURS[r["final_grade"]]
            p = (
                ""
                if isinstance(r["p_meet"], float) and math.isnan(r["p_meet"])
                else f"{r['p_meet']:.0%}"
            )
            ov = (
                f"（分析师：{html.escape(str(r['override_grade']))}）"
                if r["override_grade"]
                else ""
            )
            indent = "&nbsp;&nbsp;&nbsp;" if r["parent_id"] else ""
            rows.append(
                f"<tr><td>{html.escape(r['indicator_id'])}</td><td "
                f"style='text-align:left'>{indent}{html.escape(r['name'])}</td>"
                f"<td>{html.escape(r['target_text'])}</td><td>{html.escape(r['midterm_text'])}</td><td>{html.escape(r['projected_text'])}</td>"
                f"<td>{p}</td><td "
                f"style='background:{colour};color:white'>{html.escape(r['grade_label'])}{ov}</td>"
                f"<td style='text-align:left;max-width:40em'>{html.escape(r['reason'])}</td></tr>"
            )
        header = "".join(
            f"<th>{h}</th>"
            for h in (
                "序号",
                "指标",
                "规划目标",
                "中期完成数",
                "预计期末完成数",
                "达标概率",
                "评估结论",
                "说明",
            )
        )
        return (
            f"<div><strong>{head}</strong><table><thead><tr>{header}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )


class BatchRows:
    """The rows of many plans' :meth:`Evaluation.to_frame`, gathered plan by plan, as one frame.

    :meth:`frame` is the frame ``pandas.concat`` makes of the plans' frames, each with a
    ``plan`` column in front (``ignore_index=True``), values and dtypes alike; it is built
    column by column from the rows' values instead of one frame per plan (whose construction,
    column insertion and concatenation were over a quarter of a batch's time). Where the values
    could make the two differ (a column whose dtype ``concat`` would widen from plan to plan in
    another way), the plans' frames are made and concatenated.
    """

    def __init__(self) -> None:
        self._names: list[str] = []
        self._rows: list[tuple[Any, ...]] = []
        self._measures: list[dict[str, Any]] = []
        self._plans: list[tuple[str, int]] = []

    def add(self, name: str, evaluation: Evaluation) -> None:
        """Add a plan's rows (in its evaluation's language) under ``name``."""
        lang = evaluation.language
        results = evaluation.results
        self._rows.extend(r._row(lang) for r in results)
        self._measures.extend(r.classification.measures for r in results)
        self._names.extend([name] * len(results))
        self._plans.append((name, len(results)))

    def __len__(self) -> int:
        """The number of plans added."""
        return len(self._plans)

    def frame(self) -> pd.DataFrame:
        """``plan`` and the columns of :meth:`Evaluation.to_frame`, plan after plan.

        Returns
        -------
        DataFrame
            One row per indicator of every plan added, in the order added (a ``RangeIndex``).
        """
        if not self._plans:
            return pd.DataFrame(columns=["plan"])
        frame = self._columns() if all(size for _, size in self._plans) else None
        return frame if frame is not None else self._concat()

    def _columns(self) -> pd.DataFrame | None:
        columns: dict[str, Any] = {"plan": self._names}
        columns.update(zip(ROW_FIELDS, map(list, zip(*self._rows, strict=True)), strict=True))
        extra = dict.fromkeys(k for m in self._measures for k in m)
        if any(k in columns for k in extra):
            return None
        columns.update((k, [m.get(k, _NAN) for m in self._measures]) for k in extra)
        frame = pd.DataFrame(columns)
        for name, dtype in frame.dtypes.items():
            if not _as_concatenated(columns[str(name)], dtype):
                return None
        return frame

    def _concat(self) -> pd.DataFrame:
        frames = []
        start = 0
        for name, size in self._plans:
            rows = [dict(zip(ROW_FIELDS, row, strict=True)) | m for row, m in
                    zip(self._rows[start:start + size], self._measures[start:start + size],
                        strict=True)]
            frame = pd.DataFrame(rows)
            frame.insert(0, "plan", name)
            frames.append(frame)
            start += size
        return pd.concat(frames, ignore_index=True)


def _as_concatenated(values: list[Any], dtype: Any) -> bool:
    """Whether a column inferred over all plans at once has the dtype and values ``concat``
    gives to the plans' own columns (each inferred over its plan alone, NaN where a row or a
    plan has no such key).

    Booleans or integers throughout: every plan's column is so. Floats: each plan's is float or
    integer (widened to float), unless a ``None`` makes one all-missing. Objects of text,
    floats and bools: a plan's column may be float or bool, whose values are then the same
    objects' values, unless ``None`` beside floats (a plan's float column makes it NaN) or
    integers (made floats beside a plan's missing keys).
    """
    kind = getattr(dtype, "kind", "")
    if kind in "bi" and kind:
        return True
    if kind == "f":
        return None not in values
    if kind != "O":
        return False
    types = set(map(type, values))
    if not types <= {str, float, bool, type(None)}:
        return False
    return not (float in types and type(None) in types)
