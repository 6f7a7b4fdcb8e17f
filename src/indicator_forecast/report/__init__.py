"""What officials receive: the Excel workbook, the Word documents in the prescribed layout,
and the charts.

- :func:`write_workbook` — 附件6 指标评估表, 证据, 指标调整方案, 数据缺口 (data-request form).
- :func:`write_tables_docx` — the 附件6 table and the adjustment proposal as Word tables.
- :func:`write_report_docx` — the 附件5 自评报告 in the prescribed layout.
- :func:`indicator_chart`, :func:`overview_chart`, :func:`save_charts` — charts with Chinese
  text rendered by a shipped OFL font.
- :func:`write_tasks_workbook`, :func:`write_tasks_docx` — the 附件7 main-task evaluation form.
- :func:`export_all` — all of the above into one folder, refusing to replace earlier outputs.

The writers read only the members listed in :class:`EvaluationLike`. Heavy libraries
(openpyxl, python-docx, matplotlib) are imported inside the functions.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._io import atomic_write, refuse_existing, refuse_foreign
from ._labels import labels
from ._protocol import EvaluationLike
from .charts import chart_paths, indicator_chart, overview_chart, save_charts
from .excel import write_workbook
from .tasks import write_tasks_docx, write_tasks_workbook
from .word import write_report_docx, write_tables_docx

if TYPE_CHECKING:
    from indicator_forecast.plan.tasks import TaskList

__all__ = [
    "EvaluationLike",
    "export_all",
    "indicator_chart",
    "output_paths",
    "overview_chart",
    "save_charts",
    "write_report_docx",
    "write_tables_docx",
    "write_tasks_docx",
    "write_tasks_workbook",
    "write_workbook",
]


def output_paths(ev: EvaluationLike, out_dir: str | Path, *, lang: str = "zh",
                 tasks: TaskList | None = None) -> list[Path]:  # fmt: skip
    """The files :func:`export_all` would write into ``out_dir``, in writing order.

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation to export.
    out_dir : str or Path
        The output folder.
    lang : {"zh", "en"}
        Language of the file names.
    tasks : TaskList, optional
        The task list; when given, its workbook and Word file are included.

    Returns
    -------
    list of Path
        Workbook, Word tables, Word report, chart images, task files and the CSV.
    """
    lab = _file_labels(ev, lang)
    out = Path(out_dir)
    charts = chart_paths(ev, out / lab["dir_charts"], lang)
    return [out / lab["file_workbook"], out / lab["file_tables"], out / lab["file_report"],
            *charts.values(), *(_task_paths(out, lang) if tasks is not None else []),
            out / CSV_NAME]  # fmt: skip


def _file_labels(ev: EvaluationLike, lang: str) -> dict[str, Any]:
    """The output names: the final evaluation's documents are named as such."""
    lab = dict(labels(lang))
    if getattr(ev, "is_final", False):
        lab["file_tables"] = lab["final"]["file_tables"]
        lab["file_report"] = lab["final"]["file_report"]
    return lab


CSV_NAME = "evaluation.csv"
"""The evaluation's frame as CSV (UTF-8 with BOM, so that Excel reads the Chinese)."""


def _task_paths(out: Path, lang: str) -> list[Path]:
    lab = labels(lang)["tasks"]
    return [out / lab["file_workbook"], out / lab["file_docx"]]


def _earlier_outputs(out: Path, lang: str) -> list[Path]:
    """Files in ``out`` that an earlier export may have written (any chart PNG included)."""
    lab = labels(lang)
    found = [out / lab[k] for k in ("file_workbook", "file_tables", "file_report")]
    found += [out / lab["final"][k] for k in ("file_tables", "file_report")]
    found += _task_paths(out, lang)
    found.append(out / CSV_NAME)
    charts = out / lab["dir_charts"]
    if charts.is_dir():
        found += sorted(charts.glob("*.png"))
    return [p for p in found if p.exists()]


def export_all(
    ev: EvaluationLike,
    out_dir: str | Path,
    *,
    overwrite: bool = False,
    lang: str = "zh",
    unit_name: str | None = None,
    date: _dt.date | str | None = None,
    signer: str | None = None,
    tasks: TaskList | None = None,
) -> list[Path]:
    """Write the workbook, both Word documents and the charts into ``out_dir``.

    Parameters
    ----------
    ev : EvaluationLike
        The evaluation.
    out_dir : str or Path
        The folder to write into (created if missing).
    overwrite : bool
        When False (default) and the folder already holds outputs of an earlier export,
        :class:`~indicator_forecast.exceptions.OutputExistsError` is raised naming them and
        nothing is written. When True, those files are replaced; other files are left alone.
    lang : {"zh", "en"}
        Language of the fixed texts and file names.
    unit_name, date, signer
        Passed to :func:`write_report_docx`: the unit, date and signer under the report
        (defaults: the jurisdiction, the evaluation date, no signer line).
    tasks : TaskList, optional
        The plan's main tasks; when given, the 附件7 form is written too (workbook and Word
        document, titled with ``tasks.name``).

    Returns
    -------
    list of Path
        Every file written.
    """
    lab = _file_labels(ev, lang)
    out = Path(out_dir)
    refuse_existing(_earlier_outputs(out, lang), overwrite)
    refuse_existing(output_paths(ev, out, lang=lang, tasks=tasks), overwrite)
    for path in output_paths(ev, out, lang=lang, tasks=tasks):
        refuse_foreign(path)  # before anything is written: all or nothing
    out.mkdir(parents=True, exist_ok=True)
    written = [
        write_workbook(ev, out / lab["file_workbook"], overwrite=overwrite, lang=lang),
        write_tables_docx(ev, out / lab["file_tables"], overwrite=overwrite, lang=lang),
        write_report_docx(ev, out / lab["file_report"], overwrite=overwrite, lang=lang,
                          unit_name=unit_name, date=date, signer=signer),  # fmt: skip
    ]
    written += save_charts(ev, out / lab["dir_charts"], overwrite=overwrite, lang=lang)
    if tasks is not None:
        xlsx, docx = _task_paths(out, lang)
        years = (ev.base_year, ev.target_year)
        written.append(write_tasks_workbook(tasks, xlsx, lang=lang, overwrite=overwrite,
                                            years=years))  # fmt: skip
        written.append(write_tasks_docx(tasks, docx, lang=lang, overwrite=overwrite,
                                        years=years))  # fmt: skip
    frame = ev.to_frame(lang)
    written.append(atomic_write(out / CSV_NAME,
                                lambda tmp: frame.to_csv(tmp, index=False, encoding="utf-8-sig"),
                                overwrite=overwrite))  # fmt: skip
    return written
