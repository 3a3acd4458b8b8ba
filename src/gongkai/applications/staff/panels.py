"""The dashboard panel: what the office has to do today."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from gongkai.applications.models import Application
from gongkai.applications.staff.viewsets import QUEUES, apply_queue


class WorkQueuePanel(Component):
    name = "applications_work_queue"
    template_name = "applications/staff/work_queue_panel.html"
    order = 50

    def __init__(self, request: Any) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        today = timezone.localdate()
        visible = Application.objects.visible_to(self.request.user)
        index = reverse("applications:index")
        return {
            "queues": [
                (label, apply_queue(visible, key, today).count(), f"{index}?queue={key}")
                for key, label in QUEUES
            ]
        }
