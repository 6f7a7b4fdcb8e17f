"""A change of statistical basis (统计口径) in a level series, on SYNTHETIC plans and figures: the
step across the change is never read as a change of the quantity, the projection is anchored on
the latest basis, the completion is taken as given and the reason says both."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from conftest import synthetic_plan

from indicator_forecast import evaluate, read_observations
from indicator_forecast._progress_kit import full_and_partial, growth_by_year, link_bases
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.data.observations import ObsRecord

AS_OF = "2023-06-30"


def _recs(rows: list[tuple[int, float, str]]) -> tuple[ObsRecord, ...]:
    """(year, value, basis) → whole-year records, in year order."""
    import datetime as dt

    return tuple(
        ObsRecord(y, 12, float(v), "level", "actual", "", None, None, dt.date(y, 12, 31), k, b)
        for k, (y, v, b) in enumerate(sorted(rows, key=lambda r: r[0]))
    )


def _obs(plan, tmp_path: Path, rows: list[tuple[str, int, float, str, str]], basis=True):
    """(indicator id, year, value, unit, basis) → observations read from a CSV file."""
    cols = ["indicator_id", "period", "value", "unit", "measure", "source_url"]
    df = pd.DataFrame(
        [(i, str(y), v, u, "level", "synthetic://test") for i, y, v, u, _ in rows], columns=cols
    )
    if basis:
        df["统计口径"] = [b for *_, b in rows]
    path = tmp_path / "synthetic_observations.csv"
    df.to_csv(path, index=False)
    return read_observations(path, plan)


# A jump of +3 at 2020 (the change of basis) between steps of +1 within each basis.
JUMP = [(y, 10 + (y - 2016), "合成旧口径") for y in range(2016, 2020)] + [
    (y, 16 + (y - 2020), "") for y in range(2020, 2023)
]


def test_without_an_overlap_the_step_across_the_change_is_the_mean_step_within():
    as_given, linked, link = link_bases(_recs(JUMP), additive=True)
    assert as_given == {2016: 10, 2017: 11, 2018: 12, 2019: 13, 2020: 16, 2021: 17, 2022: 18}
    # within bases: six steps of +1 → the 2019→2020 step is set to +1, the old basis shifted
    # by 16 − 1 − 13 = +2, the latest basis untouched
    assert linked == {2016: 12, 2017: 13, 2018: 14, 2019: 15, 2020: 16, 2021: 17, 2022: 18}
    assert link is not None and link.latest == ""
    (step,) = link.steps
    assert (step.year, step.how, step.link) == (2020, "imputed", 1.0)
    assert dict(link.offsets) == {"合成旧口径": 2.0, "": 0.0}
    assert link.basis_at(2019) == "合成旧口径" and link.basis_at(2020) == ""


def test_an_overlap_year_links_by_the_difference_it_shows():
    rows = [(y, 10 + (y - 2016), "合成旧口径") for y in range(2016, 2021)] + [
        (2020, 16.5, "合成新口径"), (2021, 17.5, "合成新口径"), (2022, 18.5, "合成新口径"),
    ]
    as_given, linked, link = link_bases(_recs(rows), additive=True)
    assert as_given[2020] == 16.5  # an overlap year: the later basis's figure
    # 2020 on both: 16.5 − 14 = 2.5, added to the old figures 10…13 (2016–2019)
    assert linked == {2016: 12.5, 2017: 13.5, 2018: 14.5, 2019: 15.5, 2020: 16.5, 2021: 17.5,
                      2022: 18.5}
    assert link is not None
    (step,) = link.steps
    assert (step.how, step.overlap_years, step.link) == ("overlap", (2020,), 2.5)


def test_amounts_are_linked_by_a_ratio():
    rows = [(2018, 100, "合成旧"), (2019, 110, "合成旧"), (2020, 121, "合成旧"),
            (2020, 242, "合成新"), (2021, 266.2, "合成新")]
    _, linked, link = link_bases(_recs(rows), additive=False)
    # 242 / 121 = 2: the old figures doubled
    assert linked == pytest.approx({2018: 200, 2019: 220, 2020: 242, 2021: 266.2})
    assert link is not None and not link.additive
    assert link.steps[0].link == pytest.approx(2.0)


def test_amounts_without_an_overlap_take_the_mean_growth_within_as_the_step():
    rows = [(2018, 100, "合成旧"), (2019, 110, "合成旧"),
            (2020, 300, "合成新"), (2021, 330, "合成新")]
    _, linked, link = link_bases(_recs(rows), additive=False)
    # both steps within are +10 %: 2019 on the new basis is 300 / 1.1, 2018 that / 1.1
    assert linked == pytest.approx({2018: 300 / 1.21, 2019: 300 / 1.1, 2020: 300, 2021: 330})
    assert link is not None and link.steps[0].how == "imputed"
    assert link.steps[0].link == pytest.approx(10.0)  # the imputed step, in %


def test_bases_that_do_not_meet_leave_the_earlier_years_out():
    rows = [(2016, 10, "合成旧"), (2017, 11, "合成旧"), (2019, 16, ""), (2020, 17, ""),
            (2021, 18, "")]
    _, linked, link = link_bases(_recs(rows), additive=True)
    assert linked == {2019: 16, 2020: 17, 2021: 18}
    assert link is not None and link.steps[0].how == "left_out"
    assert math.isnan(dict(link.offsets)["合成旧"])
    assert link.on_latest(2017, 11) is None


def test_one_basis_is_the_figures_as_given():
    rows = [(y, v, "合成口径") for y, v, _ in JUMP]
    as_given, linked, link = link_bases(_recs(rows), additive=True)
    full, _ = full_and_partial(_recs(rows))
    assert link is None and as_given == linked == full


def test_the_drift_projection_continues_the_steps_within_the_bases(tmp_path):
    # a plain level in %, not a share (no 率/比重 in the name): projected as it stands
    plan = synthetic_plan([("1", "合成指数", "%", "22", "合成部门", "预期性", "16")], tmp_path)
    obs = _obs(plan, tmp_path, [("1", y, v, "%", b) for y, v, b in JUMP])
    cfg = EvaluationConfig(method="drift")
    r = evaluate(plan, obs, as_of=AS_OF, config=cfg, progress=False)["1"]
    assert r.progress.series is not None
    assert r.progress.series.values == (12, 13, 14, 15, 16, 17, 18)
    # +1 a year from 18 in 2022 → 21 in 2025; read as one series it would be
    # 18 + 3 × (18 − 10) / 6 = 22
    assert r.outlook.model == "drift"
    assert r.outlook.mean == pytest.approx(21.0)
    # the figures without the basis column: the jump is read as a change, +8/6 a year
    plain = _obs(plan, tmp_path, [("1", y, v, "%", b) for y, v, b in JUMP], basis=False)
    r0 = evaluate(plan, plain, as_of=AS_OF, config=cfg, progress=False)["1"]
    assert r0.outlook.mean == pytest.approx(18 + 3 * 8 / 6)


def test_a_change_after_the_base_year_is_in_the_completion_and_said_so(tmp_path):
    plan = synthetic_plan([("1", "合成指数", "%", "30", "合成部门", "预期性", None)], tmp_path)
    rows = [("1", 2018, 18, "%", ""), ("1", 2019, 19, "%", ""), ("1", 2020, 20, "%", ""),
            ("1", 2021, 21, "%", ""), ("1", 2022, 25, "%", "合成新口径")]
    r = evaluate(plan, _obs(plan, tmp_path, rows), as_of=AS_OF, progress=False)["1"]
    pr = r.progress
    # the completion as given: (25 − 20) / (30 − 20), the +4 of the new basis included
    assert pr.completion == pytest.approx(0.5)
    # the pace within the bases: 2021 +1, the 2022 step set to the mean within (+1)
    assert pr.recent_pace == pytest.approx(1.0)
    assert pr.series is not None
    assert pr.series.values == (21, 22, 23, 24, 25)
    zh, en = r.reason(), r.reason(lang="en")
    assert ("2022年起统计口径调整（合成新口径），与基期值口径不同，完成进度含口径调整影响；"
            "预测只用同一口径内的逐年变化（使用5个年度数据）") in zh
    assert "2021—2022年的跨口径变化不作为观测值，按同口径内年均变化1个百分点补齐（推算值）" in zh
    assert "the completion includes the change" in en
    assert "an imputed step" in en


def test_an_overlap_at_the_base_year_keeps_the_completion_on_one_basis(tmp_path):
    plan = synthetic_plan([("1", "合成指数", "%", "30", "合成部门", "预期性", None)], tmp_path)
    rows = [("1", 2019, 17, "%", "合成旧口径"), ("1", 2020, 18, "%", "合成旧口径"),
            ("1", 2020, 20, "%", "合成新口径"), ("1", 2021, 21, "%", "合成新口径"),
            ("1", 2022, 22, "%", "合成新口径")]
    r = evaluate(plan, _obs(plan, tmp_path, rows), as_of=AS_OF, progress=False)["1"]
    # the base figure on the latest basis: (22 − 20) / (30 − 20)
    assert r.progress.baseline == 20 and r.progress.completion == pytest.approx(0.2)
    zh = r.reason()
    assert "与基期值口径不同" not in zh
    assert "合成旧口径数据按2020年两种口径均有的数值衔接到合成新口径（相差2个百分点）" in zh
    assert r.progress.series is not None and r.progress.series.values == (19, 20, 21, 22)


def test_one_basis_named_gives_the_same_evaluation_as_none(tmp_path):
    plan = synthetic_plan([("1", "合成城镇化率", "%", "22", "合成部门", "预期性", "16")], tmp_path)
    rows = [("1", y, v, "%", "合成口径") for y, v, _ in JUMP]
    named = evaluate(plan, _obs(plan, tmp_path, rows), as_of=AS_OF, progress=False)
    plain = evaluate(plan, _obs(plan, tmp_path, rows, basis=False), as_of=AS_OF, progress=False)
    pd.testing.assert_frame_equal(named.to_frame(), plain.to_frame())
    assert "统计口径" not in named["1"].reason()


def test_a_growth_rate_is_never_computed_across_a_change_of_basis(tmp_path):
    plan = synthetic_plan([("1", "合成产值增长", "%", "年均增长5%", "合成部门", "预期性", None)],
                          tmp_path)
    rows = [("1", 2019, 100, "亿元", "合成旧"), ("1", 2020, 105, "亿元", "合成旧"),
            ("1", 2021, 200, "亿元", "合成新"), ("1", 2022, 210, "亿元", "合成新")]
    obs = _obs(plan, tmp_path, rows)
    import datetime as dt

    rates, notes, _ = growth_by_year(plan["1"], obs, dt.date(2023, 6, 30))
    # 2020: 105/100 − 1 = 5 %; 2022: 210/200 − 1 = 5 %; 2021 (105 → 200) not a growth
    assert rates == pytest.approx({2020: 5.0, 2022: 5.0})
    assert "2021年增速未由水平值计算：2020年与2021年统计口径不同" in notes


def test_a_final_share_across_a_change_of_basis_says_so(tmp_path: Path):
    # Base 2020 on the old basis (50), end figure 2025 on the new one (57), target 55:
    # share (57 − 50) / (55 − 50) = 140 %, part of it the change of basis.
    plan = synthetic_plan([("1", "合成城镇化率", "%", "55", "合成部门", "预期性", "50")], tmp_path)
    rows = [("1", y, 50 + (y - 2020), "%", "合成旧口径") for y in range(2020, 2025)]
    rows.append(("1", 2025, 57.0, "%", "合成新口径"))
    r = evaluate(plan, _obs(plan, tmp_path, rows), as_of="2026-06-30", progress=False)["1"]
    zh = r.final.reason("zh")
    assert "完成目标任务的140.0%（基期值与2025年数值统计口径不同，完成程度含口径调整影响）" in zh, \
        zh
    assert "different statistical bases" in r.final.reason("en")
    same = [(i, y, v, u, "合成新口径") for i, y, v, u, _ in rows]
    r1 = evaluate(plan, _obs(plan, tmp_path, same), as_of="2026-06-30", progress=False)["1"]
    assert "口径" not in r1.final.reason("zh")


def test_without_a_projection_the_basis_sentence_speaks_of_the_completion_only(tmp_path: Path):
    # The same SYNTHETIC share at the final evaluation: nothing is projected, so the reason says
    # the completion includes the change and not how a projection bridged it.
    from indicator_forecast.evaluate.reasons import reason

    plan = synthetic_plan([("1", "合成城镇化率", "%", "55", "合成部门", "预期性", "50")], tmp_path)
    rows = [("1", y, 50 + (y - 2020), "%", "合成旧口径") for y in range(2020, 2025)]
    rows.append(("1", 2025, 57.0, "%", "合成新口径"))
    r = evaluate(plan, _obs(plan, tmp_path, rows), as_of="2026-06-30", progress=False)["1"]
    assert r.outlook is None
    zh, en = reason(r), reason(r, "en")
    said = "2025年起统计口径调整（合成新口径），与基期值口径不同，完成进度含口径调整影响。"
    assert said in zh, zh
    assert "预测" not in zh.split("2025年起统计口径调整")[1], zh
    assert "the base-year figure is on another basis" in en and "the projection uses" not in en


def test_interpolated_years_are_said_beside_the_number_of_figures(tmp_path: Path):
    # SYNTHETIC share with 2018 and 2020 missing among 2017-2022 (base 2020 given in the plan):
    # the reason's count of yearly figures says which of them were interpolated.
    from indicator_forecast.evaluate.reasons import reason

    plan = synthetic_plan([("1", "合成城镇化率", "%", "60", "合成部门", "预期性", "53")], tmp_path)
    rows = [("1", y, 50 + 1.5 * (y - 2017), "%", "") for y in (2017, 2019, 2021, 2022)]
    r = evaluate(plan, _obs(plan, tmp_path, rows, basis=False), as_of=AS_OF, progress=False)["1"]
    assert r.outlook is not None
    zh, en = reason(r), reason(r, "en")
    assert "使用6个年度数据（含基期之前3年；其中2018年无数据，按相邻年份线性插补）" in zh, zh
    assert "6 yearly figures (3 before the base year; 2018 missing, filled by linear " \
           "interpolation)" in en, en
