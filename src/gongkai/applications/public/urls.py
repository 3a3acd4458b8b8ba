"""Public URLs: /apply/ and /track/, mounted before Wagtail's catch-all page route."""

from __future__ import annotations

from django.urls import path

from gongkai.applications.public import views

app_name = "applications_public"

urlpatterns = [
    path("apply/", views.choose_agency, name="choose_agency"),
    path("apply/receipt/", views.receipt, name="receipt"),
    path("apply/<str:agency_code>/", views.apply, name="apply"),
    path("apply/<str:agency_code>/form.<str:fmt>", views.paper_form, name="paper_form"),
    path("track/", views.track, name="track"),
    path("track/status/", views.track_status, name="status"),
    path("track/letters/<int:pk>/<str:fmt>/", views.letter_download, name="letter"),
    path("track/files/<int:pk>/", views.applicant_file_download, name="applicant_file"),
]
