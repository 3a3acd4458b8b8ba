"""网络安全法 Art. 21(三): audit entries are kept six months at least."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.rules.log_retention import (
    AUDIT_LOG_RETENTION_MONTHS,
    RetentionError,
    check_removal,
    oldest_kept_day,
)


def test_six_months() -> None:
    assert AUDIT_LOG_RETENTION_MONTHS == 6


@pytest.mark.parametrize(
    ("today", "kept_from"),
    [
        (date(2026, 12, 4), date(2026, 6, 4)),
        (date(2026, 3, 15), date(2025, 9, 15)),
        (date(2026, 8, 31), date(2026, 2, 28)),  # no 31 February: the month's last day
        (date(2028, 8, 31), date(2028, 2, 29)),
        (date(2026, 1, 1), date(2025, 7, 1)),
    ],
)
def test_the_oldest_day_still_kept(today: date, kept_from: date) -> None:
    assert oldest_kept_day(today) == kept_from


def test_a_removal_of_younger_entries_is_refused_naming_the_article() -> None:
    today = date(2026, 12, 4)
    check_removal(before=date(2026, 6, 4), today=today)  # everything before 4 June may go
    with pytest.raises(RetentionError) as refused:
        check_removal(before=date(2026, 6, 5), today=today)
    assert "网络安全法第二十一条" in str(refused.value)
    assert "2026年06月04日" in str(refused.value)
    with pytest.raises(RetentionError):
        check_removal(before=today, today=today)


def six_months_after(day: date) -> date:
    """A second reading of "six months later": the same day six months on, or that
    month's last day when it is shorter."""
    year, month = (day.year, day.month + 6) if day.month <= 6 else (day.year + 1, day.month - 6)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@given(
    today=st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31)),
    back=st.integers(min_value=0, max_value=400),
)
def test_nothing_less_than_six_months_old_is_ever_removable(today: date, back: int) -> None:
    before = today - timedelta(days=back)
    newest_removed = before - timedelta(days=1)
    try:
        check_removal(before=before, today=today)
    except RetentionError:
        assert before > oldest_kept_day(today)
    else:
        assert six_months_after(newest_removed) <= today
    check_removal(before=oldest_kept_day(today), today=today)  # the boundary itself is allowed
