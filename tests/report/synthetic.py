"""A SYNTHETIC evaluation: an object of exactly the shape the report writers read.

It stands in for ``indicator_forecast.evaluate.Evaluation`` (see
``indicator_forecast/report/_protocol.py``). Every number here is invented for testing.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

NAN = math.nan
GRADE_LABELS = {
    "A": "A 进展超前、可以提前完成",
    "B": "B 进展良好、可以如期完成",
    "C": "C 进展较慢、需要加快推进",
    "D": "D 情况变化、难以完成",
    "insufficient_data": "数据待补充",
}


def _row(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "indicator_id": None, "parent_id": None, "category": "高质量发展", "name": "",
        "unit": "%", "target_text": "", "attribute": "预期性", "departments": "区发改委",
        "kind": "end_level", "midterm_value": NAN, "midterm_period": "2022",
        "midterm_text": "数据待补充", "progress": NAN, "time_elapsed": 0.4,
        "projected_end": NAN, "projected_lo": NAN, "projected_hi": NAN,
        "projected_text": "数据待补充", "p_meet": NAN, "grade": "insufficient_data",
        "reason": "", "suggested_target": None, "model": "damped_trend",
        "override_grade": None, "override_reason": None, "target_low": NAN,
        "target_high": NAN, "baseline": NAN, "direction": "higher",
    }  # fmt: skip
    base.update(kw)
    base["grade_label"] = GRADE_LABELS[base["grade"]]
    base["final_grade"] = base["override_grade"] or base["grade"]
    return base


ROWS = [
    _row(indicator_id="1", name="地区生产总值年均增长率", target_text="与市保持同步",
         kind="parent_synced", midterm_value=3.1, midterm_text="3.1", projected_end=5.2,
         projected_lo=4.1, projected_hi=6.0, projected_text="与市基本同步", p_meet=0.7,
         grade="B", reason="2021—2022年区年均增长3.1%，市年均增长3.0%，差值0.1个百分点。"),
    _row(indicator_id="3", name="新增固定资产投资总额", unit="亿元", target_text="累计 1400",
         kind="cumulative_total", midterm_value=612.4, midterm_period="2023年1-6月",
         midterm_text="612.4", progress=612.4 / 1400, time_elapsed=0.5, projected_end=1320.0,
         projected_lo=1210.0, projected_hi=1440.0, projected_text="1320", p_meet=0.22,
         grade="C", target_low=1400.0, target_high=1400.0, baseline=0.0,
         reason="累计完成612.4亿元，完成进度43.7%，低于时间进度50.0%；按趋势预计期末1320亿元。",
         suggested_target="累计 1300"),
    _row(indicator_id="4", name="重点培育产业税收占比", target_text="40", kind="composite",
         departments="区科委、区金融办、区商务委", midterm_value=36.5, midterm_text="36.5",
         progress=0.59, projected_end=40.8, projected_lo=38.9, projected_hi=42.6,
         projected_text="40.8", p_meet=0.66, grade="B", target_low=40.0, target_high=40.0,
         baseline=31.0, reason="2022年占比36.5%，进度59%，快于时间进度40%。"),
    _row(indicator_id="4.1", parent_id="4", name="智能软件", target_text="12",
         departments="区科委", midterm_value=10.2, midterm_text="10.2", progress=0.6,
         projected_end=12.4, projected_text="12.4", grade="B", target_low=12.0,
         target_high=12.0, baseline=8.7, reason="进度60%。"),
    _row(indicator_id="4.2", parent_id="4", name="研发服务", target_text="8",
         departments="区科委", midterm_value=7.9, midterm_text="7.9", progress=0.95,
         projected_end=9.1, projected_text="9.1", grade="A", target_low=8.0, target_high=8.0,
         baseline=6.0, reason="进度95%。"),
    _row(indicator_id="4.3", parent_id="4", name="科技金融", target_text="12",
         departments="区金融办", midterm_value=11.0, midterm_text="11.0", progress=0.5,
         projected_end=12.1, projected_text="12.1", grade="B", target_low=12.0,
         target_high=12.0, baseline=10.0, reason="进度50%。"),
    _row(indicator_id="4.4", parent_id="4", name="生命健康", target_text="8",
         departments="区商务委", midterm_value=5.1, midterm_text="5.1", progress=-0.05,
         projected_end=5.6, projected_text="5.6", grade="D", target_low=8.0, target_high=8.0,
         baseline=5.2, reason="2022年占比5.1%，低于2020年基期5.2%，预计期末5.6%，难以达到8%。",
         suggested_target="6"),
    _row(indicator_id="7", name="新增企业上市数", unit="家", target_text="累计 10-20",
         kind="cumulative_total", departments="区金融办", midterm_value=9.0,
         midterm_period="2023年1-6月", midterm_text="9", progress=0.9, time_elapsed=0.5,
         projected_end=17.0, projected_lo=14.0, projected_hi=21.0, projected_text="17",
         p_meet=0.97, grade="A", target_low=10.0, target_high=20.0, baseline=0.0,
         reason="累计9家，已达下限的90%。"),
    _row(indicator_id="11", category="高品质生活", name="旧住房综合修缮改造面积",
         unit="万平方米", target_text="累计 350", attribute="约束性", kind="cumulative_total",
         departments="区房管局", midterm_value=120.0, midterm_period="2023年1-6月",
         midterm_text="120.0", progress=120 / 350, time_elapsed=0.5, projected_end=270.0,
         projected_lo=240.0, projected_hi=300.0, projected_text="270", p_meet=0.03, grade="D",
         target_low=350.0, target_high=350.0, baseline=0.0,
         reason="累计完成120万平方米，进度34.3%，明显低于时间进度50%；预计期末270万平方米。",
         suggested_target="累计 350（不下调）", override_grade="C",
         override_reason="2023年下半年有两个大型修缮项目集中开工，分析师判断可追赶。"),
    _row(indicator_id="17", category="高品质生活", name="居民平均预期寿命", unit="岁",
         target_text=">84", kind="floor", departments="区卫生健康委", midterm_value=84.6,
         midterm_text="84.6", projected_end=84.9, projected_lo=84.5, projected_hi=85.3,
         projected_text="84.9", p_meet=0.93, grade="B", target_low=84.0, baseline=84.1,
         reason="2022年84.6岁，高于84岁。"),
    _row(indicator_id="18", category="高品质生活", name="城镇登记失业人数", unit="人",
         target_text="完成市下达目标", kind="parent_assigned", departments="区人社局",
         grade="insufficient_data", reason="缺少市下达的2021—2022年目标值。"),
    _row(indicator_id="24", category="高效能治理", name="单位生产总值生产安全事故死亡率",
         unit="人/亿元", target_text="0.01", attribute="约束性", kind="ceiling",
         departments="区应急局", midterm_value=0.008, midterm_text="0.008",
         projected_end=0.007, projected_lo=0.005, projected_hi=0.0095, projected_text="0.007",
         p_meet=0.95, grade="B", target_high=0.01, baseline=0.011, direction="lower",
         reason="2022年0.008人/亿元，低于上限0.01。"),
]  # fmt: skip

ADJUSTMENTS = [
    {"indicator_id": "3", "name": "新增固定资产投资总额", "attribute": "预期性",
     "original_target": "累计 1400", "suggested_target": "累计 1300",
     "reason": "受外部环境影响，2022年投资低于预期，按趋势难以完成1400亿元。",
     "basis": "2021—2023年6月累计612.4亿元；阻尼趋势预测期末1320亿元（80%区间1210—1440）。",
     "binding_note": None},
    {"indicator_id": "11", "name": "旧住房综合修缮改造面积", "attribute": "约束性",
     "original_target": "累计 350", "suggested_target": "累计 350（不下调）",
     "reason": "进度明显滞后。", "basis": "预测期末270万平方米（80%区间240—300）。",
     "binding_note": "约束性指标原则上不下调，建议加快推进而非调整目标。"},
]  # fmt: skip

MISSING = [
    {"department": "区人社局", "indicator_id": "18", "name": "城镇登记失业人数", "unit": "人",
     "missing": "市下达的2021、2022年目标值", "periods": "2021、2022"},
    {"department": "区人社局", "indicator_id": "18", "name": "城镇登记失业人数", "unit": "人",
     "missing": "2021、2022年度完成值", "periods": "2021、2022"},
]  # fmt: skip


def _evidence() -> list[dict[str, Any]]:
    out = []
    for r in ROWS:
        if r["grade"] == "insufficient_data":
            continue
        out += [
            {"indicator_id": r["indicator_id"], "name": r["name"], "item": "2020年基期值",
             "value": r["baseline"], "unit": r["unit"], "source": "区统计年鉴2021"},
            {"indicator_id": r["indicator_id"], "name": r["name"], "item": "时间进度",
             "value": r["time_elapsed"], "unit": "", "source": "评估时点/规划期"},
            {"indicator_id": r["indicator_id"], "name": r["name"],
             "item": "2025年预测值(80%区间)",
             "value": f"{r['projected_end']}（{r['projected_lo']}—{r['projected_hi']}）",
             "unit": r["unit"], "source": "https://example.org/method"},
        ]  # fmt: skip
    return out


def _chart() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    series = {
        "3": ([0, 180, 420, 612.4], 1320, 1210, 1440),
        "4": ([31, 33, 36.5], 40.8, 38.9, 42.6),
        "7": ([0, 4, 7, 9], 17, 14, 21),
        "11": ([0, 40, 85, 120], 270, 240, 300),
        "17": ([84.1, 84.3, 84.6], 84.9, 84.5, 85.3),
        "24": ([0.011, 0.009, 0.008], 0.007, 0.005, 0.0095),
    }
    target = {r["indicator_id"]: r for r in ROWS}
    for iid, (hist, end, lo, hi) in series.items():
        r = target[iid]
        years = list(range(2020, 2020 + len(hist)))
        for y, v in zip(years, hist, strict=True):
            out.append({"indicator_id": iid, "series": "history", "period": y, "value": v})
        tgt = r["target_low"] if not math.isnan(r["target_low"]) else r["target_high"]
        base = hist[0]
        for y in range(2020, 2026):
            out.append({"indicator_id": iid, "series": "planned_path", "period": y,
                        "value": base + (tgt - base) * (y - 2020) / 5})
        last_y, last_v = years[-1], hist[-1]
        for y in range(last_y + 1, 2026):
            f = (y - last_y) / (2025 - last_y)
            mid = last_v + (end - last_v) * f
            out.append({"indicator_id": iid, "series": "projection", "period": y, "value": mid,
                        "lo-80": mid - (end - lo) * f, "hi-80": mid + (hi - end) * f,
                        "lo-95": mid - 1.5 * (end - lo) * f, "hi-95": mid + 1.5 * (hi - end) * f})
    frame = pd.DataFrame(out).assign(base_year=2020, target_year=2025)
    for c in ("lo-80", "hi-80", "lo-95", "hi-95"):
        if c not in frame:
            frame[c] = NAN
    return frame.to_dict("records")  # type: ignore[return-value]


@dataclass
class SyntheticConfig:
    values: dict[str, Any] = field(default_factory=lambda: {
        "levels": [80, 95], "thresholds": {"A": 0.95, "C": 0.6}, "as_of": "2023-06-30"})

    def to_dict(self) -> dict[str, Any]:
        return dict(self.values)


@dataclass
class SyntheticEvaluation:
    """SYNTHETIC stand-in for ``Evaluation``: same members, invented numbers."""

    plan_name: str = "普陀区“十四五”规划纲要主要指标"
    jurisdiction: str = "普陀区"
    base_year: int = 2020
    target_year: int = 2025
    indicators_in_plan: int | None = None
    as_of: dt.date = dt.date(2023, 6, 30)
    config: SyntheticConfig = field(default_factory=SyntheticConfig)
    language: str = "zh"
    rows: list[dict[str, Any]] = field(default_factory=lambda: [dict(r) for r in ROWS])
    adjustments: list[dict[str, Any]] = field(
        default_factory=lambda: [dict(a) for a in ADJUSTMENTS]
    )
    missing: list[dict[str, Any]] = field(default_factory=lambda: [dict(m) for m in MISSING])

    def to_frame(self, lang: str = "zh") -> pd.DataFrame:
        return pd.DataFrame(self.rows)

    def adjustments_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.adjustments, columns=list(ADJUSTMENTS[0]))

    def missing_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.missing, columns=list(MISSING[0]))

    def evidence_frame(self) -> pd.DataFrame:
        return pd.DataFrame(_evidence())

    def chart_frame(self) -> pd.DataFrame:
        return pd.DataFrame(_chart())
