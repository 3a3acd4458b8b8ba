"""The screening verdict of one revision of a catalogue entry (issue 13: one decision,
stored per revision, so the publishing transaction only reads it).

Extracting a 2,990-page PDF inside ``save()`` held SQLite's write lock for 26 s and
made other agencies' submissions fail. The verdict is computed before that transaction
— in a background job queued when the revision is saved, or on demand when the final
approver opens the step — and the gate in ``CatalogueEntryPage.save`` only looks it up.
"""

from __future__ import annotations

from typing import Any

from django.db import models


class ScreeningVerdict(models.Model):
    revision = models.OneToOneField(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="screening_verdict"
    )
    entry = models.ForeignKey(
        "disclosure.CatalogueEntryPage",
        on_delete=models.CASCADE,
        related_name="screening_verdicts",
    )
    # Each finding as LocatedFinding.stored(): where, what kind, the masked preview —
    # never the matched personal data itself (the revision already holds that).
    findings = models.JSONField("筛查结果", default=list)
    blocking = models.BooleanField("阻止发布", default=False)
    unreadable = models.BooleanField("含无法读取的附件", default=False)
    screened_at = models.DateTimeField("筛查时间", auto_now=True)

    class Meta:
        verbose_name = "发布前筛查结论"
        verbose_name_plural = "发布前筛查结论"

    def __str__(self) -> str:
        return f"筛查结论（修订{self.revision_id}）"

    @property
    def blocking_findings(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if f["blocking"]]

    @property
    def advisory_findings(self) -> list[dict[str, Any]]:
        return [f for f in self.findings if not f["blocking"]]
