"""The screen where staff take a flood of junk online filings out of the 待确认 queue."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.selectors import agency_ids_with_role
from gongkai.applications.models import Application
from gongkai.applications.services.clock import HANDLER_ROLES
from gongkai.applications.services.intake import do_mark_junk
from gongkai.typed_numbers import whole_number

SHOWN = 500  # a flood is cleared page by page, newest first


def _handled_agency_ids(user: object) -> set[int]:
    """The agencies whose queue ``user`` may clear: where it holds a handler role.

    The operator as such has none: the queue shows what applicants asked for, which is
    the agency's case file (and ``do_mark_junk`` would refuse the operator anyway).
    """
    return set().union(*(agency_ids_with_role(user, role) for role in HANDLER_ROLES))


@require_http_methods(["GET", "POST"])
def junk_view(request: HttpRequest) -> HttpResponse:
    agencies = _handled_agency_ids(request.user)
    if not agencies:
        raise PermissionDenied
    queue = (
        Application.objects.to_confirm()
        .filter(agency_id__in=agencies)
        .select_related("agency")
        .order_by("-submitted_at")
    )
    if request.method == "POST":
        typed = map(whole_number, request.POST.getlist("application"))
        ids = [pk for pk in typed if pk is not None]
        if not ids:
            messages.error(request, "请先勾选要标记为无效申请的申请。")
            return redirect("applications_junk")
        try:
            count = do_mark_junk(
                application_ids=ids,
                reason=request.POST.get("reason", ""),
                today=timezone.localdate(),
            )
        except (ValidationError, PermissionDenied) as error:
            text = "；".join(error.messages) if isinstance(error, ValidationError) else str(error)
            messages.error(request, text)
        else:
            messages.success(request, f"已将{count}件申请标记为无效申请，移出待确认队列。")
        return redirect("applications_junk")
    context = {
        "page_title": "清理无效申请",
        "header_icon": "bin",
        "applications": queue[:SHOWN],
        "total": queue.count(),
        "shown": SHOWN,
    }
    return TemplateResponse(request, "applications/staff/junk.html", context)
