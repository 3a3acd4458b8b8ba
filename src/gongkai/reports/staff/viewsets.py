"""The list of annual reports in the back office, scoped to the user's agencies."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.urls import reverse
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import ModelPermissionPolicy

from gongkai.agencies.filters import AgencyScopedFilterSet
from gongkai.agencies.scoped_views import ScopedModelViewSet
from gongkai.agencies.selectors import agency_ids_for, is_operator
from gongkai.reports.models import AnnualReport


class MemberViewPolicy(ModelPermissionPolicy):
    """Any member of an agency may list reports (rows are scoped by ``visible_to``).

    Every role takes part in a report (writers, the three reviewers, the publisher), so
    the list is open to all staff; nothing is edited through the generic views.
    """

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action == "view" and (is_operator(user) or bool(agency_ids_for(user)))

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class ReportFilterSet(AgencyScopedFilterSet):
    class Meta:
        model = AnnualReport
        fields = ["year", "status", "agency"]


class ReportIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self) -> list[Any]:
        return [HeaderButton("新建年度报告", url=reverse("reports_new"), icon_name="plus")]


class AnnualReportViewSet(ScopedModelViewSet):
    model = AnnualReport
    icon = "doc-full"
    menu_label = "年度报告"
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = ReportIndexView
    filterset_class = ReportFilterSet
    form_fields: list[str] = []  # every change goes through the editor's services
    list_display = [
        TitleColumn(
            "__str__",
            label="年度报告",
            get_url=lambda obj: reverse("reports_editor", args=[obj.pk]),
        ),
        "year",
        "status",
        "published_on",
        "updated_at",
    ]
