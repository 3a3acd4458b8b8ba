"""The operator's screening dictionary in the back office (every change in the audit log
through Wagtail's own log, which the audit app mirrors)."""

from __future__ import annotations

from wagtail.admin.viewsets.model import ModelViewSet

from gongkai.disclosure.models import ScreeningTerm


class ScreeningTermViewSet(ModelViewSet):
    model = ScreeningTerm
    icon = "warning"
    menu_label = "筛查词库"
    menu_order = 960
    add_to_admin_menu = True
    list_display = ["term", "kind", "correct", "note", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["term", "correct"]
    form_fields = ["kind", "term", "correct", "note"]
