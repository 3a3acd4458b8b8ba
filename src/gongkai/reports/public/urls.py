"""Public URLs of published annual reports, mounted before Wagtail's catch-all route."""

from __future__ import annotations

from django.urls import path

from gongkai.reports.public import views

app_name = "reports_public"

urlpatterns = [
    path("reports/", views.report_index, name="index"),
    path("reports/<str:agency_code>/<int:year>/", views.report_page, name="report"),
    path(
        "reports/<str:agency_code>/<int:year>/report.<str:fmt>",
        views.report_file,
        name="file",
    ),
]
