"""The working-day calendar against known State Council notices (2026) and its guards."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.rules.workdays import (
    ScheduleError,
    UnknownYearError,
    WorkingDayCalendar,
    YearSchedule,
)
from gongkai.workcalendar.bundled import bundled_schedule, bundled_years, holiday_names


def test_bundled_years_cover_2004_to_2026() -> None:
    years = bundled_years()
    assert years[0] == 2004
    assert 2026 in years
    assert years == list(range(years[0], years[-1] + 1))


def test_bundled_schedule_records_its_source() -> None:
    assert bundled_schedule(2026).source.startswith("chinese-calendar ")


def test_bundled_schedule_unknown_year() -> None:
    with pytest.raises(UnknownYearError):
        bundled_schedule(2099)


@pytest.mark.parametrize("day", range(1, 8))
def test_national_day_2026_is_off(calendar: WorkingDayCalendar, day: int) -> None:
    assert not calendar.is_working_day(date(2026, 10, day))


@pytest.mark.parametrize(
    "d",
    [
        date(2026, 10, 10),  # Saturday after National Day
        date(2026, 9, 20),  # Sunday before Mid-autumn / National Day
        date(2026, 2, 14),  # Saturday before Spring Festival
        date(2026, 2, 28),  # Saturday after Spring Festival
    ],
)
def test_adjusted_weekend_working_days_2026(calendar: WorkingDayCalendar, d: date) -> None:
    assert d.weekday() >= 5
    assert calendar.is_working_day(d)


def test_spring_festival_2026_is_off(calendar: WorkingDayCalendar) -> None:
    d = date(2026, 2, 15)
    while d <= date(2026, 2, 23):
        assert not calendar.is_working_day(d), d
        d += timedelta(days=1)
    assert calendar.is_working_day(date(2026, 2, 24))


def test_ordinary_weekend_is_off_and_weekday_is_working(calendar: WorkingDayCalendar) -> None:
    assert not calendar.is_working_day(date(2026, 3, 7))  # Saturday
    assert not calendar.is_working_day(date(2026, 3, 8))  # Sunday
    assert calendar.is_working_day(date(2026, 3, 9))  # Monday


def test_holiday_names_are_chinese() -> None:
    names = holiday_names(2026)
    assert names[date(2026, 10, 1)] == "国庆节"
    assert names[date(2026, 2, 16)] == "春节"
    assert names[date(2026, 10, 10)] == "国庆节"
    assert holiday_names(2015)[date(2015, 9, 3)] == "抗战胜利70周年纪念日"


def test_unknown_year_is_refused_not_guessed(calendar: WorkingDayCalendar) -> None:
    with pytest.raises(UnknownYearError) as info:
        calendar.is_working_day(date(2099, 3, 4))
    assert info.value.year == 2099
    assert "2099" in str(info.value)
    assert isinstance(info.value, LookupError)


def test_years(calendar: WorkingDayCalendar) -> None:
    assert calendar.years == frozenset(bundled_years())


def test_nth_working_day_after_skips_start_and_holidays(calendar: WorkingDayCalendar) -> None:
    # Wed 2026-09-30; next working days: Thu 10-08, Fri 10-09, Sat 10-10 (调休).
    start = date(2026, 9, 30)
    assert calendar.nth_working_day_after(start, 1) == date(2026, 10, 8)
    assert calendar.nth_working_day_after(start, 3) == date(2026, 10, 10)
    assert calendar.nth_working_day_after(start, 4) == date(2026, 10, 12)


def test_nth_working_day_after_excluded(calendar: WorkingDayCalendar) -> None:
    start = date(2026, 3, 2)  # Monday
    skip = {date(2026, 3, 3), date(2026, 3, 4)}
    got = calendar.nth_working_day_after(start, 1, excluded=skip.__contains__)
    assert got == date(2026, 3, 5)


@pytest.mark.parametrize("n", [0, -1])
def test_nth_working_day_after_rejects_non_positive(calendar: WorkingDayCalendar, n: int) -> None:
    with pytest.raises(ValueError):
        calendar.nth_working_day_after(date(2026, 3, 2), n)


def test_working_days_between(calendar: WorkingDayCalendar) -> None:
    # (2026-09-28, 2026-10-12]: 9-29, 9-30, 10-8, 10-9, 10-10, 10-12.
    assert calendar.working_days_between(date(2026, 9, 28), date(2026, 10, 12)) == 6
    assert calendar.working_days_between(date(2026, 10, 12), date(2026, 10, 12)) == 0
    assert calendar.working_days_between(date(2026, 10, 12), date(2026, 9, 28)) == 0


def test_schedule_rejects_workday_on_weekday() -> None:
    with pytest.raises(ScheduleError, match="2026年3月4日"):
        YearSchedule(year=2026, holidays=frozenset(), workdays=frozenset({date(2026, 3, 4)}))


def test_schedule_rejects_date_outside_year() -> None:
    with pytest.raises(ScheduleError, match="2025年12月31日"):
        YearSchedule(year=2026, holidays=frozenset({date(2025, 12, 31)}), workdays=frozenset())


def test_schedule_rejects_date_in_both_sets() -> None:
    d = date(2026, 3, 7)  # Saturday
    with pytest.raises(ScheduleError, match="2026年3月7日"):
        YearSchedule(year=2026, holidays=frozenset({d}), workdays=frozenset({d}))


def test_schedule_error_is_value_error() -> None:
    assert issubclass(ScheduleError, ValueError)


def test_calendar_rejects_duplicate_year() -> None:
    s = YearSchedule(year=2026, holidays=frozenset(), workdays=frozenset())
    with pytest.raises(ScheduleError, match="2026"):
        WorkingDayCalendar([s, s])


def test_custom_schedule() -> None:
    cal = WorkingDayCalendar(
        [
            YearSchedule(
                year=2030,
                holidays=frozenset({date(2030, 1, 1)}),
                workdays=frozenset({date(2030, 1, 5)}),
                source="test",
            )
        ]
    )
    assert not cal.is_working_day(date(2030, 1, 1))  # Tuesday holiday
    assert cal.is_working_day(date(2030, 1, 5))  # Saturday adjusted
    assert not cal.is_working_day(date(2030, 1, 6))  # Sunday
