"""The read-only open-data API: catalogue list and detail, search, annual reports.

Everything here is what the public pages already show — published entries and final
reports — as JSON. Drafts, review states and anything about applicants never reach
it: the querysets are the portal's published_entries() and AnnualReport.published().
The schema is portal/openapi.py, served at /api/openapi.json.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import EmptyPage, Paginator
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.portal.browse import CatalogueFilters, filtered_entries, published_entries
from gongkai.portal.openapi import schema
from gongkai.portal.richtext import public_html
from gongkai.portal.search_limit import THROTTLED, search_limited
from gongkai.portal.searching import run_search
from gongkai.reports.models import AnnualReport
from gongkai.typed_numbers import whole_number

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
# Ids are 64-bit; a larger number in a URL names nothing (and the database refuses it).
MAX_ID = 2**63 - 1


def _path_number(text: str) -> int | None:
    """An id or year from the URL; anything else names nothing (a JSON 404, not HTML)."""
    number = whole_number(text)
    return number if number is not None and number <= MAX_ID else None


def _json(data: Any, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message: str, status: int = 400) -> JsonResponse:
    return _json({"error": message}, status)


def entry_summary(entry: CatalogueEntryPage) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "index_number": entry.index_number,
        "title": entry.title,
        "agency": {"code": entry.agency.code, "name": entry.agency.name},
        "document_number": entry.document_number,
        "formed_on": entry.formed_on.isoformat() if entry.formed_on else None,
        "published_on": entry.published_on.isoformat() if entry.published_on else None,
        "subject": entry.subject,
        "info_type": entry.info_type,
        "info_type_label": entry.info_type_label,
        "validity": entry.validity,
        "validity_label": entry.validity_label,
        "url": entry.url,
    }


def entry_detail(entry: CatalogueEntryPage) -> dict[str, Any]:
    public = published_entries()
    superseded_by = public.filter(pk=entry.superseded_by_id).values_list("pk", flat=True).first()
    return {
        **entry_summary(entry),
        "validity_changed_on": (
            entry.validity_changed_on.isoformat() if entry.validity_changed_on else None
        ),
        "superseded_by": superseded_by,
        "supersedes": list(public.filter(superseded_by_id=entry.pk).values_list("pk", flat=True)),
        "keywords": entry.keywords,
        "summary": entry.summary,
        "body_html": public_html(entry.body),
        "attachments": [
            {
                "title": a.display_title,
                "url": a.document.url,
                "file_extension": a.document.file_extension,
            }
            for a in entry.attachments.select_related("document")
        ],
    }


def _int_param(request: HttpRequest, name: str, default: int, upper: int) -> int | None:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    number = whole_number(raw)
    if number is None or not 1 <= number <= upper:
        return None
    return number


@csrf_exempt  # read-only: any other method is a 405, not a CSRF 403
@require_GET
def catalogue_list(request: HttpRequest) -> JsonResponse:
    filters, errors = CatalogueFilters.from_query(request.GET)
    if errors:
        return _error(" ".join(errors).replace("，已忽略", ""))
    per_page = _int_param(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    if per_page is None:
        return _error(f"per_page 应为1到{MAX_PER_PAGE}之间的整数。")
    number = _int_param(request, "page", 1, 10**6)
    if number is None:
        return _error("page 应为正整数。")
    paginator = Paginator(filtered_entries(filters), per_page)
    try:
        page = paginator.page(number)
    except EmptyPage:
        return _error(f"page 超出范围：共{paginator.num_pages}页。", 404)
    return _json(
        {
            "count": paginator.count,
            "page": number,
            "pages": paginator.num_pages,
            "results": [entry_summary(e) for e in page],
        }
    )


@csrf_exempt  # read-only: any other method is a 405, not a CSRF 403
@require_GET
def catalogue_detail(request: HttpRequest, entry_id: str) -> JsonResponse:
    number = _path_number(entry_id)
    entry = published_entries().filter(pk=number).first() if number is not None else None
    if entry is None:
        return _error("该目录条目不存在或未公开。", 404)
    return _json(entry_detail(entry))


@csrf_exempt  # read-only: any other method is a 405, not a CSRF 403
@require_GET
@search_limited(lambda request: _error(THROTTLED, status=429))
def search(request: HttpRequest) -> JsonResponse:
    filters, errors = CatalogueFilters.from_query(request.GET)
    if errors:
        return _error(" ".join(errors).replace("，已忽略", ""))
    outcome = run_search(request.GET, filters)
    if outcome.error:
        return _error(outcome.error)
    return _json(
        {
            "query": outcome.text,
            "sort": outcome.sort,
            "total": outcome.total,
            "next": f"/api/search/?{outcome.next_query}" if outcome.next_query else None,
            "suggestion": outcome.suggestion or None,
            "hits": [
                {
                    "id": int(hit.document.id),
                    "index_number": hit.document.index_number,
                    "document_number": hit.document.document_number,
                    "title": hit.document.title,
                    "title_html": hit.title.html(),
                    "snippet_html": hit.snippet.html(),
                    "agency": {"code": hit.document.agency_code, "name": hit.document.agency_name},
                    "subject": hit.document.subject,
                    "info_type_label": hit.document.info_type,
                    "validity_label": hit.document.validity,
                    "published_on": hit.document.published.isoformat(),
                    "url": hit.document.url,
                }
                for hit in outcome.hits
            ],
            "facets": {
                label: [{"label": link.label, "count": link.count} for link in links]
                for label, links in outcome.facets
            },
        }
    )


@csrf_exempt  # read-only: any other method is a 405, not a CSRF 403
@require_GET
def report_list(request: HttpRequest) -> JsonResponse:
    reports = (
        AnnualReport.objects.published().select_related("agency").order_by("-year", "agency__code")
    )
    return _json(
        {
            "results": [
                {
                    "agency": {"code": r.agency.code, "name": r.agency.name},
                    "year": r.year,
                    "published_on": r.published_on.isoformat() if r.published_on else None,
                    "url": f"/reports/{r.agency.code}/{r.year}/",
                    "data": f"/api/reports/{r.agency.code}/{r.year}/",
                }
                for r in reports
            ]
        }
    )


@csrf_exempt  # read-only: any other method is a 405, not a CSRF 403
@require_GET
def report_detail(request: HttpRequest, agency_code: str, year: str) -> JsonResponse:
    """The final report's JSON (DESIGN.md's report format), as frozen when it was published."""
    number = _path_number(year)
    report = (
        AnnualReport.objects.published()
        .filter(agency__code=agency_code.strip().upper(), year=number)
        .first()
        if number is not None
        else None
    )
    if report is None:
        return _error("该年度报告不存在或尚未发布。", 404)
    return _json(report.snapshot)


@csrf_exempt  # read-only: any other method is a 405, not a CSRF 403
@require_GET
def openapi(request: HttpRequest) -> JsonResponse:
    return _json(schema())
