"""DOCX output: page geometry, font names for Word/WPS, text, merged table cells."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from doc_samples import annual_report, application_table, letter
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongkai.documents.docx import render_docx

TWIP = 635  # EMU; python-docx stores lengths in twips, so allow one twip of rounding

W = qn("w:val")


def opened(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def letter_docx() -> Document:
    return opened(render_docx(letter()))


@pytest.fixture(scope="module")
def report_docx() -> Document:
    return opened(render_docx(annual_report()))


def east_asia(run) -> str | None:
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def paragraph_with(document: Document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


def test_a4_with_gbt_9704_margins(letter_docx: Document) -> None:
    section = letter_docx.sections[0]
    expected = {
        "page_width": Mm(210),
        "page_height": Mm(297),
        "top_margin": Mm(37),
        "bottom_margin": Mm(35),
        "left_margin": Mm(28),
        "right_margin": Mm(26),
    }
    for name, length in expected.items():
        assert abs(getattr(section, name) - length) <= TWIP, name


def test_line_grid_of_28_95_points(letter_docx: Document) -> None:
    grid = letter_docx.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
    body = paragraph_with(letter_docx, "特此告知。")
    assert body.paragraph_format.line_spacing == Pt(28.95)


def test_title_is_22pt_fangzheng_xiaobiaosong_centred(letter_docx: Document) -> None:
    title = letter_docx.paragraphs[0]
    # Broken where the PDF breaks it, between word units, not where Word's line ends.
    assert title.text == "武汉市硚口区人民政府办公室\n政府信息公开申请答复告知书"
    assert title.text.replace("\n", "") == letter().title
    assert title.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    run = title.runs[0]
    assert run.font.size == Pt(22)
    assert east_asia(run) == "方正小标宋简体"


def test_body_is_16pt_fangsong_gb2312_indented_two_characters(letter_docx: Document) -> None:
    body = paragraph_with(letter_docx, "特此告知。")
    assert body.runs[0].font.size == Pt(16)
    assert east_asia(body.runs[0]) == "仿宋_GB2312"
    ind = body._p.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    normal = letter_docx.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_headings_use_heiti_and_kaiti(letter_docx: Document) -> None:
    assert east_asia(paragraph_with(letter_docx, "一、关于申请公开的信息").runs[0]) == "黑体"
    assert east_asia(paragraph_with(letter_docx, "（一）已主动公开的信息").runs[0]) == "楷体_GB2312"


def test_number_signature_and_date_are_right_aligned(letter_docx: Document) -> None:
    right = docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    for text in ("硚政办公开〔2025〕12号", "武汉市硚口区人民政府办公室", "2025年3月4日"):
        assert paragraph_with(letter_docx, text).alignment == right
    signature = paragraph_with(letter_docx, "武汉市硚口区人民政府办公室")
    assert signature._p.pPr.find(qn("w:ind")).get(qn("w:rightChars")) == "200"


def test_every_text_round_trips(letter_docx: Document) -> None:
    doc = letter()
    texts = [p.text.replace("\n", "") for p in letter_docx.paragraphs]
    expected = [doc.title, doc.number, doc.addressee, doc.signature, "2025年3月4日"]
    expected += [block.text for block in doc.blocks]
    for text in expected:
        assert text in texts
    assert any(t.startswith("附件：1．2024年") for t in texts)
    assert "抄送：区政务公开办，区住房和城市更新局。" in texts


def test_issuer_header_is_red_xiaobiaosong_with_red_rule() -> None:
    document = opened(render_docx(letter(issuer_header="武汉市硚口区人民政府办公室文件")))
    header = document.paragraphs[0]
    assert header.text == "武汉市硚口区人民政府办公室文件"
    assert str(header.runs[0].font.color.rgb) == "FF0000"
    assert east_asia(header.runs[0]) == "方正小标宋简体"
    number = paragraph_with(document, "硚政办公开〔2025〕12号")
    assert number.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"


def test_page_numbers_are_page_fields_odd_right_even_left(letter_docx: Document) -> None:
    section = letter_docx.sections[0]
    assert letter_docx.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph in (odd, even):
        instr = paragraph._p.findall(f".//{qn('w:instrText')}")
        assert [i.text.strip() for i in instr] == ["PAGE"]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
    assert odd.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    assert even.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT


def test_metadata(letter_docx: Document) -> None:
    props = letter_docx.core_properties
    assert props.title == letter().title
    assert props.author == "武汉市硚口区人民政府办公室"
    assert props.language == "zh-CN"


def test_table_cells_round_trip_with_merges(report_docx: Document) -> None:
    table = report_docx.tables[0]
    assert len(table.rows) == 28
    assert len(table.columns) == 10
    cell_texts = {cell.text for row in table.rows for cell in row.cells}
    expected = {c.text for row in application_table().rows for c in row}
    assert expected <= cell_texts
    # The corner cell spans 3 columns and 3 rows; 三、本年度办理结果 spans 22 rows.
    corner = table.cell(0, 0)
    assert corner._tc.tcPr.find(qn("w:gridSpan")).get(W) == "3"
    assert corner._tc.tcPr.find(qn("w:vMerge")).get(W) == "restart"
    assert table.cell(2, 0)._tc is corner._tc
    assert table.cell(26, 0).text == "三、本年度办理结果"
    assert table.cell(27, 0).text == "四、结转下年度继续办理"


def test_table_header_repeats_and_rows_do_not_split(report_docx: Document) -> None:
    rows = report_docx.tables[0].rows
    for i, row in enumerate(rows):
        tr_pr = row._tr.trPr
        assert tr_pr.find(qn("w:cantSplit")) is not None
        assert (tr_pr.find(qn("w:tblHeader")) is not None) == (i < 3)


def test_table_text_is_small_song_with_borders(report_docx: Document) -> None:
    table = report_docx.tables[0]
    run = table.cell(3, 0).paragraphs[0].runs[0]
    assert run.font.size == Pt(10.5)
    assert east_asia(run) == "宋体"
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(W) for b in borders} == {"single"}


def test_sample_docx_written(artifacts: Path) -> None:
    (artifacts / "letter.docx").write_bytes(render_docx(letter()))
    (artifacts / "report-table.docx").write_bytes(render_docx(annual_report()))
    assert opened((artifacts / "report-table.docx").read_bytes()).tables
