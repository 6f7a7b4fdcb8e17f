"""python-docx helpers for the government layout (附件5 格式要求).

Fonts are written to all four ``w:rFonts`` slots (ascii, hAnsi, eastAsia, cs) of the styles,
the document defaults and every run, and theme-font attributes are removed (they would win
over explicit names); the East Asian language is zh-CN in the defaults, the styles and the
settings (python-docx's template says ja-JP there), so Word, WPS and LibreOffice all choose the
Chinese faces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

#: Sizes of the layout, in points: 二号 = 22, 三号 = 16, 五号 = 10.5.
TITLE_PT = 22.0
BODY_PT = 16.0
TABLE_PT = 10.5  # 五号, as tables in official documents are set
LINE_PT = 29.0  # exact line spacing, within the prescribed 28-30 pt
TABLE_LINE_PT = 13.0  # exact line spacing in tables: CJK fonts' "single" is ~1.5 lines
MARGIN_LR_CM = 2.8
MARGIN_TB_CM = 2.54
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_LANG_SUCCESSORS = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


@dataclass(frozen=True)
class ReportFonts:
    """Font faces of the report: titles 黑体, body 仿宋, level-2 headings 楷体."""

    title: str = "黑体"
    body: str = "仿宋"
    heading2: str = "楷体"
    latin: str | None = None  # None: digits and Latin letters in the Chinese face too


def set_rfonts(rpr: Any, face: str, latin: str | None = None) -> None:
    """Set ascii/hAnsi/eastAsia/cs of an ``w:rPr`` to ``face`` (ascii/hAnsi to ``latin``)."""
    from docx.oxml.ns import qn

    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        key = qn(attr)
        if key in rfonts.attrib:
            del rfonts.attrib[key]
    rfonts.set(qn("w:ascii"), latin or face)
    rfonts.set(qn("w:hAnsi"), latin or face)
    rfonts.set(qn("w:eastAsia"), face)
    rfonts.set(qn("w:cs"), latin or face)
    rfonts.set(qn("w:hint"), "eastAsia")


def set_lang(rpr: Any, east_asia: str = "zh-CN", val: str = "en-US") -> None:
    """Set ``w:lang`` of an ``w:rPr`` (East Asian text is Chinese, Latin text English)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_LANG_SUCCESSORS)
    lang.set(qn("w:val"), val)
    lang.set(qn("w:eastAsia"), east_asia)
    lang.set(qn("w:bidi"), "ar-SA")


def _style_rpr(style: Any) -> Any:
    return style.element.get_or_add_rPr()


def setup_document(doc: Document, fonts: ReportFonts, *, landscape: bool = False) -> None:
    """A4 page, margins, fonts, languages, styles (Normal, Title, Heading 1-3, table text),
    and a centred Arabic page number in the footer."""
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    for section in doc.sections:
        w, h = Cm(21.0), Cm(29.7)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (h, w) if landscape else (w, h)
        section.left_margin = section.right_margin = Cm(MARGIN_LR_CM)
        section.top_margin = section.bottom_margin = Cm(MARGIN_TB_CM)
        add_page_number(section, fonts)

    # document defaults and settings: Chinese, not Japanese
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_rfonts(rpr_default, fonts.body, fonts.latin)
    set_lang(rpr_default)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is not None:
        spacing = ppr_default.find(qn("w:pPr")).find(qn("w:spacing"))
        if spacing is not None:
            spacing.set(qn("w:after"), "0")

    def style(name: str, face: str, size: float, *, bold: bool = False, exact: float | None,
              align: Any = None, indent: bool = False) -> Any:  # fmt: skip
        st = doc.styles[name]
        st.font.size = Pt(size)
        st.font.bold = bold
        st.font.color.rgb = RGBColor(0, 0, 0)
        st.font.italic = False
        rpr = _style_rpr(st)
        set_rfonts(rpr, face, fonts.latin)
        set_lang(rpr)
        pf = st.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        if exact is not None:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(exact)
        else:
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        if align is not None:
            pf.alignment = align
        pf.first_line_indent = Pt(2 * size) if indent else Pt(0)
        return st

    normal = style("Normal", fonts.body, BODY_PT, exact=LINE_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                   indent=True)  # fmt: skip
    normal.paragraph_format.widow_control = True
    title = style("Title", fonts.title, TITLE_PT, exact=LINE_PT * 1.4,
                  align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
    ppr = title.element.get_or_add_pPr()
    for tag in ("w:pBdr", "w:contextualSpacing"):
        el = ppr.find(qn(tag))
        if el is not None:
            ppr.remove(el)
    for tag in ("w:spacing", "w:kern"):  # the template's letter spacing / kerning of Title
        el = _style_rpr(title).find(qn(tag))
        if el is not None:
            _style_rpr(title).remove(el)
    style("Heading 1", fonts.title, BODY_PT, exact=LINE_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    style("Heading 2", fonts.heading2, BODY_PT, exact=LINE_PT, align=WD_ALIGN_PARAGRAPH.LEFT,
          indent=True)  # fmt: skip
    style("Heading 3", fonts.body, BODY_PT, bold=True, exact=LINE_PT,
          align=WD_ALIGN_PARAGRAPH.LEFT, indent=True)  # fmt: skip
    style("Footer", fonts.body, 14.0, exact=None, align=WD_ALIGN_PARAGRAPH.CENTER)
    for name in ("Heading 1", "Heading 2", "Heading 3"):
        doc.styles[name].paragraph_format.keep_with_next = True
    table_text = _table_style(doc)
    style(table_text.name, fonts.body, TABLE_PT, exact=TABLE_LINE_PT,
          align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip


TABLE_TEXT_STYLE = "Table Text"


def _table_style(doc: Document) -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    names = {s.name for s in doc.styles}
    if TABLE_TEXT_STYLE in names:
        return doc.styles[TABLE_TEXT_STYLE]
    st = doc.styles.add_style(TABLE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    st.base_style = doc.styles["Normal"]
    st.quick_style = True
    return st


def add_page_number(section: Any, fonts: ReportFonts) -> None:
    """Footer: one centred paragraph holding a PAGE field (Arabic digits)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    footer = section.footer
    footer.is_linked_to_previous = False
    p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    p.style = "Footer"
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = 0

    def fld(kind: str) -> None:
        run = p.add_run()
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        run._r.append(el)
        set_rfonts(run._r.get_or_add_rPr(), fonts.body, fonts.latin)

    fld("begin")
    run = p.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE \\* Arabic "
    run._r.append(instr)
    fld("separate")
    shown = p.add_run("1")
    set_rfonts(shown._r.get_or_add_rPr(), fonts.body, fonts.latin)
    fld("end")


def add_run(p: Paragraph, text: str, face: str, *, latin: str | None = None, bold: bool = False,
            size: float | None = None, placeholder: bool = False) -> Run:  # fmt: skip
    """A run with its fonts written explicitly (and yellow highlight for 【待填写】 places)."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    run = p.add_run(text)
    rpr = run._r.get_or_add_rPr()
    set_rfonts(rpr, face, latin)
    set_lang(rpr)
    if bold:
        run.bold = True
    if size is not None:
        run.font.size = Pt(size)
    if placeholder:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return run


def set_cell_text(cell: Any, text: str, face: str, *, latin: str | None = None, bold: bool = False,
                  align: Any = None, size: float | None = None) -> None:  # fmt: skip
    """Replace a table cell's content with one paragraph in the table text style (``size``:
    a smaller text for a dense table, with its line spacing)."""
    from docx.shared import Pt

    p = cell.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    p.style = TABLE_TEXT_STYLE
    if align is not None:
        p.alignment = align
    if size is not None:
        p.paragraph_format.line_spacing = Pt(round(size * TABLE_LINE_PT / TABLE_PT, 1))
    if text:
        add_run(p, text, face, latin=latin, bold=bold, size=size)


def repeat_header(row: Any) -> None:
    """Repeat a table row at the top of every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def apply_widths(table: Any, widths: list[Any]) -> None:
    """Column widths into the table grid and into every cell (a merged cell gets the sum of the
    columns it spans: Word reads the cells, LibreOffice the grid), and no row split across
    pages (``w:cantSplit``), so a page holds whole rows and the header repeats above them."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for j, w in enumerate(widths):
        table.columns[j].width = w
    for tr in table._tbl.tr_lst:
        start = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = sum(widths[start:start + span])
            start += span
        trpr = tr.get_or_add_trPr()
        if trpr.find(qn("w:cantSplit")) is None:
            el = OxmlElement("w:cantSplit")
            el.set(qn("w:val"), "true")
            trpr.insert(0, el)


def set_cell_lines(cell: Any, text: str, face: str, *, latin: str | None = None,
                   align: Any = None) -> None:  # fmt: skip
    """Like :func:`set_cell_text`, with each ``\\n`` of ``text`` starting a new line."""
    from docx.enum.text import WD_BREAK

    lines = text.split("\n")
    set_cell_text(cell, lines[0], face, latin=latin, align=align)
    p = cell.paragraphs[0]
    for line in lines[1:]:
        p.add_run().add_break(WD_BREAK.LINE)
        add_run(p, line, face, latin=latin)
