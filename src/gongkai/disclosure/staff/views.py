"""Thin admin views of the catalogue: masking, and the agency's publication health."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.disclosure.models import CatalogueEntryPage
from gongkai.disclosure.selectors import column_health, information_gaps, late_entries
from gongkai.disclosure.services.masking import do_mask_personal_data


@require_POST
def mask(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(CatalogueEntryPage, pk=pk)
    try:
        count = do_mask_personal_data(entry=entry, user=request.user)
    except PermissionDenied:
        raise
    if count:
        messages.success(
            request, f"已对{count}处个人信息脱敏并保存为新草稿；附件中的个人信息请替换附件。"
        )
    else:
        messages.info(request, "条目文字中没有需要脱敏的个人信息。")
    return redirect("wagtailadmin_pages:edit", entry.pk)


def health(request: HttpRequest) -> HttpResponse:
    """Empty and stale mandatory columns, agencies whose 机构信息 or guide contacts leave
    items out, and entries late under Art. 26, per agency."""
    agencies = Agency.objects.visible_to(request.user).order_by("code")
    if not agencies.exists():
        raise PermissionDenied
    ids = list(agencies.values_list("pk", flat=True))
    today = timezone.localdate()
    columns = column_health(agency_ids=ids)
    problems = [c for c in columns if c.empty or c.stale(today)]
    context: dict[str, Any] = {
        "columns": problems,
        "gaps": information_gaps(agency_ids=ids),
        "lateness": late_entries(agency_ids=ids, today=today),
        "today": today,
    }
    return TemplateResponse(request, "disclosure/staff/health.html", context)
