"""A damaged report file is refused by the audit's readers with a Chinese message.

Found by fuzzing (issue 17 point 2, ``tests/fuzzing`` report_readers): python-docx opens
whatever part a DOCX names as its main document and failed later with AttributeError
(another part swapped in, or no body); pdfplumber builds a page without a MediaBox as a
TypeError, and again when it closes the file. ``read_document`` promises UnreadableFile.
"""

from __future__ import annotations

import io

import pytest

from gongkai.reports.audit.audit import audit_file
from gongkai.reports.audit.readers import UnreadableFile, read_document
from tests.fuzzing.mutate import replace_member

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(main_part: str) -> bytes:
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return replace_member(out.getvalue(), "word/document.xml", main_part.encode())


@pytest.mark.parametrize(
    "main_part",
    [
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"/></w:numbering>',
        f'<w:document xmlns:w="{W}"></w:document>',
    ],
    ids=["another part as the document", "a document without a body"],
)
def test_a_docx_whose_main_part_is_no_document_is_refused(main_part: str) -> None:
    data = _docx(main_part)
    with pytest.raises(UnreadableFile, match="DOCX文件的正文部分已损坏"):
        read_document("报告.docx", data)
    assert audit_file("报告.docx", data).findings[0]["message"].startswith("DOCX文件的正文")


def test_a_pdf_page_without_a_media_box_is_refused() -> None:
    data = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    with pytest.raises(UnreadableFile, match="PDF文件的页面已损坏"):
        read_document("报告.pdf", data)
