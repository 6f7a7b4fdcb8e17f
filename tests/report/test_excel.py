"""The workbook read back with openpyxl agrees with the (synthetic) evaluation's frames."""

from __future__ import annotations

import math

import openpyxl
import pytest

from indicator_forecast.exceptions import OutputExistsError
from indicator_forecast.report import write_workbook
from indicator_forecast.report.excel import evidence_item

from .synthetic import SyntheticEvaluation


def _sheet_rows(ws, header_row):
    header = [c.value for c in ws[header_row]]
    rows = []
    for row in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if all(v is None for v in row):
            break
        rows.append(dict(zip(header, row, strict=True)))
    return header, rows


def _merged_value(ws, row, col):
    for rng in ws.merged_cells.ranges:
        if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
            return ws.cell(rng.min_row, rng.min_col).value
    return ws.cell(row, col).value


@pytest.fixture
def book(tmp_path, synthetic_ev):
    path = write_workbook(synthetic_ev, tmp_path / "ev.xlsx")
    return openpyxl.load_workbook(path)


def test_sheets(book):
    assert book.sheetnames[:4] == ["附件6 指标评估表", "证据", "指标调整方案", "数据缺口"]


def test_indicator_table_matches_frame(book, synthetic_ev):
    ws = book["附件6 指标评估表"]
    assert ws["A1"].value == synthetic_ev.plan_name + "评估表"
    header, rows = _sheet_rows(ws, 3)
    assert header[:6] == ["类别", "指 标", "“十四五”规划目标", "中期完成数", "评估结论",
                          "预计到规划期末完成数"]  # fmt: skip
    assert "原因说明" in header and "分析师调整" in header
    frame = synthetic_ev.to_frame()
    assert len(rows) == len(frame)
    for i, (rec, row) in enumerate(zip(frame.to_dict("records"), rows, strict=True)):
        r = 4 + i
        is_part = isinstance(rec["parent_id"], str)
        assert _merged_value(ws, r, 1) == rec["category"]
        if is_part:
            assert row["“十四五”规划目标"] == f"{rec['name']} {rec['target_text']}"
            parent = frame[frame.indicator_id == rec["parent_id"]].iloc[0]
            assert _merged_value(ws, r, 2).startswith(f"{parent['indicator_id']}、{parent['name']}")
        else:
            assert row["指 标"] == f"{rec['indicator_id']}、{rec['name']}（{rec['unit']}）"
            assert row["“十四五”规划目标"] == rec["target_text"]
        if math.isnan(rec["midterm_value"]):
            assert row["中期完成数"] == rec["midterm_text"]
        else:  # numeric cell printing as midterm_text
            assert row["中期完成数"] == pytest.approx(float(rec["midterm_text"]))
            decimals = len(rec["midterm_text"].partition(".")[2])
            cell = ws.cell(r, 4)
            assert cell.number_format == ("0." + "0" * decimals if decimals else "0")
        final = rec["override_grade"] or rec["grade"]
        assert row["评估结论"].startswith(final) or row["评估结论"] == rec["grade_label"]
        if final in ("C", "D"):
            # the table's short reason (the report says more): pace and chance
            assert row["原因说明"] and "—" not in row["原因说明"]
        if rec["indicator_id"] == "3":  # 612.4 / 1400 = 43.7 %, half the time, P 0.22
            assert row["原因说明"] == "完成进度44%，时间进度50%，按当前趋势达标可能性约22%。"
        if rec["override_grade"]:
            assert rec["override_reason"] in row["分析师调整"]
        else:
            assert not row["分析师调整"]


def test_category_cells_are_merged(book, synthetic_ev):
    ws = book["附件6 指标评估表"]
    frame = synthetic_ev.to_frame()
    n_first = int((frame.category == frame.category.iloc[0]).sum())
    assert any(r.min_col == 1 and r.min_row == 4 and r.max_row == 3 + n_first
               for r in ws.merged_cells.ranges)  # fmt: skip


def test_notes_under_table_follow_the_evaluation_date(tmp_path, synthetic_ev):
    synthetic_ev.as_of = synthetic_ev.as_of.replace(year=2028)
    ws = openpyxl.load_workbook(write_workbook(synthetic_ev, tmp_path / "x.xlsx"))[
        "附件6 指标评估表"
    ]
    texts = [c.value for c in ws["A"] if isinstance(c.value, str)]
    note = next(t for t in texts if t.startswith("注：1、"))
    assert "2027年完成数" in note and "2028年6月完成数" in note
    assert any(t.startswith("4、") for t in texts)


def test_frozen_header_and_wrap(book):
    ws = book["附件6 指标评估表"]
    assert ws.freeze_panes == "A4"
    assert ws.cell(5, 7).alignment.wrap_text
    assert ws.column_dimensions["B"].width > 20


def test_evidence_sheet(book, synthetic_ev):
    header, rows = _sheet_rows(book["证据"], 2)
    ev = synthetic_ev.evidence_frame()
    assert header == ["指标编号", "指标", "项目", "数值", "单位", "来源", "来源核查"]
    assert len(rows) == len(ev)
    for rec, row in zip(ev.to_dict("records"), rows, strict=True):
        assert str(row["指标编号"]) == rec["indicator_id"] or row["指标编号"] == float(
            rec["indicator_id"]
        )
        assert row["项目"] == evidence_item(rec["item"], "zh")
        if isinstance(rec["value"], float) and not math.isnan(rec["value"]):
            assert row["数值"] == pytest.approx(rec["value"])
        if str(rec["source"]).startswith("http"):
            assert rec["source"] in row["来源"] and row["来源核查"]


def test_adjustment_sheet(book, synthetic_ev):
    header, rows = _sheet_rows(book["指标调整方案"], 2)
    adj = synthetic_ev.adjustments_frame()
    assert header[:6] == ["指标", "原目标", "建议调整目标", "调整理由", "测算依据", "指标属性"]
    assert [r["建议调整目标"] for r in rows] == list(adj.suggested_target)
    assert [r["测算依据"] for r in rows] == list(adj.basis)
    assert rows[1]["备注"] == adj.binding_note.iloc[1]


def test_missing_sheet_is_a_fill_in_form(book, synthetic_ev):
    header, rows = _sheet_rows(book["数据缺口"], 2)
    assert header[-3:] == ["填报值", "数据来源", "填报人"]
    miss = synthetic_ev.missing_frame()
    assert sorted(r["缺失内容"] for r in rows) == sorted(miss.missing)
    assert all(r["填报值"] is None and r["填报人"] is None for r in rows)


def test_no_override_column_without_overrides(tmp_path, synthetic_ev):
    for r in synthetic_ev.rows:
        r["override_grade"] = r["override_reason"] = None
        r["final_grade"] = r["grade"]
    ws = openpyxl.load_workbook(write_workbook(synthetic_ev, tmp_path / "x.xlsx"))[
        "附件6 指标评估表"
    ]
    assert "分析师调整" not in [c.value for c in ws[3]]


def test_refuses_to_overwrite(tmp_path, synthetic_ev):
    path = tmp_path / "ev.xlsx"
    path.write_bytes(b"the user's own file")
    with pytest.raises(OutputExistsError, match="ev.xlsx"):
        write_workbook(synthetic_ev, path)
    assert path.read_bytes() == b"the user's own file"
    write_workbook(synthetic_ev, path, overwrite=True)
    assert openpyxl.load_workbook(path).sheetnames


def test_english_labels(tmp_path):
    ev = SyntheticEvaluation(language="en")
    book = openpyxl.load_workbook(write_workbook(ev, tmp_path / "en.xlsx", lang="en"))
    assert book.sheetnames[0] == "Indicator assessment"
    assert book.worksheets[0].cell(3, 2).value == "Indicator"


def test_missing_columns_are_named(tmp_path, synthetic_ev):
    synthetic_ev.rows = [
        {k: v for k, v in r.items() if k != "midterm_text"} for r in synthetic_ev.rows
    ]
    with pytest.raises(ValueError, match="midterm_text"):
        write_workbook(synthetic_ev, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(("unit", "en"), [("个百分点/年", "percentage points a year"),
                                          ("%/年", "% a year"), ("亿元", "100 million yuan")])
def test_evidence_units_in_english(unit, en):
    from indicator_forecast.report.excel import evidence_unit

    assert evidence_unit(unit, "en") == en
    assert evidence_unit(unit, "zh") == unit


def test_rows_are_tall_enough_for_their_wrapped_text(book):
    """LibreOffice and Excel do not grow rows openpyxl writes: the row must carry its height."""
    from indicator_forecast._xlsx import LINE_HEIGHT, text_width

    checked = 0
    for ws in book:
        merged = {(m.min_row, m.min_col) for m in ws.merged_cells.ranges}
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if cell.value is None or (cell.row, cell.column) in merged:
                    continue
                if not cell.alignment.wrap_text:
                    continue
                width = ws.column_dimensions[cell.column_letter].width
                if text_width(str(cell.value)) > 2 * width:
                    assert ws.row_dimensions[cell.row].height >= 3 * LINE_HEIGHT, (
                        ws.title, cell.coordinate, cell.value)
                    checked += 1
    assert checked >= 1  # the analyst's reason in 附件6 runs over three lines
    short = book["附件6 指标评估表"]
    assert short.row_dimensions[1].height == 30  # the title keeps its height
