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
    *, schedule: YearSchedule, names: dict[date, str], replace: bool = False
) -> HolidaySchedule:
    """Store one year's schedule atomically; an existing year is replaced only when asked.

    Calendars are the platform's: only the operator (or the system) loads them.
    """
    from gongkai.agencies.services import require_operator

    require_operator()
    with transaction.atomic():
        existing = HolidaySchedule.objects.select_for_update().filter(year=schedule.year).first()
        if existing is not None and not replace:
            raise ValidationError(
                f"{schedule.year}年的节假日安排已存在（来源：{existing.source}）。"
                "如需替换，请使用 --replace。"
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
        after = {
            "holidays": sorted(d.isoformat() for d in schedule.holidays),
            "workdays": sorted(d.isoformat() for d in schedule.workdays),
        }
        record(
            action="calendar.replace" if before else "calendar.load",
            summary=f"{'替换' if before else '导入'}{schedule.year}年节假日安排"
            f"（放假{len(schedule.holidays)}天，调休上班{len(schedule.workdays)}天）",
            obj=row,
            changes={"before": before, "after": after, "source": schedule.source},
        )
    return row


def seed_bundled_schedules() -> list[int]:
    """Add the years the chinese-calendar package knows and the database lacks.

    Never overwrites a year already stored: the operator's file wins.
    """
    have = set(HolidaySchedule.objects.values_list("year", flat=True))
    added = []
    for year in bundled.bundled_years():
        if year not in have:
            do_load_schedule(
                schedule=bundled.bundled_schedule(year), names=bundled.holiday_names(year)
            )
            added.append(year)
    return added
