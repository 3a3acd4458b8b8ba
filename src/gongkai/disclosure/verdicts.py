"""Screening verdicts: computed outside the publishing transaction, stored per revision.

Issue 12 (5) / 13: extraction and screening must not run under the database's write
lock. So a revision of a catalogue entry is screened

- in a background job queued when the revision is saved (:func:`schedule_screening`,
  connected to Revision's ``post_save`` in ``apps.py``, fired on commit), and
- on demand, before any transaction, when a screen needs the verdict and the job has
  not run yet (:func:`ensure_verdict`: the final approver's step, the 保密审查 form),

and the gate in ``CatalogueEntryPage.save`` only reads the stored verdict
(:func:`gongkai.disclosure.publication.check_publishable`): no verdict means not yet
screened, which blocks like a finding.
"""

from __future__ import annotations

from typing import Any

from gongkai.disclosure.models import CatalogueEntryPage, ScreeningVerdict
from gongkai.rules.screening import FindingType, blocks_publication


def is_entry_revision(revision: Any) -> bool:
    from django.contrib.contenttypes.models import ContentType

    return revision.content_type_id == ContentType.objects.get_for_model(CatalogueEntryPage).pk


def screen_revision(revision: Any) -> ScreeningVerdict:
    """Screen ``revision`` now and store the verdict (replacing an older one).

    The extraction runs before the short write; call this outside transactions.
    """
    from gongkai.disclosure.screening import screen_entry

    located = screen_entry(revision.as_object())
    findings = [f.finding for f in located]
    verdict, _ = ScreeningVerdict.objects.update_or_create(
        revision=revision,
        defaults={
            "entry_id": int(revision.object_id),
            "findings": [f.stored() for f in located],
            "blocking": blocks_publication(findings),
            "unreadable": any(f.type == FindingType.UNREADABLE for f in findings),
        },
    )
    return verdict


def verdict_for(revision: Any) -> ScreeningVerdict | None:
    if revision is None:
        return None
    return ScreeningVerdict.objects.filter(revision_id=revision.pk).first()


def ensure_verdict(revision: Any) -> ScreeningVerdict:
    """The stored verdict, screening now if the background job has not run yet."""
    return verdict_for(revision) or screen_revision(revision)


def schedule_screening(revision: Any) -> None:
    """Queue the screening of a new revision once it is committed."""
    from gongkai.disclosure.jobs import screen_revision_job
    from gongkai.jobs.outbox import enqueue_on_commit

    enqueue_on_commit(screen_revision_job, revision.pk)


def revision_saved(sender: Any, *, instance: Any, created: bool, **kwargs: Any) -> None:
    """Revision ``post_save``: every new revision of an entry gets screened."""
    if created and is_entry_revision(instance):
        schedule_screening(instance)
