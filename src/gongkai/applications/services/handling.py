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
from gongkai.rules.application_clock import Phase
from gongkai.rules.clock_events import (
    Answered,
    ConsultationAnswered,
    ConsultationSent,
    DelayedArt35,
    ExtensionApproved,
    FeeExpired,
    FeeNoticeSent,
    FeePaid,
    SupplementExpired,
    SupplementReceived,
    SupplementRequested,
)
from gongkai.rules.fees import (
    FeeBasis,
    FeeRuleError,
    Filing,
    earlier_filings_this_month,
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


def do_request_supplement(
    *, application: Application, on: date, due: date, items: str, today: date
) -> Letter:
    if not items.strip():
        raise ValidationError({"items": "请写明需要补正的事项。"})
    with transaction.atomic():
        record_event(
            today=today,
            application=application,
            on=on,
            data=SupplementRequested(due=due, items=items),
        )
        return issue_letter(
            application=application,
            kind=LetterKind.SUPPLEMENT_NOTICE,
            on=on,
            extra={"supplement_items": items, "supplement_due": due},
        )


def do_receive_supplement(
    *, application: Application, on: date, note: str = "", today: date
) -> Application:
    return record_event(
        today=today,
        application=application,
        on=on,
        data=SupplementReceived(),
        note=note,
    )


def do_expire_supplement(*, application: Application, on: date, today: date) -> Application:
    return record_event(application=application, on=on, data=SupplementExpired(), today=today)


def do_send_consultation(
    *,
    application: Application,
    on: date,
    party: str,
    co_agency: bool = False,
    today: date,
) -> Letter:
    with transaction.atomic():
        record_event(
            today=today,
            application=application,
            on=on,
            data=ConsultationSent(party=party.strip(), co_agency=co_agency),
        )
        kind = (
            LetterKind.CO_AGENCY_CONSULTATION if co_agency else LetterKind.THIRD_PARTY_CONSULTATION
        )
        return issue_letter(application=application, kind=kind, on=on, extra={"party": party})


def do_receive_consultation(
    *, application: Application, on: date, party: str, opinion: str = "", today: date
) -> Application:
    return record_event(
        today=today,
        application=application,
        on=on,
        data=ConsultationAnswered(party=party.strip(), opinion=opinion),
    )


def do_approve_extension(
    *,
    application: Application,
    on: date,
    days: int,
    approved_by: str,
    reason: str,
    today: date,
) -> Letter:
    """Art. 33 ¶2: the office head's approval, and a notice to the applicant."""
    if not reason.strip():
        raise ValidationError({"reason": "请说明延期理由。"})
    with transaction.atomic():
        record_event(
            today=today,
            application=application,
            on=on,
            data=ExtensionApproved(days=days, approved_by=approved_by.strip(), reason=reason),
        )
        return issue_letter(
            application=application,
            kind=LetterKind.EXTENSION_NOTICE,
            on=on,
            extra={"extension_days": days, "extension_reason": reason},
        )


def do_delay_answer(
    *, application: Application, on: date, due: date, reason: str, today: date
) -> Letter:
    with transaction.atomic():
        record_event(
            today=today,
            application=application,
            on=on,
            data=DelayedArt35(due=due, reason=reason),
        )
        return issue_letter(application=application, kind=LetterKind.DELAY_NOTICE, on=on)


def _filing(application: Application) -> Filing:
    assert application.received_date is not None
    return Filing(
        identity=application.identity_number,
        received=application.received_date,
        order=application.pk,
    )


def earlier_this_month(application: Application) -> int:
    """The same applicant's applications to this agency received earlier in the month.

    The rule is :func:`gongkai.rules.fees.earlier_filings_this_month`; this only
    fetches the candidates (same agency, same identity number, same month).
    """
    if application.received_date is None:
        raise ValidationError("申请尚未确认收到，不能计算本月申请件数。")
    received = application.received_date
    candidates = (
        Application.objects.genuine()
        .filter(
            agency=application.agency,
            identity_number__iexact=application.identity_number.strip(),
            received_date__year=received.year,
            received_date__month=received.month,
        )
        .exclude(identity_number="")
        .exclude(pk=application.pk)
    )
    try:
        return earlier_filings_this_month(
            filing=_filing(application), others=[_filing(other) for other in candidates]
        )
    except FeeRuleError as error:
        raise ValidationError({"basis": str(error)}) from None


def do_send_fee_notice(
    *, application: Application, on: date, basis: str, pages: int = 0, today: date
) -> Letter:
    """Charge by count or by pages, never both (办法 Art. 3)."""
    basis = FeeBasis(basis)
    if basis == FeeBasis.BY_PAGES:
        amount = fee_by_pages(pages)
        lines = fee_lines_by_pages(pages)
    else:
        prior = earlier_this_month(application)
        amount = fee_by_count(earlier_this_month=prior)
        lines = fee_lines_by_count(earlier_this_month=prior)
    if amount <= 0:
        raise ValidationError("按所选方式计算的信息处理费为0元，无需发出收费通知。")
    with transaction.atomic():
        record_event(
            today=today,
            application=application,
            on=on,
            data=FeeNoticeSent(amount=amount, basis=basis, pages=pages),
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


def do_record_payment(*, application: Application, on: date, today: date) -> Application:
    return record_event(application=application, on=on, data=FeePaid(), today=today)


def do_expire_fee(*, application: Application, on: date, today: date) -> Application:
    return record_event(application=application, on=on, data=FeeExpired(), today=today)


def do_answer(
    *,
    application: Application,
    on: date,
    answer_type: str,
    detail: str = "",
    repeat_of: Application | None = None,
    today: date,
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
            today=today,
            application=application,
            on=on,
            data=Answered(
                outcome=outcome.code,
                answer_type=answer,
                repeat_of=repeat_of.pk if repeat_of else None,
            ),
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
