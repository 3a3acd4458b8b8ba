"""The audit log screen: read and export only, scoped by ``visible_to``.

Times are shown in the server's zone (Asia/Shanghai) on the list and the detail alike,
and a change is a table of the changed fields' Chinese labels with old → new values,
not the stored JSON.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import django_filters
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import HeaderButton

from gongkai.agencies.duties import reads_whole_audit_log
from gongkai.agencies.filters import AgencyScopedFilterSet
from gongkai.agencies.scoped_views import ScopedModelViewSet
from gongkai.audit.actions import action_label
from gongkai.audit.chain import do_verify_chain
from gongkai.audit.models import AuditEntry


def _label(model: Any, name: str) -> str:
    if model is not None:
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            pass
    return name


def _shown(model: Any, name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if model is not None:
        try:
            choices = dict(model._meta.get_field(name).flatchoices)
        except FieldDoesNotExist:
            choices = {}
        if isinstance(value, str | int) and value in choices:
            return str(choices[value])
    if isinstance(value, list | tuple):
        return "、".join(str(item) for item in value) or "—"
    return str(value)


def change_rows(entry: AuditEntry) -> list[tuple[str, str, str]]:
    """(label, old, new) per changed field; a creation's snapshot has no old value."""
    try:
        model = apps.get_model(entry.object_type) if entry.object_type else None
    except (LookupError, ValueError):
        model = None
    rows = []
    for name, value in (entry.changes or {}).items():
        if isinstance(value, list) and len(value) == 2:
            old, new = value
        else:
            old, new = None, value
        rows.append((_label(model, name), _shown(model, name, old), _shown(model, name, new)))
    return rows


class AuditEntryInspectView(generic.InspectView):
    def get_created_at_display_value(self) -> str:
        return self.object.local_time

    def get_action_display_value(self) -> str:
        return action_label(self.object.action)

    def get_changes_display_value(self) -> SafeString | str:
        rows = change_rows(self.object)
        if not rows:
            return "—"
        return format_html(
            '<table class="listing"><thead><tr><th>字段</th><th>原值</th><th></th>'
            "<th>新值</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>→</td><td>{}</td></tr>", rows),
        )


def _action_choices() -> list[tuple[str, str]]:
    """The actions the log holds, by their Chinese names (not their ids)."""
    actions = AuditEntry.objects.order_by().values_list("action", flat=True).distinct()
    return sorted(((action, action_label(action)) for action in actions), key=lambda c: c[1])


class AuditEntryFilterSet(AgencyScopedFilterSet):
    action = django_filters.ChoiceFilter(label="操作", choices=_action_choices)

    class Meta:
        model = AuditEntry
        fields = ["action", "channel", "agency"]


class AuditEntryIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self) -> list[Any]:
        buttons = list(super().header_buttons)
        if reads_whole_audit_log(self.request.user):
            url = reverse("audit_verify_chain")
            buttons.append(HeaderButton("校验哈希链", url=url, icon_name="tick"))
        return buttons


def verify_chain_view(request: HttpRequest) -> HttpResponse:
    """The hash chain checked from the admin (POST), with the verdict on screen and on record."""
    if not reads_whole_audit_log(request.user):
        raise PermissionDenied
    verdict = do_verify_chain() if request.method == "POST" else None
    context = {"page_title": "校验审计日志哈希链", "header_icon": "history", "verdict": verdict}
    return TemplateResponse(request, "audit/verify_chain.html", context)


class AuditEntryViewSet(ScopedModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = "审计日志"
    menu_order = 950
    add_to_admin_menu = True
    inspect_view_enabled = True
    form_fields: list[str] = []  # never edited; the policy allows only "view"
    inspect_view_class = AuditEntryInspectView
    index_view_class = AuditEntryIndexView
    list_display = [
        Column("created_at", accessor="local_time", label="时间", sort_key="created_at"),
        "actor_name",
        "agency",
        "summary",
        "channel",
        "ip",
    ]
    filterset_class = AuditEntryFilterSet
    search_fields = ["summary", "actor_name", "object_repr"]
    list_export = [
        "created_at",
        "actor_name",
        "agency",
        "action",
        "summary",
        "object_type",
        "object_id",
        "changes",
        "channel",
        "ip",
        "user_agent",
    ]
    export_filename = "audit-log"
    inspect_view_fields = [*list_export]
