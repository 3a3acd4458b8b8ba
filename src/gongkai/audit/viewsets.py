"""The audit log screen: read and export only, scoped by ``visible_to``."""

from __future__ import annotations

from gongkai.agencies.filters import AgencyScopedFilterSet
from gongkai.agencies.scoped_views import ScopedModelViewSet
from gongkai.audit.models import AuditEntry


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
    list_display = ["created_at", "actor_name", "agency", "summary", "channel", "ip"]
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
