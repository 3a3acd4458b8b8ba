"""The application list: the office's work queue."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Any

import django_filters
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from gongkai.agencies.filters import AgencyScopedFilterSet
from gongkai.agencies.models import Agency
from gongkai.agencies.scoped_views import ScopedModelViewSet
from gongkai.applications.models import Application, Channel
from gongkai.applications.selectors import handled_agency_ids
from gongkai.rules.application_clock import Phase
from gongkai.rules.workdays import UnknownYearError
from gongkai.workcalendar.selectors import working_calendar

QUEUES = [
    ("to_confirm", "待确认"),
    ("due_soon", "即将到期"),
    ("overdue", "已逾期"),
    ("waiting_applicant", "等待申请人"),
    ("waiting_third_party", "征求意见中"),
    ("open", "全部在办"),
]


def _due_soon(queryset: Any, today: date) -> Any:
    """Due within the reminder horizon; with it, those whose date waits for a year's
    schedule when the horizon reaches that year (they may be due soon: never hidden)."""
    days = max(settings.GONGKAI_REMINDER_DAYS)
    try:
        cutoff = working_calendar().nth_working_day_after(today, days)
    except UnknownYearError as error:
        dated = queryset.due_by(date(error.year, 1, 1)).exclude(answer_due__lt=today)
        return dated | queryset.due_waiting_for(error.year)
    dated = queryset.due_by(cutoff).exclude(answer_due__lt=today)
    return dated | queryset.due_waiting_for(cutoff.year)


def apply_queue(queryset: Any, queue: str, today: date) -> Any:
    return {
        "to_confirm": lambda: queryset.to_confirm(),
        "due_soon": lambda: _due_soon(queryset, today),
        "overdue": lambda: queryset.overdue(today),
        "waiting_applicant": lambda: queryset.waiting_on_applicant(),
        "waiting_third_party": lambda: queryset.waiting_on_third_party(),
        "open": lambda: queryset.open(),
    }.get(queue, lambda: queryset)()


class ApplicationFilterSet(AgencyScopedFilterSet):
    queue = django_filters.ChoiceFilter(label="工作队列", choices=QUEUES, method="filter_queue")
    phase = django_filters.ChoiceFilter(label="状态", choices=[(p.value, p.label) for p in Phase])
    channel = django_filters.ChoiceFilter(label="提交方式", choices=Channel.choices)

    class Meta:
        model = Application
        fields = ["queue", "phase", "channel", "category", "agency"]

    def filter_queue(self, queryset: Any, name: str, value: str) -> Any:
        return apply_queue(queryset, value, timezone.localdate())


class ApplicationIndexView(generic.IndexView):
    def as_spreadsheet(self, queryset: Any, spreadsheet_format: str) -> Any:
        """An export hands applicants' names out of the system: audited per agency."""
        from collections import Counter

        from gongkai.applications.services.reads import do_record_list_export

        rows = list(queryset)
        for agency_id, count in sorted(Counter(a.agency_id for a in rows).items()):
            agency = next(a.agency for a in rows if a.agency_id == agency_id)
            do_record_list_export(agency=agency, count=count, fmt=spreadsheet_format)
        return super().as_spreadsheet(rows, spreadsheet_format)

    @cached_property
    def header_buttons(self) -> list[Any]:
        agencies = Agency.objects.filter(pk__in=handled_agency_ids(self.request.user))
        return [
            *(
                HeaderButton(
                    f"登记申请（{agency.display_name}）",
                    url=reverse("applications_register", args=[agency.code]),
                    icon_name="plus",
                )
                for agency in agencies.order_by("code")[:3]
            ),
            HeaderButton("清理无效申请", url=reverse("applications_junk"), icon_name="bin"),
        ]


class ApplicationViewSet(ScopedModelViewSet):
    model = Application
    icon = "doc-full"
    menu_label = "依申请公开"
    menu_order = 200
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    filterset_class = ApplicationFilterSet
    form_fields: list[str] = []  # every change goes through a step on the process page
    search_fields = ["receipt_number", "applicant_name", "description"]
    list_display = [
        TitleColumn(
            "receipt_number",
            label="申请编号",
            get_url=lambda obj: reverse("applications_process", args=[obj.pk]),
        ),
        "applicant_name",
        "category",
        "channel",
        "received_date",
        Column("answer_due_text", label="答复期限", sort_key="answer_due"),
        "phase",
        "outcome",
        "handler",
    ]
    list_export = [
        "receipt_number",
        "agency",
        "category",
        "applicant_name",
        "channel",
        "received_date",
        "answer_due",
        "phase",
        "outcome",
        "closed_date",
    ]
    export_filename = "applications"
