"""The conventions every government site has: favicon, robots.txt, a readable 网站地图,
a page about the open data, and error pages in the site's own design."""

from __future__ import annotations

import sys
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from gongkai.site_identity.sitemap import sitemap_sections
from gongkai.site_identity.standalone import standalone_response
from gongkai.site_identity.unavailable import unavailable_reason, unavailable_response

FAVICON = Path(__file__).resolve().parent / "static" / "site_identity" / "favicon.ico"
# Screens that are per person or per query: nothing for a search engine to index; and the
# print views, copies of entry pages.
ROBOTS_DISALLOWED = [
    "/admin/",
    "/search/",
    "/api/search/",
    "/track/",
    "/display/",
    "/challenge/",
    "/print/",
]


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> FileResponse:
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('portal:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def sitemap_page(request: HttpRequest) -> HttpResponse:
    """网站地图 for people; /sitemap.xml stays for search engines."""
    return render(request, "site_identity/sitemap.html", {"sections": sitemap_sections()})


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    return render(request, "site_identity/open_data.html", {"base": base})


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # A session that could not be saved because the database went away is no bad request.
    reason = unavailable_reason(exception)
    if reason is not None:
        return unavailable_response(reason)
    return _error(request, "400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, "404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the database or context processors: they may be what failed.

    A full disk or an absent database is a 503 naming the cause (site_identity.unavailable).
    """
    reason = unavailable_reason(sys.exc_info()[1])
    if reason is not None:
        return unavailable_response(reason)
    return standalone_response("500.html", 500, heading="服务暂时不可用")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return standalone_response("403_csrf.html", 403, heading="页面已过期")


def _error(request: HttpRequest, template: str, status: int) -> HttpResponse:
    return render(request, template, status=status)
