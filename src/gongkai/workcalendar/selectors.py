"""The working-day calendar as the database knows it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from gongkai.rules.workdays import WorkingDayCalendar, YearSchedule
from gongkai.workcalendar.models import HolidaySchedule, SpecialDay


def working_calendar() -> WorkingDayCalendar:
    """Build the calendar from every stored year (a few hundred rows: cheap)."""
    holidays: dict[int, set[date]] = defaultdict(set)
    workdays: dict[int, set[date]] = defaultdict(set)
    names: dict[int, dict[date, str]] = defaultdict(dict)
    for schedule_year, day, kind, name in SpecialDay.objects.values_list(
        "schedule__year", "date", "kind", "name"
    ):
        (holidays if kind == SpecialDay.Kind.HOLIDAY else workdays)[schedule_year].add(day)
        names[schedule_year][day] = name
    return WorkingDayCalendar(
        YearSchedule(
            year=row.year,
            holidays=frozenset(holidays[row.year]),
            workdays=frozenset(workdays[row.year]),
            source=row.source,
            names=names[row.year],
        )
        for row in HolidaySchedule.objects.all()
    )


def known_years() -> list[int]:
    return sorted(HolidaySchedule.objects.values_list("year", flat=True))


# The State Council publishes next year's schedule in November (usually late in the
# month); from 1 November staff are told when it is still missing, because answer
# dates counted from December already run into the new year.
WARN_FROM_MONTH = 11


def missing_years(*, today: date) -> list[int]:
    """Years the calendar needs and lacks on ``today``: this one, and from November the next."""
    have = set(known_years())
    needed = [today.year] + ([today.year + 1] if today.month >= WARN_FROM_MONTH else [])
    return [year for year in needed if year not in have]
