"""An evaluation date before the plan's first year has ended: every kind says so, none crashes.

At 30 June of the first plan year no yearly figure of the plan period can exist. The shipped
plans and SYNTHETIC plans of benchmarks/evaluate_scale.py (every kind of target among them) are
evaluated then: each indicator is 数据待补充 with the year named as not ended, nothing is asked
of a department that no one can supply (the part-year of a total included), and the report says
that no conclusion is drawn. (A target set each year by the parent used to divide by the number
of years assessed, zero, and stop the batch.)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import scale_bench, synthetic_observations, synthetic_plan

from indicator_forecast.evaluate import evaluate
from indicator_forecast.evaluate.result import Evaluation
from indicator_forecast.report import write_report_docx


def _other_kinds() -> tuple[str, object, object]:
    """A SYNTHETIC plan of the kinds the generator does not write, with figures to the base."""
    plan = synthetic_plan([
        ("1", "合成总量", "亿元", "比2010年翻一番", "合成局", "预期性", 100),
        ("2", "合成排放量", "万吨", "继续下降", "合成局", "约束性", 50),
        ("3", "合成床位数", "张", "累计达到1000", "合成局", "预期性", 800),
    ])
    rows = [(i, str(y), v + k, u, "level", "actual")
            for i, v, u in (("1", 100.0, "亿元"), ("2", 50.0, "万吨"), ("3", 800.0, "张"))
            for k, y in enumerate((2018, 2019, 2020))]
    return "synthetic-other-kinds", plan, synthetic_observations(plan, rows)


def _cases() -> list[tuple[str, object, object]]:
    return [*scale_bench().shipped(), *scale_bench().synthetic_units(4, seed=77), _other_kinds()]


@pytest.fixture(scope="module")
def early() -> list[tuple[str, Evaluation]]:
    out = []
    for name, plan, obs in _cases():
        base = min(i.target.base_year for i in plan.indicators)
        if plan.indicators[0].target.target_year <= 2020:
            continue  # the 13th plan: 2021 is after its end
        out.append((name, evaluate(plan, obs, as_of=dt.date(base + 1, 6, 30), progress=False)))
    return out


def test_every_kind_is_covered(early: list[tuple[str, Evaluation]]) -> None:
    from indicator_forecast.plan.targets import KINDS

    seen = {r.indicator.kind for _, ev in early for r in ev.results}
    # the package's own kinds (another test registers a synthetic one in the same registry)
    numeric = {k for k, cls in KINDS.items()
               if k != "qualitative" and cls.__module__.startswith("indicator_forecast.")}
    assert numeric <= seen, numeric - seen


def test_no_grade_and_the_year_named(early: list[tuple[str, Evaluation]]) -> None:
    for name, ev in early:
        for r in ev.results:
            year = f"{r.indicator.target.base_year + 1}年"
            reason = r.reason("zh")
            assert "缺，" not in reason and "缺。" not in reason, reason
            if r.indicator.target.completed_as_total:
                # a five-year total counts the months so far, or asks for them
                assert (r.grade != "insufficient_data") or f"缺{year}1-6月" in reason, reason
                continue
            assert r.grade == "insufficient_data", (name, r.indicator.id, r.grade)
            assert f"{year}尚未结束" in reason, (name, r.indicator.id, reason)
            assert "has not ended" in r.reason("en"), r.reason("en")


def test_a_total_counts_the_first_months() -> None:
    """SYNTHETIC: 4 of a five-year total of 15 in January-June 2021: counted against 10 % of
    the time, no projection (no full year)."""
    plan = synthetic_plan([("1", "合成新增数", "个", "累计 15", "合成局", "预期性", None)])
    obs = synthetic_observations(plan, [("1", "2021H1", 4.0, "个", "flow", "actual")])
    (r,) = evaluate(plan, obs, as_of="2021-06-30", progress=False).results
    assert r.progress.midterm_value == 4.0
    assert abs(r.progress.time_elapsed - 0.1) < 1e-12
    assert abs(r.progress.completion - 4 / 15) < 1e-12
    assert "截至2021年1-6月累计完成4个" in r.reason("zh"), r.reason("zh")
    assert not any(m.awaited for m in r.progress.missing)


def test_nothing_unsuppliable_is_asked(early: list[tuple[str, Evaluation]]) -> None:
    for name, ev in early:
        gaps = ev.missing_frame()
        assert not gaps["missing"].str.contains("尚未结束").any(), name
        asked = {r.indicator.id for r in ev.results
                 if any(not m.awaited for m in r.progress.missing)}
        assert set(gaps["indicator_id"]) == asked, name


def _report(ev: Evaluation, path: Path) -> str:
    import docx

    write_report_docx(ev, path)
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_report_says_no_conclusion(early: list[tuple[str, Evaluation]], tmp_path: Path) -> None:
    # a plan of yearly indicators only: nothing can be judged, and that is what is said
    name, ev = next((n, e) for n, e in early
                    if not any(r.indicator.target.completed_as_total for r in e.results))
    text = _report(ev, tmp_path / "report.docx")
    assert f"规划期首个年度（{ev.base_year + 1}年）尚未结束，各项指标尚无规划期内的年度数据" in text
    assert "均因数据不全" not in text
    assert "规划期内尚无已结束的年度，指标调整建议" in text


def test_report_counts_the_first_months_apart(tmp_path: Path) -> None:
    """SYNTHETIC: a total with its first months counted, a total without them, a level: the
    opening says one assessed, one waiting for the year to end, one to be supplied."""
    plan = synthetic_plan([
        ("1", "合成新增数", "个", "累计 15", "合成局", "预期性", None),
        ("2", "合成新增面积", "万平方米", "累计 30", "合成局", "预期性", None),
        ("3", "合成比重", "%", "40", "合成局", "预期性", 30),
    ])
    obs = synthetic_observations(plan, [("1", "2021H1", 4.0, "个", "flow", "actual"),
                                        ("3", "2020", 30.0, "%", "level", "actual")])
    ev = evaluate(plan, obs, as_of="2021-06-30", progress=False)
    text = _report(ev, tmp_path / "r.docx")
    assert "另有1项指标因2021年尚未结束暂无年度数据；1项指标数据待补充。" in text, text
    assert "合成新增面积：数据待补充，缺2021年1-6月新增数" in text


def test_a_year_later_the_year_is_not_awaited(early: list[tuple[str, Evaluation]]) -> None:
    name, plan, obs = next(iter(_cases()))
    base = min(i.target.base_year for i in plan.indicators)
    ev = evaluate(plan, obs, as_of=dt.date(base + 2, 6, 30), progress=False)
    assert not any(m.awaited for r in ev.results for m in r.progress.missing)


def test_tables_say_not_yet_due_and_claim_no_assessment(
        early: list[tuple[str, Evaluation]]) -> None:
    from indicator_forecast.report._tables import adjustment_table, table_notes, table_rows

    name, ev = next((n, e) for n, e in early
                    if not any(r.indicator.target.completed_as_total for r in e.results))
    rows = {r["indicator_id"]: r for r in table_rows(ev)}
    waiting = [r.indicator.id for r in ev.results
               if not any(not m.awaited for m in r.progress.missing)]
    asked = [r.indicator.id for r in ev.results if r.indicator.id not in waiting]
    assert waiting
    for i in waiting:
        assert rows[i]["conclusion"] == rows[i]["midterm"] == rows[i]["projected"] == "暂不评估"
    for i in asked:
        assert rows[i]["conclusion"] == "数据待补充", rows[i]
    assert any("“暂不评估”" in n for n in table_notes(ev))
    (empty,) = adjustment_table(ev).rows
    assert "规划期内尚无已结束的年度" in empty.cells[0].text
    assert "经测算" not in empty.cells[0].text
