"""The screening panel at the top of the entry editor: findings before anyone reviews.

It shows the stored verdict of the latest revision (computed in a background job when
the revision was saved), never extracting attachments while the page renders.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel


class ScreeningPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "disclosure/staff/screening_panel.html"

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            from gongkai.disclosure.verdicts import verdict_for

            context = super().get_context_data(parent_context)
            entry = self.instance
            verdict = verdict_for(entry.get_latest_revision()) if entry.pk else None
            context["entry"] = entry
            context["verdict"] = verdict
            context["blocking"] = verdict.blocking_findings if verdict else []
            context["advisory"] = verdict.advisory_findings if verdict else []
            return context
