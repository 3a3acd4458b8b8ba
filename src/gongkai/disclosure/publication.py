"""The gate every publication of a catalogue entry passes, whoever triggers it.

Workflow approval, scheduled publishing and imports all end in the page's ``save()``
making a revision live; :meth:`CatalogueEntryPage.save` calls :func:`check_publishable`
there, inside the publishing transaction, so personal data or a secret marking cannot
reach the public through any path unless the final approver recorded an override for
exactly that revision.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from gongkai.disclosure.screening import LocatedFinding, screen_entry


class PublicationBlocked(ValidationError):
    pass


def blocking_findings_for(entry: Any, *, revision: Any) -> list[LocatedFinding]:
    """Blocking findings of a revision, unless an override was recorded for it."""
    from gongkai.disclosure.models import ScreeningOverride

    if revision is None:
        return []
    if ScreeningOverride.objects.filter(revision=revision).exists():
        return []
    obj = revision.as_object() if hasattr(revision, "as_object") else entry
    return [f for f in screen_entry(obj) if f.finding.blocking]


def check_publishable(entry: Any) -> None:
    from gongkai.disclosure.models import ScreeningOverride

    if ScreeningOverride.objects.filter(revision_id=entry.live_revision_id).exists():
        return
    blocking = [f for f in screen_entry(entry) if f.finding.blocking]
    if blocking:
        listed = "；".join(f.summary for f in blocking[:10])
        more = f"等{len(blocking)}处" if len(blocking) > 10 else ""
        raise PublicationBlocked(
            f"不能发布“{entry.title}”：发现个人信息或密级标志{more}（{listed}）。"
            "请去标识化处理后重新提交，或由主要负责人说明理由后豁免。"
        )
