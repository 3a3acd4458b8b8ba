"""The operator's view of background work: what ran, what is retrying, what failed."""

from __future__ import annotations

from gongkai.agencies.scoped_views import ScopedModelViewSet
from gongkai.jobs.models import JobRun


class JobRunViewSet(ScopedModelViewSet):
    model = JobRun
    icon = "cogs"
    menu_label = "后台任务"
    menu_order = 960
    add_to_admin_menu = True
    inspect_view_enabled = True
    form_fields: list[str] = []  # never edited; the policy allows only "view"
    list_display = ["name", "status", "attempts", "enqueued_at", "finished_at", "worker"]
    list_filter = ["status", "name"]
    search_fields = ["name", "task_id"]
    inspect_view_fields = [
        "task_id",
        "name",
        "arguments",
        "status",
        "attempts",
        "retries_left",
        "enqueued_at",
        "started_at",
        "finished_at",
        "worker",
        "last_error",
    ]
