"""Clock events are typed: each kind's data is one dataclass, stored and read only as such.

A round trip through JSON for every kind, refusal of every wrong shape with
EventDataError, and no way for a service (or a direct write) to store a malformed event.
"""

from __future__ import annotations

import dataclasses
import json
import types
from datetime import date
from enum import Enum
from typing import Any, get_args, get_type_hints

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.applications.models import Application, ClockEvent, Letter
from gongkai.applications.services import handling, intake
from gongkai.applications.services.clock import record_event
from gongkai.rules.clock_events import (
    EVENT_DATA,
    Answered,
    ConsultationAnswered,
    ConsultationSent,
    DelayedArt35,
    EventDataError,
    EventKind,
    ExtensionApproved,
    FeeExpired,
    FeeNoticeSent,
    FeePaid,
    Received,
    SupplementExpired,
    SupplementReceived,
    SupplementRequested,
    dump_event_data,
    parse_event_data,
)
from gongkai.rules.fees import FeeBasis
from gongkai.rules.outcomes import AnswerType
from tests.test_applications import PERSON, office, officer  # noqa: F401  (office: a fixture)

TODAY = date(2026, 11, 20)

# One sample of every kind, with the JSON each is stored as (the shape already in use).
SAMPLES = [
    (Received(), {}),
    (
        SupplementRequested(due=date(2026, 9, 14), items="文号"),
        {"due": "2026-09-14", "items": "文号"},
    ),
    (SupplementReceived(), {}),
    (SupplementExpired(), {}),
    (ConsultationSent(party="甲公司", co_agency=True), {"party": "甲公司", "co_agency": True}),
    (ConsultationAnswered(party="甲公司", opinion="同意"), {"party": "甲公司", "opinion": "同意"}),
    (
        ExtensionApproved(days=20, approved_by="王主任", reason="调档"),
        {"days": 20, "approved_by": "王主任", "reason": "调档"},
    ),
    (DelayedArt35(due=date(2027, 3, 1), reason="数量"), {"due": "2027-03-01", "reason": "数量"}),
    (
        FeeNoticeSent(amount=700, basis=FeeBasis.BY_PAGES, pages=100),
        {"amount": 700, "basis": "by_pages", "pages": 100},
    ),
    (FeePaid(), {}),
    (FeeExpired(), {}),
    (
        Answered(outcome="3.5.2", answer_type=AnswerType.REPEATED, repeat_of=12),
        {"outcome": "3.5.2", "answer_type": "repeated", "repeat_of": 12},
    ),
]


def test_every_kind_has_its_data_class_and_a_sample_here():
    assert set(EVENT_DATA) == set(EventKind)
    assert {data.kind for data, _ in SAMPLES} == set(EventKind)
    assert all(EVENT_DATA[data.kind] is type(data) for data, _ in SAMPLES)


@pytest.mark.parametrize(("data", "stored"), SAMPLES, ids=lambda v: getattr(v, "kind", ""))
def test_each_kind_round_trips_through_json_in_the_stored_shape(data, stored):
    dumped = dump_event_data(data)
    assert dumped == stored
    assert parse_event_data(data.kind, json.loads(json.dumps(dumped))) == data


def _values(annotation: Any) -> st.SearchStrategy[Any]:
    if isinstance(annotation, types.UnionType):
        return st.one_of(*(_values(option) for option in get_args(annotation)))
    if annotation is type(None):
        return st.none()
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return st.sampled_from(list(annotation))
    return {date: st.dates(), str: st.text(), int: st.integers(), bool: st.booleans()}[annotation]


def _any_data() -> st.SearchStrategy[Any]:
    def build(cls: type) -> st.SearchStrategy[Any]:
        hints = get_type_hints(cls)
        fields = {f.name: _values(hints[f.name]) for f in dataclasses.fields(cls)}
        return st.builds(cls, **fields)

    return st.one_of(*(build(cls) for cls in EVENT_DATA.values()))


@settings(max_examples=300, deadline=None)
@given(data=_any_data())
def test_any_value_of_any_kind_round_trips(data):
    raw = json.loads(json.dumps(dump_event_data(data), ensure_ascii=False))
    assert parse_event_data(data.kind, raw) == data


def test_an_imported_answer_without_answer_type_reads_as_none():
    """Ledger imports store the outcome alone: that shape is read as it is, no migration."""
    assert parse_event_data("answered", {"outcome": "3.1"}) == Answered(outcome="3.1")
    assert dump_event_data(Answered(outcome="3.1")) == {"outcome": "3.1"}


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("supplement_requested", {"due": "2026-09-14"}, "missing fields \\['items'\\]"),
        ("answered", {}, "missing fields \\['outcome'\\]"),
        ("received", {"on": "2026-09-01"}, "unexpected fields \\['on'\\]"),
        ("fee_notice_sent", {"amount": 100, "basis": "count", "pages": 0}, "unknown value"),
        ("fee_notice_sent", {"amount": "100", "basis": "by_count", "pages": 0}, "amount"),
        ("fee_notice_sent", {"amount": True, "basis": "by_count", "pages": 0}, "amount"),
        ("consultation_sent", {"party": "甲", "co_agency": 1}, "co_agency"),
        ("consultation_sent", {"party": None, "co_agency": False}, "party"),
        ("supplement_requested", {"due": "2026-9-14", "items": "x"}, "not a date"),
        ("supplement_requested", {"due": "20260914", "items": "x"}, "not a date"),
        ("supplement_requested", {"due": "2026-02-30", "items": "x"}, "not a date"),
        ("delayed_art35", {"due": 20260914, "reason": "x"}, "not a date"),
        ("answered", {"outcome": "3.1", "answer_type": "whatever"}, "unknown value"),
        ("answered", {"outcome": "3.1", "repeat_of": "12"}, "repeat_of"),
        ("extension_approved", ["days", 20], "expected an object"),
        ("postponed", {}, "unknown kind"),
    ],
)
def test_wrong_shapes_are_refused(kind, raw, message):
    with pytest.raises(EventDataError, match=message):
        parse_event_data(kind, raw)


def test_a_data_class_cannot_be_built_with_a_wrong_value():
    with pytest.raises(EventDataError, match="due"):
        SupplementRequested(due="2026-09-14", items="文号")
    with pytest.raises(EventDataError, match="basis"):
        FeeNoticeSent(amount=100, basis="by_count", pages=0)
    with pytest.raises(EventDataError, match="days"):
        ExtensionApproved(days=20.0, approved_by="王", reason="x")


def test_dump_takes_only_event_data():
    with pytest.raises(EventDataError):
        dump_event_data({"due": "2026-09-14", "items": "文号"})
    changed = ConsultationSent(party="甲", co_agency=False)
    object.__setattr__(changed, "co_agency", "no")
    with pytest.raises(EventDataError, match="co_agency"):
        dump_event_data(changed)


@pytest.fixture
def application(office):  # noqa: F811
    with officer(office):
        return intake.do_register_application(
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 11, 16),
            today=date(2026, 11, 16),
            **PERSON,
        ).application


def test_a_service_cannot_store_a_malformed_event(office, application):  # noqa: F811
    before = (ClockEvent.objects.count(), Letter.objects.count())
    with officer(office), pytest.raises(EventDataError, match="due"):
        handling.do_request_supplement(
            application=application,
            on=date(2026, 11, 18),
            due="2026-11-30",  # a string where the date belongs
            items="文号",
            today=TODAY,
        )
    with officer(office), pytest.raises(EventDataError, match="not the data"):
        record_event(
            application=application,
            on=date(2026, 11, 18),
            data={"due": "2026-11-30", "items": "文号"},
            today=TODAY,
        )
    assert (ClockEvent.objects.count(), Letter.objects.count()) == before
    application.refresh_from_db()
    assert application.phase == "in_progress"


def test_the_model_refuses_to_store_a_wrong_shape(application):
    with pytest.raises(EventDataError, match="missing fields \\['pages'\\]"):
        ClockEvent.objects.create(
            application=application,
            kind=EventKind.FEE_NOTICE_SENT,
            on=date(2026, 11, 18),
            data={"basis": "count", "amount": 100},  # the shape an old fixture wrote
        )
    assert not ClockEvent.objects.filter(kind=EventKind.FEE_NOTICE_SENT).exists()


def test_services_store_the_typed_shape_and_the_screen_reads_it(office, application, client):  # noqa: F811
    with officer(office):
        handling.do_send_consultation(
            application=application,
            on=date(2026, 11, 18),
            party=" 甲公司 ",
            co_agency=True,
            today=TODAY,
        )
    stored = ClockEvent.objects.get(kind=EventKind.CONSULTATION_SENT)
    assert stored.data == {"party": "甲公司", "co_agency": True}
    assert stored.typed_data == ConsultationSent(party="甲公司", co_agency=True)
    client.force_login(office.user("a", "disclosure_officer"))
    page = client.get(reverse("applications_process", args=[application.pk]))
    assert page.status_code == 200
    assert "征求对象：甲公司；共同制作机关：是" in page.content.decode()
    assert Application.objects.get(pk=application.pk).phase == "waiting_on_third_party"


def test_the_staff_page_has_a_label_for_every_field():
    from gongkai.applications.staff.views import EVENT_FIELDS

    names = {field.name for cls in EVENT_DATA.values() for field in dataclasses.fields(cls)}
    assert names <= set(EVENT_FIELDS)
