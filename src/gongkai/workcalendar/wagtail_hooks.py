from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from gongkai.agencies.scoped_views import RestrictedActionsPolicy
from gongkai.workcalendar.models import HolidaySchedule
from gongkai.workcalendar.views import LoadScheduleView
from gongkai.workcalendar.viewsets import HolidayScheduleViewSet

# Schedules change only through the loader, which audits the before and after.
register_permission_policy(
    HolidaySchedule, RestrictedActionsPolicy(HolidaySchedule, allowed=frozenset({"view"}))
)


@hooks.register("register_admin_viewset")
def register_calendar_viewset() -> HolidayScheduleViewSet:
    return HolidayScheduleViewSet("holiday_schedules")


@hooks.register("register_admin_urls")
def register_load_url() -> list:
    return [path("calendar/load/", LoadScheduleView.as_view(), name="workcalendar_load")]


@hooks.register("construct_homepage_panels")
def add_calendar_coverage(request, panels) -> None:  # type: ignore[no-untyped-def]
    from gongkai.workcalendar.panels import coverage_panel

    panel = coverage_panel(request)
    if panel is not None:
        panels.append(panel)
