"""Wagtail admin viewsets whose every view reads through ``visible_to``.

Wagtail's generic views fetch objects with ``get_object_or_404(model, pk=…)``;
wrapping each view class here makes list, inspect, edit, delete, history,
usage and export all answer 404 for another agency's rows, without each
viewset having to remember.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy

from gongkai.form_errors import add_service_errors
from gongkai.spreadsheet_export import SafeSpreadsheetExportMixin


class ScopedViewMixin:
    model: Any
    request: Any

    def scoped_queryset(self) -> Any:
        return self.model._default_manager.visible_to(self.request.user)

    def get_base_queryset(self) -> Any:
        """The listing's rows; only listings of the model itself are narrowed here.

        A history page lists log entries about one object, which ``get_object`` has
        already scoped; narrowing *those* to the model's rows made it answer 500.
        """
        base = super().get_base_queryset()  # type: ignore[misc]
        return self.scoped_queryset() if base.model is self.model else base

    def get_object(self, *args: Any) -> Any:
        obj = super().get_object(*args)  # type: ignore[misc]
        if not self.scoped_queryset().filter(pk=obj.pk).exists():
            raise Http404
        return obj


_scoped_classes: dict[type, type] = {}


def scoped(view_class: type) -> type:
    if issubclass(view_class, ScopedViewMixin):
        return view_class
    if view_class not in _scoped_classes:
        # Exports of every scoped list are safe to open in a spreadsheet program, too.
        safe = (
            (SafeSpreadsheetExportMixin,) if issubclass(view_class, SpreadsheetExportMixin) else ()
        )
        _scoped_classes[view_class] = type(
            f"Scoped{view_class.__name__}", (ScopedViewMixin, *safe, view_class), {}
        )
    return _scoped_classes[view_class]


class ScopedModelViewSet(ModelViewSet):
    copy_view_enabled = False

    def construct_view(self, view_class: type, **kwargs: Any) -> Any:
        return super().construct_view(scoped(view_class), **kwargs)


class RestrictedActionsPolicy(ModelPermissionPolicy):
    """Model permissions, except that some actions exist for nobody, superusers included.

    The audit log must never offer edit or delete; a role grant is revoked and
    granted, never edited in place.
    """

    def __init__(self, model: Any, *, allowed: frozenset[str]) -> None:
        super().__init__(model)
        self.allowed = allowed

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action in self.allowed and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)


class ServiceSaveMixin:
    """Route the generic views' save through a service, turning its errors into form errors."""

    form: Any
    request: Any

    def call_service(self) -> Any:
        raise NotImplementedError

    def save_instance(self) -> Any:
        return self.call_service()

    def form_valid(self, form: Any) -> Any:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error) or "无权进行此操作。")
        # Wagtail's form_invalid reads this; it is only set when the form itself fails.
        self.produced_error_message = self.get_error_message()  # type: ignore[attr-defined]
        return self.form_invalid(form)  # type: ignore[attr-defined]
