from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from gongkai.agencies.menu import OperatorMenuItem
from gongkai.report_audit import views


@hooks.register("register_admin_urls")
def register_report_audit_urls() -> list:
    return [
        path("report-audit/", views.batch_list, name="report_audit_index"),
        path("report-audit/upload/", views.UploadView.as_view(), name="report_audit_upload"),
        path("report-audit/<int:pk>/", views.batch_detail, name="report_audit_batch"),
        path(
            "report-audit/<int:pk>/<int:position>/",
            views.report_detail,
            name="report_audit_report",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_report_audit_menu_item() -> MenuItem:
    return OperatorMenuItem(
        "年报核查", reverse("report_audit_index"), icon_name="doc-full", order=950
    )
