"""Files the applicant sends online: kept privately, recorded on the application, audited.

The identity proof comes with the online application
(:func:`~gongkai.applications.services.intake.do_submit_online_application`); the
supplement (补正) comes through /track/ after the query code, while the agency waits for
it. Receiving a supplement stays the disclosure staff's act (登记收到补正 on the process
page): they see the files there and decide whether they complete the application, and
only then does the clock run again (条例 Art. 30). They are told by e-mail when a
supplement arrives.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.applications.models import ApplicantFile, Application, FilePurpose
from gongkai.applications.uploads import ScreenedFile
from gongkai.audit.services import record
from gongkai.rules.application_clock import EventKind, Phase

SUPPLEMENT_MAX_FILES = 5
SUPPLEMENT_NOTE_MAX = 500


def store_file(
    *, application: Application, screened: ScreenedFile, purpose: str, note: str = ""
) -> ApplicantFile:
    """Write one screened upload to private storage; the caller's transaction records it."""
    stored = ApplicantFile(
        application=application,
        purpose=purpose,
        original_name=screened.original_name,
        content_kind=screened.content_kind,
        size=screened.size,
        screening_note=screened.screening_note[:200],
        note=note[:SUPPLEMENT_NOTE_MAX],
        uploaded_at=timezone.now(),
    )
    # The storage replaces the name by a random one and keeps only the suffix.
    stored.file.save(f"upload{screened.suffix}", ContentFile(screened.data), save=False)
    stored.save()
    return stored


def supplement_requested(application: Application) -> bool:
    """Whether the agency is waiting for the applicant's supplement right now."""
    if application.phase != Phase.WAITING_ON_APPLICANT:
        return False
    last = (
        application.events.filter(
            kind__in=[
                EventKind.SUPPLEMENT_REQUESTED,
                EventKind.SUPPLEMENT_RECEIVED,
                EventKind.SUPPLEMENT_EXPIRED,
            ]
        )
        .order_by("on", "id")
        .last()
    )
    return last is not None and last.kind == EventKind.SUPPLEMENT_REQUESTED


def do_submit_supplement_online(
    *,
    application: Application,
    unlocked_receipt_number: str | None,
    files: Sequence[ScreenedFile],
    note: str,
    today: date,
) -> list[ApplicantFile]:
    """The applicant sends the supplement through /track/ after entering the query code.

    The caller is whoever unlocked ``unlocked_receipt_number`` in this browser session:
    that one application, only while a supplement is asked for.
    """
    if not unlocked_receipt_number or unlocked_receipt_number != application.receipt_number:
        raise PermissionDenied("请先用申请编号和查询码查询办理进度。")
    note = note.strip()
    if not files:
        raise ValidationError({"files": "请选择要上传的补正材料（PDF、JPG或PNG文件）。"})
    if len(files) > SUPPLEMENT_MAX_FILES:
        raise ValidationError({"files": f"一次最多上传{SUPPLEMENT_MAX_FILES}个文件。"})
    if len(note) > SUPPLEMENT_NOTE_MAX:
        raise ValidationError({"note": f"补正说明不能超过{SUPPLEMENT_NOTE_MAX}个字。"})
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not supplement_requested(locked):
            raise ValidationError("该申请当前没有需要补正的事项，无需提交补正材料。")
        stored = [
            store_file(
                application=locked, screened=screened, purpose=FilePurpose.SUPPLEMENT, note=note
            )
            for screened in files
        ]
        record(
            action="application.supplement_uploaded",
            summary=f"申请人网上提交申请 {locked.receipt_number} 的补正材料（{len(files)}个文件）",
            obj=locked,
            agency=locked.agency,
            changes={"files": [f.pk for f in stored], "on": today, "note": bool(note)},
        )
        from gongkai.applications.jobs import tell_handlers_of_supplement
        from gongkai.jobs.outbox import enqueue_on_commit

        enqueue_on_commit(tell_handlers_of_supplement, locked.pk)
    return stored
