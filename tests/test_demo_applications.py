"""Demo applications: every phase and outcome group, two years, carry-over, idempotent."""

from __future__ import annotations

import sys
import time
import types
from datetime import date

import pytest

from gongkai.applications.models import Appeal, Application, ClockEvent, Letter
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.demo.applications import build_demo_applications
from gongkai.demo.build import build_demo
from gongkai.rules.application_clock import EventKind, Phase
from gongkai.rules.outcomes import GROUP_LABELS, outcome
from gongkai.workcalendar.bundled import bundled_schedule, holiday_names
from gongkai.workcalendar.services import do_load_schedule

TODAY = date(2026, 11, 20)


@pytest.fixture
def letters_renderable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand in for the DOCX renderer while ``gongkai.documents.docx`` is being written.

    Only the DOCX bytes are faked; the PDF and everything else are the real thing.
    """
    try:
        import gongkai.documents.docx  # noqa: F401
    except ImportError:
        fake = types.ModuleType("gongkai.documents.docx")
        fake.render_docx = lambda document: b"PK\x03\x04 placeholder DOCX"  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "gongkai.documents.docx", fake)


@pytest.fixture
def demo(db: None, letters_renderable: None) -> None:
    with acting(channel="cli"):
        for year in (TODAY.year - 1, TODAY.year):
            do_load_schedule(
                today=TODAY, schedule=bundled_schedule(year), names=holiday_names(year)
            )
        build_demo()


def test_demo_applications_cover_every_phase_and_outcome_group(demo):
    started = time.monotonic()
    with acting(channel="cli"):
        added = build_demo_applications(today=TODAY)
    elapsed = time.monotonic() - started
    print(f"build_demo_applications: {added} applications in {elapsed:.1f} s")

    applications = list(Application.objects.all())
    assert added == len(applications) >= 50
    assert len({a.agency_id for a in applications}) >= 5
    assert {a.phase for a in applications} == set(Phase)
    outcomes = {a.outcome for a in applications if a.outcome}
    assert {outcome(code).group_code for code in outcomes} == set(GROUP_LABELS)
    ended = {a.outcome for a in applications if a.phase == Phase.ENDED}
    assert ended == {"3.6.1", "3.6.2"}

    years = {a.received_date.year for a in applications if a.received_date}
    assert years == {TODAY.year - 1, TODAY.year}
    new_year_eve = date(TODAY.year - 1, 12, 31)
    carried = Application.objects.received_in(TODAY.year - 1).open_on(new_year_eve)
    assert carried.count() >= 1
    assert all(a.closed_date and a.closed_date.year == TODAY.year for a in carried)

    kinds = set(ClockEvent.objects.values_list("kind", flat=True))
    assert {
        EventKind.EXTENSION_APPROVED,
        EventKind.FEE_NOTICE_SENT,
        EventKind.SUPPLEMENT_REQUESTED,
        EventKind.SUPPLEMENT_RECEIVED,
        EventKind.CONSULTATION_SENT,
        EventKind.CONSULTATION_ANSWERED,
    } <= kinds
    repeated = Application.objects.get(outcome="3.5.2")
    assert repeated.repeat_of is not None and repeated.repeat_of.phase == Phase.ANSWERED
    assert repeated.repeat_of.identity_number == repeated.identity_number
    assert repeated.repeat_of.received_date.year == TODAY.year - 1
    decided = Appeal.objects.exclude(result=Appeal.Result.PENDING)
    assert decided.count() >= 3
    assert {a.kind for a in decided} >= {
        Appeal.Kind.RECONSIDERATION,
        Appeal.Kind.LITIGATION_DIRECT,
    }
    assert all(a.decided_on and a.decided_on <= TODAY for a in decided)
    # Every answer given on the platform has its letter; imported history has none.
    imported = set(
        Application.objects.filter(events__note__startswith="台账导入").values_list("pk", flat=True)
    )
    assert imported and len(imported) < len(applications)
    answered = [a for a in applications if a.phase == Phase.ANSWERED and a.pk not in imported]
    assert Letter.objects.filter(kind="answer").count() == len(answered)
    assert AuditEntry.objects.filter(action="application.ledger_import").count() == 4
    main = Application.objects.filter(agency__name="武汉市硚口区人民政府办公室")
    assert {a.phase for a in main} == set(Phase)
    assert not main.filter(pk__in=imported).exists()
    assert Letter.objects.filter(pdf__endswith=".pdf").count() == Letter.objects.count()
    assert not ClockEvent.objects.filter(on__gt=TODAY).exists()

    counts = (Application.objects.count(), Letter.objects.count(), AuditEntry.objects.count())
    with acting(channel="cli"):
        assert build_demo_applications(today=TODAY) == 0
    assert (
        Application.objects.count(),
        Letter.objects.count(),
        AuditEntry.objects.count(),
    ) == counts


def test_demo_applications_refuse_a_future_base_date(demo):
    with acting(channel="cli"), pytest.raises(ValueError, match="晚于今天"):
        build_demo_applications(today=date(2999, 1, 4))
    assert not Application.objects.exists()
