"""The one-click masking helper: personal data in an entry's own text, masked in place."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from gongkai.audit.services import record
from gongkai.rules.screening import PERSONAL_DATA_TYPES, mask_findings, screen_text

MASKED_FIELDS = ("title", "summary", "document_number", "body")


def do_mask_personal_data(*, entry: Any, user: Any) -> int:
    """Mask personal data in the latest draft and save it as a new revision.

    The body is masked in its HTML: the detectors match digits, which markup never splits
    inside an ID or phone number. Attachments are files the editor must replace; they are
    not rewritten behind their back.
    """
    from gongkai.agencies.services import require_signed_in

    require_signed_in(user)
    if not entry.permissions_for_user(user).can_edit():
        raise PermissionDenied("没有编辑该条目的权限。")
    draft = entry.get_latest_revision_as_object()
    masked = 0
    for field in MASKED_FIELDS:
        value = getattr(draft, field) or ""
        findings = [f for f in screen_text(value) if f.type in PERSONAL_DATA_TYPES]
        if findings:
            setattr(draft, field, mask_findings(value, findings))
            masked += len(findings)
    if masked:
        with transaction.atomic():
            draft.save_revision(user=user, log_action=True)
            record(
                action="catalogue.entry.mask",
                summary=f"对“{draft.title}”中的{masked}处个人信息作去标识化处理",
                obj=entry,
                agency=entry.agency,
                actor=user,
                changes={"masked": masked},
            )
    return masked
