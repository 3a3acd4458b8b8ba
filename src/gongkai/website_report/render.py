"""The website report as HTML, DOCX and PDF, all from :func:`layout_website_report`.

DOCX and PDF go through :mod:`gongkai.documents` as a 公文 signed by the site's 主办单位 and
dated its publication, like the annual report; HTML reuses the annual report's accessible
table markup. Each function takes the plain dict of
:func:`~gongkai.website_report.layout.report_data`.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from gongkai.documents import docx as docx_renderer
from gongkai.documents import pdf as pdf_renderer
from gongkai.documents.model import Heading, OfficialDocument, Paragraph, Table
from gongkai.reports.render.document import grid_table
from gongkai.reports.render.html import STANDALONE_CSS, TABLE_CSS, grid_html
from gongkai.website_report.layout import layout_website_report

OUTPUT_FORMATS: dict[str, tuple[str, str]] = {
    "html": ("text/html; charset=utf-8", "html"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
}
SOURCES_HEADING = "附：数据来源"


def website_report_article(data: Mapping[str, Any]) -> str:
    """The report as one ``<article>`` for a page (the portal's, the operator's preview)."""
    layout = layout_website_report(data)
    out = ['<article class="annual-report website-report">']
    if layout.draft_mark:
        out.append(f'<p class="draft-mark">{escape(layout.draft_mark)}</p>')
    out.append(f"<h1>{escape(layout.title)}</h1>")
    out.append(f'<p class="report-issuer">填报单位：{escape(layout.issuer)}</p>')
    out.append(grid_html(layout.grid))
    out.append(f'<p class="report-signoff">{escape(layout.signoff)}</p>')
    out.append(f'<h2>{SOURCES_HEADING}</h2>\n<dl class="report-sources">')
    for note, labels in layout.sources:
        out.append(f"<dt>{escape(note)}</dt><dd>{escape(labels)}</dd>")
    out.append("</dl>\n</article>")
    return "\n".join(out)


def render_html(data: Mapping[str, Any]) -> str:
    """A complete HTML document (a saved file reads the same offline)."""
    title = escape(layout_website_report(data).title)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{STANDALONE_CSS}\n{TABLE_CSS}</style>\n</head>\n"
        f"<body>\n{website_report_article(data)}\n</body>\n</html>\n"
    )


def website_report_document(data: Mapping[str, Any]) -> OfficialDocument:
    layout = layout_website_report(data)
    blocks: list[Heading | Paragraph | Table] = [
        Paragraph(f"填报单位：{layout.issuer}", indent=False),
        grid_table(layout.grid),
        Paragraph(layout.signoff, indent=False),
        Heading(SOURCES_HEADING, level=3),
    ]
    blocks += [Paragraph(f"{note}：{labels}") for note, labels in layout.sources]
    return OfficialDocument(
        title=layout.title,
        number=None,
        addressee=None,
        blocks=blocks,
        signature=layout.issuer,
        date=layout.date,
        draft_mark=layout.draft_mark,
    )


def render(data: Mapping[str, Any], fmt: str) -> bytes:
    """``data`` in one of :data:`OUTPUT_FORMATS`, as bytes for a file or a response."""
    if fmt == "html":
        return render_html(data).encode()
    if fmt == "docx":
        return docx_renderer.render_docx(website_report_document(data))
    if fmt == "pdf":
        return pdf_renderer.render_pdf(website_report_document(data))
    raise ValueError(f"不支持的输出格式“{fmt}”，应为 html、docx 或 pdf。")
