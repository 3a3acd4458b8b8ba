"""Reads of applicants' personal data by staff, each recorded.

Staff may read an application to handle it, but every read leaves a row in the audit
log under the agency, so the agency administrator can see who opened which case file
or downloaded which letter (the ledger export is recorded by its own service).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.agencies.services import require_role
from gongkai.applications.letters.kinds import LetterKind
from gongkai.applications.models import ApplicantFile, Application, Letter
from gongkai.applications.selectors import HANDLER_ROLES
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import record


def do_record_application_read(*, application: Application) -> AuditEntry:
    """The process page was shown: name, identity, phone, address and the request."""
    require_role(application.agency, HANDLER_ROLES)
    with transaction.atomic():
        return record(
            action="application.viewed",
            summary=f"查看申请 {application.receipt_number} 的申请人信息",
            obj=application,
            agency=application.agency,
        )


def do_record_letter_read(*, letter: Letter, fmt: str) -> AuditEntry:
    """A letter naming the applicant was downloaded."""
    application = letter.application
    require_role(application.agency, HANDLER_ROLES)
    with transaction.atomic():
        return record(
            action="application.letter_downloaded",
            summary=f"下载申请 {application.receipt_number} 的文书"
            f" {letter.number}（{fmt.upper()}）",
            obj=letter,
            agency=application.agency,
            changes={"application": application.receipt_number, "format": fmt},
        )


def do_record_applicant_letter_read(
    *, letter: Letter, unlocked_receipt_number: str | None
) -> AuditEntry:
    """The applicant downloaded a letter addressed to them on the status page.

    The caller is whoever unlocked ``unlocked_receipt_number`` with its query code in
    this browser session (:mod:`gongkai.applications.public.views`): that unlocks the
    letters of that one application that are addressed to the applicant, and nothing else.
    """
    application = letter.application
    if not unlocked_receipt_number or unlocked_receipt_number != application.receipt_number:
        raise PermissionDenied("请先用申请编号和查询码查询办理进度。")
    if not LetterKind(letter.kind).to_applicant:
        raise PermissionDenied("该文书不是送达申请人的告知书。")
    with transaction.atomic():
        return record(
            action="application.letter_downloaded_by_applicant",
            summary=f"申请人下载申请 {application.receipt_number} 的文书 {letter.number}",
            obj=letter,
            agency=application.agency,
            changes={"application": application.receipt_number},
        )


def do_record_applicant_file_read(*, upload: ApplicantFile) -> AuditEntry:
    """Staff downloaded a file the applicant sent (identity proof, supplement)."""
    application = upload.application
    require_role(application.agency, HANDLER_ROLES)
    with transaction.atomic():
        return record(
            action="application.applicant_file_downloaded",
            summary=f"下载申请 {application.receipt_number} 的申请人上传文件"
            f"（{upload.get_purpose_display()}）",
            obj=application,
            agency=application.agency,
            changes={"file": upload.pk, "purpose": upload.purpose},
        )


def do_record_applicant_own_file_read(
    *, upload: ApplicantFile, unlocked_receipt_number: str | None
) -> AuditEntry:
    """The applicant downloaded a file they sent, after the query code on /track/."""
    application = upload.application
    if not unlocked_receipt_number or unlocked_receipt_number != application.receipt_number:
        raise PermissionDenied("请先用申请编号和查询码查询办理进度。")
    with transaction.atomic():
        return record(
            action="application.applicant_file_downloaded_by_applicant",
            summary=f"申请人下载申请 {application.receipt_number} 的本人上传文件",
            obj=application,
            agency=application.agency,
            changes={"file": upload.pk, "purpose": upload.purpose},
        )


def do_record_list_export(*, agency: Agency, count: int, fmt: str) -> AuditEntry:
    """The application list was exported (names, requests): one row per agency exported."""
    require_role(agency, HANDLER_ROLES)
    with transaction.atomic():
        return record(
            action="application.list_export",
            summary=f"导出{agency.name}的申请列表：{count}件（{fmt.upper()}）",
            agency=agency,
            changes={"count": count, "format": fmt},
        )
