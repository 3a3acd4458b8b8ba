"""Recording clock events and keeping the derived columns in step with the ledger."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from gongkai.applications.models import Application, ClockEvent
from gongkai.applications.notices import notify_event
from gongkai.applications.selectors import HANDLER_ROLES
from gongkai.audit.context import current_user
from gongkai.audit.services import record
from gongkai.rules.application_clock import (
    OPEN_PHASES,
    ClockRuleError,
    ClockState,
    Event,
    EventKind,
    Phase,
    check,
    evaluate,
)
from gongkai.rules.clock_events import Answered, EventData, FeeNoticeSent, dump_event_data
from gongkai.rules.workdays import UnknownYearError
from gongkai.workcalendar.selectors import working_calendar


def ledger(application: Application) -> list[Event]:
    events = application.events.all().order_by("on", "id")
    return [Event(on=event.on, data=event.typed_data) for event in events]


def clock_state(application: Application, *, today: date) -> ClockState:
    return evaluate(ledger(application), calendar=working_calendar(), today=today)


def refresh(application: Application, *, today: date) -> ClockState:
    """Store what the ledger implies, for lists and queries; never set these elsewhere.

    Besides the clock (phase, dates, outcome) that includes the fee charged and
    the answer type, so the ledger stays the one record of what was decided.
    """
    state = clock_state(application, today=today)
    application.phase = state.phase
    application.received_date = state.received
    application.answer_due = state.answer_due
    application.due_waits_for_year = state.unknown.get("answer_due")
    application.clock_paused = state.paused
    events = ledger(application)
    fee = next((e.data for e in events if isinstance(e.data, FeeNoticeSent)), None)
    application.fee_basis = fee.basis.value if fee else ""
    application.fee_amount = fee.amount if fee else 0
    answer = next((e.data for e in events if isinstance(e.data, Answered)), None)
    answer_type = answer.answer_type if answer else None
    application.answer_type = answer_type.value if answer_type else ""
    application.repeat_of_id = answer.repeat_of if answer else None
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
            "due_waits_for_year",
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
    *, application: Application, on: date, data: EventData, note: str = "", today: date
) -> Application:
    """Check the event against the law, append it, recompute, audit: all or nothing.

    ``data`` is the typed data of one kind of event, which it names; data of the wrong
    shape is refused (EventDataError) before anything is checked or stored. The
    applicant is told of the steps that concern them once it commits (notices).
    """
    from gongkai.agencies.services import require_role

    require_role(application.agency, HANDLER_ROLES)
    stored = dump_event_data(data)
    kind = data.kind
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        event = Event(on=on, data=data)
        try:
            check(ledger(locked), event, calendar=working_calendar(), today=today)
        except (ClockRuleError, UnknownYearError) as error:
            raise ValidationError(str(error)) from None
        ClockEvent.objects.create(
            application=locked,
            kind=kind,
            on=on,
            data=stored,
            note=note[:300],
            recorded_by=current_user(),
        )
        state = refresh(locked, today=today)
        record(
            action=f"application.{kind.value}",
            summary=f"{locked.receipt_number}：{kind.label}（{on:%Y-%m-%d}）",
            obj=locked,
            agency=locked.agency,
            changes={"kind": kind.value, "on": on, "data": stored, "phase": state.phase},
        )
        notify_event(application=locked, kind=kind)
    return locked


def recompute_dated_applications(*, today: date) -> int:
    """Refresh every application whose stored dates a calendar change can move.

    That is every open one (its due date, and so its queue and reminders) and every
    one whose answer date waited for a year's schedule. Called by the schedule
    loader inside its own transaction and audit entry; returns how many were
    refreshed. Not an act on any case, so no role in the agencies is needed.
    """
    affected = Application.objects.filter(
        Q(phase__in=OPEN_PHASES) | Q(due_waits_for_year__isnull=False)
    )
    count = 0
    for application in affected.select_for_update().order_by("pk"):
        refresh(application, today=today)
        count += 1
    return count
