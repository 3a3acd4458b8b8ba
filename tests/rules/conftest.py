"""Shared fixtures for the rules tests: the real bundled calendar, not a toy one.

Using the State Council schedules shipped with chinese_calendar means the hand-checked
examples below are checked against the same data production starts with.
"""

from __future__ import annotations

import pytest

from gongkai.rules.workdays import WorkingDayCalendar
from gongkai.workcalendar.bundled import bundled_schedule, bundled_years


@pytest.fixture(scope="session")
def calendar() -> WorkingDayCalendar:
    return WorkingDayCalendar(bundled_schedule(year) for year in bundled_years())
