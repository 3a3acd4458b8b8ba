"""When to inspect: once a day, several times a day over holidays and 重要时期.

Pure decisions on a given moment, the working-day calendar and the operator's periods,
so the hourly job and the tests ask the same question with the same answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from gongkai.rules.site_inspection import DAILY_INSPECTION_HOUR, REINFORCED_INSPECTION_HOURS
from gongkai.rules.workdays import UnknownYearError, WorkingDayCalendar


@dataclass(frozen=True, slots=True)
class Period:
    name: str
    starts_on: date
    ends_on: date


def reinforcement(
    day: date, *, calendar: WorkingDayCalendar, periods: Iterable[Period]
) -> str | None:
    """Why ``day`` needs reinforced inspection — a holiday's or a period's name — or None.

    A year without a loaded calendar is not guessed at: only the marked periods count.
    """
    for period in periods:
        if period.starts_on <= day <= period.ends_on:
            return f"重要时期：{period.name}"
    try:
        if not calendar.is_working_day(day) and calendar.holiday_name(day):
            return f"节假日：{calendar.holiday_name(day)}"
    except UnknownYearError:
        return None
    return None


def inspection_due(
    now: datetime, *, calendar: WorkingDayCalendar, periods: Iterable[Period]
) -> bool:
    """Run at the daily hour; at each of the reinforced hours on a reinforced day."""
    if reinforcement(now.date(), calendar=calendar, periods=periods):
        return now.hour in REINFORCED_INSPECTION_HOURS
    return now.hour == DAILY_INSPECTION_HOUR
