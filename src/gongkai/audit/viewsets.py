"""The audit log screen: read and export only, scoped by ``visible_to``.

Times are shown in the server's zone (Asia/Shanghai) on the list and the detail alike,
and a change is a table of the changed fields' Chinese labels with old → new values,
not the stored JSON.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

from gongkai.agencies.filters import AgencyScopedFilterSet
from gongkai.agencies.scoped_views import ScopedModelViewSet
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

    def get_changes_display_value(self) -> SafeString | str:
        rows = change_rows(self.object)
        if not rows:
            return "—"
        return format_html(
            '<table class="listing"><thead><tr><th>字段</th><th>原值</th><th></th>'
            "<th>新值</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>→</td><td>{}</td></tr>", rows),
        )


class AuditEntryFilterSet(AgencyScopedFilterSet):
    class Meta:
        model = AuditEntry
        fields = ["action", "channel", "agency"]


class AuditEntryViewSet(ScopedModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = "审计日志"
    menu_order = 950
    add_to_admin_menu = True
    inspect_view_enabled = True
    form_fields: list[str] = []  # never edited; the policy allows only "view"
    inspect_view_class = AuditEntryInspectView
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
