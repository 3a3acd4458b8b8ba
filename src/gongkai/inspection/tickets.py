"""Rectification tickets (整改工单): a finding goes to the agency whose content it is, the
agency answers, the operator may strike a false positive (核减).

The operator sends and strikes; only the owning agency's staff answer (the operator runs
the platform, not the agency's corrections). A ticket answered "fixed" does not close its
finding: the next run that no longer sees the problem does (``services``).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit.context import is_system
from gongkai.audit.services import record
from gongkai.inspection.models import Finding, RectificationTicket
from gongkai.rules.site_inspection import RECTIFICATION_WORKING_DAYS
from gongkai.rules.workdays import UnknownYearError, format_date

OPEN = (Finding.Status.NEW, Finding.Status.ACKNOWLEDGED)


def rectification_due(*, sent_on: date) -> date:
    """The ticket's due date on the working-day calendar (holidays skipped)."""
    from gongkai.workcalendar.selectors import working_calendar

    try:
        return working_calendar().nth_working_day_after(sent_on, RECTIFICATION_WORKING_DAYS)
    except UnknownYearError as error:
        raise ValidationError(f"无法计算整改期限：{error}") from None


def do_send_ticket(*, finding: Finding, today: date, note: str = "") -> RectificationTicket:
    """Send an open finding to its agency, due ``RECTIFICATION_WORKING_DAYS`` working days on."""
    from gongkai.agencies.services import require_operator

    require_operator()
    with transaction.atomic():
        locked = (
            Finding.objects.select_for_update(of=("self",))
            .select_related("agency")
            .get(pk=finding.pk)
        )
        if locked.status not in OPEN:
            raise ValidationError(
                f"该问题状态为“{locked.get_status_display()}”，不能下发整改工单。"
            )
        if locked.agency is None:
            raise ValidationError("无法确定该问题所属的机构，不能下发整改工单。")
        if locked.tickets.filter(status=RectificationTicket.Status.SENT).exists():
            raise ValidationError("该问题已有待整改的工单，请等待机构答复。")
        due = rectification_due(sent_on=today)
        ticket = RectificationTicket.objects.create(
            finding=locked, agency=locked.agency, sent_on=today, due_on=due, note=note.strip()
        )
        if locked.status == Finding.Status.NEW:
            locked.status = Finding.Status.ACKNOWLEDGED
            locked.save(update_fields=["status"])
        record(
            action="inspection.ticket.send",
            summary=f"向“{locked.agency.name}”下发整改工单：{locked.type} {locked.url}，"
            f"整改期限{format_date(due)}",
            obj=ticket,
            agency=locked.agency,
            changes={"finding": locked.pk, "due_on": due.isoformat()},
        )
    return ticket


def do_answer_ticket(
    *, ticket: RectificationTicket, answer: str, text: str, today: date
) -> RectificationTicket:
    """The owning agency answers: fixed, or an explanation (which must say something)."""
    from gongkai.agencies.services import require_actor, require_member_of

    actor = require_actor()
    with transaction.atomic():
        locked = (
            RectificationTicket.objects.select_for_update(of=("self",))
            .select_related("agency")
            .get(pk=ticket.pk)
        )
        require_member_of(locked.agency)
        if locked.status != RectificationTicket.Status.SENT:
            raise ValidationError("该整改工单已答复，不能重复答复。")
        if answer not in RectificationTicket.Answer.values:
            raise ValidationError("答复类型无效：应为“已整改”或“情况说明”。")
        text = text.strip()
        if answer == RectificationTicket.Answer.EXPLANATION and not text:
            raise ValidationError({"answer_text": "选择“情况说明”时必须填写说明内容。"})
        locked.status = RectificationTicket.Status.ANSWERED
        locked.answer, locked.answer_text, locked.answered_on = answer, text, today
        locked.answered_by = None if is_system(actor) else actor
        locked.save(update_fields=["status", "answer", "answer_text", "answered_on", "answered_by"])
        record(
            action="inspection.ticket.answer",
            summary=f"“{locked.agency.name}”答复整改工单{locked.pk}：{locked.get_answer_display()}",
            obj=locked,
            agency=locked.agency,
            changes={"answer": answer, "text": text},
        )
    return locked


def do_strike_finding(*, finding: Finding, reason: str) -> Finding:
    """核减: the operator decides a finding is a false positive; the reason is kept, and
    later runs that see it again leave it struck."""
    from gongkai.agencies.services import require_operator

    require_operator()
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "请填写核减理由。"})
    with transaction.atomic():
        locked = Finding.objects.select_for_update().get(pk=finding.pk)
        if locked.status not in OPEN:
            raise ValidationError(f"该问题状态为“{locked.get_status_display()}”，不能核减。")
        before = locked.status
        locked.status, locked.struck_reason = Finding.Status.STRUCK, reason
        locked.save(update_fields=["status", "struck_reason"])
        record(
            action="inspection.strike",
            summary=f"核减巡检发现：{locked.type} {locked.url}（{reason}）",
            obj=locked,
            agency=locked.agency,
            changes={"status": [before, Finding.Status.STRUCK], "reason": reason},
        )
    return locked
