"""Wagtail admin pages that would show another agency's documents, images, drafts or staff.

Wagtail scopes its document and image listings and choosers by collection permissions and
its page explorer by page permissions, but a few screens read objects by id or list every
user without asking: the admin documents and images APIs, the bulk-action confirmation
pages (which print the titles of the objects one may *not* act on), the workflow report's
filter of requesters and the workflow pages of a page (its current stage). Each is wrapped here
and mounted in :mod:`gongkai.urls` before ``admin/``: the wrapper reads through the same
permissions the listings use and answers 404 for another agency's object, then hands
over to Wagtail's own view.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action.dispatcher import index as bulk_action
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet, WorkflowView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

from gongkai.typed_numbers import whole_number

# What makes a page, a document or an image one's own: the rights the agency's roles hold
# on its branch and collection (gongkai.disclosure.permissions).
PAGE_ACTIONS = ["add", "change", "publish"]
COLLECTION_ACTIONS = ["add", "change", "choose"]


def pages_of(user: Any) -> Any:
    """The pages ``user`` works on: its agency's branch (everything for a superuser)."""
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, PAGE_ACTIONS)


def documents_of(user: Any) -> Any:
    """The documents in the collections ``user`` may use: its agency's own."""
    policy = policy_registry.get_by_type(get_document_model())
    return policy.instances_user_has_any_permission_for(user, COLLECTION_ACTIONS)


def images_of(user: Any) -> Any:
    """The images (leaders' photos) in the collections ``user`` may use: its agency's own."""
    policy = policy_registry.get_by_type(get_image_model())
    return policy.instances_user_has_any_permission_for(user, COLLECTION_ACTIONS)


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """``/admin/api/main/documents/``: the user's own documents, listed and by id."""

    def get_queryset(self) -> Any:
        return super().get_queryset().filter(pk__in=documents_of(self.request.user).values("pk"))


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """``/admin/api/main/images/``: the user's own images, listed and by id (a photo
    uploaded for a 机构信息 still in review is the agency's alone)."""

    def get_queryset(self) -> Any:
        return super().get_queryset().filter(pk__in=images_of(self.request.user).values("pk"))


def _visible(user: Any, model: Any) -> Any | None:
    """The rows of ``model`` a bulk action may name for ``user``; None: the action decides."""
    if issubclass(model, Page):
        return pages_of(user)
    if issubclass(model, get_document_model()):
        return documents_of(user)
    if issubclass(model, get_image_model()):
        return images_of(user)
    return None


@require_admin_access
def scoped_bulk_action(
    request: HttpRequest, app_label: str, model_name: str, action: str
) -> HttpResponse:
    """Wagtail's bulk action, unless it names an object the user may not see: then a 404.

    Wagtail's confirmation page lists the objects one may not act on by title; naming
    another agency's draft by its id must not reveal that title.
    """
    try:
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if model is None or action_class is None:
        raise Http404
    view = action_class(request, model)
    ids = request.GET.getlist("id")
    if "all" in ids:
        ids = list(view.get_all_objects_in_listing_query(request.GET.get("childOf")))
    named = model._default_manager.filter(
        pk__in=[i for i in map(str, ids) if whole_number(i) is not None]
    )
    visible = _visible(request.user, model)
    if visible is not None:
        if named.exclude(pk__in=visible.values("pk")).exists():
            raise Http404
    elif any(not view.check_perm(obj) for obj in named):
        raise Http404
    return bulk_action(request, app_label, model_name, action)


def _page_gate(view: Any) -> Any:
    """A workflow view of one page, for the agency whose page it is only."""

    @require_admin_access
    def gated(request: HttpRequest, page_id: int, **kwargs: Any) -> HttpResponse:
        if not pages_of(request.user).filter(pk=page_id).exists():
            raise Http404
        return view(request, page_id=page_id, **kwargs)

    return gated


confirm_workflow_cancellation = _page_gate(
    page_viewset_registry.as_view("confirm_workflow_cancellation", page_id_kwarg="page_id")
)
workflow_preview = _page_gate(
    page_viewset_registry.as_view("workflow_preview", page_id_kwarg="page_id")
)


def _requesters(request: HttpRequest) -> Any:
    """Who started a workflow on one of the user's pages: nobody else's name is offered."""
    pages = pages_of(request.user).values_list("pk", flat=True)
    requested = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in pages],
    ).values("requested_by")
    user_model = get_user_model()
    return user_model.objects.filter(pk__in=requested).order_by(user_model.USERNAME_FIELD)


class ScopedWorkflowReportFilterSet(WorkflowReportFilterSet):
    requested_by = django_filters.ModelChoiceFilter(field_name="requested_by", queryset=_requesters)


class ScopedWorkflowView(WorkflowView):
    """The workflow report, whose requester filter lists only the agency's own people."""

    filterset_class = ScopedWorkflowReportFilterSet
