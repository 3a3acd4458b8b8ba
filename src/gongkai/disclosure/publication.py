"""The gate every publication of a catalogue entry passes, whoever triggers it.

Workflow approval, scheduled publishing and imports all end in the page's ``save()``
making a revision live; :meth:`CatalogueEntryPage.save` calls :func:`check_publishable`
there, inside the publishing transaction. It reads the revision's *stored* screening
verdict (:mod:`gongkai.disclosure.verdicts`) and extracts nothing, so the write lock is
never held for a PDF. Personal data, a secret marking, an unreadable attachment — or no
verdict at all (not yet screened) — stop the publication unless the final approver
recorded an override for exactly that revision.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class PublicationBlocked(ValidationError):
    pass


def has_override(revision_id: int | None) -> bool:
    from gongkai.disclosure.models import ScreeningOverride

    return (
        revision_id is not None
        and ScreeningOverride.objects.filter(revision_id=revision_id).exists()
    )


def blocking_findings_for(entry: Any, *, revision: Any) -> list[dict[str, Any]]:
    """Stored blocking findings of a revision (screening it now if the job has not run),
    unless an override was recorded for it. Call outside transactions."""
    from gongkai.disclosure.verdicts import ensure_verdict

    if revision is None or has_override(revision.pk):
        return []
    return ensure_verdict(revision).blocking_findings


def check_publishable(entry: Any) -> None:
    from gongkai.disclosure.models import ScreeningVerdict

    revision_id = entry.live_revision_id
    if has_override(revision_id):
        return
    verdict = ScreeningVerdict.objects.filter(revision_id=revision_id).first()
    if verdict is None:
        raise PublicationBlocked(
            f"不能发布“{entry.title}”：该版本尚未完成发布前筛查（筛查在后台进行），"
            "请稍后再试；如长时间未完成，请联系平台运维人员检查后台任务。"
        )
    if verdict.blocking:
        blocking = verdict.blocking_findings
        listed = "；".join(f["summary"] for f in blocking[:10])
        more = f"等{len(blocking)}处" if len(blocking) > 10 else ""
        raise PublicationBlocked(
            f"不能发布“{entry.title}”：发现个人信息、密级标志或无法读取的附件{more}"
            f"（{listed}）。请处理后重新提交，或由主要负责人说明理由后豁免。"
        )
