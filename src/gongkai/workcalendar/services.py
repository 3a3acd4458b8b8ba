"""Loading holiday schedules: from the bundled package or an operator's file."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit.services import record
from gongkai.rules.workdays import YearSchedule
from gongkai.workcalendar import bundled
from gongkai.workcalendar.models import HolidaySchedule, SpecialDay


def do_load_schedule(
    *,
    schedule: YearSchedule,
    names: dict[date, str],
    replace: bool = False,
    today: date,
) -> HolidaySchedule:
    """Store one year's schedule and bring every dated application up to it: all or nothing.

    Calendars are the platform's: only the operator (or the system) loads them. A new
    or replaced year moves due dates, so in the same transaction every open
    application (and every one whose answer date waited for a year) is recomputed —
    its due date, hence its queue — and the reminders now due are created; the one
    audit entry says how many. Nothing waits for "the next step on each application".
    """
    from gongkai.agencies.services import require_operator
    from gongkai.applications.reminders import create_due_reminders
    from gongkai.applications.services.clock import recompute_dated_applications

    require_operator()
    with transaction.atomic():
        existing = HolidaySchedule.objects.select_for_update().filter(year=schedule.year).first()
        if existing is not None and not replace:
            raise ValidationError(
                f"{schedule.year}年的节假日安排已存在（来源：{existing.source}）。"
                "如需替换，请勾选“替换已有年度”（命令行加 --replace）。"
            )
        before = None
        if existing is not None:
            before = {
                "holidays": sorted(
                    d.isoformat()
                    for d in existing.days.filter(kind="holiday").values_list("date", flat=True)
                ),
                "workdays": sorted(
                    d.isoformat()
                    for d in existing.days.filter(kind="workday").values_list("date", flat=True)
                ),
            }
            existing.days.all().delete()
            existing.source = schedule.source
            existing.save()
            row = existing
        else:
            row = HolidaySchedule.objects.create(year=schedule.year, source=schedule.source)
        SpecialDay.objects.bulk_create(
            [
                SpecialDay(schedule=row, date=d, kind=kind, name=names.get(d, "")[:50])
                for kind, days in (("holiday", schedule.holidays), ("workday", schedule.workdays))
                for d in sorted(days)
            ]
        )
        recomputed = recompute_dated_applications(today=today)
        reminders = create_due_reminders(today=today)
        after = {
            "holidays": sorted(d.isoformat() for d in schedule.holidays),
            "workdays": sorted(d.isoformat() for d in schedule.workdays),
        }
        record(
            action="calendar.replace" if before else "calendar.load",
            summary=f"{'替换' if before else '导入'}{schedule.year}年节假日安排"
            f"（放假{len(schedule.holidays)}天，调休上班{len(schedule.workdays)}天），"
            f"重新计算{recomputed}件在办申请的期限",
            obj=row,
            changes={
                "before": before,
                "after": after,
                "source": schedule.source,
                "recomputed_applications": recomputed,
                "reminders_created": reminders,
            },
        )
    return row


def seed_bundled_schedules(*, today: date) -> list[int]:
    """Add the years the chinese-calendar package knows and the database lacks.

    Never overwrites a year already stored: the operator's file wins. ``today`` is the
    date open applications are recomputed on (:func:`do_load_schedule`).
    """
    have = set(HolidaySchedule.objects.values_list("year", flat=True))
    added = []
    for year in bundled.bundled_years():
        if year not in have:
            do_load_schedule(
                schedule=bundled.bundled_schedule(year),
                names=bundled.holiday_names(year),
                today=today,
            )
            added.append(year)
    return added
