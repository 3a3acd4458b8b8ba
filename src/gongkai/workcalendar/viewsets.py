"""The loaded years, for everyone in the back office to check."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.urls import reverse
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from gongkai.agencies.selectors import is_operator
from gongkai.workcalendar.models import HolidaySchedule


class HolidayScheduleIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self) -> list[Any]:
        if not is_operator(self.request.user):
            return []
        return [HeaderButton("导入年度安排", url=reverse("workcalendar_load"), icon_name="upload")]


class HolidayScheduleViewSet(ModelViewSet):
    model = HolidaySchedule
    icon = "date"
    menu_label = "工作日历"
    menu_order = 970
    add_to_admin_menu = True
    inspect_view_enabled = True
    index_view_class = HolidayScheduleIndexView
    list_display = ["year", "source", "loaded_at"]
    form_fields: list[str] = []  # loaded through LoadScheduleView, never edited here
    inspect_view_fields = ["year", "source", "loaded_at"]
