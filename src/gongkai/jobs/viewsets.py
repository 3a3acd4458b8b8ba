"""The operator's view of background work: what waits to be pushed to the queue
(待发送, with the broker's refusal as its error), what ran, what is retrying, what
failed, and what looks stuck (疑似卡住: a dead worker's job not yet re-queued, a queue no
worker reads, or a job 待发送 for long)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import BooleanField, ExpressionWrapper
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.admin.views import generic

from gongkai.agencies.scoped_views import ScopedModelViewSet
from gongkai.jobs.models import JobRun, stuck_condition


class JobRunFilterSet(WagtailFilterSet):
    condition = django_filters.ChoiceFilter(
        label="状况", choices=[("stuck", "疑似卡住")], method="filter_condition"
    )

    class Meta:
        model = JobRun
        fields = ["status", "queue", "name"]

    def filter_condition(self, queryset: Any, _name: str, value: str) -> Any:
        return queryset.stuck(now=timezone.now()) if value == "stuck" else queryset


class JobRunIndexView(generic.IndexView):
    def get_queryset(self) -> Any:
        stuck = ExpressionWrapper(stuck_condition(now=timezone.now()), output_field=BooleanField())
        return super().get_queryset().annotate(stuck=stuck)


class JobRunInspectView(generic.InspectView):
    """Times a pending run has not reached yet read 未记录, not Python's None."""

    def get_field_display_value(self, field_name: str, field: Any) -> Any:
        value = super().get_field_display_value(field_name, field)
        return "未记录" if value is None else value


class JobRunViewSet(ScopedModelViewSet):
    model = JobRun
    icon = "cogs"
    menu_label = "后台任务"
    menu_order = 960
    add_to_admin_menu = True
    inspect_view_enabled = True
    inspect_view_class = JobRunInspectView
    index_view_class = JobRunIndexView
    form_fields: list[str] = []  # never edited; the policy allows only "view"
    list_display = [
        "title",
        "status",
        StatusFlagColumn("stuck", label="状况", true_label="疑似卡住"),
        "attempts",
        "enqueued_at",
        "finished_at",
        "worker",
    ]
    filterset_class = JobRunFilterSet
    search_fields = ["name", "task_id"]
    inspect_view_fields = [
        "task_id",
        "title",
        "queue_title",
        "arguments",
        "status",
        "attempts",
        "retries_left",
        "enqueued_at",
        "started_at",
        "lease_until",
        "finished_at",
        "worker",
        "last_error",
    ]
