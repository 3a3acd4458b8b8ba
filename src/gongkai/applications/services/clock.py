"""Recording clock events and keeping the derived columns in step with the ledger."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.applications.models import Application, ClockEvent
from gongkai.applications.selectors import HANDLER_ROLES
from gongkai.audit.context import current_user
from gongkai.audit.services import record
from gongkai.rules.application_clock import (
    ClockRuleError,
    ClockState,
    Event,
    EventKind,
    Phase,
    check,
    evaluate,
)
from gongkai.rules.workdays import UnknownYearError
from gongkai.workcalendar.selectors import working_calendar


def ledger(application: Application) -> list[Event]:
    return [
        Event(kind=EventKind(e.kind), on=e.on, data=e.data)
        for e in application.events.all().order_by("on", "id")
    ]


def clock_state(application: Application, *, today: date | None = None) -> ClockState:
    return evaluate(
        ledger(application), calendar=working_calendar(), today=today or timezone.localdate()
    )


def refresh(application: Application, *, today: date | None = None) -> ClockState:
    """Store what the ledger implies, for lists and queries; never set these elsewhere.

    Besides the clock (phase, dates, outcome) that includes the fee charged and
    the answer type, so the ledger stays the one record of what was decided.
    """
    state = clock_state(application, today=today)
    application.phase = state.phase
    application.received_date = state.received
    application.answer_due = state.answer_due
    application.clock_paused = state.paused
    events = list(application.events.all())
    fee = next((e.data for e in events if e.kind == EventKind.FEE_NOTICE_SENT), {})
    application.fee_basis = str(fee.get("basis", ""))
    application.fee_amount = int(fee.get("amount", 0))
    answer = next((e.data for e in events if e.kind == EventKind.ANSWERED), {})
    application.answer_type = str(answer.get("answer_type", ""))
    application.repeat_of_id = answer.get("repeat_of")
    if state.phase in {Phase.ANSWERED, Phase.ENDED}:
        application.outcome = state.outcome or ""
        ended = [
            e.on
            for e in events
            if e.kind in {EventKind.ANSWERED, EventKind.SUPPLEMENT_EXPIRED, EventKind.FEE_EXPIRED}
        ]
        application.closed_date = max(ended) if ended else None
    else:
        application.outcome = ""
        application.closed_date = None
    application.save(
        update_fields=[
            "phase",
            "received_date",
            "answer_due",
            "clock_paused",
            "outcome",
            "closed_date",
            "fee_basis",
            "fee_amount",
            "answer_type",
            "repeat_of",
            "updated_at",
        ]
    )
    return state


def record_event(
    *,
    application: Application,
    kind: EventKind,
    on: date,
    data: dict[str, Any] | None = None,
    note: str = "",
) -> Application:
    """Check the event against the law, append it, recompute, audit: all or nothing."""
    from gongkai.agencies.services import require_role

    require_role(application.agency, HANDLER_ROLES)
    data = data or {}
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        event = Event(kind=kind, on=on, data=data)
        try:
            check(ledger(locked), event, calendar=working_calendar(), today=timezone.localdate())
        except (ClockRuleError, UnknownYearError) as error:
            raise ValidationError(str(error)) from None
        ClockEvent.objects.create(
            application=locked,
            kind=kind,
            on=on,
            data=data,
            note=note[:300],
            recorded_by=current_user(),
        )
        state = refresh(locked)
        record(
            action=f"application.{kind.value}",
            summary=f"{locked.receipt_number}：{kind.label}（{on:%Y-%m-%d}）",
            obj=locked,
            agency=locked.agency,
            changes={"kind": kind.value, "on": on, "data": data, "phase": state.phase},
        )
    return locked
