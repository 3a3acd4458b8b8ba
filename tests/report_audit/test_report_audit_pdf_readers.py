"""The fast PDF reader (PDFium) reads every PDF exactly as pdfplumber (pdfminer) does.

The audit reads PDFs with PDFium for speed and lays them out with pdfplumber's own table
finder and text layout; these tests hold the two readers to the same items and text on
every labelled PDF and on gongkai's own rendered reports, and check that a file PDFium's
geometry does not fit is read by pdfminer instead.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from pypdf import PdfReader, PdfWriter
from tests.report_labels import REPORTS
from tests.report_strategies import valid_reports

from gongkai.reports.audit.audit import audit_file
from gongkai.reports.audit.readers import read_pdf, read_pdf_pdfminer
from gongkai.reports.render import render_pdf

LABELLED_PDFS = sorted(REPORTS.glob("*/*.pdf")) if REPORTS.is_dir() else []


def _same_reading(data: bytes) -> None:
    fast, slow = read_pdf(data), read_pdf_pdfminer(data)
    assert (fast.reader, slow.reader) == ("pdfium", "pdfminer")
    assert fast.text == slow.text
    assert fast.items == slow.items


@pytest.mark.skipif(not LABELLED_PDFS, reason="shared report labels not available")
@pytest.mark.parametrize("path", LABELLED_PDFS, ids=lambda p: p.parent.name)
def test_labelled_pdfs_read_the_same_by_both_readers(path: Path) -> None:
    data = path.read_bytes()
    _same_reading(data)
    result = audit_file(path.name, data)
    assert result.pdf_reader == "pdfium"  # no cell was left for pdfminer to settle


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_rendered_pdfs_read_the_same_by_both_readers(report: dict) -> None:
    _same_reading(render_pdf(report))


def _rotated(data: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.pages[0].rotate(90)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_reports())
def test_a_rotated_page_is_read_by_pdfminer(report: dict) -> None:
    document = read_pdf(_rotated(render_pdf(report)))
    assert document.reader == "pdfminer"


def test_a_pdf_left_unsettled_is_looked_at_by_both() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Minutes of the meeting")
    result = audit_file("minutes.pdf", bytes(pdf.output()))
    assert [f["rule"] for f in result.findings] == ["file.not_a_report"]
    assert result.pdf_reader == "pdfium"  # pdfminer found no more, so PDFium's reading stays
