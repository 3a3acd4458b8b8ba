"""The answer clock (条例 Art. 30, 32-34) on hand-checked 2026 dates, plus properties.

The hand-checked cases list every counted working day in a comment so a reviewer can
verify them against the printed State Council notice without running anything.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.clock import (
    ANSWER_DAYS,
    CO_AGENCY_REPLY_DAYS,
    EXTENSION_MAX_DAYS,
    SUPPLEMENT_NOTICE_DAYS,
    THIRD_PARTY_REPLY_DAYS,
    Deadline,
    Pause,
    compute_deadline,
)
from gongkai.rules.workdays import UnknownYearError, WorkingDayCalendar


def working_days(cal: WorkingDayCalendar, after: date, through: date) -> list[date]:
    out = []
    d = after + timedelta(days=1)
    while d <= through:
        if cal.is_working_day(d):
            out.append(d)
        d += timedelta(days=1)
    return out


def test_statutory_numbers() -> None:
    assert SUPPLEMENT_NOTICE_DAYS == 7
    assert ANSWER_DAYS == 20
    assert EXTENSION_MAX_DAYS == 20
    assert THIRD_PARTY_REPLY_DAYS == 15
    assert CO_AGENCY_REPLY_DAYS == 15


def test_across_national_day_2026(calendar: WorkingDayCalendar) -> None:
    # Received Mon 2026-09-28. Counted: 9-29, 9-30 (2); 10-1..7 off; 10-8, 10-9,
    # Sat 10-10 调休 (5); 10-12..16 (10); 10-19..23 (15); 10-26..30 (20).
    dl = compute_deadline(calendar=calendar, received=date(2026, 9, 28))
    assert dl.answer_due == date(2026, 10, 30)
    assert dl.clock_start == date(2026, 9, 28)
    assert dl.period_days == 20
    assert dl.paused_working_days == 0
    counted = working_days(calendar, date(2026, 9, 28), date(2026, 10, 30))
    assert len(counted) == 20
    assert counted[:5] == [
        date(2026, 9, 29),
        date(2026, 9, 30),
        date(2026, 10, 8),
        date(2026, 10, 9),
        date(2026, 10, 10),
    ]
    text = "".join(dl.explanation)
    assert "收到申请之日为2026年9月28日（星期一）。" in dl.explanation
    assert "答复截止日为2026年10月30日（星期五）。" in dl.explanation
    assert "国庆节" in text
    assert "2026年10月10日（星期六）" in text
    assert "第三十三条第二款" in text


def test_supplement_notice_due(calendar: WorkingDayCalendar) -> None:
    # 9-29, 9-30, 10-8, 10-9, 10-10 (调休), 10-12, 10-13 -> 7th working day.
    dl = compute_deadline(calendar=calendar, received=date(2026, 9, 28))
    assert dl.supplement_notice_due == date(2026, 10, 13)
    assert any("补正告知截止日为2026年10月13日（星期二）" in s for s in dl.explanation)


def test_across_spring_festival_2026(calendar: WorkingDayCalendar) -> None:
    # Received Tue 2026-02-10. Counted: 2-11, 2-12, 2-13, Sat 2-14 调休 (4);
    # 2-15..23 off; 2-24..27 (8), Sat 2-28 调休 (9); 3-2..6 (14); 3-9..13 (19); 3-16 (20).
    dl = compute_deadline(calendar=calendar, received=date(2026, 2, 10))
    assert dl.answer_due == date(2026, 3, 16)
    assert len(working_days(calendar, date(2026, 2, 10), date(2026, 3, 16))) == 20
    assert "春节" in "".join(dl.explanation)
    # Supplement notice: 2-11, 2-12, 2-13, 2-14, 2-24, 2-25, 2-26.
    assert dl.supplement_notice_due == date(2026, 2, 26)


def test_adjusted_working_days_are_counted(calendar: WorkingDayCalendar) -> None:
    # Received Fri 2026-09-18: Sun 9-20 is a 调休 working day and is the 1st counted day.
    dl = compute_deadline(calendar=calendar, received=date(2026, 9, 18))
    counted = working_days(calendar, date(2026, 9, 18), dl.answer_due)
    assert counted[0] == date(2026, 9, 20)
    assert date(2026, 10, 10) in counted
    assert len(counted) == 20
    # 9-20, 9-21..24 (5); 9-25..27 中秋 off; 9-28..30 (8); 10-8, 10-9, 10-10 (11);
    # 10-12..16 (16); 10-19..22 (20).
    assert dl.answer_due == date(2026, 10, 22)


def test_supplement_restarts_the_clock(calendar: WorkingDayCalendar) -> None:
    # Supplement Tue 2026-09-15. Counted: 9-16..18 (3), Sun 9-20 (4), 9-21..24 (8);
    # 9-25..27 off; 9-28..30 (11); 10-8, 10-9, 10-10 (14); 10-12..16 (19); 10-19 (20).
    dl = compute_deadline(
        calendar=calendar, received=date(2026, 9, 1), supplement_received=date(2026, 9, 15)
    )
    assert dl.clock_start == date(2026, 9, 15)
    assert dl.answer_due == date(2026, 10, 19)
    # The notice deadline still runs from the original receipt.
    assert dl.supplement_notice_due == date(2026, 9, 10)
    assert any("提交补正" in s and "第三十条" in s for s in dl.explanation)


def test_supplement_before_receipt_is_rejected(calendar: WorkingDayCalendar) -> None:
    with pytest.raises(ValueError, match="补正"):
        compute_deadline(
            calendar=calendar, received=date(2026, 9, 15), supplement_received=date(2026, 9, 1)
        )


def test_extension(calendar: WorkingDayCalendar) -> None:
    # 20th working day 10-30, then 11-2..6 (25), 11-9..13 (30), 11-16..20 (35), 11-23..27 (40).
    dl = compute_deadline(calendar=calendar, received=date(2026, 9, 28), extended=True)
    assert dl.period_days == 40
    assert dl.answer_due == date(2026, 11, 27)
    assert "经批准延长20个工作日，共40个工作日（第三十三条第二款）。" in dl.explanation

    short = compute_deadline(
        calendar=calendar, received=date(2026, 9, 28), extended=True, extension_days=5
    )
    assert short.period_days == 25
    assert short.answer_due == date(2026, 11, 6)


@pytest.mark.parametrize("days", [0, 21, -3])
def test_extension_out_of_range(calendar: WorkingDayCalendar, days: int) -> None:
    with pytest.raises(ValueError, match="延长"):
        compute_deadline(
            calendar=calendar, received=date(2026, 9, 28), extended=True, extension_days=days
        )


def test_extension_days_ignored_when_not_extended(calendar: WorkingDayCalendar) -> None:
    dl = compute_deadline(calendar=calendar, received=date(2026, 9, 28), extension_days=0)
    assert dl.period_days == ANSWER_DAYS


def test_pause_removes_exact_working_days(calendar: WorkingDayCalendar) -> None:
    # Pause 10-9 -> 10-20 removes (10-9, 10-20]: 10-10 (调休), 10-12..16, 10-19, 10-20 = 8.
    # Counted: 9-29, 9-30, 10-8, 10-9 (4); 10-21..23 (7); 10-26..30 (12); 11-2..6 (17);
    # 11-9..11 (20).
    pause = Pause(date(2026, 10, 9), date(2026, 10, 20))
    dl = compute_deadline(calendar=calendar, received=date(2026, 9, 28), pauses=[pause])
    assert dl.paused_working_days == 8
    assert dl.answer_due == date(2026, 11, 11)
    assert (
        "征求意见期间（2026年10月9日至2026年10月20日）不计入答复期限，"
        "扣除8个工作日（第三十三条第三款）。"
    ) in dl.explanation
    # The paused 调休 Saturday must not be reported as counted.
    assert not any(s.startswith("调休上班日") for s in dl.explanation)


def test_overlapping_pauses_remove_each_day_once(calendar: WorkingDayCalendar) -> None:
    # (9-3, 9-10] = 9-4, 9-7..10 (5); (9-8, 9-15] = 9-9..11, 9-14, 9-15 (5);
    # union = 9-4, 9-7..11, 9-14, 9-15 = 8.
    pauses = [
        Pause(date(2026, 9, 3), date(2026, 9, 10)),
        Pause(date(2026, 9, 8), date(2026, 9, 15), reason="征求第三方意见"),
    ]
    dl = compute_deadline(calendar=calendar, received=date(2026, 9, 1), pauses=pauses)
    assert dl.paused_working_days == 8
    plain = compute_deadline(calendar=calendar, received=date(2026, 9, 1))
    assert calendar.working_days_between(plain.answer_due, dl.answer_due) == 8
    assert any("重叠日期只扣除一次" in s for s in dl.explanation)
    assert any(s.startswith("征求第三方意见期间") for s in dl.explanation)


def test_pause_after_due_date_changes_nothing(calendar: WorkingDayCalendar) -> None:
    pause = Pause(date(2026, 11, 2), date(2026, 11, 20))
    dl = compute_deadline(calendar=calendar, received=date(2026, 9, 28), pauses=[pause])
    assert dl.answer_due == date(2026, 10, 30)
    assert dl.paused_working_days == 0


def test_pause_end_before_start_is_rejected() -> None:
    with pytest.raises(ValueError, match="早于"):
        Pause(date(2026, 10, 20), date(2026, 10, 9))


def test_period_running_into_unknown_year(calendar: WorkingDayCalendar) -> None:
    with pytest.raises(UnknownYearError) as info:
        compute_deadline(calendar=calendar, received=date(2026, 12, 20))
    assert info.value.year == 2027
    assert "2027" in str(info.value)


def test_as_dict(calendar: WorkingDayCalendar) -> None:
    data = compute_deadline(calendar=calendar, received=date(2026, 9, 28)).as_dict()
    assert data["received"] == "2026-09-28"
    assert data["clock_start"] == "2026-09-28"
    assert data["answer_due"] == "2026-10-30"
    assert data["supplement_notice_due"] == "2026-10-13"
    assert data["period_days"] == 20
    assert data["paused_working_days"] == 0
    assert isinstance(data["explanation"], list)
    assert set(data) == {
        "received",
        "clock_start",
        "answer_due",
        "supplement_notice_due",
        "period_days",
        "paused_working_days",
        "explanation",
    }


# --- properties -----------------------------------------------------------------------

# Latest start chosen so that even 40 working days plus three long pauses stay within the
# bundled years (chinese_calendar covers up to 2026).
received_dates = st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 10, 31))
pause_offsets = st.tuples(st.integers(0, 60), st.integers(0, 30))
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None)


@st.composite
def scenarios(draw: st.DrawFn) -> dict:
    received = draw(received_dates)
    supplement = draw(st.one_of(st.none(), st.integers(0, 40)))
    extended = draw(st.booleans())
    return {
        "received": received,
        "supplement_received": (
            None if supplement is None else received + timedelta(days=supplement)
        ),
        "extended": extended,
        "extension_days": draw(st.integers(1, EXTENSION_MAX_DAYS)),
        "pauses": [
            Pause(received + timedelta(days=s), received + timedelta(days=s + length))
            for s, length in draw(st.lists(pause_offsets, max_size=3))
        ],
    }


@PROPERTY_SETTINGS
@given(scenarios())
def test_answer_due_is_a_working_day_after_clock_start(
    calendar: WorkingDayCalendar, scenario: dict
) -> None:
    dl = compute_deadline(calendar=calendar, **scenario)
    assert calendar.is_working_day(dl.answer_due)
    assert dl.answer_due > dl.clock_start
    assert calendar.is_working_day(dl.supplement_notice_due)


@PROPERTY_SETTINGS
@given(scenarios())
def test_exactly_period_days_are_counted(calendar: WorkingDayCalendar, scenario: dict) -> None:
    dl = compute_deadline(calendar=calendar, **scenario)
    between = calendar.working_days_between(dl.clock_start, dl.answer_due)
    assert between - dl.paused_working_days == dl.period_days


@PROPERTY_SETTINGS
@given(received_dates, st.integers(1, EXTENSION_MAX_DAYS))
def test_extension_never_shortens(
    calendar: WorkingDayCalendar, received: date, extension_days: int
) -> None:
    plain = compute_deadline(calendar=calendar, received=received)
    longer = compute_deadline(
        calendar=calendar, received=received, extended=True, extension_days=extension_days
    )
    assert longer.answer_due > plain.answer_due
    assert calendar.working_days_between(plain.answer_due, longer.answer_due) == extension_days


@PROPERTY_SETTINGS
@given(received_dates, st.lists(pause_offsets, max_size=3))
def test_pauses_never_shorten(
    calendar: WorkingDayCalendar, received: date, offsets: list[tuple[int, int]]
) -> None:
    plain = compute_deadline(calendar=calendar, received=received)
    span = (plain.answer_due - received).days
    pauses = [
        Pause(
            received + timedelta(days=s % (span + 1)),
            received + timedelta(days=s % (span + 1) + length),
        )
        for s, length in offsets
    ]
    paused = compute_deadline(calendar=calendar, received=received, pauses=pauses)
    assert paused.answer_due >= plain.answer_due
    assert (
        calendar.working_days_between(plain.answer_due, paused.answer_due)
        == paused.paused_working_days
    )


@PROPERTY_SETTINGS
@given(received_dates)
def test_supplement_notice_precedes_answer(calendar: WorkingDayCalendar, received: date) -> None:
    dl: Deadline = compute_deadline(calendar=calendar, received=received)
    assert calendar.is_working_day(dl.supplement_notice_due)
    assert dl.supplement_notice_due <= dl.answer_due
    assert calendar.working_days_between(received, dl.supplement_notice_due) == 7
