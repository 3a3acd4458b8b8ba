"""Admin screens for inspection: runs and the veto panel, findings and their tickets, a
site's trend, listed sites and their columns, important periods; for agencies, their own
rectification tickets.

Thin: each write is a service call whose errors go onto the form. Operator screens check
:func:`is_operator` first (the services check again); ticket screens read through
``visible_to``, so another agency's ticket id answers 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gongkai.agencies.selectors import is_operator, primary_agency
from gongkai.form_errors import add_service_errors
from gongkai.inspection import exports
from gongkai.inspection.charts import trend_svg
from gongkai.inspection.forms import (
    AnswerForm,
    ColumnForm,
    ColumnsForm,
    PeriodForm,
    RunForm,
    SendTicketForm,
    SiteForm,
    StrikeForm,
)
from gongkai.inspection.models import (
    Finding,
    ImportantPeriod,
    InspectionRun,
    ListedSite,
    RectificationTicket,
)
from gongkai.inspection.selectors import (
    findings_visible_to,
    run_sites,
    site_trend,
    unfinished_inspection,
)
from gongkai.inspection.services import do_request_inspection
from gongkai.rules.site_inspection import Indicator

ICON = "site"


def _require_operator(request: HttpRequest) -> None:
    if not is_operator(request.user):
        raise PermissionDenied


def _render(request: HttpRequest, template: str, title: str, **context: Any) -> HttpResponse:
    context |= {"page_title": title, "header_icon": ICON}
    return TemplateResponse(request, f"inspection/{template}", context)


def _attempt(form: Form, call: Callable[[], Any]) -> Any:
    """Run a service for a valid form; its refusal becomes the form's error."""
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
    except PermissionDenied as error:
        form.add_error(None, str(error) or "无权进行此操作。")
    return None


def runs(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    form = RunForm(request.POST or None, initial={"today": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        portal = request.build_absolute_uri("/") if data["include_portal"] else ""
        job = _attempt(
            form,
            lambda: do_request_inspection(
                today=data["today"], portal_url=portal, max_pages=data["max_pages"]
            ),
        )
        if job is not None:
            messages.success(request, "已开始巡检，完成后结果显示在下方的巡检记录中。")
            return redirect("inspection_runs")
    listed = InspectionRun.objects.all()[:100]
    return _render(
        request,
        "runs.html",
        "网站巡检",
        runs=listed,
        form=form,
        unfinished=unfinished_inspection(),
    )


def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The veto panel: pass/fail per 单项否决 item and site, with its evidence."""
    _require_operator(request)
    run = get_object_or_404(InspectionRun, pk=pk)
    panel: dict[str, list[dict[str, Any]]] = {}
    for verdict in run.veto:
        panel.setdefault(verdict["site"], []).append(verdict)
    order = [str(i) for i in Indicator]
    for verdicts in panel.values():
        verdicts.sort(key=lambda v: order.index(v["indicator"]) if v["indicator"] in order else 99)
    findings = run.findings.select_related("agency").order_by("severity", "type", "url")
    return _render(
        request,
        "run.html",
        f"巡检结果：{run.inspected_on}",
        run=run,
        panel=panel,
        findings=findings,
        operator=True,
    )


def run_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The 通报 of a run, dated the run's day: DOCX to edit, PDF to circulate."""
    _require_operator(request)
    run = get_object_or_404(InspectionRun, pk=pk)
    agency = primary_agency(request.user)
    issuer = agency.name if agency else "政府信息公开平台"
    if fmt == "docx":
        content = exports.report_docx(run, issuer=issuer, on=run.inspected_on)
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        content = exports.report_pdf(run, issuer=issuer, on=run.inspected_on)
        kind = "application/pdf"
    response = HttpResponse(content, content_type=kind)
    name = f"inspection-report-{run.inspected_on.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def findings(request: HttpRequest) -> HttpResponse:
    """Findings with their status; the operator sees all, an agency its own content's."""
    rows = findings_visible_to(request.user).select_related("agency")
    status = request.GET.get("status", "")
    if status in Finding.Status.values:
        rows = rows.filter(status=status)
    site = request.GET.get("site", "")
    if site:
        rows = rows.filter(site=site)
    if request.GET.get("export") == "xlsx":
        response = HttpResponse(
            exports.findings_xlsx(rows[:50000]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="inspection-findings.xlsx"'
        return response
    return _render(
        request,
        "findings.html",
        "巡检发现",
        findings=rows[:500],
        statuses=Finding.Status.choices,
        status=status,
        site=site,
        operator=is_operator(request.user),
        today=timezone.localdate(),
    )


def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_operator(request)
    from gongkai.inspection.services import do_acknowledge_finding
    from gongkai.inspection.tickets import do_send_ticket, do_strike_finding

    finding = get_object_or_404(Finding.objects.select_related("agency"), pk=pk)
    send = SendTicketForm(
        request.POST if request.POST.get("action") == "send" else None,
        initial={"sent_on": timezone.localdate()},
    )
    strike = StrikeForm(request.POST if request.POST.get("action") == "strike" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        done = None
        if action == "acknowledge":
            done = do_acknowledge_finding(finding=finding)
        elif action == "send" and send.is_valid():
            done = _attempt(
                send,
                lambda: do_send_ticket(
                    finding=finding,
                    today=send.cleaned_data["sent_on"],
                    note=send.cleaned_data["note"],
                ),
            )
        elif action == "strike" and strike.is_valid():
            done = _attempt(
                strike,
                lambda: do_strike_finding(finding=finding, reason=strike.cleaned_data["reason"]),
            )
        if done is not None:
            messages.success(request, "已保存。")
            return redirect("inspection_finding", pk=finding.pk)
    return _render(
        request,
        "finding.html",
        "巡检发现",
        finding=finding,
        tickets=finding.tickets.select_related("agency"),
        send=send,
        strike=strike,
    )


def trend(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    sites = run_sites()
    site = request.GET.get("site") or (sites[0] if sites else "")
    points = site_trend(site) if site else []
    return _render(
        request,
        "trend.html",
        "巡检趋势",
        sites=sites,
        site=site,
        points=points,
        chart=trend_svg(points),
    )


def tickets(request: HttpRequest) -> HttpResponse:
    rows = RectificationTicket.objects.visible_to(request.user).select_related("agency", "finding")
    return _render(request, "tickets.html", "整改工单", tickets=rows[:500])


def ticket_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from gongkai.inspection.tickets import do_answer_ticket

    ticket = get_object_or_404(
        RectificationTicket.objects.visible_to(request.user).select_related("agency", "finding"),
        pk=pk,
    )
    form = AnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answered = _attempt(
            form,
            lambda: do_answer_ticket(
                ticket=ticket,
                answer=data["answer"],
                text=data["answer_text"],
                today=data["answered_on"],
            ),
        )
        if answered is not None:
            messages.success(request, "已答复整改工单。")
            return redirect("inspection_ticket", pk=ticket.pk)
    return _render(request, "ticket.html", f"整改工单{ticket.pk}", ticket=ticket, form=form)


def sites(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    from gongkai.inspection.sites import do_list_site

    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        site = _attempt(form, lambda: do_list_site(**form.cleaned_data))
        if site is not None:
            return redirect("inspection_site", pk=site.pk)
    listed = ListedSite.objects.select_related("agency").prefetch_related("columns")
    return _render(request, "sites.html", "巡检网站", sites=listed, form=form)


def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_operator(request)
    from gongkai.inspection.sites import do_add_column, do_import_columns

    site = get_object_or_404(ListedSite, pk=pk)
    action = request.POST.get("action")
    form = ColumnsForm(
        request.POST if action == "import" else None, request.FILES if action == "import" else None
    )
    one = ColumnForm(request.POST if action == "add" else None)
    if action == "import" and form.is_valid():
        count = _attempt(
            form, lambda: do_import_columns(site=site, content=form.cleaned_data["file"].read())
        )
        if count is not None:
            messages.success(request, f"已导入{count}个栏目。")
            return redirect("inspection_site", pk=site.pk)
    added = action == "add" and one.is_valid()
    if added and _attempt(one, lambda: do_add_column(site=site, **one.cleaned_data)) is not None:
        return redirect("inspection_site", pk=site.pk)
    return _render(
        request,
        "site.html",
        f"巡检网站：{site.name}",
        site=site,
        columns=site.columns.all(),
        form=form,
        one=one,
    )


def periods(request: HttpRequest) -> HttpResponse:
    _require_operator(request)
    from gongkai.inspection.sites import do_mark_period

    form = PeriodForm(request.POST or None)
    marked = request.method == "POST" and form.is_valid()
    if marked and _attempt(form, lambda: do_mark_period(**form.cleaned_data)) is not None:
        return redirect("inspection_periods")
    return _render(
        request, "periods.html", "重要时期", periods=ImportantPeriod.objects.all(), form=form
    )
