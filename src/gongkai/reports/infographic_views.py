"""The portal's 图解 of a published annual report: SVG to show, PNG to download, text.

Only final reports are public, and the graphic reads their published snapshot (and last
year's, if that was published here, for the year-on-year change); the share answered on
time is counted from the records of that year. A PNG costs a moment of CPU, so the
three outputs are cached per report.
"""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from gongkai.documents.fonts import FontUnavailableError
from gongkai.reports.infographic import figures, layout, text_alternative, title_of, to_png, to_svg
from gongkai.reports.models import AnnualReport
from gongkai.reports.statistics import timeliness

CONTENT_TYPES = {
    "svg": "image/svg+xml; charset=utf-8",
    "png": "image/png",
    "txt": "text/plain; charset=utf-8",
}


@require_GET
def infographic(request: HttpRequest, agency_code: str, year: int, fmt: str) -> HttpResponse:
    published = AnnualReport.objects.published().select_related("agency")
    report = get_object_or_404(published, agency__code=agency_code.strip().upper(), year=year)
    key = f"gongkai:tujie:{report.pk}:{report.published_on}:{fmt}"
    content = cache.get(key)
    if content is None:
        last = published.filter(agency=report.agency, year=year - 1).first()
        shown = figures(
            report.snapshot,
            previous=last.snapshot if last is not None else None,
            timeliness=timeliness(agency=report.agency, year=year),
        )
        if fmt == "txt":
            content = text_alternative(shown).encode()
        elif fmt == "svg":
            content = to_svg(layout(shown)).encode()
        else:
            try:
                content = to_png(layout(shown))
            except FontUnavailableError as error:
                return HttpResponse(str(error), status=503, content_type=CONTENT_TYPES["txt"])
        cache.set(key, content, timeout=3600)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    if fmt == "png":
        title = title_of(str(report.snapshot.get("agency", report.agency.name)), year)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{title}.png"
        )
    return response
