"""Command line: parse, run, write, and exit non-zero when something failed.

    indicator-forecast plan PLAN                       show a parsed plan / 显示解析后的规划表
    indicator-forecast check PLAN [OBSERVATIONS]       list every input problem / 检查输入
    indicator-forecast evaluate PLAN OBSERVATIONS --as-of 2023-06-30 --out DIR
    indicator-forecast batch FOLDER --as-of 2023-06-30 --out DIR   every plan in FOLDER

A main-task table (附件3 layout) named ``tasks.csv`` or ``tasks.xlsx`` beside the plan is read
too: ``check`` validates it, ``evaluate`` and ``batch`` also write the 附件7 form.

Exit codes: 0 clean; 1 input errors (every problem listed); 2 usage; 3 refused to overwrite.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from indicator_forecast.exceptions import (
    ConfigurationError,
    InputError,
    OutputExistsError,
    RenderError,
)

EXIT_OK, EXIT_INPUT, EXIT_USAGE, EXIT_EXISTS = 0, 1, 2, 3


def _console() -> Any:
    from rich.console import Console

    return Console(soft_wrap=False)


def _print_problems(err: InputError) -> None:
    from rich.table import Table

    c = _console()
    c.print(f"[bold red]输入有误 / input errors:[/] {str(err).splitlines()[0]}")
    if err.report:
        t = Table(
            "文件 file", "行 row", "列 column", "内容 value", "应为 expected", show_lines=False
        )
        for p in err.report:
            t.add_row(
                p.source, "" if p.row is None else str(p.row), p.column or "", p.value, p.expected
            )
        c.print(t)


def _read_plan(path: str, args: argparse.Namespace) -> Any:
    from indicator_forecast.plan.reader import PLAN_META_KEYS, plan_meta, read_plan

    p = Path(path)
    meta = plan_meta(p)
    kw = {k: meta[k] for k in PLAN_META_KEYS if k in meta}
    for k in ("name", "jurisdiction", "parent"):
        if getattr(args, k, None):
            kw[k] = getattr(args, k)
    return read_plan(p, sheet=getattr(args, "sheet", None), **kw)


def _tasks_file(plan_path: Path) -> Path | None:
    """The main-task table beside the plan (tasks.csv or tasks.xlsx), if there is one."""
    found = [
        plan_path.with_name(n)
        for n in ("tasks.csv", "tasks.xlsx")
        if plan_path.with_name(n).exists()
    ]
    if len(found) > 1:
        raise InputError(
            f"{plan_path.parent}: both tasks.csv and tasks.xlsx beside the plan; keep one"
        )
    return found[0] if found else None


def _read_tasks(plan_path: str, args: argparse.Namespace) -> Any:
    """The main tasks beside the plan, or None. Their title is ``tasks_name`` of plan.json, else
    the plan's name without a trailing 主要指标 ("普陀区“十四五”规划纲要主要指标" →
    "普陀区“十四五”规划纲要")."""
    from indicator_forecast.plan import plan_meta, read_tasks

    p = Path(plan_path)
    path = _tasks_file(p)
    if path is None:
        return None
    meta = plan_meta(p)
    name = meta.get("tasks_name") or (
        getattr(args, "name", None) or meta.get("name", "")
    ).removesuffix("主要指标")
    return read_tasks(path, name=name)


def _as_of(text: str) -> Any:
    """argparse type for --as-of: a usage error (exit 2, no traceback) naming the accepted forms."""
    from indicator_forecast._dates import parse_date

    try:
        return parse_date(text)
    except ConfigurationError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _data_horizon_note(ev: Any, obs: Any) -> str | None:
    """A statement when the evaluation date lies well past the latest figure supplied."""
    frame = obs.to_frame()
    if frame.empty:
        return (
            "观测数据为空：全部指标均为数据待补充 / no figures supplied: every indicator lacks data"
        )
    latest = int(frame["year"].max())
    if ev.as_of.year - latest >= 2:
        return (
            f"注意：评估时点 {ev.as_of} 比最新数据年份 {latest} 晚 "
            f"{ev.as_of.year - latest} 年，"
            f"{latest + 1}年以后的数据尚未提供，相关指标按数据待补充处理"
            f" / note: the evaluation date "
            f"{ev.as_of} is {ev.as_of.year - latest} years after the latest figure ({latest}); the "
            f"figures after {latest} have not been supplied and count as missing"
        )
    return None


def _summary_table(ev: Any, width: int | None = None) -> None:
    """The evaluation as a table that fits the terminal (``shutil.get_terminal_size``).

    Short columns (number, figures, probability, conclusion) keep their width; the name and the
    target share what is left and are shortened with "…" only where it does not suffice. On a
    narrow terminal the target and projection columns go and the conclusion shows its letter.
    """
    import shutil

    from rich.cells import cell_len
    from rich.console import Console
    from rich.table import Table

    from indicator_forecast._format import fmt_unit
    from indicator_forecast._words import unit_label
    from indicator_forecast.report._labels import labels

    colours = {"A": "green", "B": "blue", "C": "yellow", "D": "red",
               "insufficient_data": "bright_black"}  # fmt: skip
    width = width or shutil.get_terminal_size((100, 24)).columns
    lang = getattr(ev, "language", "zh") or "zh"
    lab = labels(lang)
    gap = ("parent_synced", "relative_to_indicator", "annual_rate")
    rows: list[dict[str, str]] = []
    for _, r in ev.to_frame().iterrows():
        g = str(r["final_grade"])
        unit = "" if r["unit"] != r["unit"] else str(r["unit"])
        if r["grade"] == "insufficient_data" or r["midterm_value"] != r["midterm_value"] or (
                r["kind"] in gap):
            mid = str(r["midterm_text"])
        else:
            mid = fmt_unit(r["midterm_value"], unit) + unit_label(unit, lang).strip()
        proj = "" if r["projected_end"] != r["projected_end"] else fmt_unit(
            r["projected_end"], "个百分点" if r["kind"] in gap[:2] else unit)
        part = not (r["parent_id"] is None or r["parent_id"] != r["parent_id"])
        rows.append({
            "id": str(r["indicator_id"]), "name": ("  " if part else "") + str(r["name"]),
            "target": str(r["target_text"]), "mid": mid, "proj": proj,
            "p": "" if r["p_meet"] != r["p_meet"] else f"{r['p_meet']:.0%}",
            "grade": g, "full": str(lab["grade"].get(g, g)),
            "letter": str(lab["no_data"] if g == "insufficient_data"
                          else lab["grade_letter"].get(g, g)),
        })  # fmt: skip
    heads: dict[str, str] = lab["terminal"]["cols"]

    def natural(key: str) -> int:
        return max([cell_len(heads[key])] + [cell_len(r[key]) for r in rows])

    def layout(keys: list[str]) -> dict[str, int] | None:
        fixed = {k: natural(k) for k in keys if k not in ("name", "target")}
        room = width - 3 * len(keys) - 1 - sum(fixed.values())
        flex = [k for k in ("name", "target") if k in keys]
        need: dict[str, int] = {k: natural(k) for k in flex}
        if room < 10 * len(flex):
            return None
        if sum(need.values()) <= room:
            return {**fixed, **need}
        name = min(need["name"], max(10, room - min(need.get("target", 0), room // 3)))
        return {**fixed, "name": name, **({"target": room - name} if "target" in flex else {})}

    sizes: dict[str, int] | None = None
    for keys in (["id", "name", "target", "mid", "proj", "p", "full"],
                 ["id", "name", "target", "mid", "proj", "p", "letter"],
                 ["id", "name", "mid", "p", "letter"]):  # fmt: skip
        sizes = layout(keys)
        if sizes is not None:
            break
    if sizes is None:
        keys = ["id", "name", "letter"]
        sizes = {"id": natural("id"), "letter": natural("letter"),
                 "name": max(6, width - 10 - natural("id") - natural("letter"))}  # fmt: skip
    t = Table(title=f"{ev.plan_name} — {ev.as_of}", expand=False)
    for k in keys:
        t.add_column(heads[k], overflow="ellipsis", no_wrap=True, min_width=sizes[k],
                     max_width=sizes[k], justify="right" if k == "p" else "left")  # fmt: skip
    for r in rows:
        t.add_row(*[f"[{colours.get(r['grade'], 'white')}]{r[k]}[/]" if k in ("full", "letter")
                    else r[k] for k in keys])  # fmt: skip
    c = Console(soft_wrap=False, width=width)
    c.print(t)
    counts = ev.counts()
    c.print(lab["terminal"]["total"].format(items=lab["terminal"]["total_sep"].join(
        f"{lab['grade_letter'].get(k, k)} {v}" for k, v in counts.items())))


def _files_summary(out: Any, written: list[Any], lang: str = "zh") -> None:
    """Where the outputs are: the folder, the documents by name, and the charts as a count."""
    from pathlib import Path

    from indicator_forecast.report._labels import labels

    t = labels(lang)["terminal"]
    out = Path(out)
    docs = [Path(p) for p in written if Path(p).suffix != ".png"]
    charts = [Path(p) for p in written if Path(p).suffix == ".png"]
    print(t["written"].format(n=len(written), folder=out.resolve()))
    for p in docs:
        print(f"  {p.relative_to(out) if p.is_relative_to(out) else p}")
    if charts:
        folder = charts[0].parent
        shown = folder.relative_to(out) if folder.is_relative_to(out) else folder
        print(t["charts"].format(folder=shown, n=len(charts)))


def _stretch_text(target: Any, lang: str) -> str | None:
    """A '力争' stretch target in words: its number with the unit, or the clause as written."""
    if target.aspiration is None:
        return None
    if target.aspiration_value is None:
        return (
            f"{target.aspiration}（文字，无数值）" if lang == "zh"
            else f"stretch target in words, no number: {target.aspiration}"
        )
    from indicator_forecast._format import fmt_unit

    value = fmt_unit(target.aspiration_value, target.unit)
    unit = target.unit or ""
    return f"力争 {value}{unit}" if lang == "zh" else f"stretch target {value} {unit}".rstrip()


def plan_listing(plan: Any, lang: str = "zh") -> str:
    """The parsed plan as the ``plan`` sub-command prints it, one line an indicator.

    Parameters
    ----------
    plan : Plan
        The plan read.
    lang : {"zh", "en"}
        The language of the words around the plan's own texts.

    Returns
    -------
    str
        A title line, then for each indicator (parts indented) its number, name and unit, the
        target as written, the kind it was read as, the direction, the attribute, the
        departments, and a '力争' stretch target where there is one ("力争 3%").
    """
    zh = lang == "zh"
    years = f"{plan.base_year + 1}–{plan.target_year}"
    lines = [
        f"{plan.name}（{plan.jurisdiction or '—'}，{years}）：{len(plan)} 项指标" if zh
        else f"{plan.name} ({plan.jurisdiction or '—'}, {years}): {len(plan)} indicators"
    ]
    for ind in plan.all_indicators():
        t = ind.target
        pad = "    " if ind.parent_id else "  "
        kind = t.label_zh if zh else t.label_en
        better = (
            {"higher": "越高越好", "lower": "越低越好"} if zh
            else {"higher": "higher is better", "lower": "lower is better"}
        )[t.direction]
        attribute = ind.attribute if zh else {"预期性": "expected", "约束性": "binding"}.get(
            ind.attribute, ind.attribute
        )
        depts = "、".join(ind.departments) or "—"
        line = f"{pad}{ind.id:>4} {ind.label} | {t.text} -> {kind or t.kind} [{better}] " \
            f"{attribute} | {depts}"
        stretch = _stretch_text(t, lang)
        lines.append(line + (f" | {stretch}" if stretch else ""))
    return "\n".join(lines)


def _cmd_plan(args: argparse.Namespace) -> int:
    plan = _read_plan(args.plan, args)
    print(plan_listing(plan, args.lang))
    for n in plan.notes:
        print(f"注 / note: {n}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from indicator_forecast import read_observations
    from indicator_forecast.exceptions import ProblemReport

    errors: list[InputError] = []
    plan = tasks = None
    for what in ("plan", "tasks"):
        try:
            if what == "plan":
                plan = _read_plan(args.plan, args)
            else:
                tasks = _read_tasks(args.plan, args)
        except InputError as err:
            errors.append(err)
    if errors:  # the plan's and the tasks' problems together
        if len(errors) == 1:
            raise errors[0]
        heads = "; ".join(str(e).splitlines()[0] for e in errors)
        raise InputError(heads, ProblemReport(tuple(p for e in errors for p in e.report)))
    assert plan is not None
    print(f"规划表 / plan: {len(plan)} indicators read without problems ({args.plan})")
    if tasks is not None:
        print(f"主要任务 / tasks: {tasks.summary('en')} ({tasks.source})")
    if args.observations:
        obs = read_observations(args.observations, plan)
        print(f"观测数据 / observations: {obs.summary()}")
    return EXIT_OK


#: Sub-folder of the output folder for the request forms of ``--forms``.
FORMS_FOLDER = "数据征集表"


def _evaluate_one(plan_path: str, obs_path: str, args: argparse.Namespace, out: Path | None) -> int:
    from indicator_forecast import read_observations
    from indicator_forecast.config import EvaluationConfig
    from indicator_forecast.evaluate import evaluate

    plan = _read_plan(plan_path, args)
    tasks = _read_tasks(plan_path, args)
    obs = read_observations(obs_path, plan)
    config = EvaluationConfig(language=args.lang)
    ev = evaluate(plan, obs, as_of=args.as_of, config=config)
    return _report_one(ev, obs, tasks, args, out)


def _report_one(ev: Any, obs: Any, tasks: Any, args: argparse.Namespace, out: Path | None) -> int:
    """Print one evaluation's summary and write its outputs under ``out`` (evaluate, batch)."""
    _summary_table(ev)
    note = _data_horizon_note(ev, obs)
    if note:
        print(note)
    if tasks is not None:
        from indicator_forecast.report._labels import labels

        print(labels(args.lang)["terminal"]["tasks"].format(summary=tasks.summary(args.lang)))
    if out is not None:
        from indicator_forecast.report import export_all

        written = export_all(
            ev, out, overwrite=args.overwrite, lang=args.lang, tasks=tasks,
            unit_name=args.unit, date=args.report_date, signer=args.signer,
        )
        _files_summary(out, written, args.lang)
        if args.pdf:
            from indicator_forecast.report.pdf import write_pdfs

            pdfs = write_pdfs([p for p in written if Path(p).suffix == ".docx"],
                              overwrite=args.overwrite)  # fmt: skip
            print(f"写出PDF / PDF copies ({len(pdfs)}): " + "、".join(p.name for p in pdfs))
        if args.forms:
            from indicator_forecast.collect import make_forms

            forms = make_forms(ev.plan, obs, ev.as_of, out / FORMS_FOLDER, missing_only=True,
                               overwrite=args.overwrite)  # fmt: skip
            print(f"写出仍缺数据的征集表 / forms for the figures still missing ({len(forms)}) "
                  f"under {out / FORMS_FOLDER}")  # fmt: skip
    return EXIT_OK


def _cmd_evaluate(args: argparse.Namespace) -> int:
    return _evaluate_one(args.plan, args.observations, args, Path(args.out) if args.out else None)


def _cmd_batch(args: argparse.Namespace) -> int:
    """Evaluate every FOLDER/*/plan.csv at one date with :func:`evaluate_many`.

    Each plan's summary and outputs are those of ``evaluate`` (under OUT/<folder name>/), and
    OUT/batch.csv holds every plan's rows with a ``plan`` column (the folder name).
    """
    from indicator_forecast import read_observations
    from indicator_forecast.config import EvaluationConfig
    from indicator_forecast.evaluate import has_begun
    from indicator_forecast.evaluate.many import evaluate_many

    folder = Path(args.folder)
    plans = sorted(p for p in folder.glob("*/plan.csv")) + sorted(folder.glob("*/plan.xlsx"))
    if not plans:
        print(f"{folder}: no */plan.csv or */plan.xlsx found", file=sys.stderr)
        return EXIT_USAGE
    as_of = args.as_of  # a date already (argparse type _as_of)
    status = EXIT_OK
    items: list[tuple[str, Any, Any]] = []
    beside: dict[str, tuple[Any, Any, Path | None]] = {}
    for plan_path in plans:
        obs_path = next(
            (
                plan_path.with_name(n)
                for n in ("observations.csv", "observations.xlsx")
                if plan_path.with_name(n).exists()
            ),
            None,
        )
        if obs_path is None:
            print(f"{plan_path.parent}: no observations.csv beside the plan", file=sys.stderr)
            status = EXIT_INPUT
            continue
        name = plan_path.parent.name
        out = Path(args.out) / name if args.out else None
        try:  # every plan's input problems are reported before anything is evaluated
            plan = _read_plan(str(plan_path), args)
            tasks = _read_tasks(str(plan_path), args)
            obs = read_observations(obs_path, plan)
        except InputError as err:
            _print_problems(err)
            status = EXIT_INPUT
            continue
        if not has_begun(plan, as_of):
            # a plan not yet begun is not an error of a batch over plans of several periods
            print(f"{name}: 评估时点 {as_of} 早于规划期第一年（{plan.base_year + 1}年），本次不评估"
                  f" / skipped: the evaluation date is before the plan's first year "
                  f"{plan.base_year + 1}")
            continue
        items.append((name, plan, obs))
        beside[name] = (obs, tasks, out)
    if not items and status == EXIT_OK:
        print(f"{folder}: 没有可在 {as_of} 评估的规划 / no plan can be evaluated at {as_of}",
              file=sys.stderr)
        return EXIT_USAGE

    def report(name: str, ev: Any) -> None:
        obs, tasks, out = beside[name]
        _report_one(ev, obs, tasks, args, out)

    frame = evaluate_many(items, as_of=args.as_of, config=EvaluationConfig(language=args.lang),
                          on_evaluation=report)
    if args.out and items:
        from indicator_forecast.report._io import atomic_write, refuse_foreign

        table = Path(args.out) / "batch.csv"
        refuse_foreign(table)  # the rule of every output: only a file of ours is replaced
        atomic_write(
            table,
            lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig"),
            overwrite=args.overwrite,
        )
        print(f"写出 / written {table} ({len(items)} plans, {len(frame)} rows)")
    return status


def _cmd_replay(args: argparse.Namespace) -> int:
    """Replay an earlier plan at its mid-term and write replay.csv/.xlsx and the chart."""
    from indicator_forecast.evaluate.replay import replay, write_replay

    plan = _read_plan(args.plan, args)
    result = replay(plan, args.observations, mid_term=args.mid_term)
    print(result.summary())
    if args.out:
        for path in write_replay(result, args.out):
            print(f"写出 / wrote {path}")
    return EXIT_OK


def _cmd_forms(args: argparse.Namespace) -> int:
    from indicator_forecast import read_observations
    from indicator_forecast.collect import make_forms

    plan = _read_plan(args.plan, args)
    obs = read_observations(args.observations, plan) if args.observations else None
    written = make_forms(
        plan, obs, args.as_of, Path(args.out), missing_only=args.missing_only,
        deadline=args.deadline, contact=args.contact, overwrite=args.overwrite,
    )
    what = "仍缺数据的" if args.missing_only else ""
    print(f"写出{what}数据征集表 / forms written ({len(written)}) under {args.out}:")
    for p in written:
        print(f"  {p}")
    return EXIT_OK


def _cmd_collect(args: argparse.Namespace) -> int:
    from indicator_forecast.collect import collect

    plan = _read_plan(args.plan, args)
    res = collect(plan, args.returned, out=args.out, previous=args.previous, as_of=args.as_of)
    c = _console()
    from rich.table import Table

    t = Table(
        "部门", "报送", "已填", "未填", "仍缺必填", "问题", "冲突", title="征集情况 / returns"
    )
    for _, r in res.summary.iterrows():
        t.add_row(*(str(r[k]) for k in ("部门", "是否报送", "已填", "未填（待定等）", "仍缺必填项",
                                        "问题", "冲突")))
    c.print(t)
    print(f"{len(res.observations)} figures; {len(res.changes)} changed; "
          f"{len(res.reminders)} still missing (催报)")
    for p in res.written:
        print(f"  {p}")
    if res.problems:
        _print_problems(InputError("征集表中有问题 / problems in the returned forms", res.problems))
        return EXIT_INPUT
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Build the ``indicator-forecast`` argument parser with its seven sub-commands.

    Returns
    -------
    argparse.ArgumentParser
        The parser; each sub-command sets ``func`` to the function that runs it, which takes
        the parsed namespace and returns the exit code.
    """
    p = argparse.ArgumentParser(
        prog="indicator-forecast",
        description="规划指标中期评估 / Mid-term evaluation of Five-Year-Plan indicators.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    def plan_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--sheet", help="Excel 工作表名 / sheet name (default: the first)")
        sp.add_argument("--name", help="规划名称 / plan title")
        sp.add_argument("--jurisdiction", help="行政区 / jurisdiction, e.g. 普陀区")
        sp.add_argument("--parent", help="上级 / parent jurisdiction short name (default 市)")

    sp = sub.add_parser("plan", help="显示解析后的规划表 / show a parsed plan")
    sp.add_argument("plan", help="规划指标表 (.xlsx/.csv) / plan table")
    plan_opts(sp)
    sp.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言 / output language")
    sp.set_defaults(func=_cmd_plan)

    sp = sub.add_parser(
        "check", help="检查输入并列出全部问题 / validate inputs and list every problem"
    )
    sp.add_argument("plan")
    sp.add_argument("observations", nargs="?", help="观测数据 / observed figures")
    plan_opts(sp)
    sp.set_defaults(func=_cmd_check)

    def eval_opts(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--as-of",
            required=True,
            type=_as_of,
            help="评估时点 / evaluation date: 2023-06-30, 2023/6/30, 2023年6月30日",
        )
        sp.add_argument("--unit", help="报告落款单位 / reporting unit (default: the jurisdiction)")
        sp.add_argument(
            "--report-date",
            help="报告落款日期，按原样印出 / date printed under the unit (default: the evaluation "
            "date)",
        )
        sp.add_argument("--signer", help="签发人 / signer printed under the unit (default: none)")
        sp.add_argument("--out", help="输出文件夹 / output folder")
        sp.add_argument(
            "--overwrite",
            action="store_true",
            help="允许覆盖已有输出 / allow replacing earlier outputs",
        )
        sp.add_argument(
            "--lang", choices=("zh", "en"), default="zh", help="输出语言 / output language"
        )
        sp.add_argument(
            "--pdf",
            action="store_true",
            help="同时用 LibreOffice 生成 Word 文档的 PDF 版（中文用随附字体）/ also render the "
            "Word documents to PDF with LibreOffice (Chinese in the shipped font)",
        )
        sp.add_argument(
            "--forms",
            action="store_true",
            help=f"同时写出仍缺数据的征集表（OUT/{FORMS_FOLDER}/）/ also write request forms for "
            "the figures still missing",
        )

    sp = sub.add_parser(
        "evaluate", help="评估并写出表格、报告和图表 / evaluate and write tables, report, charts"
    )
    sp.add_argument("plan")
    sp.add_argument("observations")
    plan_opts(sp)
    eval_opts(sp)
    sp.set_defaults(func=_cmd_evaluate)

    sp = sub.add_parser(
        "batch",
        help="评估文件夹中的全部规划 / evaluate every FOLDER/*/plan.csv with its observations.csv",
    )
    sp.add_argument("folder")
    eval_opts(sp)
    sp.set_defaults(func=_cmd_batch, sheet=None, name=None, jurisdiction=None, parent=None)

    sp = sub.add_parser(
        "replay",
        help="回放以往规划的中期评估并与期末结果对照 / replay an earlier plan's mid-term "
        "against its outcome",
    )
    sp.add_argument("plan")
    sp.add_argument("observations")
    plan_opts(sp)
    sp.add_argument(
        "--mid-term",
        required=True,
        type=_as_of,
        help="回放的中期评估时点 / mid-term date replayed, e.g. 2018-06-30",
    )
    sp.add_argument("--out", help="输出文件夹 / output folder")
    sp.set_defaults(func=_cmd_replay)

    sp = sub.add_parser(
        "forms", help="生成各部门数据征集表 / write one data-collection form per department"
    )
    sp.add_argument("plan")
    sp.add_argument("--observations", help="已掌握的数据，预填为“已有（请核对）” / figures held")
    sp.add_argument("--as-of", required=True, type=_as_of, help="评估时点 / evaluation date")
    sp.add_argument("--out", required=True, help="输出文件夹 / output folder")
    sp.add_argument(
        "--missing-only", action="store_true", help="只列仍缺的数据 / only what is still missing"
    )
    sp.add_argument("--deadline", help="报送时间 / deadline printed in 填报说明")
    sp.add_argument("--contact", help="咨询联系人 / whom to ask, printed in 填报说明")
    sp.add_argument("--overwrite", action="store_true", help="允许覆盖 / replace earlier forms")
    plan_opts(sp)
    sp.set_defaults(func=_cmd_forms)

    sp = sub.add_parser(
        "collect", help="读回各部门填报的征集表 / read returned forms into one observations table"
    )
    sp.add_argument("plan")
    sp.add_argument(
        "returned", nargs="+", help="填报后的征集表或文件夹 / returned forms or folders"
    )
    sp.add_argument("--out", required=True, help="观测数据表 .csv/.xlsx / observations table")
    sp.add_argument("--previous", help="上一轮的观测数据表 / figures held before this round")
    sp.add_argument("--as-of", type=_as_of, help="评估时点 (默认取征集表所载) / evaluation date")
    plan_opts(sp)
    sp.set_defaults(func=_cmd_collect)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command line and turn the package's errors into messages and exit codes.

    Parameters
    ----------
    argv : sequence of str or None, default None
        The arguments after the program name; None reads ``sys.argv[1:]``.

    Returns
    -------
    int
        The exit code: 0 clean (``EXIT_OK``), 1 input errors, every problem listed, or PDF
        copies that could not be rendered (``EXIT_INPUT``), 2 usage or configuration error
        (``EXIT_USAGE``), 3 refused to overwrite an earlier output (``EXIT_EXISTS``).
        Argument errors found by :mod:`argparse` exit with 2 through ``SystemExit``.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as err:
        _print_problems(err)
        return EXIT_INPUT
    except ConfigurationError as err:
        print(f"用法错误 / usage error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except OutputExistsError as err:
        print(
            f"拒绝覆盖 / refusing to overwrite: {err}\n(use --overwrite / 使用 --overwrite "
            f"允许覆盖)",
            file=sys.stderr,
        )
        return EXIT_EXISTS
    except RenderError as err:  # the other outputs are written; only the PDF copies are not
        print(f"未生成PDF / no PDF: {err}", file=sys.stderr)
        return EXIT_INPUT


if __name__ == "__main__":
    sys.exit(main())
