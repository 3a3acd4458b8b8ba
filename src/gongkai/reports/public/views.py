"""The portal's annual-report pages: the final report as HTML, and its files.

Only final reports are public, and they are printed from the snapshot taken when the
report was marked final, so the page, the DOCX and the PDF show the numbers as
published even if a record is corrected later. Rendering a PDF costs seconds of CPU, so
the files are cached per report and format (a final snapshot never changes).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongkai.portal.published_reports import cached_report_file
from gongkai.reports.models import AnnualReport
from gongkai.reports.proactive import figure_cells
from gongkai.reports.render import OUTPUT_FORMATS
from gongkai.reports.render import render as render_report
from gongkai.reports.render.html import report_article
from gongkai.reports.render.layout import report_title

DOWNLOADS = (("pdf", "PDF 版"), ("docx", "Word 版（DOCX）"), ("json", "数据（JSON）"))


def _published(agency_code: str, year: int) -> AnnualReport:
    return get_object_or_404(
        AnnualReport.objects.published().select_related("agency"),
        agency__code=agency_code.strip().upper(),
        year=year,
    )


@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    reports = (
        AnnualReport.objects.published().select_related("agency").order_by("-year", "agency__code")
    )
    return render(request, "reports/public/index.html", {"reports": reports})


def figure_sources(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Where each figure of table 二 came from, and where the other tables came from."""
    notes = data.get("proactive_sources", {})
    found = [
        (f"表二 {cell.label}", notes[f"{cell.row.key}.{cell.column.key}"])
        for cell in figure_cells(data["format"])
        if f"{cell.row.key}.{cell.column.key}" in notes
    ]
    other = data.get("sources", {})
    for key, label in (
        ("applications", "表三"),
        ("appeals", "表四"),
        ("processing_fees", "信息处理费"),
    ):
        if key in other:
            found.append((label, other[key]))
    return found


@require_GET
def report_page(request: HttpRequest, agency_code: str, year: int) -> HttpResponse:
    report = _published(agency_code, year)
    data = report.snapshot
    return render(
        request,
        "reports/public/report.html",
        {
            "report": report,
            "title": report_title(data),
            "article": report_article(data),
            "downloads": [
                (reverse("reports_public:file", args=[report.agency.code, report.year, fmt]), label)
                for fmt, label in DOWNLOADS
            ],
            "sources": figure_sources(data),
        },
    )


@require_GET
def report_file(request: HttpRequest, agency_code: str, year: int, fmt: str) -> HttpResponse:
    if fmt not in OUTPUT_FORMATS:
        raise Http404
    report = _published(agency_code, year)
    content_type, extension = OUTPUT_FORMATS[fmt]
    return cached_report_file(
        key=f"gongkai:annual-report:{report.pk}:{report.published_on}:{fmt}",
        render=lambda: render_report(report.snapshot, fmt),
        content_type=content_type,
        filename=f"{report_title(report.snapshot)}.{extension}",
        as_attachment=fmt != "json",
    )
