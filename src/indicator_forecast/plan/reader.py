"""Read a plan's indicator table as officials write it (the seed's 附件2 layout).

Columns (Chinese or English headers; the header row may follow title rows):
类别 | 序号 | 指标 | 单位 | 目标值 (2021-2025) | 责任部门 | 指标属性, optionally 基期值 (2020) and
方向. Category cells left blank under a merged cell mean "same as above"; rows without a 序号
right under an indicator are the parts of a composite target; a department cell may name
several departments separated by 、 , ; / or spaces. Every problem in the table is collected
and raised together in one :class:`~indicator_forecast.exceptions.PlanError`.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from indicator_forecast import _generations as gen
from indicator_forecast._io import TableRows, clean_header, locate_header, read_raw_table
from indicator_forecast._typing import Direction
from indicator_forecast.exceptions import (
    InputError,
    PlanError,
    PlanPeriodWarning,
    Problem,
    ProblemReport,
    TargetParseError,
)
from indicator_forecast.plan.indicator import Indicator, Plan
from indicator_forecast.plan.parser import normalise_text, parse_target
from indicator_forecast.plan.targets import (
    CompositePart,
    CompositeTarget,
    EndLevelTarget,
)

PLAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "category": ("类别", "分类", "领域", "category"),
    "id": ("序号", "编号", "no", "id", "indicator_id"),
    "name": ("指标", "指标名称", "indicator", "name"),
    "unit": ("单位", "计量单位", "unit"),
    "target": (
        "目标值",
        "规划目标",
        "“十四五”规划目标",
        "2025年目标",
        "目标",
        "target_text",
        "target",
    ),
    "departments": ("责任部门", "牵头部门", "责任单位", "牵头单位", "departments"),
    "attribute": ("指标属性", "属性", "attribute"),
    "baseline": ("基期值", "基数", "2020年", "baseline_2020", "baseline"),
    "direction": ("方向", "direction"),
}
# Any plan's spellings of the period-bearing headers: "“十五五”规划目标", "2030年目标",
# "2025年基数" (the 14th plan's "2020年" for the base value stays as it was).
_GEN_WORDS = [gen.word(n) for n in range(10, 21)]
_YEARS = range(2000, 2061)
PLAN_COLUMNS["target"] = (
    *PLAN_COLUMNS["target"],
    *(f"“{w}”规划目标" for w in _GEN_WORDS), *(f"{w}规划目标" for w in _GEN_WORDS),
    *(f"{y}年目标" for y in _YEARS), *(f"{y}年规划目标" for y in _YEARS),
)
PLAN_COLUMNS["baseline"] = (
    *PLAN_COLUMNS["baseline"],
    *(f"{y}年{w}" for y in _YEARS for w in ("基期值", "基数", "基期")),
)
REQUIRED_PLAN_COLUMNS = ("id", "name", "unit", "target", "attribute")

_DEPT_SEP = r"[、,，;；/／\s]"
_STRAY = re.compile(r"^\s*[、,，;；/／]|[、,，;；/／]\s*$|[、,，;；/／]\s*[、,，;；/／]")
_ATTRIBUTES = {"预期性": "预期性", "预期": "预期性", "expected": "预期性", "约束性": "约束性",
               "约束": "约束性", "binding": "约束性"}
_DIRECTIONS: dict[str, Direction] = {
    "higher": "higher",
    "越高越好": "higher",
    "正向": "higher",
    "越大越好": "higher",
    "lower": "lower",
    "越低越好": "lower",
    "逆向": "lower",
    "负向": "lower",
    "越小越好": "lower",
    "越多越好": "higher",
    "越少越好": "lower",
    "高": "higher",
    "低": "lower",
    "↑": "higher",
    "↓": "lower",
}


def split_departments(text: str | None) -> tuple[str, ...]:
    """Split a department cell naming one or several departments.

    Parameters
    ----------
    text : str or None
        The cell text, departments separated by 、, commas, semicolons, slashes or spaces.

    Returns
    -------
    tuple of str
        The department names in order; empty for an empty cell.
    """
    if not text:
        return ()
    return tuple(d for d in re.split(_DEPT_SEP + "+", text.strip()) if d)


def _plan_years(header_cells: list[str]) -> tuple[int, int] | None:
    for c in header_cells:
        m = re.search(r"(20\d\d)\s*[-–—~～至到]\s*(20\d\d)", c)
        if m:
            return int(m.group(1)) - 1, int(m.group(2))
    return None


def read_plan(
    path: str | Path,
    *,
    sheet: str | int | None = None,
    name: str | None = None,
    jurisdiction: str = "",
    parent: str = "市",
    base_year: int | None = None,
    target_year: int | None = None,
    band_tolerance: float | None = None,
    encoding: str | None = None,
    indicators_in_plan: int | None = None,
) -> Plan:
    """Read a plan table (.xlsx or .csv in UTF-8 or GBK) into a :class:`Plan`.

    Parameters
    ----------
    path : str or Path
        The plan table.
    sheet : str or int, optional
        The Excel sheet (the first by default).
    name : str, optional
        The plan's title; by default the file name.
    jurisdiction : str
        Whose plan it is (e.g. "普陀区").
    parent : str
        The parent jurisdiction's short name, for "与市保持同步" and "完成市下达目标".
    base_year, target_year : int, optional
        The plan period; by default read from a header such as "目标值 2021-2025 年" or
        "“十五五”规划目标", else from the generation in ``name`` ("…“十五五”规划…"), else 2020
        and 2025 with a :class:`~indicator_forecast.exceptions.PlanPeriodWarning` and a note.
    band_tolerance : float, optional
        Half-width of "左右" bands (see :func:`parse_target`).
    encoding : str, optional
        A CSV's encoding; by default UTF-8, then GB18030 (a superset of GBK).
    indicators_in_plan : int, optional
        How many main indicators the plan sets when the table lists only some of them
        (``plan.json``'s ``indicators_in_plan``); at least the number of indicators read.

    Returns
    -------
    Plan

    Raises
    ------
    PlanError
        Listing every problem found (row, column, cell text, what was expected).
    """
    try:
        raw, label = read_raw_table(path, sheet=sheet, encoding=encoding)
    except InputError as exc:
        raise PlanError(str(exc).splitlines()[0], exc.report) from None
    try:
        header_row, cols = locate_header(raw, PLAN_COLUMNS, REQUIRED_PLAN_COLUMNS, label)
    except InputError as exc:
        raise PlanError(str(exc).splitlines()[0], exc.report) from None
    header_cells = [clean_header(c) for c in raw.iloc[header_row].tolist()]
    years = _plan_years(header_cells)
    target_only = None
    if years is None:
        # "“十五五”规划目标" in the header, or the generation in the plan's name; else
        # "2030年目标", the target year alone (the base five years before, said below)
        n = gen.number_of_word(" ".join(header_cells)) or gen.number_of_word(name or "")
        if n is not None:
            years = (gen.first_year(n) - 1, gen.first_year(n) + 4)
        else:
            target_only = next((int(m.group(1)) for c in header_cells
                                if (m := re.search(r"(20\d\d)年(?:规划)?目标", c))), None)
            target_year = target_year if target_year is not None else target_only
    period_assumed = years is None and (base_year is None or target_year is None)
    t = target_year if target_year is not None else (years[1] if years else 2025)
    b = base_year if base_year is not None else (years[0] if years else t - 5)
    table = TableRows(raw, label, header_row, cols)
    header_names, problems, get, problem = (
        table.header_names,
        table.problems,
        table.get,
        table.problem,
    )

    notes: list[str] = []
    if period_assumed:
        stated = (f"表头只注明目标年（{t}年），按五年规划期" if target_only is not None
                  else "表头、规划名称和参数均未注明规划期，按")
        said = (f"{label}: {stated}{b + 1}—{t}年评估；如不是，"
                "请在表头写明（如“目标值 2026-2030 年”）或在 plan.json 中给出 base_year、"
                f"target_year / the plan period is not stated: {b + 1}–{t} assumed")
        notes.append(said)
        warnings.warn(said, PlanPeriodWarning, stacklevel=2)
    top: list[dict[str, Any]] = []
    seen_ids: dict[str, int] = {}
    category: str | None = None

    for rownum, row in table:
        if [clean_header(c) for c in row.tolist()] == header_cells:
            continue  # a header repeated on a new page
        category = get(row, "category") or category
        rid, rname, unit = get(row, "id"), get(row, "name"), get(row, "unit")
        target_text, attr_text = get(row, "target"), get(row, "attribute")
        dept_text = get(row, "departments")

        if rid is None:
            # A part of a composite: no 序号, right under an indicator, a number as target.
            if (
                top
                and rname
                and target_text
                and re.fullmatch(r"\d+(?:\.\d+)?%?", normalise_text(target_text))
            ):
                top[-1]["parts"].append(
                    dict(
                        name=rname, target=target_text, unit=unit, departments=dept_text, row=rownum
                    )
                )
            else:
                problem(
                    rownum,
                    "id",
                    rid,
                    "a 序号 (indicator number); only the parts of a composite indicator, right "
                    "under it, may leave it blank",
                )
            continue
        rid = normalise_text(rid).removesuffix(".0")
        if rid in seen_ids:
            problem(
                rownum, "id", rid, f"a unique 序号; {rid!r} is already used in row {seen_ids[rid]}"
            )
        seen_ids.setdefault(rid, rownum)
        if not rname:
            problem(rownum, "name", rname, "the indicator's name")
        if not unit:
            problem(
                rownum,
                "unit",
                unit,
                "a unit such as %, 亿元, 个 (write 无 if the indicator has none)",
            )
        attribute = _ATTRIBUTES.get(normalise_text(attr_text or "").lower())
        if attribute is None:
            problem(rownum, "attribute", attr_text, "预期性 or 约束性")
        departments = split_departments(dept_text)
        if dept_text and _STRAY.search(dept_text):
            problem(
                rownum,
                "departments",
                dept_text,
                "department names separated by 、 , ; / or spaces, with no empty entry between "
                "separators",
            )
        direction = None
        dir_text = get(row, "direction")
        if dir_text:
            direction = _DIRECTIONS.get(normalise_text(dir_text).lower())
            if direction is None:
                problem(
                    rownum, "direction", dir_text,
                    "higher/lower (越高越好/越低越好, 正向/逆向); it overrides the name's rule",
                )
        baseline = None
        base_text = get(row, "baseline")
        if base_text:
            try:
                baseline = float(normalise_text(base_text).replace(",", ""))
            except ValueError:
                problem(
                    rownum, "baseline", base_text, "a number (the base-year value) or an empty cell"
                )
        target = None
        if not target_text:
            problem(
                rownum, "target", target_text, "a target text such as '累计 1400', '3-5', '>84'"
            )
        else:
            try:
                target = parse_target(
                    target_text, unit=unit, name=rname, direction=direction, base_year=b,
                    target_year=t, band_tolerance=band_tolerance,
                )
            except TargetParseError as exc:
                problem(rownum, "target", target_text, exc.reason)
            except ValidationError as exc:
                problem(rownum, "target", target_text, "; ".join(e["msg"] for e in exc.errors()))
        top.append(dict(
            id=rid, name=rname or "", unit=(unit if unit != "无" else "") or "", target=target,
            attribute=attribute, departments=departments, category=category, baseline=baseline,
            row=rownum, parts=[],
        ))

    indicators: list[Indicator] = []
    for rec in top:
        parts = rec.pop("parts")
        target = rec["target"]
        if target is None or rec["attribute"] is None:
            continue
        if parts:
            if not isinstance(target, (EndLevelTarget, CompositeTarget)):
                problems.append(
                    Problem(
                        label,
                        parts[0]["row"],
                        header_names.get("name"),
                        parts[0]["name"],
                        f"a part under an end-level target; indicator {rec['id']} has a "
                        f"{target.kind} target",
                    )
                )
                continue
            cparts = []
            for p in parts:
                v = float(normalise_text(p["target"]).rstrip("%"))
                cparts.append(
                    CompositePart(
                        name=p["name"],
                        low=v,
                        high=v,
                        departments=split_departments(p["departments"]) or rec["departments"],
                    )
                )
            target = CompositeTarget(
                **{**target.model_dump(exclude={"kind", "parts"}), "parts": tuple(cparts)}
            )
        part_inds: list[Indicator] = []
        if isinstance(target, CompositeTarget):
            if target.low is not None and abs(target.parts_sum - target.low) > 1e-9:
                notes.append(
                    f"indicator {rec['id']}: the parts add up to {target.parts_sum:g}, the whole "
                    f"is {target.low:g}"
                )
            for k, part in enumerate(target.parts, start=1):
                part_target = EndLevelTarget(
                    text=f"{part.low:g}", low=part.low, high=part.high, unit=rec["unit"],
                    direction=target.direction, base_year=b, target_year=t,
                )
                part_inds.append(Indicator(
                    id=f"{rec['id']}.{k}", name=part.name, unit=rec["unit"], target=part_target,
                    attribute=rec["attribute"], departments=part.departments or rec["departments"],
                    category=rec["category"], row=parts[k - 1]["row"] if parts else rec["row"],
                    parent_id=rec["id"],
                ))
        indicators.append(Indicator(**{**rec, "target": target, "parts": tuple(part_inds)}))

    if problems:
        raise PlanError(
            f"{label}: the plan table has {len(problems)} problem(s)",
            ProblemReport(tuple(problems)),
        )
    if not indicators:
        raise PlanError(
            f"{label}: the table has a header row but no indicator under it / 表中只有表头，"
            "没有指标行",
            ProblemReport((Problem(
                label, header_row + 2, None, "",
                "at least one indicator row under the header / 表头下至少一行指标",
            ),)),
        )
    if indicators_in_plan is not None and (
        isinstance(indicators_in_plan, bool) or not isinstance(indicators_in_plan, int)
        or indicators_in_plan < len(indicators)
    ):
        raise PlanError(
            f"{label}: indicators_in_plan (the number of main indicators the plan sets, in "
            f"plan.json) must be a whole number of at least the {len(indicators)} indicators "
            f"the table lists, got {indicators_in_plan!r} / 规划确定的主要指标数应为不少于表中"
            f"{len(indicators)}项的整数"
        )
    return Plan(
        name=name or Path(path).stem, jurisdiction=jurisdiction, parent=parent, base_year=b,
        target_year=t, indicators=tuple(indicators), source=str(path), notes=tuple(notes),
        indicators_in_plan=indicators_in_plan,
    )


PLAN_META_KEYS = ("name", "jurisdiction", "parent", "base_year", "target_year", "band_tolerance",
                  "indicators_in_plan")


def plan_meta(plan_path: str | Path) -> dict[str, Any]:
    """The optional ``plan.json`` beside a plan table; ``{}`` if there is none.

    Parameters
    ----------
    plan_path : str or Path
        The plan table; ``plan.json`` is looked for in its folder.

    Returns
    -------
    dict
        The file's object: :data:`PLAN_META_KEYS` are :func:`read_plan`'s keywords, other keys
        (``tasks_name`` …) are read by whoever needs them.

    Raises
    ------
    PlanError
        If ``plan.json`` is not a JSON object, naming the file and the place.
    """
    import json

    meta = Path(plan_path).with_name("plan.json")
    if not meta.exists():
        return {}
    try:
        value = json.loads(meta.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PlanError(f"{meta}: not readable as JSON in UTF-8 ({exc})") from None
    if not isinstance(value, dict):
        raise PlanError(f"{meta}: expected a JSON object such as {{\"name\": …}}, got "
                        f"{type(value).__name__}")
    return value


def read_plan_folder(folder: str | Path, **overrides: Any) -> Plan:
    """Read the plan of a folder as the CLI does: ``plan.csv`` or ``plan.xlsx`` and ``plan.json``.

    Parameters
    ----------
    folder : str or Path
        A plan's folder (as shipped under ``data/``).
    **overrides
        :func:`read_plan` keywords that take precedence over ``plan.json``.

    Returns
    -------
    Plan

    Raises
    ------
    PlanError
        If the folder holds no plan table or both, or the plan cannot be read.
    """
    folder = Path(folder)
    found = [folder / n for n in ("plan.csv", "plan.xlsx") if (folder / n).exists()]
    if len(found) != 1:
        raise PlanError(f"{folder}: expected one plan table (plan.csv or plan.xlsx), found "
                        f"{len(found)}")
    meta = plan_meta(found[0])
    kw = {k: meta[k] for k in PLAN_META_KEYS if k in meta}
    kw.update({k: v for k, v in overrides.items() if v is not None})
    return read_plan(found[0], **kw)
