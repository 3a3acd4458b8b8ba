"""The dashboard warning that a year's holiday schedule is missing."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from gongkai.agencies.selectors import is_operator
from gongkai.workcalendar.selectors import missing_years


class CalendarCoveragePanel(Component):
    """Shown to every staff member while a needed year is missing (from November: next year).

    Answer dates that run into that year wait for it, so everyone handling
    applications should know why; only the operator may load it, so only the operator
    gets the link, and everyone else is told whom to ask.
    """

    name = "workcalendar_coverage"
    template_name = "workcalendar/coverage_panel.html"
    order = 10

    def __init__(self, request: Any, missing: list[int]) -> None:
        self.request = request
        self.missing = missing

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        may_load = is_operator(self.request.user)
        return {
            "years": "、".join(str(year) for year in self.missing),
            "load_url": reverse("workcalendar_load") if may_load else "",
        }


def coverage_panel(request: Any) -> CalendarCoveragePanel | None:
    """The panel when some year is missing on the local date, else None."""
    missing = missing_years(today=timezone.localdate())
    return CalendarCoveragePanel(request, missing) if missing else None
