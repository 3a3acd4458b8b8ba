"""Layout rules an official would check before signing, read back from the PDF (issue 16.1).

Every letter kind is rendered from its default wording, short and long, and one letter is
swept through every position its last paragraph can end on a page: the signature never
stands alone on a page, a title never breaks inside a word unit, a quoted request never
ends in 「。”。」. The annual report is read back for table headers left alone at the foot
of a page.
"""

from __future__ import annotations

import io
import itertools
from datetime import date

import pdfplumber
import pytest

from gongkai.applications.letters.defaults import DEFAULT_TEMPLATES
from gongkai.applications.letters.kinds import LetterKind
from gongkai.applications.letters.render import PLACEHOLDERS, fill_placeholders
from gongkai.documents.linebreak import TITLE_UNITS
from gongkai.documents.model import Cell, OfficialDocument, Paragraph, Table
from gongkai.documents.pdf import render_pdf
from gongkai.documents.punctuation import for_quotation

SIGNATURE = "武汉市硚口区人民政府办公室"
DATE_TEXT = "2025年3月4日"
REQUEST = "2024年硚口区老旧小区改造项目的资金来源、支出明细及其测算依据。"
FILLER = "经本机关核查，相关信息已在本机关门户网站政府信息公开专栏公开，可登录查阅。"


def letter(kind: LetterKind, extra_paragraphs: int = 0) -> OfficialDocument:
    context = {name: f"（{name}）" for name in PLACEHOLDERS}
    context.update(applicant="张三", description=for_quotation(REQUEST), agency=SIGNATURE)
    body = [
        fill_placeholders(line, context).strip()
        for line in DEFAULT_TEMPLATES[kind].splitlines()
        if line.strip()
    ]
    body[-1:-1] = [FILLER] * extra_paragraphs
    return OfficialDocument(
        title=f"{SIGNATURE}{kind.label}",
        number="硚政办依申请〔2025〕12号",
        addressee="张三：",
        blocks=[Paragraph(text) for text in body],
        signature=SIGNATURE,
        date=date(2025, 3, 4),
    )


def page_lines(pdf: bytes) -> list[list[tuple[str, float]]]:
    """Each page's text lines (text, font size), top to bottom."""
    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            rows: dict[int, list[dict]] = {}
            for char in page.chars:
                rows.setdefault(round(char["top"] / 4), []).append(char)
            pages.append(
                [
                    (
                        "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"])),
                        max(c["size"] for c in chars),
                    )
                    for _, chars in sorted(rows.items())
                ]
            )
    return pages


def assert_signature_not_alone(pdf: bytes) -> None:
    pages = page_lines(pdf)
    (where,) = [n for n, lines in enumerate(pages) if any(DATE_TEXT in t for t, _ in lines)]
    others = [
        text
        for text, _ in pages[where]
        if text.strip() not in (SIGNATURE, DATE_TEXT) and not text.strip().startswith("—")
    ]
    assert others, f"the signature stands alone on page {where + 1}"


def assert_title_whole(pdf: bytes) -> None:
    titles = [text for text, size in page_lines(pdf)[0] if size > 20]
    for left, right in itertools.pairwise(titles):
        seam = f"{left[-6:]}|{right[:6]}"
        for unit in (*TITLE_UNITS, "年度"):
            for cut in range(1, len(unit)):
                assert f"{unit[:cut]}|{unit[cut:]}" not in seam, titles


@pytest.mark.parametrize("kind", list(LetterKind))
@pytest.mark.parametrize("extra", [0, 14])
def test_every_letter_kind_short_and_long(kind: LetterKind, extra: int) -> None:
    pdf = render_pdf(letter(kind, extra))
    assert_signature_not_alone(pdf)
    assert_title_whole(pdf)
    text = "".join(t for page in page_lines(pdf) for t, _ in page)
    assert "。”。" not in text and "。”，" not in text


def test_the_signature_keeps_text_with_it_wherever_the_body_ends() -> None:
    """Sweep the last paragraph's end across a whole page (22 grid lines)."""
    seen_pages = set()
    for extra in range(0, 24):
        pdf = render_pdf(letter(LetterKind.ANSWER, extra))
        assert_signature_not_alone(pdf)
        seen_pages.add(len(page_lines(pdf)))
    assert len(seen_pages) >= 2  # the sweep did cross a page break


def test_a_quoted_request_loses_its_own_full_stop_only() -> None:
    assert for_quotation("测算依据。") == "测算依据"
    assert for_quotation("测算依据；\n") == "测算依据"
    assert for_quotation("是否已经公开？") == "是否已经公开？"
    assert for_quotation("  资金明细.  ") == "资金明细"


def grouped_table() -> Table:
    """A header row, then groups of three rows tied by a rowspan (as in table 三)."""
    rows: list[list[Cell]] = [[Cell("类别"), Cell("项目"), Cell("数量")]]
    for group in range(4):
        rows.append([Cell(f"第{group + 1}类", rowspan=3), Cell("新收"), Cell("1")])
        rows.append([Cell("办结"), Cell("2")])
        rows.append([Cell("结转"), Cell("3")])
    return Table(rows=rows, header_rows=1, col_widths=(2, 3, 1))


def test_a_table_header_never_ends_a_page_alone() -> None:
    """Sweep the table's start down a whole page: the header always has a body row below."""
    for filler in range(0, 23):
        doc = OfficialDocument(
            title="表格分页测试",
            number=None,
            addressee=None,
            blocks=[*[Paragraph("正文一行。")] * filler, grouped_table()],
            signature=SIGNATURE,
            date=date(2025, 3, 4),
        )
        with pdfplumber.open(io.BytesIO(render_pdf(doc))) as document:
            for page in document.pages:
                for table in page.find_tables():
                    rows = ["".join(c or "" for c in row) for row in table.extract()]
                    assert rows != ["类别项目数量"], f"header alone on page {page.page_number}"
