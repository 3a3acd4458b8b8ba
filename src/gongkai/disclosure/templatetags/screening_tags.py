"""The screening findings of the revision under review, for the 保密审查 form."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("disclosure/staff/review_findings.html")
def review_findings(task_state: Any) -> dict[str, Any]:
    from gongkai.disclosure.confidentiality import standing_findings

    return {"findings": standing_findings(task_state)}
