"""Catalogue work on the queue: scheduled go-live, and screening each saved revision."""

from __future__ import annotations

from django.core.management import call_command
from huey import crontab

from gongkai.jobs.queue import job, periodic_job


@periodic_job(crontab(minute="*"))
def publish_scheduled() -> str:
    """Wagtail's scheduled publishing is a command to run; the worker runs it each minute.
    Each publication passes the same screening gate as an approval does."""
    call_command("publish_scheduled", verbosity=0)
    return "已处理定时发布"


@job()
def screen_revision_job(revision_id: int) -> str:
    """Screen a saved revision of an entry and store the verdict the gate reads.

    A revision never changes: one screened on demand before the job ran (the final
    approver's step, the demo's history) is not screened again.
    """
    from wagtail.models import Revision

    from gongkai.disclosure.verdicts import ensure_verdict

    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:  # deleted meanwhile: nothing left to publish
        return "修订已删除"
    verdict = ensure_verdict(revision)
    return f"已筛查修订{revision_id}：{len(verdict.findings)}处"
