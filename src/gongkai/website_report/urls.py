"""Public URLs of published website reports, mounted before Wagtail's catch-all route."""

from __future__ import annotations

from django.urls import path

from gongkai.website_report import public_views

app_name = "website_report_public"

urlpatterns = [
    path("website-report/<int:year>/", public_views.report_page, name="report"),
    path("website-report/<int:year>/report.<str:fmt>", public_views.report_file, name="file"),
]
