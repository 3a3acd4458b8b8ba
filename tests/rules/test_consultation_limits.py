"""Art. 32 and 34: a consultation pauses the clock for at most 15 working days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.rules.application_clock import Event, EventKind, Phase, evaluate
from gongkai.rules.clock import (
    CO_AGENCY_REPLY_DAYS,
    THIRD_PARTY_REPLY_DAYS,
    Pause,
    compute_deadline,
    consultation_reply_due,
)
from gongkai.rules.clock_events import parse_event_data

K = EventKind
RECEIVED = st.dates(min_value=date(2024, 1, 2), max_value=date(2025, 10, 31))


def ev(kind, on, **data):
    """An event as the ledger stores it: its data read from JSON."""
    return Event(on=on, data=parse_event_data(kind, data))


@settings(max_examples=150, deadline=None)
@given(
    received=RECEIVED,
    sent_after=st.integers(min_value=0, max_value=10),
    reply_after=st.one_of(st.none(), st.integers(min_value=0, max_value=40)),
    co_agency=st.booleans(),
)
def test_the_pause_ends_at_the_reply_or_after_15_working_days(
    calendar, received, sent_after, reply_after, co_agency
):
    sent = received + timedelta(days=sent_after)
    events = [
        ev(K.RECEIVED, received),
        ev(K.CONSULTATION_SENT, sent, party="甲公司", co_agency=co_agency),
    ]
    if reply_after is not None:
        events.append(
            ev(
                K.CONSULTATION_ANSWERED,
                sent + timedelta(days=reply_after),
                party="甲公司",
                opinion="同意",
            )
        )
    today = date(2025, 12, 31)
    state = evaluate(events, calendar=calendar, today=today)

    limit = consultation_reply_due(calendar=calendar, sent=sent, co_agency=co_agency)
    assert calendar.working_days_between(sent, limit) == (
        CO_AGENCY_REPLY_DAYS if co_agency else THIRD_PARTY_REPLY_DAYS
    )
    replied = sent + timedelta(days=reply_after) if reply_after is not None else None
    end = min(replied, limit) if replied is not None else limit
    expected = compute_deadline(
        calendar=calendar, received=received, pauses=[Pause(start=sent, end=end)]
    )
    assert state.answer_due == expected.answer_due
    assert state.deadline is not None and state.deadline.paused_working_days <= 15
    assert not state.paused  # by 31 Dec 2025 every pause has ended, one way or the other
    text = "".join(state.explanation)
    article = "第三十四条" if co_agency else "第三十二条"
    if replied is not None and replied <= limit:
        assert "收到答复，期限暂停至该日" in text
    else:
        assert f"{article}规定的15个工作日" in text and "届满" in text


def test_an_unanswered_consultation_stops_pausing_and_the_clock_can_run_out(calendar):
    """Before: an unanswered consultation paused the clock forever."""
    events = [
        ev(K.RECEIVED, date(2025, 3, 3)),
        ev(K.CONSULTATION_SENT, date(2025, 3, 5), party="乙公司", co_agency=False),
    ]
    during = evaluate(events, calendar=calendar, today=date(2025, 3, 20))
    assert during.paused and during.phase == Phase.WAITING_ON_THIRD_PARTY
    assert "最迟至2025年3月26日" in "".join(during.explanation)
    later = evaluate(events, calendar=calendar, today=date(2025, 6, 30))
    assert not later.paused
    assert later.phase == Phase.WAITING_ON_THIRD_PARTY  # a late reply may still be recorded
    # 20 working days from 3 March plus 15 paused: due 22 April, overdue by 30 June.
    assert later.answer_due == date(2025, 4, 22)
    assert later.is_overdue(date(2025, 6, 30))


def test_a_late_reply_does_not_extend_the_pause(calendar):
    base = [
        ev(K.RECEIVED, date(2025, 3, 3)),
        ev(K.CONSULTATION_SENT, date(2025, 3, 5), party="乙公司", co_agency=True),
    ]
    late = evaluate(
        [*base, ev(K.CONSULTATION_ANSWERED, date(2025, 4, 15), party="乙公司", opinion="同意")],
        calendar=calendar,
        today=date(2025, 4, 16),
    )
    unanswered = evaluate(base, calendar=calendar, today=date(2025, 4, 16))
    assert late.answer_due == unanswered.answer_due == date(2025, 4, 22)
    assert "其后收到的答复不再暂停期限（第三十四条）" in "".join(late.explanation)
