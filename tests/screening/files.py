"""Build real files of each supported kind around some lines of text, for the extraction
and CLI tests. Each puts text where a real agency file has it: DOCX in a header, a table
and a text box; XLSX across cells and in a hidden sheet; HTML next to script and style."""

from __future__ import annotations

import datetime
import html
import io
from collections.abc import Sequence

import docx
import openpyxl

from gongkai.documents.model import OfficialDocument, Paragraph
from gongkai.documents.pdf import render_pdf


def txt_file(lines: Sequence[str], *, encoding: str = "utf-8") -> bytes:
    return "\n".join(lines).encode(encoding)


def html_file(lines: Sequence[str]) -> bytes:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    page = (
        "<!DOCTYPE html><html><head><title>公示</title>"
        "<style>.secret{content:'13900001111'}</style>"
        "<script>var phone = '13900002222'; if (a < b) {}</script></head>"
        f"<body><div class='content'>{body}</div>"
        "<table><tr><td>姓名</td><td>备注</td></tr></table></body></html>"
    )
    return page.encode("utf-8")


def pdf_file(lines: Sequence[str]) -> bytes:
    return render_pdf(
        OfficialDocument(
            title="关于公示的通知",
            number="硚民〔2021〕3号",
            addressee=None,
            blocks=[Paragraph(line) for line in lines],
            signature="武汉市硚口区民政局",
            date=datetime.date(2021, 3, 1),
        )
    )


def docx_file(lines: Sequence[str], *, header: str = "", cell: str = "") -> bytes:
    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for line in lines:
        document.add_paragraph(line)
    if cell:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "备注"
        table.cell(0, 1).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_file(rows: Sequence[Sequence[object]], *, hidden: Sequence[object] = ()) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    for row in rows:
        sheet.append(list(row))
    if hidden:
        secret = workbook.create_sheet("底稿")
        secret.append(list(hidden))
        secret.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


TEXT_BOX_RUN = """
<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
      <w:p><w:r><w:t>{text}</w:t></w:r></w:p>
    </w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
      <w:p><w:r><w:t>{text}</w:t></w:r></w:p>
    </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""


def docx_with_text_box(anchor: str, boxed: str) -> bytes:
    """A paragraph whose text box (as Word writes it: DrawingML plus a VML fallback copy)
    holds ``boxed``."""
    from lxml import etree

    document = docx.Document()
    paragraph = document.add_paragraph(anchor)
    paragraph._p.append(etree.fromstring(TEXT_BOX_RUN.format(text=html.escape(boxed))))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
