from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.selectors import is_operator
from gongkai.district import views


class OperatorOnlyMenuItem(MenuItem):
    def is_shown(self, request) -> bool:  # type: ignore[no-untyped-def]
        return is_operator(request.user)


@hooks.register("register_admin_urls")
def register_district_urls() -> list:
    return [path("district/reports/", views.rollup_view, name="district_report_rollup")]


@hooks.register("register_admin_menu_item")
def register_district_menu_item() -> MenuItem:
    return OperatorOnlyMenuItem(
        "全区年报汇总", reverse("district_report_rollup"), icon_name="table", order=960
    )
