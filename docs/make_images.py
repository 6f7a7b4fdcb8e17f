"""Regenerate the README images from the shipped national plan: ``python docs/make_images.py``.

Writes ``docs/images/chart_indicator_12.png``, ``chart_overview.png`` and, when LibreOffice
(``soffice``) and ``pdftoppm`` are installed, ``report_page1.png`` (page 1 of the 附件5 report,
rendered with the shipped CJK font standing in for 黑体/仿宋). Replaces the three images.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

from indicator_forecast import evaluate, read_observations, read_plan
from indicator_forecast.report import export_all
from indicator_forecast.report.pdf import find_soffice, to_pdf

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"


def main() -> None:
    data = ROOT / "data" / "national-14th"
    plan = read_plan(data / "plan.csv", name="国家“十四五”规划纲要主要指标", jurisdiction="全国")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        obs = read_observations(data / "observations.csv", plan)
        ev = evaluate(plan, obs, as_of="2023-06-30", progress=False)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        export_all(ev, out)
        shutil.copy(out / "图表" / "indicator_12.png", IMAGES / "chart_indicator_12.png")
        shutil.copy(out / "图表" / "overview.png", IMAGES / "chart_overview.png")
        if find_soffice() is None or shutil.which("pdftoppm") is None:
            print("soffice or pdftoppm missing: report_page1.png left as it was")
            return
        (pdf,) = to_pdf([out / "附件5_中期评估自评报告.docx"], Path(tmp) / "pdf")
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(IMAGES / "report_page1")], check=True)
    print("wrote", sorted(p.name for p in IMAGES.iterdir()))


if __name__ == "__main__":
    main()
