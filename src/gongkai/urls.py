from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from gongkai.accounts.views import enrol_view, password_change_view, verify_view
from gongkai.disclosure.documents import serve_document
from gongkai.disclosure.staff import scoped_admin
from gongkai.portal.media import public_image
from gongkai.portal.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Wagtail admin screens that would show another agency's objects, scoped first.
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        scoped_admin.scoped_bulk_action,
    ),
    path(
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
        scoped_admin.confirm_workflow_cancellation,
    ),
    path(
        "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
        scoped_admin.workflow_preview,
    ),
    path(
        "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        scoped_admin.move_confirm,
    ),
    path("admin/choose-page/chosen-multiple/", scoped_admin.chosen_multiple_pages),
    path("admin/reports/page-types-usage/", scoped_admin.ScopedPageTypesUsageView.as_view()),
    path(
        "admin/reports/page-types-usage/results/",
        scoped_admin.ScopedPageTypesUsageView.as_view(results_only=True),
    ),
    path("admin/reports/workflow/", scoped_admin.ScopedWorkflowView.as_view()),
    path(
        "admin/reports/workflow/results/",
        scoped_admin.ScopedWorkflowView.as_view(results_only=True),
    ),
    # The login's second step, outside Wagtail's admin wrapper: a login that still owes it
    # has no admin access yet (gongkai.accounts.gate).
    path("admin/login/verify/", verify_view, name="accounts_verify"),
    path("admin/login/two-factor/", enrol_view, name="accounts_enrol"),
    path("admin/login/password/", password_change_view, name="accounts_password_change"),
    path("admin/", include(wagtailadmin_urls)),
    # Catalogue attachments: public only while a published entry uses them.
    path("documents/<int:document_id>/<str:document_filename>", serve_document),
    path("documents/", include(wagtaildocs_urls)),
    # Images of the challenge on public forms past their rate thresholds.
    path("challenge/", include("captcha.urls")),
    path("", include("gongkai.applications.public.urls")),
    path("", include("gongkai.reports.public.urls")),
    path("", include("gongkai.reports.infographic_urls")),
    path("", include("gongkai.website_report.urls")),
    path("", include("gongkai.site_identity.urls")),
    path("", include("gongkai.portal.urls")),
]

# Error pages in the portal's design (gongkai.site_identity.views).
handler400 = "gongkai.site_identity.views.bad_request"
handler403 = "gongkai.site_identity.views.permission_denied"
handler404 = "gongkai.site_identity.views.page_not_found"
handler500 = "gongkai.site_identity.views.server_error"

# Images of public pages from the embedded server; a district deployment may map
# /media/images/ in its web server instead, and no other media path (README, "Security").
# Documents are served by the view above, letters only by views that check the reader.
if settings.GONGKAI_SERVE_MEDIA:
    urlpatterns.append(path("media/images/<path:path>", public_image))

urlpatterns.append(path("", include(wagtail_urls)))
