from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.menu import OperatorMenuItem
from gongkai.district import views


@hooks.register("register_admin_urls")
def register_district_urls() -> list:
    return [
        path("district/reports/", views.rollup_view, name="district_report_rollup"),
        path("district/reports/build/", views.build_view, name="district_report_build"),
        path("district/reports/remind/", views.remind_view, name="district_report_remind"),
    ]


@hooks.register("register_admin_menu_item")
def register_district_menu_item() -> MenuItem:
    return OperatorMenuItem(
        "全区年报汇总", reverse("district_report_rollup"), icon_name="table", order=960
    )
