"""The public page of a published website report, and its files; 404 until published.

A published report never changes (it cannot be reopened), so each file is rendered once
per publication and cached.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongkai.portal.published_reports import cached_report_file
from gongkai.rules import website_report as form
from gongkai.website_report.models import WebsiteReport
from gongkai.website_report.render import OUTPUT_FORMATS, website_report_article
from gongkai.website_report.render import render as render_report
from gongkai.website_report.selectors import data_of

DOWNLOADS = (("pdf", "PDF 版"), ("docx", "Word 版（DOCX）"))


@require_GET
def report_page(request: HttpRequest, year: int) -> HttpResponse:
    report = get_object_or_404(WebsiteReport.objects.published(), year=year)
    others = WebsiteReport.objects.published().exclude(pk=report.pk).order_by("-year")
    return render(
        request,
        "website_report/public.html",
        {
            "report": report,
            "title": form.report_title(report.year),
            "article": website_report_article(data_of(report)),
            "downloads": [
                (reverse("website_report_public:file", args=[report.year, fmt]), label)
                for fmt, label in DOWNLOADS
            ],
            "others": others,
        },
    )


@require_GET
def report_file(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    if fmt not in OUTPUT_FORMATS or fmt == "html":
        raise Http404
    report = get_object_or_404(WebsiteReport.objects.published(), year=year)
    content_type, extension = OUTPUT_FORMATS[fmt]
    return cached_report_file(
        key=f"gongkai:website-report:{report.year}:{report.published_on}:{fmt}",
        render=lambda: render_report(data_of(report), fmt),
        content_type=content_type,
        filename=f"{form.report_title(report.year)}.{extension}",
    )
