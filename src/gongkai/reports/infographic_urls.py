"""Public URLs of a published report's 图解, beside the report page (reports/public/urls.py)."""

from __future__ import annotations

from django.urls import path

from gongkai.reports import infographic_views

app_name = "reports_infographic"

urlpatterns = [
    path(
        f"reports/<str:agency_code>/<int:year>/tujie.{fmt}",
        infographic_views.infographic,
        {"fmt": fmt},
        name=fmt,
    )
    for fmt in infographic_views.CONTENT_TYPES
]
