"""The plan generation printed in titles and notes comes from the plan's name or its years,
never a fixed "十四五" (a 2026–2030 plan without "十五五" in its name used to be titled
"“十四五”规划中期评估").

Reference: the published sequence of China's Five-Year Plans — the 3rd began in 1966, and the
10th (2001–2005) is "十五", the 13th 2016–2020, the 14th 2021–2025, the 15th 2026–2030.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indicator_forecast.report import _common as c


@pytest.mark.parametrize(("years", "zh", "en"), [
    ((2000, 2005), "“十五”", "10th Five-Year"),
    ((2005, 2010), "“十一五”", "11th Five-Year"),
    ((2015, 2020), "“十三五”", "13th Five-Year"),
    ((2020, 2025), "“十四五”", "14th Five-Year"),
    ((2025, 2030), "“十五五”", "15th Five-Year"),
    ((2023, 2028), "2024—2028年", "2024–2028"),
    ((2020, 2030), "2021—2030年", "2021–2030"),
])
def test_from_the_years(years, zh, en):
    assert c.plan_period("某区规划纲要主要指标", "zh", years) == zh
    assert c.plan_period("某区规划纲要主要指标", "en", years) == en


def test_the_name_wins_and_nothing_known_is_neutral():
    assert c.plan_period("普陀区“十四五”规划纲要", "zh", (2025, 2030)) == "“十四五”"
    assert c.plan_period("国家“十三五”规划", "en") == "13th Five-Year"
    assert c.plan_period("某区规划", "zh") == "本期"


def test_a_15th_plan_report_is_titled_by_its_years(tmp_path: Path) -> None:
    import docx

    from indicator_forecast import read_observations, read_plan
    from indicator_forecast.evaluate import evaluate
    from indicator_forecast.report import write_report_docx

    path = tmp_path / "synthetic_plan.csv"
    path.write_text("类别,序号,指标,单位,目标值 2026-2030 年,责任部门,指标属性,基期值\n"
                    "合成类别,1,合成比重,%,45,合成局,预期性,40\n", encoding="utf-8")
    plan = read_plan(path, name="合成区规划纲要主要指标")
    (tmp_path / "obs.csv").write_text(
        "indicator_id,period,value,unit,measure,role,series,source_url\n"
        "1,2026,41.2,%,level,actual,,synthetic://test\n", encoding="utf-8")
    obs = read_observations(tmp_path / "obs.csv", plan)
    ev = evaluate(plan, obs, as_of=dt.date(2027, 6, 30), progress=False)
    out = tmp_path / "r.docx"
    write_report_docx(ev, out)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "“十五五”规划中期评估" in text and "十四五" not in text


def test_the_task_form_notes_take_the_period_from_the_years():
    from indicator_forecast.report._tables import form_notes

    notes = "".join(form_notes("合成区规划纲要", "zh", (2025, 2030)))
    assert "“十五五”期末" in notes and "十四五" not in notes
    assert "本期期末" in "".join(form_notes("合成区规划纲要", "zh"))
    assert "“十四五”期末" in "".join(form_notes("合成区“十四五”规划纲要", "zh", (2025, 2030)))
