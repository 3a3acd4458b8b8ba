"""PDF output: A4, embedded Chinese fonts, extractable text, pagination, tables."""

from __future__ import annotations

import dataclasses
import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from doc_samples import annual_report, application_table, letter, pypi_only
from pypdf import PdfReader

from gongkai.documents.fonts import FontRole, MissingGlyphError, default_fonts, resolve_fonts
from gongkai.documents.model import Heading, Paragraph
from gongkai.documents.pdf import render_pdf
from gongkai.documents.standard import MM

A4 = (595.28, 841.89)
TOP = 37 * MM
BOTTOM = (297 - 35) * MM


def squeeze(text: str) -> str:
    """Extracted text without the line breaks and spaces layout puts in."""
    return re.sub(r"\s+", "", text)


def body_text(data: bytes) -> str:
    """All pages' text run together, page numbers removed, so split paragraphs rejoin."""
    return squeeze("".join(re.sub(r"— \d+ —", "", text) for text in page_texts(data)))


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    return render_pdf(letter())


@pytest.fixture(scope="module")
def report_pdf() -> bytes:
    return render_pdf(annual_report())


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def embedded_fonts(data: bytes) -> list[dict]:
    """Descriptors of every font used on any page, via the font dictionaries."""
    found = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            found[str(font["/BaseFont"])] = {
                "subtype": str(font["/Subtype"]),
                "encoding": str(font["/Encoding"]),
                "descriptor": descriptor,
            }
    return list(found.items())


def test_is_a_pdf_on_a4(letter_pdf: bytes) -> None:
    assert letter_pdf.startswith(b"%PDF-")
    for page in PdfReader(io.BytesIO(letter_pdf)).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4[0]) <= 1 and abs(height - A4[1]) <= 1


def test_chinese_fonts_are_embedded_as_subsets(letter_pdf: bytes) -> None:
    fonts = embedded_fonts(letter_pdf)
    assert fonts
    for name, font in fonts:
        assert re.match(r"/[A-Z]{6}\+", name), name  # subset tag
        assert font["subtype"] == "/Type0"
        assert font["encoding"] == "/Identity-H"
        descriptor = font["descriptor"]
        stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
        assert stream is not None, name
        assert len(stream.get_object().get_data()) > 1000


def test_text_extracts_back_including_chinese(letter_pdf: bytes) -> None:
    doc = letter()
    text = body_text(letter_pdf)
    for expected in (
        doc.title,
        doc.number,
        doc.addressee,
        doc.signature,
        "2025年3月4日",
        "附件：1．2024年硚口区老旧小区改造项目资金安排表",
        "抄送：区政务公开办，区住房和城市更新局。",
        *(block.text for block in doc.blocks),
    ):
        assert squeeze(expected) in text, expected


def test_pdfplumber_reads_the_text_too(letter_pdf: bytes) -> None:
    # pdfminer-based tools cannot read fpdf2's CFF encoding; the TrueType embedding can.
    with pdfplumber.open(io.BytesIO(letter_pdf)) as pdf:
        text = squeeze("".join(page.extract_text() for page in pdf.pages))
    assert squeeze(letter().title) in text
    assert "本机关于2025年2月18日收到您通过信函方式提交的政府信" in text


def test_metadata(letter_pdf: bytes) -> None:
    info = PdfReader(io.BytesIO(letter_pdf)).metadata
    assert info.title == letter().title
    assert info.author == "武汉市硚口区人民政府办公室"


def test_body_sits_on_the_22_line_grid(letter_pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(letter_pdf)) as pdf:
        page = pdf.pages[0]
        body = [c for c in page.chars if round(c["size"]) == 16]
        baselines = sorted({round(page.height - c["matrix"][5]) for c in body})
        lines = [[c for c in body if round(page.height - c["matrix"][5]) == b] for b in baselines]
        # A full line of Chinese spans the 156 mm text block in exactly 28 characters.
        full = [
            line for line in lines if len(line) == 28 and all(ord(c["text"]) > 0x2E80 for c in line)
        ]
        assert full
        for line in full:
            assert line[0]["x0"] == pytest.approx(28 * MM, abs=0.5)
            assert line[-1]["x1"] == pytest.approx((210 - 26) * MM, abs=0.5)
        for line in lines:
            assert line[-1]["x1"] <= (210 - 26) * MM + 0.5
    gaps = [b - a for a, b in itertools.pairwise(baselines)]
    assert all(round(gap / 28.95) >= 1 for gap in gaps)
    assert all(abs(gap - round(gap / 28.95) * 28.95) <= 1 for gap in gaps)
    assert baselines[-1] <= BOTTOM


def test_long_document_paginates_with_page_numbers() -> None:
    paragraph = Paragraph(
        "依据《中华人民共和国政府信息公开条例》的规定，现将有关情况说明如下。" * 3
    )
    data = render_pdf(letter(blocks=[paragraph] * 20))
    texts = page_texts(data)
    assert len(texts) >= 4
    for number, text in enumerate(texts, start=1):
        assert f"— {number} —" in text
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index, page in enumerate(pdf.pages, start=1):
            numbers = [w for w in page.extract_words() if w["text"] == str(index)]
            assert numbers, index
            x = numbers[-1]["x0"]
            # Odd pages at the right, even pages at the left (GB/T 9704 7.5).
            assert (x > A4[0] / 2) == (index % 2 == 1)
            assert numbers[-1]["top"] > BOTTOM + 7 * MM - 1
            body = [c for c in page.chars if round(c["size"]) == 16]
            assert all(c["bottom"] <= BOTTOM + 0.5 for c in body)


def test_table_with_merged_header_renders_and_extracts(report_pdf: bytes) -> None:
    expected = {c.text for row in application_table().rows for c in row}
    found: set[str] = set()
    with pdfplumber.open(io.BytesIO(report_pdf)) as pdf:
        table_pages = 0
        for page in pdf.pages:
            tables = page.extract_tables()
            for table in tables:
                table_pages += 1
                assert len(table[0]) == 10
                # Merged corner: one cell, then None for the positions it covers.
                assert squeeze(table[0][0]) == squeeze(application_table().rows[0][0].text)
                assert table[0][1] is None and table[1][0] is None
                for row in table:
                    for cell in row:
                        if cell is not None:
                            # Whole texts only: a row split by a page would show a fragment.
                            assert squeeze(cell) in {squeeze(t) for t in expected}, cell
                            found.add(squeeze(cell))
            for rect in page.rects:
                assert rect["top"] >= TOP - 0.5 and rect["bottom"] <= BOTTOM + 0.5
    assert table_pages >= 2  # 28 rows do not fit one page; the header repeats
    assert {squeeze(t) for t in expected} == found


def test_fresh_machine_with_only_the_pypi_fonts() -> None:
    data = render_pdf(letter(), fonts=resolve_fonts(pypi_only()))
    names = [name for name, _ in embedded_fonts(data)]
    assert {name.split("+")[1] for name in names} == {"NotoSerifSC", "NotoSansSC"}
    assert squeeze(letter().title) in body_text(data)


def test_missing_glyph_refused_instead_of_tofu() -> None:
    with pytest.raises(MissingGlyphError):
        render_pdf(letter(addressee="张三\U0001f600："), fonts=resolve_fonts(pypi_only()))


def test_issuer_header_is_red_and_above_the_title() -> None:
    doc = letter(issuer_header="武汉市硚口区人民政府办公室文件")
    with pdfplumber.open(io.BytesIO(render_pdf(doc))) as pdf:
        page = pdf.pages[0]
        header = [c for c in page.chars if c["text"] == "文" and c["size"] > 22]
        assert header
        assert header[0]["non_stroking_color"] in ((1, 0, 0), [1, 0, 0], (1.0, 0.0, 0.0))
        assert header[0]["top"] >= TOP + 35 * MM - 1  # 35 mm into the text block
        red_lines = [
            line for line in page.lines if tuple(line["stroking_color"] or ()) == (1, 0, 0)
        ]
        assert red_lines and red_lines[0]["x1"] - red_lines[0]["x0"] == pytest.approx(
            156 * MM, abs=0.1
        )


def test_samples_written_for_people(artifacts: Path) -> None:
    samples = {
        "letter": render_pdf(letter()),
        "letter-header": render_pdf(
            dataclasses.replace(letter(), issuer_header="武汉市硚口区人民政府办公室文件")
        ),
        "report-table": render_pdf(annual_report()),
    }
    for name, data in samples.items():
        (artifacts / f"{name}.pdf").write_bytes(data)
        # PNGs for a quick look where poppler is installed (apt-get install poppler-utils).
        if shutil.which("pdftoppm"):
            for stale in artifacts.glob(f"{name}-*.png"):
                stale.unlink()
            subprocess.run(
                ["pdftoppm", "-r", "80", "-png", str(artifacts / f"{name}.pdf"), name],
                cwd=artifacts,
                check=True,
                timeout=120,
            )
    assert (artifacts / "letter.pdf").stat().st_size > 10_000
    assert default_fonts()[FontRole.FANGSONG].face.covers("硚")


def test_heading_is_not_left_at_the_foot_of_a_page() -> None:
    doc = letter(issuer_header="武汉市硚口区人民政府办公室文件")
    headings = {b.text for b in doc.blocks if isinstance(b, Heading)}
    for text in page_texts(render_pdf(doc)):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        body = [line for line in lines if not re.fullmatch(r"— \d+ —", line)]
        assert squeeze(body[-1]) not in {squeeze(h) for h in headings}, body[-1]
