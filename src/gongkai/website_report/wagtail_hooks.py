from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.menu import OperatorMenuItem
from gongkai.website_report import views


@hooks.register("register_admin_urls")
def register_website_report_urls() -> list:
    return [
        path("website-report/", views.report_list, name="website_reports"),
        path("website-report/<int:year>/", views.report_edit, name="website_report_edit"),
        path(
            "website-report/<int:year>/act/<str:action>/",
            views.report_act,
            name="website_report_act",
        ),
        path(
            "website-report/<int:year>/file.<str:fmt>",
            views.report_file,
            name="website_report_file",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_website_report_menu_item() -> MenuItem:
    return OperatorMenuItem(
        "网站年度报表", reverse("website_reports"), icon_name="doc-full", order=965
    )
