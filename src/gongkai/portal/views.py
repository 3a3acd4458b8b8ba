"""The portal's own pages (not Wagtail pages): catalogue browse, search, display mode.

Views stay thin: filters are read by portal.browse, the search runs through
gongkai.search.indexing, and the templates print what they are given.
"""

from __future__ import annotations

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from gongkai.agencies.models import Agency
from gongkai.portal.browse import (
    CatalogueFilters,
    column_entries,
    filtered_entries,
    publication_years,
    published_entries,
)
from gongkai.portal.display import DISPLAY_COOKIE, DISPLAY_COOKIE_AGE, DISPLAY_MODES
from gongkai.portal.paging import paginate
from gongkai.portal.search_limit import THROTTLED, search_limited
from gongkai.portal.searching import SORTS, run_search
from gongkai.portal.xxgk import application_notes, platform_navigation
from gongkai.rules.catalogue import (
    INFO_TYPE_LABELS,
    MANDATORY_COLUMNS,
    RULES_COLUMN,
    SUBJECT_CATEGORIES,
    Validity,
)
from gongkai.rules.legal_basis import INSTRUMENTS

# The columns /xxgk/<key>/ lists across agencies: Art. 20/21's, and 信息公开制度.
XXGK_COLUMNS = {c.key: c for c in (*MANDATORY_COLUMNS, RULES_COLUMN)}


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
    paging = paginate(
        filtered_entries(filters),
        request.GET.get("page"),
        params=list(filters.params().items()),
    )
    return render(
        request,
        "portal/catalogue.html",
        {
            "filters": filters,
            "errors": errors,
            "entries": paging.page,
            "paging": paging,
            **_filter_options(),
        },
    )


def _too_many_searches(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/too_many_searches.html", {"message": THROTTLED}, status=429)


@require_GET
@search_limited(_too_many_searches)
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
def xxgk(request: HttpRequest) -> HttpResponse:
    """政府信息公开: the platform's 信息公开 navigation (gov.cn-style)."""
    return render(
        request,
        "portal/xxgk.html",
        {"nav": platform_navigation(), "notes": application_notes()},
    )


@require_GET
def xxgk_column(request: HttpRequest, key: str) -> HttpResponse:
    """One statutory column (or 信息公开制度) across every agency that keeps it."""
    column = XXGK_COLUMNS.get(key)
    if column is None:
        raise Http404("栏目不存在。")
    entries = column_entries(key)
    paging = paginate(entries if entries is not None else [], request.GET.get("page"))
    return render(
        request,
        "portal/xxgk_column.html",
        {
            "column": column,
            "entries": paging.page,
            "paging": paging,
            "instruments": INSTRUMENTS if column is RULES_COLUMN else (),
        },
    )


@require_GET
def entry_print(request: HttpRequest, entry_id: int) -> HttpResponse:
    """A published entry laid out for A4 paper, its metadata table on top.

    Under /print/ rather than a query on the entry's URL, so robots.txt keeps search
    engines and the site inspection to the entry page itself (one copy of each text).
    """
    entry = published_entries().filter(pk=entry_id).first()
    if entry is None:
        raise Http404("信息不存在或尚未发布。")
    return render(
        request,
        "disclosure/catalogue_entry_print.html",
        {
            "page": entry,
            "attachments": list(entry.attachments.select_related("document")),
            "entry_address": request.build_absolute_uri(entry.url),
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
