"""With ``--lang en`` every output of the shipped plans reads in English (issue 16.3).

The CLI is run on data/national-14th and data/putuo-14th at the mid-term (2023-06-30) and on
data/national-13th at its final evaluation (2016-12-31); every text it writes — the terminal
summary, evaluation.csv, every cell of the workbooks, every paragraph and cell of the Word
documents — and the objects behind them (``IndicatorResult.summary("en")``, the reasons, the
model's reason, the classification notes, the proposals) are scanned for Chinese characters.
Allowed, as written: the proper names (plan, jurisdiction, parent, departments, indicator names
and categories), the target texts and units as the plan table writes them, the statistical
bases' labels as the observations name them (e.g. 七普口径 in the reason's sentence on a change of
basis), the main tasks' texts (附件7), and the sources' own words quoted in the evidence sheet's
source column.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from indicator_forecast import cli, evaluate, read_observations
from indicator_forecast.config import EvaluationConfig
from indicator_forecast.evaluate import reasons as R  # noqa: N812

DATA = Path(__file__).resolve().parents[2] / "data"
CJK = re.compile(r"[\u4e00-\u9fff]")
RUN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef“”‘’…—～]+")
CASES = [("national-14th", "2023-06-30"), ("putuo-14th", "2023-06-30"),
         ("national-13th", "2016-12-31")]


class _PlanArgs:
    sheet = name = jurisdiction = parent = None


def _allowed(ev: Any, obs: Any, tasks: Any) -> tuple[list[str], list[str]]:
    """(strings allowed anywhere, task strings allowed in the 附件7 outputs), longest first."""
    plan = ev.plan
    a = {plan.name, plan.jurisdiction, plan.parent, *re.findall(r"十[一二三四五六七八九]五",
                                                                 plan.name)}
    for r in ev.results:
        ind = r.indicator
        a |= {ind.name, ind.label, ind.target.text, ind.category or "", *ind.departments,
              ind.unit, f"{ind.unit}/年", re.sub(r"(增长|增速)$", "", ind.name)}
    frame = obs.to_frame()
    for col in ("source", "note", "basis"):  # a basis label as the data names it
        a |= {str(x) for x in frame[col].dropna()}
    t: set[str] = set()
    if tasks is not None:
        t |= {tasks.name or ""}
        for task in tasks.tasks:
            t |= {task.text, task.section or "", task.section_number or "", task.group or "",
                  *task.departments, *task.text.split()}
    def order(x: set[str]) -> list[str]:
        return sorted((s for s in x if s), key=len, reverse=True)
    return order(a), order(t | a)


def _leftovers(text: str, allow: list[str]) -> list[str]:
    for s in allow:
        text = text.replace(s, " ")
    return [m.group(0) for m in RUN.finditer(text) if CJK.search(m.group(0))]


def _xlsx(path: Path) -> list[tuple[str, str]]:
    out = []
    for ws in openpyxl.load_workbook(path).worksheets:
        out.append((f"{path.name}:{ws.title}", ws.title))
        heads = [c.value for c in ws[2]] if ws.max_row >= 2 else []
        for row in ws.iter_rows():
            for c in row:
                quoted = ws.title == "Evidence" and c.column <= len(heads) and (
                    heads[c.column - 1] == "Source")
                if isinstance(c.value, str) and not quoted:
                    out.append((f"{path.name}:{ws.title}!{c.coordinate}", c.value))
    return out


def _docx(path: Path) -> list[tuple[str, str]]:
    d = docx.Document(str(path))
    out = [(f"{path.name}:p{i}", p.text) for i, p in enumerate(d.paragraphs)]
    for ti, table in enumerate(d.tables):
        for ri, row in enumerate(table.rows):
            out += [(f"{path.name}:t{ti}r{ri}c{ci}", cell.text)
                    for ci, cell in enumerate(row.cells)]
    for s in d.sections:
        out += [(f"{path.name}:header/footer", p.text)
                for p in (*s.header.paragraphs, *s.footer.paragraphs)]
    return out


@pytest.mark.parametrize(("plan_dir", "as_of"), CASES)
def test_english_outputs_have_no_chinese_but_names_and_targets(
    plan_dir: str, as_of: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # the terminal table would shorten names with "…"
    plan_csv, obs_csv = DATA / plan_dir / "plan.csv", DATA / plan_dir / "observations.csv"
    out = tmp_path / "out"
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        rc = cli.main(["evaluate", str(plan_csv), str(obs_csv), "--as-of", as_of, "--lang", "en",
                       "--out", str(out)])
    assert rc == 0
    plan = cli._read_plan(str(plan_csv), _PlanArgs())
    obs = read_observations(obs_csv, plan)
    tasks = cli._read_tasks(str(plan_csv), _PlanArgs())
    ev = evaluate(plan, obs, as_of=as_of, config=EvaluationConfig(language="en"))
    allow, allow_tasks = _allowed(ev, obs, tasks)

    items: list[tuple[str, str]] = [("terminal", buf.getvalue())]
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert any(p.suffix == ".docx" for p in files) and any(p.suffix == ".xlsx" for p in files)
    for p in files:
        if p.suffix == ".csv":
            items.append((p.name, p.read_text(encoding="utf-8-sig")))
        elif p.suffix == ".xlsx":
            items += _xlsx(p)
        elif p.suffix == ".docx":
            items += _docx(p)
    for r in ev.results:
        i = r.indicator.id
        items += [(f"summary[{i}]", r.summary("en")), (f"reason[{i}]", r.reason("en")),
                  (f"no_outlook[{i}]", R.no_outlook_text(r.no_outlook_reason, "en"))]
        if r.outlook is not None:
            items.append((f"model_reason[{i}]", r.outlook.reason("en")))
        items += [(f"note[{i}]", en) for _, en in r.classification.notes]
        a = r.adjustment
        if a is not None:
            items += [(f"adjustment[{i}]", t) for t in (a.reason_en, a.basis_en,
                                                        a.suggested("en"), a.binding_note_en or "")]
    found: dict[str, list[str]] = {}
    for where, text in items:
        task_file = where.startswith("task_assessment")
        for s in _leftovers(text, allow_tasks if task_file else allow):
            # the 附件7 lists quote a task's text in pieces (its first sentences)
            if task_file and any(s.strip("、，。；") in t for t in allow_tasks):
                continue
            found.setdefault(s, []).append(where)
    assert not found, "Chinese in English outputs:\n" + "\n".join(
        f"  {s!r} in {w[:3]}" for s, w in found.items())
