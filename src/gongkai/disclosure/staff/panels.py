"""The screening panel at the top of the entry editor: findings before anyone reviews."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel


class ScreeningPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosure/staff/screening_panel.html"

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            from gongkai.disclosure.screening import screen_entry

            context = super().get_context_data(parent_context)
            entry = self.instance
            findings = screen_entry(entry) if entry.pk else []
            context["entry"] = entry
            context["blocking"] = [f for f in findings if f.finding.blocking]
            context["advisory"] = [f for f in findings if not f.finding.blocking]
            return context
