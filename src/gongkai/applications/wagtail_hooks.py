from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from gongkai.agencies.scoped_views import RestrictedActionsPolicy
from gongkai.applications.models import Application, LetterTemplate
from gongkai.applications.staff import appeals, views
from gongkai.applications.staff.junk import junk_view
from gongkai.applications.staff.templates_admin import LetterTemplateViewSet
from gongkai.applications.staff.viewsets import ApplicationViewSet

# Applications change only through the legal steps on the process page.
register_permission_policy(
    Application, RestrictedActionsPolicy(Application, allowed=frozenset({"view"}))
)
register_permission_policy(
    LetterTemplate,
    RestrictedActionsPolicy(LetterTemplate, allowed=frozenset({"view", "add", "change"})),
)


@hooks.register("register_admin_viewset")
def register_application_viewset() -> list:
    return [ApplicationViewSet("applications"), LetterTemplateViewSet("letter_templates")]


@hooks.register("register_admin_urls")
def register_application_urls() -> list:
    return [
        path("applications/<int:pk>/process/", views.process, name="applications_process"),
        path("applications/<int:pk>/step/<str:name>/", views.step, name="applications_step"),
        path(
            "applications/letters/<int:pk>/<str:fmt>/",
            views.letter_file,
            name="applications_letter",
        ),
        path(
            "applications/files/<int:pk>/",
            views.applicant_file,
            name="applications_applicant_file",
        ),
        path("applications/junk/", junk_view, name="applications_junk"),
        path(
            "applications/appeals/<int:pk>/decide/",
            appeals.decide_appeal,
            name="applications_decide_appeal",
        ),
        path(
            "applications/register/<str:agency_code>/",
            views.RegisterView.as_view(),
            name="applications_register",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_work_queue(request, panels) -> None:  # type: ignore[no-untyped-def]
    from gongkai.applications.staff.panels import WorkQueuePanel

    if request.user.has_perm("applications.view_application"):
        panels.append(WorkQueuePanel(request))
