"""Reads for the website report: what the public may see, and the data every renderer takes."""

from __future__ import annotations

from typing import Any

from gongkai.website_report.layout import report_data
from gongkai.website_report.models import WebsiteReport, WebsiteReportStatus


def latest_published() -> WebsiteReport | None:
    """The newest published report: the one the home page links."""
    return WebsiteReport.objects.published().order_by("-year").first()


def data_of(report: WebsiteReport) -> dict[str, Any]:
    """The report as :mod:`gongkai.website_report.render` reads it."""
    published = report.published_on if report.status == WebsiteReportStatus.PUBLISHED else None
    return report_data(year=report.year, figures=report.figures, published_on=published)
