"""The annual report as an official document (公文): DOCX to edit, PDF to publish.

Both come from one :class:`~gongkai.documents.model.OfficialDocument` built from the
shared layout, so the DOCX an officer opens and the PDF on the portal carry the same
cells; :mod:`gongkai.documents` sets the title in 小标宋, the body in 仿宋, headings in
黑体/楷体 and draws the tables with their merged cells (GB/T 9704-2012).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongkai.documents import docx as docx_renderer
from gongkai.documents import pdf as pdf_renderer
from gongkai.documents.model import Cell, Heading, OfficialDocument, Paragraph, Table
from gongkai.reports.render.layout import Grid, GridCell, layout_report
from gongkai.reports.render.layout import Heading as LayoutHeading
from gongkai.reports.render.layout import Text as LayoutText


def grid_table(grid: Grid) -> Table:
    """A layout grid as a document table; header rows repeat on each page."""
    return Table(
        rows=[[_cell(c) for c in row] for row in grid.rows],
        header_rows=grid.header_rows,
        col_widths=grid.col_widths,
    )


def _cell(cell: GridCell) -> Cell:
    align = "left" if cell.role in ("row_header", "note") and cell.colspan > 1 else "center"
    return Cell(cell.text, rowspan=cell.rowspan, colspan=cell.colspan, align=align)


def report_document(
    report: Mapping[str, Any], narrative: Mapping[str, Any] | None = None
) -> OfficialDocument:
    """The report as a 公文 signed by the agency, dated its publication; a draft is marked
    草稿 on every page and undated."""
    layout = layout_report(report, narrative)
    blocks: list[Heading | Paragraph | Table] = []
    for block in layout.blocks:
        if isinstance(block, LayoutHeading):
            blocks.append(Heading(block.text, level=block.level))
        elif isinstance(block, LayoutText):
            blocks.append(Paragraph(block.text))
        else:
            blocks.append(grid_table(block))
    return OfficialDocument(
        title=layout.title,
        number=None,
        addressee=None,
        blocks=blocks,
        signature=layout.agency,
        date=layout.date,
        draft_mark=layout.draft_mark,
    )


def render_docx(report: Mapping[str, Any], narrative: Mapping[str, Any] | None = None) -> bytes:
    """The report as DOCX bytes."""
    return docx_renderer.render_docx(report_document(report, narrative))


def render_pdf(report: Mapping[str, Any], narrative: Mapping[str, Any] | None = None) -> bytes:
    """The report as PDF bytes with subset Chinese fonts embedded."""
    return pdf_renderer.render_pdf(report_document(report, narrative))
