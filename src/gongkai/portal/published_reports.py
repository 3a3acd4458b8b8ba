"""Serving a published report's files: rendered once per publication, then cached.

A published report (the annual report's final snapshot, a website report) never
changes, and rendering its PDF costs seconds of CPU, so each format is rendered at
most once per publication. Both kinds of report share this so they answer a missing
font the same way (503 with the reason) and name their files the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.http import content_disposition_header

from gongkai.documents.fonts import FontUnavailableError, MissingGlyphError


def cached_report_file(
    *,
    key: str,
    render: Callable[[], bytes],
    content_type: str,
    filename: str,
    as_attachment: bool = True,
) -> HttpResponse:
    content = cache.get(key)
    if content is None:
        try:
            content = render()
        except (FontUnavailableError, MissingGlyphError) as error:
            return HttpResponse(str(error), status=503, content_type="text/plain; charset=utf-8")
        cache.set(key, content, timeout=None)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=as_attachment, filename=filename
    )
    return response
