"""The operator's screens: the years' reports, one year's form with sources, its files.

Operator only: every view refuses anyone else before reading anything, and the services
check again. Each write is one service call whose refusal is shown on the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.agencies.selectors import is_operator
from gongkai.documents.fonts import FontUnavailableError, MissingGlyphError
from gongkai.form_errors import add_service_errors
from gongkai.rules import website_report as form
from gongkai.website_report.forms import FiguresForm, YearForm
from gongkai.website_report.models import WebsiteReport, WebsiteReportStatus
from gongkai.website_report.render import OUTPUT_FORMATS, render, website_report_article
from gongkai.website_report.selectors import data_of
from gongkai.website_report.services import (
    do_enter_website_figures,
    do_mark_website_report_final,
    do_prefill_website_report,
    do_publish_website_report,
    do_reopen_website_report,
)

ICON = "doc-full"


def _require_operator(request: HttpRequest) -> None:
    if not is_operator(request.user):
        raise PermissionDenied


def _render(request: HttpRequest, template: str, title: str, **context: Any) -> HttpResponse:
    context |= {"page_title": title, "header_icon": ICON}
    return TemplateResponse(request, f"website_report/{template}", context)


def _refused(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    text = "；".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text or "无权进行此操作。")


def report_list(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    today = timezone.localdate()
    year_form = YearForm(request.POST or None, initial={"year": today.year - 1})
    if request.method == "POST" and year_form.is_valid():
        year = year_form.cleaned_data["year"]
        try:
            do_prefill_website_report(year=year, today=today)
        except ValidationError as error:
            add_service_errors(year_form, error)
        else:
            messages.success(request, f"已按平台数据预填{year}年度报表。")
            return redirect("website_report_edit", year=year)
    reports = [
        (report, form.report_due(report.year)) for report in WebsiteReport.objects.all()[:50]
    ]
    return _render(
        request, "list.html", "政府网站工作年度报表", reports=reports, year_form=year_form
    )


def report_edit(request: HttpRequest, year: int) -> HttpResponse:
    _require_operator(request)
    report = get_object_or_404(WebsiteReport, year=year)
    figures_form = FiguresForm(request.POST or None, figures=report.figures)
    if request.method == "POST" and report.is_draft and figures_form.is_valid():
        entries = figures_form.changed_entries()
        try:
            if entries:
                do_enter_website_figures(website_report=report, entries=entries)
        except ValidationError as error:
            add_service_errors(figures_form, error)
        else:
            messages.success(request, f"已保存{len(entries)}项。" if entries else "没有改动。")
            return redirect("website_report_edit", year=year)
    return _render(
        request,
        "edit.html",
        str(report),
        report=report,
        form=figures_form,
        missing=[form.full_label(i) for i in form.missing_items(report.figures)],
        inconsistent=form.parts_exceeding_totals(report.figures),
        due=form.report_due(report.year),
        preview=website_report_article(data_of(report)),
        formats=OUTPUT_FORMATS,
        form_source=form.FORM_SOURCE,
    )


ACTIONS: dict[str, tuple[Callable[[WebsiteReport], WebsiteReport], str]] = {
    "refresh": (
        lambda r: do_prefill_website_report(year=r.year, today=timezone.localdate()),
        "已按平台数据更新；手工填报的数据保持不变。",
    ),
    "final": (lambda r: do_mark_website_report_final(website_report=r), "报表已定稿。"),
    "reopen": (lambda r: do_reopen_website_report(website_report=r), "报表已退回修改。"),
    "publish": (
        lambda r: do_publish_website_report(website_report=r, today=timezone.localdate()),
        "报表已发布，网站首页已显示链接。",
    ),
}


@require_POST
def report_act(request: HttpRequest, year: int, action: str) -> HttpResponse:
    _require_operator(request)
    if action not in ACTIONS:
        raise Http404
    report = get_object_or_404(WebsiteReport, year=year)
    call, done = ACTIONS[action]
    try:
        call(report)
    except (ValidationError, PermissionDenied) as error:
        _refused(request, error)
    else:
        messages.success(request, done)
    return redirect("website_report_edit", year=year)


def report_file(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """The report as it stands: a draft's preview is marked 草稿 on every page."""
    _require_operator(request)
    if fmt not in OUTPUT_FORMATS:
        raise Http404
    report = get_object_or_404(WebsiteReport, year=year)
    try:
        content = render(data_of(report), fmt)
    except (FontUnavailableError, MissingGlyphError) as error:
        messages.error(request, str(error))
        return redirect("website_report_edit", year=year)
    content_type, extension = OUTPUT_FORMATS[fmt]
    response = HttpResponse(content, content_type=content_type)
    draft = "" if report.status == WebsiteReportStatus.PUBLISHED else "（草稿）"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=fmt != "html",
        filename=f"{form.report_title(report.year)}{draft}.{extension}",
    )
    return response
