"""The application clock ledger: states, lawful and unlawful events, properties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.application_clock import (
    ClockRuleError,
    Event,
    EventKind,
    Phase,
    check,
    evaluate,
)
from gongkai.rules.clock_events import parse_event_data

K = EventKind
TODAY = date(2026, 12, 31)


def ev(kind, on, **data):
    """An event as the ledger stores it: its data read from JSON."""
    return Event(on=on, data=parse_event_data(kind, data))


def test_unconfirmed_application_has_no_clock(calendar):
    state = evaluate([], calendar=calendar, today=TODAY)
    assert state.phase == Phase.TO_CONFIRM
    assert state.answer_due is None


def test_plain_answer_due_across_national_day(calendar):
    state = evaluate([ev(K.RECEIVED, date(2026, 9, 28))], calendar=calendar, today=TODAY)
    assert state.phase == Phase.IN_PROGRESS
    assert state.answer_due == date(2026, 10, 30)
    assert state.supplement_notice_due == date(2026, 10, 13)


def test_supplement_restarts_the_clock(calendar):
    events = [
        ev(K.RECEIVED, date(2026, 9, 1)),
        ev(K.SUPPLEMENT_REQUESTED, date(2026, 9, 3), due="2026-09-14", items="文号"),
    ]
    waiting = evaluate(events, calendar=calendar, today=TODAY)
    assert waiting.phase == Phase.WAITING_ON_APPLICANT
    assert waiting.answer_due is None
    events.append(ev(K.SUPPLEMENT_RECEIVED, date(2026, 9, 15)))
    state = evaluate(events, calendar=calendar, today=TODAY)
    assert state.phase == Phase.IN_PROGRESS
    assert state.answer_due == date(2026, 10, 19)


def test_supplement_rules(calendar):
    base = [ev(K.RECEIVED, date(2026, 9, 1))]
    late = ev(K.SUPPLEMENT_REQUESTED, date(2026, 9, 11), due="2026-09-30", items="文号")
    with pytest.raises(ClockRuleError, match="7个工作日"):
        check(base, late, calendar=calendar, today=TODAY)
    first = ev(K.SUPPLEMENT_REQUESTED, date(2026, 9, 2), due="2026-09-14", items="文号")
    check(base, first, calendar=calendar, today=TODAY)
    with pytest.raises(ClockRuleError, match="一次性"):
        check([*base, first], first, calendar=calendar, today=TODAY)
    with pytest.raises(ClockRuleError, match="届满后"):
        check(
            [*base, first],
            ev(K.SUPPLEMENT_EXPIRED, date(2026, 9, 14)),
            calendar=calendar,
            today=TODAY,
        )
    expired = [*base, first, ev(K.SUPPLEMENT_EXPIRED, date(2026, 9, 15))]
    state = evaluate(expired, calendar=calendar, today=TODAY)
    assert (state.phase, state.outcome) == (Phase.ENDED, "3.6.1")


def test_extension_rules(calendar):
    base = [ev(K.RECEIVED, date(2026, 9, 28))]
    good = ev(
        K.EXTENSION_APPROVED, date(2026, 10, 30), days=20, approved_by="王主任", reason="调取档案"
    )
    check(base, good, calendar=calendar, today=TODAY)
    after = ev(
        K.EXTENSION_APPROVED, date(2026, 11, 2), days=20, approved_by="王主任", reason="调取档案"
    )
    with pytest.raises(ClockRuleError, match="届满前"):
        check(base, after, calendar=calendar, today=TODAY)
    with pytest.raises(ClockRuleError, match="1至20"):
        check(
            base,
            ev(
                K.EXTENSION_APPROVED,
                date(2026, 10, 9),
                days=21,
                approved_by="王",
                reason="调取档案",
            ),
            calendar=calendar,
            today=TODAY,
        )
    with pytest.raises(ClockRuleError, match="负责人同意"):
        check(
            base,
            ev(K.EXTENSION_APPROVED, date(2026, 10, 9), days=5, approved_by="", reason="调取档案"),
            calendar=calendar,
            today=TODAY,
        )
    with pytest.raises(ClockRuleError, match="延期过一次"):
        check([*base, good], good, calendar=calendar, today=TODAY)
    state = evaluate([*base, good], calendar=calendar, today=TODAY)
    assert state.answer_due == date(2026, 11, 27)
    assert state.original_due == date(2026, 10, 30)


def test_open_consultation_pauses_and_waits(calendar):
    events = [
        ev(K.RECEIVED, date(2026, 9, 28)),
        ev(K.CONSULTATION_SENT, date(2026, 10, 9), party="某公司", co_agency=False),
    ]
    state = evaluate(events, calendar=calendar, today=date(2026, 10, 20))
    assert state.phase == Phase.WAITING_ON_THIRD_PARTY
    assert state.paused
    events.append(ev(K.CONSULTATION_ANSWERED, date(2026, 10, 20), party="某公司", opinion="同意"))
    state = evaluate(events, calendar=calendar, today=TODAY)
    assert state.phase == Phase.IN_PROGRESS
    assert state.answer_due == date(2026, 11, 11)
    with pytest.raises(ClockRuleError, match="没有向"):
        check(
            events,
            ev(K.CONSULTATION_ANSWERED, date(2026, 10, 21), party="别的公司", opinion="同意"),
            calendar=calendar,
            today=TODAY,
        )


def test_fee_unpaid_ends_the_application(calendar):
    events = [
        ev(K.RECEIVED, date(2026, 3, 2)),
        ev(K.FEE_NOTICE_SENT, date(2026, 3, 10), amount=200, basis="by_count", pages=0),
    ]
    state = evaluate(events, calendar=calendar, today=date(2026, 5, 1))
    assert state.phase == Phase.WAITING_ON_APPLICANT
    assert state.fee_due == date(2026, 4, 8)  # 20 working days, 清明 4-4..6 skipped
    with pytest.raises(ClockRuleError, match="届满后"):
        check(
            events, ev(K.FEE_EXPIRED, date(2026, 4, 8)), calendar=calendar, today=date(2026, 5, 1)
        )
    ended = evaluate(
        [*events, ev(K.FEE_EXPIRED, date(2026, 4, 9))], calendar=calendar, today=date(2026, 5, 1)
    )
    assert (ended.phase, ended.outcome) == (Phase.ENDED, "3.6.2")


def test_nothing_after_the_answer_and_no_future_dates(calendar):
    events = [ev(K.RECEIVED, date(2026, 9, 1)), ev(K.ANSWERED, date(2026, 9, 10), outcome="3.1")]
    with pytest.raises(ClockRuleError, match="已答复"):
        check(
            events,
            ev(K.CONSULTATION_SENT, date(2026, 9, 11), party="x", co_agency=False),
            calendar=calendar,
            today=TODAY,
        )
    with pytest.raises(ClockRuleError, match="晚于今天"):
        check([], ev(K.RECEIVED, date(2026, 9, 2)), calendar=calendar, today=date(2026, 9, 1))
    with pytest.raises(ClockRuleError, match="不能早于"):
        check(
            events[:1],
            ev(K.ANSWERED, date(2026, 8, 30), outcome="3.1"),
            calendar=calendar,
            today=TODAY,
        )


dates = st.dates(min_value=date(2010, 1, 4), max_value=date(2025, 9, 30))


@settings(max_examples=200, deadline=None)
@given(
    received=dates,
    consult_after=st.integers(0, 15),
    consult_days=st.integers(0, 30),
    extend=st.integers(0, 20),
)
def test_events_never_shorten_the_due_date(calendar, received, consult_after, consult_days, extend):
    base = [ev(K.RECEIVED, received)]
    plain = evaluate(base, calendar=calendar, today=received + timedelta(days=400))
    events = list(base)
    sent = received + timedelta(days=consult_after)
    events += [
        ev(K.CONSULTATION_SENT, sent, party="甲", co_agency=False),
        ev(
            K.CONSULTATION_ANSWERED, sent + timedelta(days=consult_days), party="甲", opinion="同意"
        ),
    ]
    if extend:
        events.append(
            ev(K.EXTENSION_APPROVED, received, days=extend, approved_by="负责人", reason="调取档案")
        )
    state = evaluate(events, calendar=calendar, today=received + timedelta(days=400))
    assert state.answer_due >= plain.answer_due
    assert calendar.is_working_day(state.answer_due)
    if extend:
        assert state.answer_due > state.original_due


def test_missing_year_keeps_the_state_but_names_the_year(calendar):
    events = [ev(K.RECEIVED, date(2026, 12, 28))]
    state = evaluate(events, calendar=calendar, today=date(2026, 12, 28))
    assert state.phase == Phase.IN_PROGRESS
    assert state.answer_due is None
    assert state.missing_year == 2027
    assert "待导入2027年节假日安排" in "".join(state.explanation)
    # The 7-day notice period ends in 2027, but a notice given in 2026 is within it.
    check(
        events,
        ev(K.SUPPLEMENT_REQUESTED, date(2026, 12, 29), due="2027-01-10", items="文号"),
        calendar=calendar,
        today=date(2026, 12, 31),
    )
    # A notice given in 2027 cannot be judged until 2027 is loaded: refused, year named.
    with pytest.raises(ClockRuleError, match="2027"):
        check(
            events,
            ev(K.SUPPLEMENT_REQUESTED, date(2027, 1, 4), due="2027-01-10", items="文号"),
            calendar=calendar,
            today=date(2027, 1, 4),
        )
    answered = evaluate(
        [*events, ev(K.ANSWERED, date(2026, 12, 30), outcome="3.1")],
        calendar=calendar,
        today=date(2026, 12, 31),
    )
    assert (answered.phase, answered.outcome) == (Phase.ANSWERED, "3.1")
