"""The report editor in the back office: text, table 二 figures, findings, review, files.

Every view reads the report through ``visible_to`` (another agency's report is a 404)
and changes it only through :mod:`gongkai.reports.services`, which check the role.
The buttons shown are only a convenience; the services decide.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import agency_ids_with_role, roles_of
from gongkai.documents.fonts import FontUnavailableError, MissingGlyphError
from gongkai.form_errors import add_service_errors
from gongkai.reports.compose import compose_report
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.narrative import OVERVIEW_PARTS, TEXT_FIELDS, generated_sentences
from gongkai.reports.render import OUTPUT_FORMATS, render
from gongkai.reports.render.html import TABLE_CSS, report_article
from gongkai.reports.render.layout import report_title
from gongkai.reports.selectors import proactive_entries
from gongkai.reports.services import (
    PUBLISHERS,
    WRITERS,
    do_approve_report,
    do_create_report,
    do_enter_figures,
    do_mark_final,
    do_reject_report,
    do_save_narrative,
    do_submit_report,
)
from gongkai.reports.staff.forms import CommentForm, FiguresForm, NarrativeForm, NewReportForm

# Where each generated sentence belongs, as the editor labels the parts.
SENTENCE_PLACES = {
    **{p.key: f"一、总体情况 · {p.heading}" for p in OVERVIEW_PARTS},
    **TEXT_FIELDS,
}


def _report(request: HttpRequest, pk: int) -> AnnualReport:
    return get_object_or_404(
        AnnualReport.objects.visible_to(request.user).select_related("agency"), pk=pk
    )


def _may(user: Any, report: AnnualReport, roles: set[str]) -> bool:
    """The services' rule: a role in the report's agency (the operator reads, never writes)."""
    return bool(roles_of(user, report.agency) & {str(r) for r in roles})


def editor(request: HttpRequest, pk: int, **forms_: Any) -> HttpResponse:
    report = _report(request, pk)
    data = compose_report(report, today=timezone.localdate())
    user = request.user
    writable = report.is_editable and _may(user, report, WRITERS)
    reviewer = report.reviewer_role
    findings = data.get("findings", [])
    sentences = generated_sentences(data)
    return TemplateResponse(
        request,
        "reports/staff/editor.html",
        {
            "report": report,
            "data": data,
            "errors": [f for f in findings if f["severity"] == "error"],
            "warnings": [f for f in findings if f["severity"] == "warning"],
            "sentences": [
                (SENTENCE_PLACES[key], "".join(lines)) for key, lines in sentences.items() if lines
            ],
            "narrative_form": forms_.get("narrative_form")
            or NarrativeForm(narrative=report.narrative),
            "figures_form": forms_.get("figures_form")
            or FiguresForm(entries=proactive_entries(report)),
            "comment_form": forms_.get("comment_form") or CommentForm(),
            "writable": writable,
            "can_submit": writable,
            "can_review": reviewer is not None and _may(user, report, {reviewer}),
            "reviewer_label": reviewer.label if reviewer else "",
            "can_finalize": report.status == ReportStatus.APPROVED
            and _may(user, report, PUBLISHERS),
            "steps": report.steps.select_related("actor"),
            "sources": data.get("proactive_sources", {}),
            "formats": [f for f in OUTPUT_FORMATS if f != "json"],
            "article": report_article(data),
            "table_css": TABLE_CSS,
            "page_title": str(report),
            "header_icon": "doc-full",
        },
    )


def _service_failed(request: HttpRequest, error: Exception, form: Any = None) -> None:
    if isinstance(error, ValidationError):
        if form is not None:
            add_service_errors(form, error)
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.error(request, str(error) or "无权进行此操作。")


@require_POST
def save_narrative(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = NarrativeForm(request.POST, narrative=report.narrative)
    if form.is_valid():
        try:
            do_save_narrative(report=report, narrative=form.narrative())
        except (ValidationError, PermissionDenied) as error:
            _service_failed(request, error, form)
        else:
            messages.success(request, "报告文字已保存。")
            return redirect("reports_editor", pk=pk)
    return editor(request, pk, narrative_form=form)


@require_POST
def save_figures(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    form = FiguresForm(request.POST, entries=proactive_entries(report))
    if form.is_valid():
        try:
            changed = do_enter_figures(report=report, entries=form.entries_to_save())
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_cell_errors(error.message_dict)
            messages.error(request, "表二数据未保存：请检查下方标出的错误。")
            for message in [] if hasattr(error, "error_dict") else error.messages:
                messages.error(request, message)
        except PermissionDenied as error:
            _service_failed(request, error)
        else:
            messages.success(request, f"表二数据已保存（{changed}项有变化）。")
            return redirect("reports_editor", pk=pk)
    return editor(request, pk, figures_form=form)


ACTIONS = {
    "submit": (
        lambda report, comment: do_submit_report(report=report, comment=comment),
        "已提交审核。",
    ),
    "approve": (
        lambda report, comment: do_approve_report(report=report, comment=comment),
        "已审核通过。",
    ),
    "reject": (
        lambda report, comment: do_reject_report(report=report, comment=comment),
        "已退回修改。",
    ),
    "final": (lambda report, comment: do_mark_final(report=report), "年度报告已定稿发布。"),
}


@require_POST
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    report = _report(request, pk)
    if action not in ACTIONS:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        run, done = ACTIONS[action]
        try:
            run(report, form.cleaned_data["comment"])
        except (ValidationError, PermissionDenied) as error:
            _service_failed(request, error, form)
        else:
            messages.success(request, done)
            return redirect("reports_editor", pk=pk)
    return editor(request, pk, comment_form=form)


def report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report as it stands (a draft's preview, or the published snapshot)."""
    report = _report(request, pk)
    if fmt not in OUTPUT_FORMATS:
        raise Http404
    data = compose_report(report, today=timezone.localdate())
    try:
        content = render(data, fmt)
    except (FontUnavailableError, MissingGlyphError) as error:
        messages.error(request, str(error))
        return redirect("reports_editor", pk=pk)
    content_type, extension = OUTPUT_FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    draft = "" if report.status == ReportStatus.FINAL else "（草稿）"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=fmt != "html", filename=f"{report_title(data)}{draft}.{extension}"
    )
    return response


def new_report(request: HttpRequest) -> HttpResponse:
    user = request.user
    writable = set().union(*(agency_ids_with_role(user, role) for role in WRITERS))
    agencies = Agency.objects.filter(pk__in=writable).order_by("code")
    form = NewReportForm(
        request.POST or None, agencies=agencies, year=timezone.localdate().year - 1
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = do_create_report(
                agency=form.cleaned_data["agency"], year=form.cleaned_data["year"]
            )
        except (ValidationError, PermissionDenied) as error:
            _service_failed(request, error, form)
        else:
            messages.success(request, "已新建年度报告，文字已按上年报告和本年数据预填。")
            return redirect("reports_editor", pk=report.pk)
    return TemplateResponse(
        request,
        "reports/staff/new.html",
        {"form": form, "page_title": "新建年度报告", "header_icon": "doc-full"},
    )
