"""The annual report rendered as HTML, DOCX and PDF from its JSON and narrative.

Each renderer is a plain function of the report dict (DESIGN.md JSON, optionally with a
``"narrative"``) so the report page, the command line and the audit's round-trip tests
call the same code.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from gongkai.reports.render.document import render_docx, render_pdf
from gongkai.reports.render.html import render_html, report_article

OUTPUT_FORMATS: dict[str, tuple[str, str]] = {
    "json": ("application/json", "json"),
    "html": ("text/html; charset=utf-8", "html"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
}


def render(report: Mapping[str, Any], fmt: str) -> bytes:
    """``report`` in one of :data:`OUTPUT_FORMATS`, as bytes for a file or a response."""
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2).encode()
    if fmt == "html":
        return render_html(report).encode()
    if fmt == "docx":
        return render_docx(report)
    if fmt == "pdf":
        return render_pdf(report)
    raise ValueError(f"不支持的输出格式“{fmt}”，应为 json、html、docx 或 pdf。")


__all__ = [
    "OUTPUT_FORMATS",
    "render",
    "render_docx",
    "render_html",
    "render_pdf",
    "report_article",
]
