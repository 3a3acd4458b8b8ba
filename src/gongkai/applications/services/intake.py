"""Receiving applications: online, and registered by staff for every other channel."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.applications.identity import (
    clean_identity,
    hash_query_code,
    masked_identity,
    new_query_code,
)
from gongkai.applications.models import (
    Application,
    Channel,
    DeliveryMethod,
    FilePurpose,
    InformationForm,
    NumberSequence,
)
from gongkai.applications.notices import NoticeStep, notify_on_commit
from gongkai.applications.services.applicant_files import store_file
from gongkai.applications.services.clock import record_event
from gongkai.applications.uploads import ScreenedFile
from gongkai.audit.services import record
from gongkai.rules.application_clock import RECEIVED_ON_ARRIVAL, Phase
from gongkai.rules.application_contents import missing_contents
from gongkai.rules.clock_events import Received
from gongkai.rules.outcomes import ApplicantCategory

APPLICANT_FIELDS = (
    "category",
    "applicant_name",
    "identity_kind",
    "identity_number",
    "contact_person",
    "phone",
    "email",
    "address",
    "postal_code",
    "description",
    "document_number",
    "information_form",
    "delivery_method",
)


@dataclass(frozen=True)
class Receipt:
    application: Application
    # Shown to the applicant once; only its keyed hash is stored. None when a replayed
    # submission returned the application filed before: its code is not minted again.
    query_code: str | None


def art29_problems(fields: dict[str, Any]) -> dict[str, str]:
    """Art. 29's contents for these applicant fields, whatever the channel."""
    category = fields.get("category", "")
    delivery = fields.get("delivery_method", "")
    return missing_contents(
        organisation=bool(category) and ApplicantCategory(category).is_organisation,
        contact_person=str(fields.get("contact_person") or ""),
        phone=str(fields.get("phone") or ""),
        email=str(fields.get("email") or ""),
        address=str(fields.get("address") or ""),
        wants_email=fields.get("information_form") == InformationForm.EMAIL
        or delivery == DeliveryMethod.EMAIL,
        by_mail=delivery == DeliveryMethod.MAIL,
    )


def _build(
    *,
    agency: Agency,
    channel: str,
    fields: dict[str, Any],
    received_on: date | None = None,
    today: date,
) -> tuple[Application, str]:
    unknown = set(fields) - set(APPLICANT_FIELDS)
    if unknown:
        raise ValueError(f"unknown application fields: {sorted(unknown)}")
    kind, number = clean_identity(
        category=fields.get("category", ""),
        kind=fields.get("identity_kind", ""),
        number=fields.get("identity_number", ""),
    )
    fields = {**fields, "identity_kind": kind, "identity_number": number}
    problems = art29_problems(fields)
    if problems:
        raise ValidationError(problems)
    application = Application(
        agency=agency,
        channel=channel,
        submitted_at=timezone.now(),
        phase=Phase.TO_CONFIRM,
        receipt_number="pending",
        query_code_hash="pending",
        **fields,
    )
    application.full_clean(exclude=["receipt_number", "query_code_hash"])
    # Numbered in the year it was received: a December letter registered in January
    # belongs to the old year's series. Not received yet (online, by letter): this year.
    year = (received_on or today).year
    sequence = NumberSequence.next(agency_id=agency.pk, year=year, series="application")
    application.receipt_number = f"YSQ{year}{agency.pk:04d}{sequence:05d}"
    code = new_query_code()
    application.query_code_hash = hash_query_code(application.receipt_number, code)
    application.save()
    return application, code


def _audit_intake(application: Application, how: str, *, identity_proof: bool = False) -> None:
    record(
        action="application.create",
        summary=f"{how}政府信息公开申请 {application.receipt_number}",
        obj=application,
        agency=application.agency,
        changes={
            "channel": application.channel,
            "category": application.category,
            # Personal data stays in the application row; the log keeps a masked trace.
            "identity": masked_identity(application.identity_kind, application.identity_number),
            **({"identity_proof": True} if identity_proof else {}),
        },
    )


def do_submit_online_application(
    *,
    agency: Agency,
    today: date,
    submission_key: str | None = None,
    identity_proof: ScreenedFile | None = None,
    **fields: Any,
) -> Receipt:
    """The public form: waits in the 待确认 list until staff confirm (Art. 31 (三)).

    With a ``submission_key`` the call is idempotent: replaying it (the browser
    retried after a lost response) returns the stored application and no query code.
    A new code would invalidate the one the applicant may already hold, and whoever
    could replay a key must not be able to take over the application with it; the
    key binds the browser and the form's content (ApplicationForm.submission_key).

    ``identity_proof`` (optional, screened by :mod:`gongkai.applications.uploads`) is
    kept in private storage with the application.
    """
    if not agency.is_active:
        raise ValidationError({"agency": "该机构已停用，不能受理申请。"})
    try:
        return _submit_once(
            agency=agency,
            submission_key=submission_key,
            fields=fields,
            proof=identity_proof,
            today=today,
        )
    except IntegrityError:
        if not submission_key:
            raise
        # A concurrent replay of the same key won the insert: return its result.
        return _submit_once(
            agency=agency,
            submission_key=submission_key,
            fields=fields,
            proof=identity_proof,
            today=today,
        )


def _submit_once(
    *,
    agency: Agency,
    submission_key: str | None,
    fields: dict[str, Any],
    proof: ScreenedFile | None,
    today: date,
) -> Receipt:
    with transaction.atomic():
        if submission_key:
            existing = Application.objects.filter(
                submission_token=submission_key, agency=agency
            ).first()
            if existing is not None:
                return Receipt(application=existing, query_code=None)
        application, code = _build(
            agency=agency, channel=Channel.ONLINE, fields=fields, today=today
        )
        if submission_key:
            application.submission_token = submission_key
            application.save(update_fields=["submission_token"])
        if proof is not None:
            store_file(application=application, screened=proof, purpose=FilePurpose.IDENTITY_PROOF)
        _audit_intake(application, "网上提交", identity_proof=proof is not None)
        notify_on_commit(application=application, step=NoticeStep.SUBMITTED)
    return Receipt(application=application, query_code=code)


def do_register_application(
    *,
    agency: Agency,
    channel: str,
    received_on: date | None,
    today: date,
    **fields: Any,
) -> Receipt:
    """Staff enter an application that came in person, by post or by fax."""
    from gongkai.agencies.services import require_role
    from gongkai.applications.services.clock import HANDLER_ROLES

    require_role(agency, HANDLER_ROLES)
    channel = Channel(channel)
    if channel == Channel.ONLINE:
        raise ValidationError({"channel": "网上申请由申请人在门户提交。"})
    if channel in RECEIVED_ON_ARRIVAL and received_on is None:
        what = "提交之日" if channel == Channel.IN_PERSON else "签收之日"
        raise ValidationError({"received_on": f"请填写{what}（第三十一条）。"})
    with transaction.atomic():
        application, code = _build(
            agency=agency, channel=channel, fields=fields, received_on=received_on, today=today
        )
        _audit_intake(application, f"登记{channel.label}")
        if channel in RECEIVED_ON_ARRIVAL:
            assert received_on is not None
            application = _receive(application=application, on=received_on, today=today)
    return Receipt(application=application, query_code=code)


def do_confirm_receipt(*, application: Application, on: date, today: date) -> Application:
    """Confirm with the applicant; that day is the received date (Art. 31 (二)(三))."""
    if application.marked_junk_on is not None:
        raise ValidationError("该申请已被标记为无效申请，不能确认收到。")
    with transaction.atomic():
        return _receive(application=application, on=on, today=today)


JUNK_REASON_MAX = 200


def do_mark_junk(*, application_ids: Sequence[int], reason: str, today: date) -> int:
    """Take junk online filings out of the 待确认 queue, all or none; returns how many.

    Only applications still waiting to be confirmed can be junk: once an agency has
    confirmed receipt, the law's clock runs and the application must be answered. Marked
    ones stay stored (the receipt series has no gaps, the audit log names each one) but
    are in no queue and no report row (``ApplicationQuerySet.genuine``).
    """
    from gongkai.agencies.services import require_actor, require_role
    from gongkai.applications.services.clock import HANDLER_ROLES

    require_actor()  # nobody is refused before anything is read or checked
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": "请填写标记为无效申请的理由，例如“同一地址批量提交的无意义内容”。"}
        )
    if len(reason) > JUNK_REASON_MAX:
        raise ValidationError({"reason": f"理由不能超过{JUNK_REASON_MAX}个字。"})
    with transaction.atomic():
        applications = list(
            Application.objects.select_for_update(of=("self",))
            .select_related("agency")
            .filter(pk__in=application_ids)
            .order_by("pk")
        )
        if not applications or len(applications) != len(set(application_ids)):
            raise ValidationError("所选申请不存在，请刷新页面后重新选择。")
        for application in applications:
            require_role(application.agency, HANDLER_ROLES)
            if application.phase != Phase.TO_CONFIRM or application.marked_junk_on is not None:
                raise ValidationError(
                    f"申请 {application.receipt_number} 不在待确认状态，不能标记为无效申请。"
                )
        for application in applications:
            application.marked_junk_on = today
            application.junk_reason = reason
            application.save(update_fields=["marked_junk_on", "junk_reason", "updated_at"])
            record(
                action="application.mark_junk",
                summary=f"将申请 {application.receipt_number} 标记为无效申请：{reason}",
                obj=application,
                agency=application.agency,
                changes={"marked_junk_on": today, "reason": reason},
            )
    return len(applications)


def _receive(*, application: Application, on: date, today: date) -> Application:
    """The received date is fixed: record it and send the applicant a receipt."""
    from gongkai.applications.letters.kinds import LetterKind
    from gongkai.applications.letters.render import issue_letter

    application = record_event(application=application, on=on, data=Received(), today=today)
    issue_letter(application=application, kind=LetterKind.RECEIPT, on=on)
    return application
