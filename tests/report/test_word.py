"""The Word documents carry the prescribed layout in their XML, and the evaluation's content."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from indicator_forecast.exceptions import OutputExistsError
from indicator_forecast.report import write_report_docx, write_tables_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def report(tmp_path, synthetic_ev):
    return write_report_docx(synthetic_ev, tmp_path / "report.docx", unit_name="区发改委",
                             date="2023年7月10日")  # fmt: skip


def _xml(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def _style(doc, name):
    return doc.styles[name].element


def _rfonts(el):
    rpr = el.find(qn("w:rPr"))
    return rpr.find(qn("w:rFonts"))


def test_styles_fonts_sizes_and_language(report):
    doc = docx.Document(str(report))
    for name, face, half_points in [("Title", "黑体", "44"), ("Normal", "仿宋", "32"),
                                    ("Heading 1", "黑体", "32")]:  # fmt: skip
        st = _style(doc, name)
        rf = _rfonts(st)
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert rf.get(qn(f"w:{slot}")) == face, (name, slot)
        assert rf.get(qn("w:eastAsiaTheme")) is None  # a theme font would override the name
        rpr = st.find(qn("w:rPr"))
        assert rpr.find(qn("w:sz")).get(qn("w:val")) == half_points
        assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    styles = _xml(report, "word/styles.xml")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
    assert 'w:eastAsia="zh-CN"' in defaults and 'w:eastAsia="仿宋"' in defaults
    assert "ja-JP" not in styles
    assert 'w:eastAsia="ja-JP"' not in _xml(report, "word/settings.xml")


def test_every_text_run_has_explicit_east_asian_font(report):
    doc = docx.Document(str(report))
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for r in runs:
        rf = r._r.rPr.find(qn("w:rFonts"))
        assert rf is not None and rf.get(qn("w:eastAsia")) in ("黑体", "仿宋", "楷体"), r.text


def test_title_and_body_paragraphs(report):
    doc = docx.Document(str(report))
    titles = [p for p in doc.paragraphs if p.style.name == "Title"]
    assert titles[0].text + titles[1].text == "区发改委“十四五”规划中期评估自评报告"
    body = [p for p in doc.paragraphs if p.style.name == "Normal" and p.text.strip()]
    assert len(body) > 10
    normal = doc.styles["Normal"].paragraph_format
    assert normal.line_spacing.pt == pytest.approx(29.0)
    spacing = _style(doc, "Normal").find(qn("w:pPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact" and spacing.get(qn("w:line")) == "580"


def test_margins_a4(report):
    for s in docx.Document(str(report)).sections:
        assert s.left_margin.twips in (1587, 1588) and s.right_margin.twips in (1587, 1588)
        assert s.top_margin.twips == 1440 and s.bottom_margin.twips == 1440
        assert round(s.page_width.cm, 1) == 21.0 and round(s.page_height.cm, 1) == 29.7


def test_centred_page_number_field_in_footer(report):
    footers = [n for n in zipfile.ZipFile(report).namelist() if re.match(r"word/footer\d*\.xml", n)]
    assert footers
    xml = _xml(report, footers[0])
    assert re.search(r"<w:instrText[^>]*>\s*PAGE\b", xml)
    assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    doc = docx.Document(str(report))
    p = doc.sections[0].footer.paragraphs[0]
    jc = p._p.pPr.find(qn("w:jc"))
    assert jc is not None and jc.get(qn("w:val")) == "center"


def test_content_follows_the_evaluation(report, synthetic_ev):
    text = "\n".join(p.text for p in docx.Document(str(report)).paragraphs)
    for h in ("第一部分", "第二部分", "第三部分", "第四部分", "附件", "典型案例剖析"):
        assert h in text
    frame = synthetic_ev.to_frame()
    top = frame[frame.parent_id.isna()]
    assert f"共{len(top)}项" in text
    n_c = sum((top.override_grade.fillna(top.grade)) == "C")
    assert f"进展较慢、需要加快推进的{n_c}项" in text
    from indicator_forecast.report._narrative import _stem

    for rec in top.to_dict("records"):
        assert _stem(rec["name"]) in text  # a growth name loses its 增长率 before 年均增速
        if rec["grade"] == "insufficient_data":
            assert f"{rec['name']}：数据待补充" in text
    for rec in synthetic_ev.adjustments_frame().to_dict("records"):
        assert rec["suggested_target"] in text and rec["basis"] in text
    assert text.count("【待填写") >= 6
    # unit and date at the end, before the annex
    lines = [ln for ln in text.split("\n") if ln.strip()]
    annex = lines.index("附件")
    assert lines[annex - 2:annex] == ["区发改委", "2023年7月10日"]


def test_tables_document(tmp_path, synthetic_ev):
    path = write_tables_docx(synthetic_ev, tmp_path / "tables.docx")
    doc = docx.Document(str(path))
    ind, adj = doc.tables
    header = [c.text for c in ind.rows[0].cells]
    assert header[:6] == ["类别", "指 标", "“十四五”规划目标", "中期完成数", "评估结论",
                          "预计到规划期末完成数"]  # fmt: skip
    frame = synthetic_ev.to_frame()
    assert len(ind.rows) == 1 + len(frame)
    # the figure by its unit's rule on the first line, its period below
    from indicator_forecast._format import fmt_unit

    for row, rec in zip(ind.rows[1:], frame.to_dict("records"), strict=True):
        first = row.cells[3].text.split("\n")[0]
        if rec["grade"] == "insufficient_data" or rec["kind"] in ("parent_synced",):
            assert first == rec["midterm_text"]
        else:
            assert first == fmt_unit(rec["midterm_value"], rec["unit"])
    assert [c.text for c in adj.rows[0].cells][:6] == ["指标", "原目标", "建议调整目标", "调整理由",
                                                         "测算依据", "指标属性"]  # fmt: skip
    assert [r.cells[2].text for r in adj.rows[1:]] == list(
        synthetic_ev.adjustments_frame().suggested_target
    )
    # composite parts: the 指标 cell is merged vertically over the parts
    xml = _xml(path, "word/document.xml")
    assert xml.count('<w:vMerge w:val="restart"/>') >= 2
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape


def test_refuses_to_overwrite(tmp_path, synthetic_ev):
    path = tmp_path / "r.docx"
    path.write_text("mine")
    with pytest.raises(OutputExistsError):
        write_report_docx(synthetic_ev, path)
    with pytest.raises(OutputExistsError):
        write_tables_docx(synthetic_ev, path)
    assert path.read_text() == "mine"


def test_english_report(tmp_path, synthetic_ev):
    path = write_report_docx(synthetic_ev, tmp_path / "en.docx", lang="en", unit_name="Putuo")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Part 1" in text and "Self-evaluation report" in text


@pytest.mark.slow
def test_libreoffice_renders_page_one(report, tmp_path):
    """Render with LibreOffice (skipped without soffice); the shipped CJK font stands in for
    仿宋/黑体 through fontconfig, so page 1 must show the title and part 1 as text."""
    from indicator_forecast.report.pdf import find_soffice, to_pdf

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pypdf = pytest.importorskip("pypdf")
    (rendered,) = to_pdf([report], tmp_path / "pdf")
    pdf = pypdf.PdfReader(str(rendered))
    page1 = re.sub(r"\s+", "", pdf.pages[0].extract_text())
    assert "区发改委“十四五”规划中期评估" in page1
    assert "自评报告" in page1
    assert "第一部分" in page1
    assert len(pdf.pages) >= 3
    box = pdf.pages[0].mediabox
    assert round(float(box.width) / 72 * 2.54, 1) == 21.0


@pytest.mark.parametrize(("base", "target", "since"), [(2020, 2025, "2021"), (2025, 2030, "2026")])
def test_the_projects_fill_names_the_plans_own_years(tmp_path, synthetic_ev, base, target, since):
    # SYNTHETIC evaluation; a 15th plan (2026-2030) must not be asked about projects "since 2021".
    from dataclasses import replace

    ev = replace(synthetic_ev, base_year=base, target_year=target)
    path = write_report_docx(ev, tmp_path / "r.docx", unit_name="区发改委", date="2028年7月10日")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert f"【待填写：{since}年以来已经完成、正在建设或即将建设的重大项目" in text
    other = {"2021", "2026"} - {since}
    assert not any(f"{y}年以来" in text for y in other)


def test_a_final_report_asks_for_the_whole_plan_period(tmp_path):
    # The shipped national 13th plan at 2021-06-30 is a final evaluation (2016-2020).
    from indicator_forecast import evaluate, read_plan_folder

    root = Path(__file__).resolve().parents[2] / "data" / "national-13th"
    ev = evaluate(read_plan_folder(root), root / "observations.csv", as_of="2021-06-30",
                  progress=False)
    path = write_report_docx(ev, tmp_path / "f.docx")
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "总结评估" in text
    assert "规划期内（2016—2020年）已经完成、正在建设的重大项目" in text
    assert "规划期内（2016—2020年）本领域、本区域具有标志性" in text
    assert "2021年以来" not in text and "近两年" not in text
