"""HTML, DOCX and PDF of the annual report carry exactly the JSON's numbers, in their cells."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import docx
import pdfplumber
import pytest
from annual_report_samples import NARRATIVE, distinct_report
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from gongkai.documents.tablegrid import resolve
from gongkai.reports.narrative import number_text
from gongkai.reports.render import render_docx, render_html, render_pdf
from gongkai.reports.render.document import grid_table
from gongkai.reports.render.layout import layout_report
from gongkai.rules.report_format import RECONCILIATION_NOTE

NUMBER = re.compile(r"-?\d+(\.\d+)?")


def json_cells(report: dict) -> dict[str, str]:
    """Every cell of the JSON tables as "<table>.<row>.<column>" → printed text."""
    return {
        f"{table}.{row}.{column}": number_text(value)
        for table, rows in report["tables"].items()
        for row, columns in rows.items()
        for column, value in columns.items()
    }


@pytest.fixture(scope="module", params=[2025, 2020], ids=["format2021", "format2019"])
def report(request: pytest.FixtureRequest) -> dict:
    return distinct_report(request.param)


def test_layout_places_every_json_cell_once(report: dict) -> None:
    layout = layout_report(report)
    figures: dict[str, str] = {}
    for grid in layout.grids.values():
        found = grid.figures()
        assert not set(found) & set(figures)
        figures.update(found)
        resolve(grid_table(grid))  # a rectangular grid: no ragged or overlapping row
    assert figures == json_cells(report)


class _Cells(HTMLParser):
    """Collects every <td data-cell> with its text and headers, and every header by id."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, tuple[str, list[str]]] = {}
        self.headers: dict[str, tuple[str, str]] = {}
        self.notes: list[str] = []
        self.scripts = 0
        self._open: tuple[str, dict] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            self.scripts += 1
        if tag in ("td", "th"):
            self._open, self._text = (tag, dict(attrs)), ""

    def handle_data(self, data: str) -> None:
        self._text += data

    def handle_endtag(self, tag: str) -> None:
        if self._open is None or tag != self._open[0]:
            return
        kind, attrs = self._open
        if kind == "th":
            self.headers[attrs["id"]] = (self._text, attrs["scope"])
        elif "data-cell" in attrs:
            self.figures[attrs["data-cell"]] = (self._text, attrs["headers"].split())
        elif attrs.get("class") == "note":
            self.notes.append(self._text)
        self._open = None


def test_html_cells_equal_the_json_and_name_their_headers(report: dict) -> None:
    page = _Cells()
    page.feed(render_html(report, NARRATIVE))
    assert {key: text for key, (text, _) in page.figures.items()} == json_cells(report)
    assert page.notes == [RECONCILIATION_NOTE]
    assert page.scripts == 0  # staff text is escaped, never markup
    scopes = {scope for _, scope in page.headers.values()}
    assert scopes == {"col", "colgroup", "row", "rowgroup"}

    def header_texts(key: str) -> set[str]:
        return {page.headers[h][0] for h in page.figures[key][1]}

    assert header_texts("applications.3.3.1.commercial_enterprise") == {
        "申请人情况",
        "法人或其他组织",
        "商业企业",
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    }
    assert header_texts("applications.1.natural_person") == {
        "申请人情况",
        "自然人",
        "一、本年新收政府信息公开申请数量",
    }
    assert header_texts("appeals.litigation_direct.pending") == {
        "行政诉讼",
        "未经复议直接起诉",
        "尚未审结",
    }
    # Table 二 repeats its header rows per block: only the block's own headers apply.
    if report["format"] == "2021":
        assert header_texts("proactive.licensing.decisions") == {
            "第二十条第（五）项",
            "本年处理决定数量",
            "行政许可",
        }


def test_html_prints_the_narrative_escaped() -> None:
    html = render_html(distinct_report(), NARRATIVE)
    assert "<h3>（一）政府信息主动公开情况</h3>" in html
    assert "<h3>（二）依申请公开情况</h3>" in html
    assert "<p>下一步提升主动公开意识。</p>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;收取信息处理费0元。" in html


def test_docx_table_cells_equal_the_json(report: dict) -> None:
    document = docx.Document(io.BytesIO(render_docx(report, NARRATIVE)))
    grids = list(layout_report(report).grids.values())
    assert len(document.tables) == len(grids)
    found: dict[str, str] = {}
    for table, grid in zip(document.tables, grids, strict=True):
        cells = [c for row in grid.rows for c in row]
        for cell, placed in zip(cells, resolve(grid_table(grid)).cells, strict=True):
            text = table.cell(placed.row, placed.col).text
            if cell.role == "figure":
                found[cell.key] = text
            else:
                assert text == cell.text
    assert found == json_cells(report)
    # The title breaks between word units, never inside 「年度」 (see documents.linebreak).
    assert (
        document.paragraphs[0].text == f"测试区教育局{report['year']}年度\n政府信息公开工作年度报告"
    )


def _pdf_figure_rows(data: bytes) -> list[list[str]]:
    """The figure cells of every table row the PDF holds, in reading order."""
    rows = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.extract_tables():
                for row in table:
                    figures = [c for c in row if c is not None and NUMBER.fullmatch(c.strip())]
                    if figures:
                        rows.append([c.strip() for c in figures])
    return rows


def test_pdf_text_extracts_back_to_the_json_numbers(report: dict) -> None:
    data = render_pdf(report, NARRATIVE)
    expected = [
        [c.text for c in row if c.role == "figure"]
        for grid in layout_report(report).grids.values()
        for row in grid.rows
        if any(c.role == "figure" for c in row)
    ]
    assert _pdf_figure_rows(data) == expected
    assert sorted(c for row in expected for c in row) == sorted(json_cells(report).values())
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))
    assert "下一步提升主动公开意识。" in text


def test_pdf_fonts_are_embedded(report: dict) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(report)))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            stream = descriptor.get("/FontFile2") or descriptor.get("/FontFile3")
            assert stream is not None and len(stream.get_object().get_data()) > 1000
            names.add(str(font["/BaseFont"]))
    assert len(names) >= 2  # a display face (title, 黑体 headings) and a body face


@settings(max_examples=25, deadline=None)
@given(
    year=st.sampled_from([2020, 2024]),
    values=st.lists(st.integers(min_value=0, max_value=10**7), min_size=250, max_size=250),
    text=st.text(max_size=200),
)
def test_any_figures_and_text_render_cell_for_cell(year: int, values: list[int], text: str):
    """Whatever the numbers and whatever staff type, each figure lands in its own cell."""
    report = distinct_report(year)
    feed = iter(values)
    for table in report["tables"].values():
        for row in table.values():
            for key in row:
                row[key] = next(feed)
    page = _Cells()
    page.feed(render_html(report, {"problems": text, "other": text}))
    assert {key: value for key, (value, _) in page.figures.items()} == json_cells(report)
    assert page.scripts == 0
