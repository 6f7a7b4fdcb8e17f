"""A target kind lives in one module (issue 10.3): a new kind is a subclass, nothing else.

The SYNTHETIC kind below ("翻一番", reach twice the base-year figure) is defined here only: the
progress, the outlook, the grade, the final status and the chart frame all ask it, and none of
progress.py, evaluate/_outlook.py, classify.py or the chart frame is touched. A static check
then shows that the generic modules do not test kind names.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
from pathlib import Path
from typing import ClassVar, Literal

import pytest
from conftest import synthetic_observations, synthetic_plan

from indicator_forecast.evaluate import evaluate
from indicator_forecast.plan.targets import KINDS, EndLevelTarget, TargetBase, kind_class
from indicator_forecast.progress import Missing, compute_progress

SRC = Path(__file__).resolve().parents[2] / "src" / "indicator_forecast"


class DoublingTarget(TargetBase):
    """SYNTHETIC kind: twice the base-year figure by the target year (no number of its own)."""

    kind: Literal["synthetic_doubling"] = "synthetic_doubling"
    has_numbers: ClassVar[bool] = False
    label_zh: ClassVar[str] = "翻一番（合成）"
    label_en: ClassVar[str] = "doubling (synthetic)"

    def level_target(
        self,
        baseline: float | None,
        full: dict[int, float],
        notes: list[str],
        missing: list[Missing],
    ) -> float | None:
        return None if baseline is None else 2 * baseline

    def planned_value(self, year: float, baseline: float | None) -> float | None:
        if baseline is None:
            return None
        return baseline + baseline * (year - self.base_year) / self.years


PLAN_ROWS = [("1", "合成产值", "亿元", "16", "合成发改部门", "预期性", 100)]
OBS_ROWS = [
    ("1", "2020", 100, "亿元", "level", "actual"),
    ("1", "2021", 110, "亿元", "level", "actual"),
    ("1", "2022", 125, "亿元", "level", "actual"),
]


@pytest.fixture(scope="module")
def doubling(tmp_path_factory):
    d = tmp_path_factory.mktemp("doubling")
    plan = synthetic_plan(PLAN_ROWS, d)
    obs = synthetic_observations(plan, OBS_ROWS, d)
    ind = plan.indicators[0]
    target = DoublingTarget(text="翻一番", unit="亿元")
    # The Target union lists the shipped kinds for reading plans; a new kind in code needs none.
    new_ind = ind.model_copy(update={"target": target})
    return plan.model_copy(update={"indicators": (new_ind,)}), obs, new_ind


def test_defining_a_kind_registers_it():
    assert KINDS["synthetic_doubling"] is DoublingTarget
    assert kind_class("end_level") is EndLevelTarget
    with pytest.raises(ValueError, match="Unknown target kind 'nope'"):
        kind_class("nope")


def test_a_kind_name_is_taken_once():
    with pytest.raises(TypeError, match="'floor' is already defined by FloorTarget"):

        class AnotherFloor(TargetBase):
            kind: Literal["floor"] = "floor"

    assert kind_class("floor").__name__ == "FloorTarget"


def test_new_kind_progress_by_hand(doubling):
    plan, obs, ind = doubling
    pr = compute_progress(ind, obs, dt.date(2023, 6, 30), plan=plan)
    assert pr.kind == "synthetic_doubling"
    # target 2 × 100 = 200; 2022 is the last full year: 2 of 5 years, 40 %.
    assert pr.target_value == 200
    assert pr.midterm_value == 125
    assert math.isclose(pr.time_elapsed, 2 / 5)
    # completion (125 − 100) / (200 − 100) = 0.25; expected 100 + 100 × 0.4 = 140
    assert math.isclose(pr.completion, 0.25)
    assert math.isclose(pr.expected_value, 140)
    # pace needed (200 − 125) / 3 = 25 a year
    assert math.isclose(pr.required_pace, 25)
    assert pr.met_now is False
    assert pr.threshold == 200
    assert pr.series is not None and pr.series.measure == "level"


def test_new_kind_evaluates_end_to_end(doubling):
    plan, obs, _ = doubling
    ev = evaluate(plan, obs, as_of="2023-06-30", progress=False)
    (r,) = ev.results
    assert r.outlook is not None and r.outlook.p_meet is not None
    # Needing 25 a year after 10 and 15: far behind, so unlikely.
    assert r.outlook.p_meet < 0.5
    assert r.grade in ("C", "D")
    chart = ev.chart_frame()
    path = chart[chart["series"] == "planned_path"]
    assert path["value"].tolist() == [100, 120, 140, 160, 180, 200]
    assert "synthetic_doubling" in ev.to_frame().to_csv()


def test_new_kind_final_evaluation(doubling):
    plan, obs, ind = doubling
    extra = [("1", str(y), v, "亿元", "level", "actual")
             for y, v in ((2023, 150), (2024, 180), (2025, 205))]  # fmt: skip
    d = Path(plan.source).parent if plan.source else None
    obs = synthetic_observations(plan, OBS_ROWS + extra, d)
    ev = evaluate(plan, obs, as_of="2026-06-30", progress=False)
    (r,) = ev.results
    # 205 ≥ 200: the task is completed; share (205 − 100) / (200 − 100) = 1.05
    assert r.final is not None
    assert r.final.code in ("completed", "exceeded")
    assert math.isclose(r.final.share, 1.05)


# The generic modules must ask the kind, never compare against its name.
GENERIC = [
    "progress.py",
    "evaluate/_outlook.py",
    "classify.py",
    "final.py",
    "evaluate/result.py",
    "evaluate/_chart_frame.py",
]


def _kind_names_compared(tree: ast.AST) -> list[str]:
    names = set(KINDS) - {"synthetic_doubling"}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        if isinstance(node.left, ast.Name) and node.left.id == "rule":
            continue  # final.py's rules ("band", "direction") are the kind's final_rule values
        for side in (node.left, *node.comparators):
            elts = side.elts if isinstance(side, (ast.Tuple, ast.List, ast.Set)) else [side]
            for e in elts:
                if isinstance(e, ast.Constant) and e.value in names:
                    found.append(f"line {node.lineno}: {e.value!r}")
            if isinstance(side, ast.Attribute) and side.attr == "kind":
                found.append(f"line {node.lineno}: .kind compared")
    return found


@pytest.mark.parametrize("module", GENERIC)
def test_generic_modules_do_not_compare_kind_names(module):
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    assert _kind_names_compared(tree) == []


def test_the_static_check_can_fail():
    tree = ast.parse('if ind.kind in ("floor", "ceiling"):\n    pass\nx = t.kind == "band"\n')
    # two names and one .kind on line 1, one name and one .kind on line 3
    assert len(_kind_names_compared(tree)) == 5


@pytest.mark.parametrize("module", ["progress.py", "evaluate/_outlook.py", "classify.py",
                                    "evaluate/_chart_frame.py"])  # fmt: skip
def test_generic_modules_do_not_test_target_classes(module):
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    calls = [
        n.lineno for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "isinstance"
        and any(isinstance(a, ast.Name) and a.id.endswith("Target") for a in ast.walk(n.args[1]))
    ]
    assert calls == []


# The reasons, the adjustment, the narrative and the charts ask the kind too (issue 10.3).
GENERIC_REPORTS = [
    "evaluate/reasons.py",
    "adjust.py",
    "report/_narrative.py",
    "report/charts.py",
    "report/_final.py",
    "collect/asks.py",
    "data/observations.py",
]


@pytest.mark.parametrize("module", GENERIC_REPORTS)
def test_reasons_and_reports_do_not_compare_kind_names(module):
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    assert _kind_names_compared(tree) == []


@pytest.mark.parametrize("module", [*GENERIC, *GENERIC_REPORTS])
def test_no_module_keeps_a_list_of_kind_names(module):
    """No tuple, list or set of two or more kind names (the old _LEVEL_KINDS, _RATE_GAP)."""
    names = set(KINDS) - {"synthetic_doubling"}
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    seqs = [n for n in ast.walk(tree) if isinstance(n, (ast.Tuple, ast.List, ast.Set))]
    lists = [n.lineno for n in seqs
             if sum(isinstance(e, ast.Constant) and e.value in names for e in n.elts) >= 2]
    assert lists == []


def test_the_final_rules_are_the_kinds():
    # final.py no longer compares rule names: each kind judges its own figure.
    tree = ast.parse((SRC / "final.py").read_text(encoding="utf-8"))
    rules = {cls.final_rule for cls in KINDS.values()}
    compared = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Compare)
                for s in (n.left, *n.comparators)
                if isinstance(s, ast.Constant) and s.value in rules]  # fmt: skip
    assert compared == []


def test_new_kind_reasons_and_adjustment(doubling):
    from indicator_forecast.evaluate.reasons import reason, reason_facts

    plan, obs, _ = doubling
    ev = evaluate(plan, obs, as_of="2023-06-30", progress=False)
    (r,) = ev.results
    codes = [f.code for f in reason_facts(r)]
    # a level against its base (the default), the projection, and — a distance to an end
    # value by default — the pace still needed: 25 a year after 10 and 15
    assert codes[:3] == ["level", "completion", "projection"]
    assert "pace_needed" in codes
    text = reason(r)
    assert "125" in text and "25" in text
    # No number of its own: nothing to rewrite, so no proposal (and adjust did not fail).
    assert r.adjustment is None
    assert ev.adjustments_frame().empty


def test_reasons_ask_whether_the_pace_applies(doubling, monkeypatch):
    from indicator_forecast.evaluate.reasons import reason_facts

    plan, obs, _ = doubling
    monkeypatch.setattr(DoublingTarget, "reason_pace_applies", False)
    ev = evaluate(plan, obs, as_of="2023-06-30", progress=False)
    codes = [f.code for f in reason_facts(ev.results[0])]
    assert "pace_needed" not in codes and "met_end" not in codes


def test_new_kind_narrative_and_chart(doubling, tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from indicator_forecast.report import _narrative as narr
    from indicator_forecast.report import indicator_chart

    plan, obs, _ = doubling
    ev = evaluate(plan, obs, as_of="2023-06-30", progress=False)
    (f,) = narr.indicator_facts(ev, "zh")
    assert f.target_kind is DoublingTarget
    text = narr.indicator_text(f, "zh")
    # the level sentence with the mid-term figure, and the pace needed (25 a year) for C or D
    assert "合成产值" in text and "125亿元" in text
    assert "25亿元" in text
    en = narr.indicator_text(narr.indicator_facts(ev, "en")[0], "en")
    assert "125" in en
    fig = indicator_chart(ev, "1")
    ax = fig.axes[0]
    # the planned path 100 → 200 and the target line at 200 are drawn
    labels = [h.get_label() for h in ax.get_lines()]
    assert len(labels) >= 3
    ys = {round(float(y), 6) for line in ax.get_lines() for y in line.get_ydata()}
    assert {100.0, 200.0} <= ys
    matplotlib.pyplot.close(fig)


def test_new_kind_final_table(doubling):
    from indicator_forecast.report._final import final_rows

    plan, obs, _ = doubling
    extra = [("1", str(y), v, "亿元", "level", "actual")
             for y, v in ((2023, 150), (2024, 180), (2025, 205))]  # fmt: skip
    d = Path(plan.source).parent if plan.source else None
    ev = evaluate(plan, synthetic_observations(plan, OBS_ROWS + extra, d), as_of="2026-06-30",
                  progress=False)  # fmt: skip
    (row,) = final_rows(ev)
    # a level kind: the end figure with its unit
    assert "205亿元" in " ".join(str(v) for v in row.values())


def test_the_pace_is_said_with_its_direction_and_a_totals_as_a_yearly_amount():
    # SYNTHETIC facts: the pace sentence reads the kind (a total's pace is a yearly amount) and
    # the sign (a level's change is a rise or a reduction; one that rounds to 0 is flat).
    from types import SimpleNamespace

    from indicator_forecast.evaluate.reasons import _pace, render_fact
    from indicator_forecast.plan.targets import CumulativeTotalTarget, EndLevelTarget

    pr = SimpleNamespace(required_pace=-0.25, recent_pace=0.004, best_pace=-0.5,
                         pace_unit="个百分点/年")
    level = render_fact(_pace(pr, EndLevelTarget), "zh")
    assert level == "剩余年份需年均降低0.25个百分点，近年基本持平、最好降低0.5个百分点。"
    total = SimpleNamespace(required_pace=300.0, recent_pace=250.0, best_pace=280.0,
                            pace_unit="亿元/年")
    assert render_fact(_pace(total, CumulativeTotalTarget), "zh") == (
        "剩余年份需年均完成300亿元，近年年均250亿元、最高280亿元。")
    assert "a fall of 0.25 percentage points a year" in render_fact(
        _pace(pr, EndLevelTarget), "en")
