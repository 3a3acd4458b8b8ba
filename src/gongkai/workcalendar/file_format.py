"""The plain-text file an operator writes from the State Council's notice.

Example (one entry per line; ``#`` starts a comment)::

    年度 = 2027
    来源 = 国务院办公厅关于2027年部分节假日安排的通知
    2027-01-01 休 元旦
    2027-02-06~2027-02-13 休 春节
    2027-02-14 班 春节

``年度``/``来源`` may also be written ``year``/``source``.
``休`` (or ``holiday``) is a day off; ``班`` (or ``workday``) an adjusted working
day on a weekend. A range ``A~B`` covers every day from A to B inclusive.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.rules.workdays import ScheduleError, YearSchedule
from gongkai.typed_numbers import whole_number

# The notice's title; HolidaySchedule.source holds this many characters (PostgreSQL
# refused a longer one with a DataError, a 500: found by tests/abuse/test_fuzz.py).
SOURCE_MAX_LENGTH = 200
KINDS = {"休": "holiday", "holiday": "holiday", "班": "workday", "workday": "workday"}


class CalendarFileError(ValueError):
    """A problem in the file, with the line it is on."""


@dataclass(frozen=True)
class ParsedSchedule:
    schedule: YearSchedule
    names: dict[date, str]


def _parse_date(text: str, lineno: int) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CalendarFileError(f"第{lineno}行：“{text}”不是有效日期，应写作YYYY-MM-DD。") from None


def parse_calendar_file(text: str) -> ParsedSchedule:
    year: int | None = None
    source = ""
    holidays: dict[date, str] = {}
    workdays: dict[date, str] = {}
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" in line:
            key, _, value = (part.strip() for part in line.partition("="))
            if key in ("年度", "year"):
                year = whole_number(value, max_digits=4)
                if year is None or not 1990 <= year <= 2200:
                    raise CalendarFileError(f"第{lineno}行：年度“{value}”无效。")
            elif key in ("来源", "source"):
                if len(value) > SOURCE_MAX_LENGTH:
                    raise CalendarFileError(
                        f"第{lineno}行：来源超过{SOURCE_MAX_LENGTH}字，请只写通知的标题。"
                    )
                source = value
            else:
                raise CalendarFileError(f"第{lineno}行：未知设置“{key}”（只能是“年度”或“来源”）。")
            continue
        parts = line.split(maxsplit=2)
        if len(parts) < 2 or parts[1] not in KINDS:
            raise CalendarFileError(
                f"第{lineno}行：“{raw.strip()}”格式不对，应为“日期 休|班 名称”。"
            )
        first, _, last = parts[0].partition("~")
        start = _parse_date(first, lineno)
        end = _parse_date(last, lineno) if last else start
        if end < start:
            raise CalendarFileError(f"第{lineno}行：日期范围的结束早于开始。")
        target = holidays if KINDS[parts[1]] == "holiday" else workdays
        other = workdays if target is holidays else holidays
        name = parts[2].strip() if len(parts) > 2 else ""
        day = start
        while day <= end:
            if day in other or day in target:
                raise CalendarFileError(f"第{lineno}行：{day.isoformat()}重复出现。")
            target[day] = name
            day += timedelta(days=1)
    if year is None:
        raise CalendarFileError("文件缺少“year = 年度”一行。")
    if not holidays:
        raise CalendarFileError(f"{year}年的安排中没有任何放假日，请检查文件。")
    try:
        schedule = YearSchedule(
            year=year,
            holidays=frozenset(holidays),
            workdays=frozenset(workdays),
            source=source or "运营方导入",
        )
    except ScheduleError as error:
        raise CalendarFileError(str(error)) from error
    return ParsedSchedule(schedule=schedule, names={**holidays, **workdays})
