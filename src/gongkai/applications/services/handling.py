"""The handler's steps: assign, transfer, supplement, consult, extend, charge, answer, appeal."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from gongkai.agencies.models import Agency
from gongkai.agencies.selectors import roles_of
from gongkai.agencies.services import require_role
from gongkai.applications.letters.kinds import LetterKind
from gongkai.applications.letters.render import issue_letter
from gongkai.applications.models import Appeal, Application, Letter
from gongkai.applications.services.clock import HANDLER_ROLES, record_event
from gongkai.audit.services import record
from gongkai.rules.application_clock import EventKind, Phase
from gongkai.rules.fees import (
    FeeBasis,
    fee_by_count,
    fee_by_pages,
    fee_lines_by_count,
    fee_lines_by_pages,
)
from gongkai.rules.outcomes import AnswerType, outcome_for


def do_assign(*, application: Application, handler: Any) -> Application:
    require_role(application.agency, HANDLER_ROLES)
    if not roles_of(handler, application.agency):
        raise ValidationError({"handler": f"“{handler}”不是{application.agency.name}的工作人员。"})
    with transaction.atomic():
        before = application.handler.get_username() if application.handler else None
        application.handler = handler
        application.save(update_fields=["handler", "updated_at"])
        record(
            action="application.assign",
            summary=f"{application.receipt_number}：交由{handler.get_username()}承办",
            obj=application,
            agency=application.agency,
            changes={"handler": [before, handler.get_username()]},
        )
    return application


def do_transfer(*, application: Application, to_agency: Agency, reason: str) -> Application:
    """Hand an unanswered application to the agency that holds the information.

    Only before the clock has started: once confirmed, the receiving agency must
    answer (Art. 36 (五) tells the applicant who does hold it).
    """
    require_role(application.agency, HANDLER_ROLES)
    if application.phase != Phase.TO_CONFIRM:
        raise ValidationError("已确认收到的申请不能转办，请按第三十六条第（五）项答复。")
    if to_agency.pk == application.agency_id or not to_agency.is_active:
        raise ValidationError({"to_agency": "请选择另一个启用的机构。"})
    if not reason.strip():
        raise ValidationError({"reason": "请说明转办理由。"})
    with transaction.atomic():
        origin = application.agency
        application.agency = to_agency
        application.handler = None
        application.save(update_fields=["agency", "handler", "updated_at"])
        for agency in (origin, to_agency):
            record(
                action="application.transfer",
                summary=f"{application.receipt_number}：由{origin.name}转至{to_agency.name}",
                obj=application,
                agency=agency,
                changes={"from": origin.name, "to": to_agency.name, "reason": reason},
            )
    return application


def do_request_supplement(*, application: Application, on: date, due: date, items: str) -> Letter:
    if not items.strip():
        raise ValidationError({"items": "请写明需要补正的事项。"})
    with transaction.atomic():
        record_event(
            application=application,
            kind=EventKind.SUPPLEMENT_REQUESTED,
            on=on,
            data={"due": due.isoformat(), "items": items},
        )
        return issue_letter(
            application=application,
            kind=LetterKind.SUPPLEMENT_NOTICE,
            on=on,
            extra={"supplement_items": items, "supplement_due": due},
        )


def do_receive_supplement(*, application: Application, on: date, note: str = "") -> Application:
    return record_event(
        application=application, kind=EventKind.SUPPLEMENT_RECEIVED, on=on, note=note
    )


def do_expire_supplement(*, application: Application, on: date) -> Application:
    return record_event(application=application, kind=EventKind.SUPPLEMENT_EXPIRED, on=on)


def do_send_consultation(
    *, application: Application, on: date, party: str, co_agency: bool = False
) -> Letter:
    with transaction.atomic():
        record_event(
            application=application,
            kind=EventKind.CONSULTATION_SENT,
            on=on,
            data={"party": party.strip(), "co_agency": co_agency},
        )
        kind = (
            LetterKind.CO_AGENCY_CONSULTATION if co_agency else LetterKind.THIRD_PARTY_CONSULTATION
        )
        return issue_letter(application=application, kind=kind, on=on, extra={"party": party})


def do_receive_consultation(
    *, application: Application, on: date, party: str, opinion: str = ""
) -> Application:
    return record_event(
        application=application,
        kind=EventKind.CONSULTATION_ANSWERED,
        on=on,
        data={"party": party.strip(), "opinion": opinion},
    )


def do_approve_extension(
    *, application: Application, on: date, days: int, approved_by: str, reason: str
) -> Letter:
    """Art. 33 ¶2: the office head's approval, and a notice to the applicant."""
    if not reason.strip():
        raise ValidationError({"reason": "请说明延期理由。"})
    with transaction.atomic():
        record_event(
            application=application,
            kind=EventKind.EXTENSION_APPROVED,
            on=on,
            data={"days": days, "approved_by": approved_by.strip(), "reason": reason},
        )
        return issue_letter(
            application=application,
            kind=LetterKind.EXTENSION_NOTICE,
            on=on,
            extra={"extension_days": days, "extension_reason": reason},
        )


def do_delay_answer(*, application: Application, on: date, due: date, reason: str) -> Letter:
    with transaction.atomic():
        record_event(
            application=application,
            kind=EventKind.DELAYED_ART35,
            on=on,
            data={"due": due.isoformat(), "reason": reason},
        )
        return issue_letter(application=application, kind=LetterKind.DELAY_NOTICE, on=on)


def earlier_this_month(application: Application, on: date) -> int:
    """Applications from the same applicant to the same agency earlier in the month."""
    return (
        Application.objects.filter(
            agency=application.agency,
            identity_number=application.identity_number,
            received_date__year=on.year,
            received_date__month=on.month,
            received_date__lte=on,
        )
        .exclude(pk=application.pk)
        .count()
    )


def do_send_fee_notice(*, application: Application, on: date, basis: str, pages: int = 0) -> Letter:
    """Charge by count or by pages, never both (办法 Art. 3)."""
    basis = FeeBasis(basis)
    if basis == FeeBasis.BY_PAGES:
        amount = fee_by_pages(pages)
        lines = fee_lines_by_pages(pages)
    else:
        prior = earlier_this_month(application, on)
        amount = fee_by_count(earlier_this_month=prior)
        lines = fee_lines_by_count(earlier_this_month=prior)
    if amount <= 0:
        raise ValidationError("按所选方式计算的信息处理费为0元，无需发出收费通知。")
    with transaction.atomic():
        record_event(
            application=application,
            kind=EventKind.FEE_NOTICE_SENT,
            on=on,
            data={"amount": amount, "basis": basis.value, "pages": pages},
        )
        application.refresh_from_db()
        return issue_letter(
            application=application,
            kind=LetterKind.FEE_NOTICE,
            on=on,
            extra={
                "fee_basis": basis.label,
                "fee_detail": "；".join(line.describe() for line in lines if line.amount),
            },
        )


def do_record_payment(*, application: Application, on: date) -> Application:
    return record_event(application=application, kind=EventKind.FEE_PAID, on=on)


def do_expire_fee(*, application: Application, on: date) -> Application:
    return record_event(application=application, kind=EventKind.FEE_EXPIRED, on=on)


def do_answer(
    *,
    application: Application,
    on: date,
    answer_type: str,
    detail: str = "",
    repeat_of: Application | None = None,
) -> Letter:
    """Answer in one of the forms the law fixes; the report row follows from the answer."""
    answer = AnswerType(answer_type)
    outcome = outcome_for(answer)
    if answer in {AnswerType.SUPPLEMENT_OVERDUE, AnswerType.FEE_UNPAID}:
        raise ValidationError("逾期未补正、逾期未缴费由期限事项登记，不作答复。")
    if answer == AnswerType.REPEATED:
        if repeat_of is None:
            raise ValidationError({"repeat_of": "重复申请须指明已答复的前次申请。"})
        if repeat_of.phase != Phase.ANSWERED or repeat_of.pk == application.pk:
            raise ValidationError({"repeat_of": "所指前次申请尚未答复。"})
    with transaction.atomic():
        record_event(
            application=application,
            kind=EventKind.ANSWERED,
            on=on,
            data={
                "outcome": outcome.code,
                "answer_type": answer.value,
                **({"repeat_of": repeat_of.pk} if repeat_of else {}),
            },
        )
        application.refresh_from_db()
        return issue_letter(
            application=application,
            kind=LetterKind.ANSWER,
            on=on,
            extra={"answer_type": answer, "answer_detail": detail},
        )


def earlier_answers_for_same_applicant(application: Application) -> Any:
    """Answered applications by the same person to this agency: candidates for 重复申请."""
    same_person = Q(identity_number=application.identity_number) & ~Q(identity_number="")
    return (
        Application.objects.filter(agency=application.agency, phase=Phase.ANSWERED)
        .filter(same_person)
        .exclude(pk=application.pk)
        .order_by("-closed_date")
    )


def do_record_appeal(
    *,
    application: Application,
    kind: str,
    body: str,
    filed_on: date,
    result: str = Appeal.Result.PENDING,
    decided_on: date | None = None,
    note: str = "",
) -> Appeal:
    require_role(application.agency, HANDLER_ROLES)
    appeal = Appeal(
        application=application,
        kind=kind,
        body=body,
        filed_on=filed_on,
        result=result,
        decided_on=decided_on,
        note=note,
    )
    appeal.full_clean()
    if result != Appeal.Result.PENDING and decided_on is None:
        raise ValidationError({"decided_on": "已审结的复议诉讼请填写审结日期。"})
    with transaction.atomic():
        appeal.save()
        record(
            action="appeal.create",
            summary=f"{application.receipt_number}：登记{appeal.get_kind_display()}",
            obj=appeal,
            agency=application.agency,
            changes={"kind": kind, "body": body, "filed_on": filed_on, "result": result},
        )
    return appeal


def do_decide_appeal(*, appeal: Appeal, result: str, decided_on: date) -> Appeal:
    require_role(appeal.application.agency, HANDLER_ROLES)
    if result == Appeal.Result.PENDING:
        raise ValidationError({"result": "请选择审结结果。"})
    with transaction.atomic():
        before = appeal.result
        appeal.result = result
        appeal.decided_on = decided_on
        appeal.full_clean()
        appeal.save()
        record(
            action="appeal.decide",
            summary=f"{appeal.application.receipt_number}：{appeal.get_kind_display()}审结",
            obj=appeal,
            agency=appeal.application.agency,
            changes={"result": [before, result], "decided_on": decided_on},
        )
    return appeal
