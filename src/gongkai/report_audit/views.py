"""Operator-only admin screens: the batches, an upload, a batch's summary, one report.

Every view checks :func:`is_operator` first; the service checks again on upload.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.generic import FormView

from gongkai.agencies.selectors import is_operator
from gongkai.report_audit.forms import UploadForm
from gongkai.report_audit.models import AuditBatch, AuditedReport, BatchStatus
from gongkai.report_audit.services import do_create_batch
from gongkai.report_audit.uploads import UploadError
from gongkai.reports.audit.summary import FORMAT_NAMES


def _require_operator(request: HttpRequest) -> None:
    if not is_operator(request.user):
        raise PermissionDenied


def batch_list(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    batches = AuditBatch.objects.all()[:200]
    context = {"batches": batches, "page_title": "年报核查", "header_icon": "doc-full"}
    return TemplateResponse(request, "report_audit/index.html", context)


class UploadView(FormView):
    template_name = "report_audit/upload.html"
    form_class = UploadForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _require_operator(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            page_title="上传年度报告进行核查", header_icon="doc-full", **kwargs
        )

    def form_valid(self, form: UploadForm) -> HttpResponse:
        try:
            batch = do_create_batch(
                name=form.cleaned_data["name"], files=form.cleaned_data["files"]
            )
        except UploadError as error:
            form.add_error("files", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, f"已上传{batch.reports.count()}份报告，正在后台核查，本页显示进度。"
        )
        return redirect("report_audit_batch", pk=batch.pk)


def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_operator(request)
    batch = get_object_or_404(AuditBatch, pk=pk)
    reports = batch.reports.defer("content").order_by("position")
    rows = [
        {
            "report": r,
            "format": FORMAT_NAMES.get(r.format, "未识别") if r.result else "",
            "unreadable_tables": "、".join(r.result.get("unreadable_tables", [])),
        }
        for r in reports
    ]
    context = {
        "batch": batch,
        "page_title": f"年报核查：{batch.name}",
        "header_icon": "doc-full",
        "rows": rows,
        "in_progress": batch.status in (BatchStatus.PENDING, BatchStatus.RUNNING),
        "with_errors": sum(1 for r in reports if r.errors),
        "with_warnings": sum(1 for r in reports if r.warnings),
    }
    return TemplateResponse(request, "report_audit/batch.html", context)


def report_detail(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    _require_operator(request)
    report = get_object_or_404(
        AuditedReport.objects.defer("content").select_related("batch"),
        batch_id=pk,
        position=position,
    )
    result = report.result or {}
    context = {
        "report": report,
        "batch": report.batch,
        "page_title": f"年报核查：{report.file_name}",
        "header_icon": "doc-full",
        "findings": result.get("findings", []),
        "sections": result.get("sections", {}),
        "unreadable": result.get("unreadable", []),
        "settled": [c["note"] for c in result.get("from_narrative", {}).values()],
        "figures": result.get("narrative_figures", []),
        "format": FORMAT_NAMES.get(report.format, "未识别"),
    }
    return TemplateResponse(request, "report_audit/report.html", context)
