"""Wagtail admin pages that would show another agency's documents, images, drafts or staff.

Wagtail scopes its document and image listings and choosers by collection permissions and
its page explorer by page permissions, but a few screens read objects by id or list every
user without asking: the admin documents and images APIs, the bulk-action confirmation
pages (which print the titles of the objects one may *not* act on), the workflow report's
filter of requesters, the workflow pages of a page (its current stage), the move
confirmation, the page chooser and the page-types report (draft titles). Each is wrapped here
and mounted in :mod:`gongkai.urls` before ``admin/``: the wrapper reads through the same
permissions the listings use and answers 404 for another agency's object, then hands
over to Wagtail's own view.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.bulk_action.dispatcher import index as bulk_action
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet, WorkflowView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import GroupPagePermission, Page, WorkflowState
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


def _page_gate(view: Any, *page_kwargs: str) -> Any:
    """A view of one page (or a pair), for the agency whose pages they are only."""
    names = page_kwargs or ("page_id",)

    @require_admin_access
    def gated(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        ids = {kwargs[name] for name in names}
        if pages_of(request.user).filter(pk__in=ids).count() != len(ids):
            raise Http404
        return view(request, **kwargs)

    return gated


confirm_workflow_cancellation = _page_gate(
    page_viewset_registry.as_view("confirm_workflow_cancellation", page_id_kwarg="page_id")
)
workflow_preview = _page_gate(
    page_viewset_registry.as_view("workflow_preview", page_id_kwarg="page_id")
)
# The confirmation of a move names the page moved: another agency's draft title.
move_confirm = _page_gate(
    page_viewset_registry.as_view("move_confirm", page_id_kwarg="page_to_move_id"),
    "page_to_move_id",
    "destination_id",
)


def _ancestors_of_own(user: Any) -> Any:
    """The pages above the user's branch: the chooser must let one browse down to it."""
    roots = GroupPagePermission.objects.filter(group__user=user).values_list(
        "page__path", flat=True
    )
    step = Page.steplen
    paths = {path[:end] for path in roots for end in range(step, len(path), step)}
    return Page.objects.filter(path__in=paths).values("pk")


def choosable_pages(pages: Any, user: Any) -> Any:
    """What a page chooser may offer: one's own pages (and those above them), and others'
    only as published with no newer draft (the chooser shows a page's draft title, which
    is its agency's alone).

    Filtered by excluding ids, the one filter the admin search also takes (``id`` is a
    search filter field, ``has_unpublished_changes`` is not); the pages excluded are
    other agencies' drafts in progress, few beside the published catalogue.
    """
    hidden = (
        Page.objects.filter(Q(live=False) | Q(has_unpublished_changes=True))
        .exclude(pk__in=pages_of(user).values("pk"))
        .exclude(pk__in=_ancestors_of_own(user))
        .values_list("pk", flat=True)
    )
    return pages.exclude(pk__in=list(hidden))


@require_admin_access
def chosen_multiple_pages(request: HttpRequest) -> HttpResponse:
    """The chooser's answer for several ids names each page's draft title: a page the
    chooser would not offer answers 404."""
    ids = [i for i in request.GET.getlist("id") if whole_number(i) is not None]
    named = Page.objects.filter(pk__in=ids)
    if named.exclude(pk__in=choosable_pages(named, request.user).values("pk")).exists():
        raise Http404
    return ChosenMultipleView.as_view()(request)


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


class ScopedPageTypesUsageView(PageTypesUsageReportView):
    """The page-types report names each type's last edited page by its draft title: the
    user's own last edited page of the type, never another agency's."""

    def decorate_paginated_queryset(self, page_types: Any) -> Any:
        own = pages_of(self.request.user)
        for item in super().decorate_paginated_queryset(page_types):
            page = item.last_edited_page
            if page is not None and not own.filter(pk=page.pk).exists():
                latest = (
                    own.filter(content_type=item)
                    .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")
                    .first()
                )
                item.last_edited_page = latest.specific if latest else None
        return page_types
