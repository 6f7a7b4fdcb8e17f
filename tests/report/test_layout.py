"""Numbers by unit, sources, the evidence sheet, table layout, the terminal summary, and (slow)
the page counts of the rendered documents. Reference values are worked by hand."""

from __future__ import annotations

import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from indicator_forecast._format import excel_format, fmt_figure, fmt_unit, round_unit
from indicator_forecast.report._sources import classify_source

from .shipped import part_one, shipped


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (1383.333, "亿元", "1383.3"),      # 亿元: one decimal
    (65.2249, "%", "65.22"),           # %: two decimals
    (65.0, "%", "65"),                 # trailing zeros dropped
    (3.149, "人", "3.15"),             # 人 has none, but below 10 two decimals
    (12345.6, "人", "12346"),          # a head count: whole
    (0.01234, "人/亿元", "0.012"),      # below 1: two significant digits (3 decimals)
    (78.24, "岁", "78.2"),
    (350.04, "万平方米", "350"),
    (-0.0001, "%", "-0.0001"),         # never rounded to 0 because it is small
])  # fmt: skip
def test_fmt_unit_rule_table(value, unit, shown):
    assert fmt_unit(value, unit) == shown


@pytest.mark.parametrize(("value", "unit", "shown"), [
    (10.93, "年", "10.93"),             # a published figure keeps its own decimals (rule: 1)
    (78.2, "岁", "78.2"),
    (1383.35, "亿元", "1383.35"),
    (12345.0, "人", "12345"),
    (6.8655, "亿吨", "6.87"),            # two decimals beyond the rule: a conversion's tail
    (2.123456, "%", "2.12"),
])  # fmt: skip
def test_fmt_figure_keeps_the_figures_own_decimals(value, unit, shown):
    assert fmt_figure(value, unit) == shown


def test_a_published_figure_is_stated_as_published_in_the_report():
    # national-14th observations: 劳动年龄人口平均受教育年限 2022 = 10.93 年 (the 年 rule shows 1)
    text = "\n".join(part_one(shipped("national-14th"), "zh"))
    assert "劳动年龄人口平均受教育年限2022年为10.93年" in text


def test_missing_and_excel_formats():
    assert fmt_unit(None, "%") == ""
    assert fmt_unit(float("nan"), "%", missing="数据待补充") == "数据待补充"
    assert excel_format(65.22, "%") == "0.00"
    assert excel_format(1400.0, "亿元") == "0"
    assert excel_format(1383.33, "亿元") == "0.0"
    assert round_unit(1383.333, "亿元") == pytest.approx(1383.3)


@pytest.mark.parametrize(("url", "kind"), [
    ("https://www.stats.gov.cn/sj/zxfb/202302/t20230228_1919011.html", "official"),
    ("http://tjj.sh.gov.cn/tjgb/20230317/abc.html", "official"),
    ("https://www.shpt.gov.cn:443/xxgk/a.html", "official"),
    ("http://en.people.cn/n3/2022/0301/c90000.html", "media"),
    ("http://fubaore.com/jingji/20220301/1001119011.html", "repost"),
    ("http://105.47.198.203.static.netvigator.com/x", "repost"),
    ("http://datkhnlxs.strain.blog/p", "repost"),
    ("规划表第3行", "internal"),
])  # fmt: skip
def test_source_classifier(url, kind):
    assert classify_source(url).kind == kind
    assert classify_source(url).needs_check == (kind == "repost")


@pytest.fixture(scope="module")
def national_out(tmp_path_factory):
    from indicator_forecast.report import export_all

    out = tmp_path_factory.mktemp("national")
    export_all(shipped("national-14th"), out, signer="张三")
    return out


def test_evidence_sheet_speaks_chinese_and_formats_numbers(national_out):
    from openpyxl import load_workbook

    ws = load_workbook(national_out / "指标评估工作簿.xlsx")["证据"]
    header = [c.value for c in ws[2]]
    assert header == ["指标编号", "指标", "项目", "数值", "单位", "来源", "来源核查"]
    checks, items = set(), []
    for row in ws.iter_rows(min_row=3):
        item, value, check = row[2].value, row[3], row[6].value
        if item is None:
            continue
        items.append(str(item))
        checks.add(check)
        if isinstance(value.value, float):
            assert value.number_format != "General", (item, value.value)
        assert not (isinstance(value.value, str) and re.fullmatch(r"-?\d+\.\d{5,}", value.value))
        assert value.value not in ("on track", "maintain", "accelerate", "reverse")
    assert not [i for i in items if re.search(r"[a-z]+_[a-z]+", i)]  # no escap_current_status …
    assert "转载/待核" in checks  # the shipped national sources are mostly reposts
    assert any(i.startswith("亚太经社会") for i in items)


def test_report_signed_by_unit_signer_and_evaluation_date(national_out):
    from docx import Document

    text = [p.text for p in Document(str(national_out / "附件5_中期评估自评报告.docx")).paragraphs]
    i = text.index("签发人：张三")
    assert text[i - 1] == "全国" and text[i + 1] == "2023年6月30日"


def test_tables_landscape_rows_whole_headers_repeated_reason_widest(national_out):
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(national_out / "附件6_指标评估表及调整方案.docx"))
    s = doc.sections[0]
    assert s.page_width > s.page_height
    for table in doc.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr is not None and tr.trPr.find(qn("w:cantSplit")) is not None
                   for tr in rows)  # fmt: skip
    grid = [int(g.get(qn("w:w"))) for g in doc.tables[0]._tbl.tblGrid.findall(qn("w:gridCol"))]
    headers = [c.text for c in doc.tables[0].rows[0].cells]
    assert headers[grid.index(max(grid))] == "原因说明"
    adj = [int(g.get(qn("w:w"))) for g in doc.tables[1]._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert [c.text for c in doc.tables[1].rows[0].cells][adj.index(max(adj))] == "测算依据"


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_terminal_summary_fits_its_width(width):
    from rich.cells import cell_len

    from indicator_forecast.cli import _summary_table

    buf = io.StringIO()
    with redirect_stdout(buf):
        _summary_table(shipped("putuo-14th"), width=width)
    lines = buf.getvalue().splitlines()
    assert max(cell_len(line) for line in lines) <= width
    body = "\n".join(lines)
    if width >= 160:
        assert "…" not in body.split("主要河道")[0]  # room enough: names whole
    if width >= 100:
        assert "新增养老床位数" in body


def test_terminal_summary_says_where_the_files_are(tmp_path):
    from indicator_forecast.cli import main

    buf = io.StringIO()
    with redirect_stdout(buf):
        code = main(["evaluate", "data/national-14th/plan.csv",
                     "data/national-14th/observations.csv", "--as-of", "2023-06-30",
                     "--out", str(tmp_path / "out")])  # fmt: skip
    assert code == 0
    text = buf.getvalue()
    assert str((tmp_path / "out").resolve()) in text
    assert "附件5_中期评估自评报告.docx" in text and "图表/" in text


def _pages(docx: Path, tmp: Path) -> int:
    from indicator_forecast.report.pdf import find_soffice, to_pdf

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pypdf = pytest.importorskip("pypdf")
    (pdf,) = to_pdf([docx], tmp / "pdf")
    return len(pypdf.PdfReader(str(pdf)).pages)


@pytest.mark.slow
@pytest.mark.parametrize(("plan", "most"), [("national-14th", 4), ("putuo-14th", 5)])
def test_indicator_tables_fit_their_pages(plan, most, tmp_path):
    """附件6 (table and adjustment proposal) rendered by LibreOffice: a page count that grows
    with the rows, not with the text's wrapping (was 14 pages for the national plan)."""
    from indicator_forecast.report import write_tables_docx

    path = write_tables_docx(shipped(plan), tmp_path / "附件6.docx")
    assert _pages(path, tmp_path) <= most


def test_the_table_states_a_published_figure_as_published():
    # 附件6 中期完成数 of 劳动年龄人口平均受教育年限: 10.93 年 in 2022 (shipped observations)
    from indicator_forecast.report._tables import table_rows

    rows = table_rows(shipped("national-14th"), "zh")
    row = next(r for r in rows if "受教育年限" in r["indicator"])
    assert row["midterm_lines"].startswith("10.93")


def test_a_percentage_levels_yearly_change_is_in_percentage_points():
    # 空气质量优良天数比率 (%): 86.5 in 2022, target 87.5 in 2025: (87.5 - 86.5) / 3 = 0.33 a
    # year, a change of a percentage, so 个百分点 (not %/年) in the reason.
    frame = shipped("national-14th").to_frame()
    reason = frame.loc[frame["name"].str.contains("优良天数"), "reason"].iloc[0]
    # The pace with its direction; the recent change, the other way, said as such: 2020 87,
    # 2021 87.5, 2022 86.5, plan-year changes +0.5 and -1, mean -0.25.
    assert "剩余年份需年均提高0.33个百分点，近年年均降低0.25个百分点" in reason
    assert "%/年" not in reason and "个百分点/年" not in reason and "-0.25" not in reason
