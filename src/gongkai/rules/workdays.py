"""The working-day calendar every statutory period is counted in.

No article of the 《政府信息公开条例》 defines "工作日". In practice a working day is any
Monday-to-Friday that the State Council has not declared a public holiday, plus the
Saturdays and Sundays it has declared adjusted working days (调休上班). Those
declarations are published once a year in the 国务院办公厅关于某年部分节假日安排的通知,
usually in the preceding November or December, so the calendar cannot be computed from
rules: it has to be *loaded*, one year at a time.

Because a wrong deadline is worse than no deadline, this module refuses to guess: asking
about a year with no loaded schedule raises :class:`UnknownYearError` instead of quietly
falling back to "weekends only", which would silently shorten or lengthen periods around
Spring Festival and National Day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import MappingProxyType

# date.weekday(): Monday is 0, Saturday 5, Sunday 6.
_SATURDAY = 5

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def format_date(d: date) -> str:
    """Chinese long date (2026年9月28日), the form used in official letters."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_date_weekday(d: date) -> str:
    """Chinese long date with weekday, so a reader can check the count on a wall calendar."""
    return f"{format_date(d)}（{WEEKDAY_NAMES[d.weekday()]}）"


class ScheduleError(ValueError):
    """A year's holiday schedule contradicts itself, so no deadline could be trusted."""


class UnknownYearError(LookupError):
    """A period needs a year whose holiday schedule has not been loaded.

    Raised rather than guessed: the operator must import the State Council notice first.
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(f"缺少{year}年的节假日安排，无法计算工作日。{load_hint(year)}")


def load_hint(year: int) -> str:
    """Where the missing year is loaded: the operator's admin screen, not a shell."""
    return f"请平台运营方在管理后台“工作日历”中导入{year}年节假日安排。"


def waiting_for_year(year: int) -> str:
    """What a date shows while it waits for ``year``'s schedule: never a blank."""
    return f"待导入{year}年节假日安排"


@dataclass(frozen=True)
class YearSchedule:
    """One year of the State Council holiday notice, as sets of exceptions to Mon-Fri.

    ``holidays`` are the official days off; they may include Saturdays and Sundays that
    fall inside a holiday period (harmless: those are off anyway). ``workdays`` are the
    adjusted working days, which by definition fall on a Saturday or Sunday. ``names``
    optionally labels special dates (e.g. "国庆节") so explanations can name the holiday
    that pushed a deadline back; it plays no part in the arithmetic.
    """

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str = ""
    names: Mapping[date, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Accept any iterable/mapping from callers but store immutable values, so a
        # schedule shared across threads or cached in a calendar cannot drift.
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        object.__setattr__(self, "names", MappingProxyType(dict(self.names)))

        for d in sorted(self.holidays | self.workdays | set(self.names)):
            if d.year != self.year:
                raise ScheduleError(f"{format_date(d)}不属于{self.year}年，不能列入该年度安排。")
        overlap = sorted(self.holidays & self.workdays)
        if overlap:
            raise ScheduleError(f"{format_date(overlap[0])}不能同时是放假日和调休上班日。")
        for d in sorted(self.workdays):
            if d.weekday() < _SATURDAY:
                raise ScheduleError(
                    f"{format_date_weekday(d)}是周一至周五，本来就是工作日，"
                    "不能列为调休上班日；调休上班日只能是星期六或星期日。"
                )


class WorkingDayCalendar:
    """Answers "is this a working day?" for every year whose schedule was loaded.

    Deliberately knows nothing about the law's periods: :mod:`gongkai.rules.clock`
    builds those on top, so the same calendar serves every statutory deadline.
    """

    def __init__(self, schedules: Iterable[YearSchedule]) -> None:
        by_year: dict[int, YearSchedule] = {}
        for schedule in schedules:
            if schedule.year in by_year:
                raise ScheduleError(f"{schedule.year}年的节假日安排重复导入。")
            by_year[schedule.year] = schedule
        self._schedules = MappingProxyType(by_year)

    @property
    def years(self) -> frozenset[int]:
        """Years with a loaded schedule, so callers can warn before a year runs out."""
        return frozenset(self._schedules)

    def schedule(self, year: int) -> YearSchedule:
        """The loaded schedule for ``year``; raises :class:`UnknownYearError` if missing."""
        try:
            return self._schedules[year]
        except KeyError:
            raise UnknownYearError(year) from None

    def is_working_day(self, d: date) -> bool:
        """True for a Mon-Fri that is not a holiday, or for an adjusted working day.

        Raises :class:`UnknownYearError` when ``d``'s year was never loaded: treating
        weekends as the only days off would be a silent, legally wrong answer.
        """
        schedule = self.schedule(d.year)
        if d in schedule.workdays:
            return True
        if d in schedule.holidays:
            return False
        return d.weekday() < _SATURDAY

    def holiday_name(self, d: date) -> str | None:
        """Name of the holiday or adjusted day ``d`` belongs to, when the schedule has one."""
        return self.schedule(d.year).names.get(d)

    def nth_working_day_after(
        self,
        start: date,
        n: int,
        *,
        excluded: Callable[[date], bool] | None = None,
    ) -> date:
        """The ``n``-th working day after ``start``; ``start`` itself is never counted.

        Not counting the first day is the general Chinese rule for periods (开始的当日不计入),
        so "20 working days from receipt" ends on the 20th working day after receipt.
        Days for which ``excluded`` is true (e.g. a consultation pause) are skipped and
        do not count, even when they are working days.
        """
        if n < 1:
            raise ValueError(f"工作日数必须至少为1，收到的是{n}。")
        d = start
        counted = 0
        while True:
            d += timedelta(days=1)
            if excluded is not None and excluded(d):
                continue
            if self.is_working_day(d):
                counted += 1
                if counted == n:
                    return d

    def working_days_between(self, a: date, b: date) -> int:
        """Number of working days ``d`` with ``a < d <= b`` (zero when ``b <= a``).

        Half-open on the left to match :meth:`nth_working_day_after`, so that
        ``working_days_between(s, nth_working_day_after(s, n)) == n``.
        """
        count = 0
        d = a + timedelta(days=1)
        while d <= b:
            if self.is_working_day(d):
                count += 1
            d += timedelta(days=1)
        return count
