"""Holiday schedules shipped with the ``chinese_calendar`` package.

These let a fresh installation compute deadlines on day one, without an operator first
typing in twenty years of State Council notices. The package is only a transcription of
those notices, so each schedule records the package version as its ``source``: when a
deadline is disputed, we can say where the calendar came from. Pure Python, no Django,
so the rules and the CLI can use it without a database.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib.metadata import version

from chinese_calendar import constants

from gongkai.rules.workdays import UnknownYearError, YearSchedule

# chinese_calendar stores English names; letters to applicants are in Chinese.
HOLIDAY_NAMES_ZH: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _source() -> str:
    return f"chinese-calendar {version('chinese-calendar')}"


def bundled_years() -> list[int]:
    """Years the bundled package covers, ascending."""
    return sorted({d.year for d in constants.holidays} | {d.year for d in constants.workdays})


def holiday_names(year: int) -> dict[date, str]:
    """Chinese name for each holiday and adjusted working day in ``year``.

    Adjusted working days carry the name of the holiday they compensate for, as in the
    State Council notice ("国庆节：…10月10日（周六）上班"). Unknown names fall back to
    the English original rather than being dropped.
    """
    names: dict[date, str] = {}
    for table in (constants.holidays, constants.workdays):
        for d, english in table.items():
            if d.year == year:
                names[d] = HOLIDAY_NAMES_ZH.get(english, english)
    return dict(sorted(names.items()))


@cache
def bundled_schedule(year: int) -> YearSchedule:
    """The bundled schedule for ``year``.

    Raises :class:`UnknownYearError` (a ``LookupError``) for a year the package does not
    cover, so a missing year is never mistaken for a year without holidays.
    """
    if year not in bundled_years():
        raise UnknownYearError(year)
    return YearSchedule(
        year=year,
        holidays=frozenset(d for d in constants.holidays if d.year == year),
        workdays=frozenset(d for d in constants.workdays if d.year == year),
        source=_source(),
        names=holiday_names(year),
    )
