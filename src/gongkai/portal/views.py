"""The portal's own pages (not Wagtail pages): catalogue browse, search, display mode.

Views stay thin: filters are read by portal.browse, the search runs through
gongkai.search.indexing, and the templates print what they are given.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.portal.browse import PER_PAGE, CatalogueFilters, filtered_entries, publication_years
from gongkai.portal.display import DISPLAY_COOKIE, DISPLAY_COOKIE_AGE, DISPLAY_MODES
from gongkai.portal.searching import SORTS, run_search
from gongkai.rules.catalogue import INFO_TYPE_LABELS, SUBJECT_CATEGORIES, Validity


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and `gongkai serve` start-up checks: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _filter_options() -> dict[str, object]:
    return {
        "agencies": Agency.objects.active().only("code", "name").order_by("code"),
        "subjects": SUBJECT_CATEGORIES,
        "info_types": [(t.value, label) for t, label in INFO_TYPE_LABELS.items()],
        "validities": [(v.value, v.label) for v in Validity],
        "years": publication_years(),
    }


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    filters, errors = CatalogueFilters.from_query(request.GET)
    entries = Paginator(filtered_entries(filters), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/catalogue.html",
        {
            "filters": filters,
            "errors": errors,
            "entries": entries,
            "page_query": filters.query_string(),
            **_filter_options(),
        },
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    filters, errors = CatalogueFilters.from_query(request.GET)
    outcome = run_search(request.GET, filters)
    return render(
        request,
        "portal/search.html",
        {
            "filters": filters,
            "errors": errors + ([outcome.error] if outcome.error else []),
            "outcome": outcome,
            "sorts": SORTS,
        },
    )


@require_GET
def display(request: HttpRequest) -> HttpResponse:
    """Switch between the standard and the large-text, high-contrast display; no JS needed."""
    mode = request.GET.get("mode", "")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if mode in DISPLAY_MODES:
        response.set_cookie(
            DISPLAY_COOKIE, mode, max_age=DISPLAY_COOKIE_AGE, samesite="Lax", httponly=True
        )
    return response
