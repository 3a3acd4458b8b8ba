from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from gongkai.reports.models import AnnualReport
from gongkai.reports.staff import views
from gongkai.reports.staff.viewsets import AnnualReportViewSet, MemberViewPolicy

register_permission_policy(AnnualReport, MemberViewPolicy(AnnualReport))


@hooks.register("register_admin_viewset")
def register_report_viewset() -> AnnualReportViewSet:
    return AnnualReportViewSet("annual_reports")


@hooks.register("register_admin_urls")
def register_report_urls() -> list:
    return [
        path("annual-reports/new/", views.new_report, name="reports_new"),
        path("annual-reports/<int:pk>/edit/", views.editor, name="reports_editor"),
        path("annual-reports/<int:pk>/narrative/", views.save_narrative, name="reports_narrative"),
        path("annual-reports/<int:pk>/figures/", views.save_figures, name="reports_figures"),
        path("annual-reports/<int:pk>/act/<str:action>/", views.act, name="reports_act"),
        path("annual-reports/<int:pk>/file.<str:fmt>", views.report_file, name="reports_file"),
    ]
