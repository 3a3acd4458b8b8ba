"""The operator's roll-up screen: the district's summed tables and every agency's status.

Operator only: the view refuses anyone else before building anything, and
:func:`build_rollup` checks the user again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import is_operator
from gongkai.reports.district_report import do_create_district_report
from gongkai.reports.models import AnnualReport, ReportKind, ReportReminder
from gongkai.reports.reminders import do_send_report_reminders
from gongkai.reports.rollup import DistrictRollup, build_rollup, default_district, district_agencies
from gongkai.rules.report_checks import UNENTERED
from gongkai.rules.report_format import format_for_year


def _grid(table: dict, rows: list[tuple[str, str]], columns: list[tuple[str, str]]) -> dict:
    """A table as the template draws it: header labels, then (label, values) rows.

    A figure some agency has not entered is printed as such, never as 0 or "None".
    """
    return {
        "columns": [label for _, label in columns],
        "rows": [(label, [_printed(table[key][c]) for c, _ in columns]) for key, label in rows],
    }


def _printed(value: object) -> object:
    return UNENTERED if value is None else value


def _tables(rollup: DistrictRollup) -> list[tuple[str, dict]]:
    fmt = format_for_year(rollup.report["year"])
    tables = rollup.report["tables"]
    proactive = [
        (
            block.heading,
            _grid(
                tables[fmt.proactive.json_key],
                [(r.key, r.label) for r in block.rows],
                [(c.key, c.label) for c in block.columns],
            ),
        )
        for block in fmt.proactive.blocks
    ]
    applications = _grid(
        tables["applications"],
        [(r.key, r.full_label) for r in fmt.applications.rows],
        [(c.key, c.label) for c in fmt.applications.columns],
    )
    appeals = _grid(
        tables["appeals"],
        [(g.key, g.full_label) for g in fmt.appeals.groups],
        [(o.key, o.label) for o in fmt.appeals.outcomes],
    )
    return [
        *(("二、主动公开 " + heading, grid) for heading, grid in proactive),
        ("三、收到和处理政府信息公开申请情况", applications),
        ("四、行政复议、行政诉讼情况", appeals),
    ]


def _district(districts: list[Agency], code: str) -> Agency:
    if not code:
        return default_district()
    for district in districts:
        if district.code == code:
            return district
    raise LookupError(f"找不到代码为“{code[:20]}”的区。")


def rollup_view(request: HttpRequest) -> HttpResponse:
    if not is_operator(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    districts = list(Agency.objects.roots().order_by("code"))
    context: dict[str, Any] = {
        "page_title": "全区年度报告汇总",
        "header_icon": "table",
        "districts": districts,
        "year": today.year - 1,
    }
    year = request.GET.get("year", "").strip()
    code = request.GET.get("district", "").strip()
    if year and not (year.isascii() and year.isdigit() and len(year) == 4):
        context["error"] = f"报告年度“{year[:20]}”应为四位数字，例如{today.year - 1}。"
        return TemplateResponse(request, "district/rollup.html", context)
    context["year"] = int(year or context["year"])
    try:
        district = _district(districts, code)
        rollup = build_rollup(
            district=district, year=context["year"], today=today, actor=request.user
        )
    except (ValueError, LookupError) as error:
        context["error"] = str(error)
    else:
        if request.GET.get("format") == "json":
            return JsonResponse(rollup.as_dict(), json_dumps_params={"ensure_ascii": False})
        context |= {
            "district": district,
            "rollup": rollup,
            "tables": _tables(rollup),
            "statuses": _with_last_reminder(rollup, district),
            "district_report": AnnualReport.objects.filter(
                agency=district, year=context["year"], kind=ReportKind.DISTRICT
            ).first(),
        }
    return TemplateResponse(request, "district/rollup.html", context)


def _with_last_reminder(rollup: DistrictRollup, district: Agency) -> list[tuple[Any, Any]]:
    """Each agency's status with the day it was last reminded of this year's report."""
    days = (
        ReportReminder.objects.filter(
            agency__in=district_agencies(district), year=rollup.report["year"]
        )
        .values("agency__code")
        .annotate(last=Max("day"))
    )
    last = {row["agency__code"]: row["last"] for row in days}
    return [(a, last.get(a.code)) for a in rollup.agencies]


def _posted(request: HttpRequest) -> tuple[str, str]:
    """The operator's POST: the report year and district code, as typed."""
    if not is_operator(request.user):
        raise PermissionDenied
    return request.POST.get("year", ""), request.POST.get("district", "")


def _chosen(year: str, code: str) -> tuple[Agency, int]:
    district = _district(list(Agency.objects.roots()), code)
    if not (year.isascii() and year.isdigit() and len(year) == 4):
        raise ValueError(f"报告年度“{year[:20]}”应为四位数字。")
    return district, int(year)


def _back(request: HttpRequest, error: Exception, year: str, code: str) -> HttpResponse:
    messages.error(request, "；".join(getattr(error, "messages", [str(error)])))
    return redirect(f"{reverse('district_report_rollup')}?year={year[:4]}&district={code[:40]}")


@require_POST
def build_view(request: HttpRequest) -> HttpResponse:
    """「编制本级政府年度报告」: the district's own report, from the roll-up."""
    year, code = _posted(request)
    try:
        district, number = _chosen(year, code)
        report = do_create_district_report(
            district=district, year=number, today=timezone.localdate()
        )
    except (ValueError, LookupError, ValidationError) as error:
        return _back(request, error, year, code)
    messages.success(
        request, "已编制本级政府年度报告：表格为各机构报告之和，文字已按汇总数字和各机构报告预填。"
    )
    return redirect("reports_editor", pk=report.pk)


@require_POST
def remind_view(request: HttpRequest) -> HttpResponse:
    """「发送催报提醒」 for one agency, or 「全部催报」 for every unpublished one."""
    year, code = _posted(request)
    try:
        district, number = _chosen(year, code)
        agencies = [a for a in district_agencies(district) if a.is_active]
        wanted = request.POST.get("agency", "")
        if wanted:
            agencies = [a for a in agencies if a.code == wanted]
            if not agencies:
                raise LookupError(f"找不到代码为“{wanted[:20]}”的机构。")
        outcome = do_send_report_reminders(
            agencies=agencies, year=number, today=timezone.localdate()
        )
    except (ValueError, LookupError, ValidationError) as error:
        return _back(request, error, year, code)
    messages.success(request, outcome.message)
    return redirect(f"{reverse('district_report_rollup')}?year={number}&district={district.code}")
