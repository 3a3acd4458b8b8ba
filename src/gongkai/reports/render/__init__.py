"""The annual report rendered as HTML, DOCX and PDF from its JSON and narrative.

Each renderer is a plain function of the report dict (DESIGN.md JSON, optionally with a
``"narrative"``) so the report page, the command line and the audit's round-trip tests
call the same code.
"""

from gongkai.reports.render.document import render_docx, render_pdf
from gongkai.reports.render.html import render_html, report_article

__all__ = ["render_docx", "render_html", "render_pdf", "report_article"]
