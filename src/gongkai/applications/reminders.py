"""Reminding handlers before and after the answer date.

Each (application, threshold, recipient) gets one Reminder row, created when the
threshold has been *reached* — not when it is reached exactly today — so a run
that was missed (worker down over a holiday) catches up instead of skipping
anyone, and a run repeated twice sends nothing twice.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from gongkai.agencies.models import Membership, Role
from gongkai.applications.models import Application, Reminder
from gongkai.outbox import deliver
from gongkai.rules.workdays import UnknownYearError, WorkingDayCalendar, format_date
from gongkai.workcalendar.selectors import working_calendar


def thresholds_reached(
    application: Application, *, today: date, calendar: WorkingDayCalendar
) -> list[str]:
    due = application.answer_due
    if due is None or application.clock_paused:
        return []
    if today > due:
        return ["overdue"]
    left = calendar.working_days_between(today, due)
    return [f"due_in_{days}" for days in settings.GONGKAI_REMINDER_DAYS if left <= days]


def handlers_of(application: Application) -> list:
    """Who is told about an application: its handler, else the agency's officers."""
    if application.handler_id:
        return [application.handler]
    officers = Membership.objects.filter(
        agency=application.agency, role=Role.DISCLOSURE_OFFICER
    ).values_list("user", flat=True)
    return list(get_user_model().objects.filter(pk__in=officers, is_active=True))


def _message(application: Application, threshold: str) -> tuple[str, str]:
    due = format_date(application.answer_due) if application.answer_due else ""
    if threshold == "overdue":
        subject = f"【已逾期】政府信息公开申请 {application.receipt_number} 答复期限已过"
    else:
        days = threshold.removeprefix("due_in_")
        subject = f"【{days}个工作日内到期】政府信息公开申请 {application.receipt_number}"
    body = (
        f"申请编号：{application.receipt_number}\n"
        f"受理机构：{application.agency.name}\n"
        f"答复期限：{due}\n"
        f"当前状态：{application.phase_label}\n"
        "请登录政府信息公开平台及时办理。"
    )
    return subject, body


def create_due_reminders(*, today: date) -> int:
    calendar = working_calendar()
    created = 0
    candidates = Application.objects.open().filter(answer_due__isnull=False)
    for application in candidates.select_related("agency", "handler"):
        try:
            reached = thresholds_reached(application, today=today, calendar=calendar)
        except UnknownYearError:
            continue  # the calendar job warns the operator about the missing year
        for threshold in reached:
            subject, body = _message(application, threshold)
            for user in handlers_of(application):
                try:
                    with transaction.atomic():
                        Reminder.objects.create(
                            application=application,
                            threshold=threshold,
                            recipient=user,
                            subject=subject,
                            body=body,
                        )
                    created += 1
                except IntegrityError:
                    continue  # already reminded at this threshold
    return created


def deliver_pending(*, limit: int = 500) -> int:
    """Send reminders not yet sent; a failure stays pending and is retried next run."""
    return deliver(Reminder.objects.all(), limit=limit)
