"""整改工单: sent by the operator to the owning agency with a working-day due date,
answered only by that agency, struck (核减) only by the operator — each audited."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.inspection.crawler import CrawlOptions
from gongkai.inspection.findings import FindingKind, Observation, Severity
from gongkai.inspection.inspect import inspect_sites
from gongkai.inspection.models import Finding, InspectionRun, ListedSite, RectificationTicket
from gongkai.inspection.services import do_record_inspection
from gongkai.inspection.tickets import do_answer_ticket, do_send_ticket, do_strike_finding
from gongkai.workcalendar.services import seed_bundled_schedules

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

# Wednesday before the 2026 National Day holiday (Oct 1–7, 2026-10-10 a working Saturday).
SENT = date(2026, 9, 30)


@pytest.fixture
def finding(district: Any) -> Finding:
    seed_bundled_schedules(today=TODAY)
    run = InspectionRun.objects.create(inspected_on=SENT, sites=["http://a.test/"])
    return Finding.objects.create(
        type="mobile",
        url="http://a.test/news/1.html",
        evidence="页面第1行：手机号码“138****5678”",
        severity="high",
        site="http://a.test/",
        key="k1",
        first_seen=SENT,
        last_seen=SENT,
        last_run=run,
        agency=district.a,
    )


def test_ticket_goes_to_the_agency_due_in_working_days(finding: Finding, district: Any) -> None:
    with acting(actor=district.operator):
        ticket = do_send_ticket(finding=finding, today=SENT, note="请删除手机号码")
    assert ticket.agency == district.a
    # Five working days after 9-30 skip the National Day holiday: 10-8, 10-9, 10-10 (an
    # adjusted working Saturday), 10-12, 10-13.
    assert ticket.due_on == date(2026, 10, 13)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.ACKNOWLEDGED
    entry = AuditEntry.objects.get(action="inspection.ticket.send")
    assert entry.agency == district.a and entry.actor == district.operator
    with acting(actor=district.operator), pytest.raises(ValidationError, match="已有待整改"):
        do_send_ticket(finding=finding, today=SENT)


def test_only_the_operator_sends_and_strikes(finding: Finding, district: Any) -> None:
    for actor in (AnonymousUser(), district.user("a", "disclosure_officer")):
        with acting(actor=actor), pytest.raises(PermissionDenied):
            do_send_ticket(finding=finding, today=SENT)
        with acting(actor=actor), pytest.raises(PermissionDenied):
            do_strike_finding(finding=finding, reason="误报")
    assert not RectificationTicket.objects.exists()


def test_only_the_owning_agency_answers(finding: Finding, district: Any) -> None:
    with acting(actor=district.operator):
        ticket = do_send_ticket(finding=finding, today=SENT)
    for outsider in (AnonymousUser(), district.operator, district.user("b", "disclosure_officer")):
        with acting(actor=outsider), pytest.raises(PermissionDenied):
            do_answer_ticket(ticket=ticket, answer="fixed", text="", today=SENT)
    officer = district.user("a", "disclosure_officer")
    with acting(actor=officer), pytest.raises(ValidationError, match="说明内容"):
        do_answer_ticket(ticket=ticket, answer="explanation", text=" ", today=SENT)
    with acting(actor=officer):
        answered = do_answer_ticket(ticket=ticket, answer="fixed", text="已删除", today=SENT)
    assert answered.status == RectificationTicket.Status.ANSWERED
    assert answered.answered_by == officer
    assert AuditEntry.objects.get(action="inspection.ticket.answer").agency == district.a
    with acting(actor=officer), pytest.raises(ValidationError, match="已答复"):
        do_answer_ticket(ticket=ticket, answer="fixed", text="", today=SENT)
    assert set(RectificationTicket.objects.visible_to(officer)) == {ticket}
    assert not RectificationTicket.objects.visible_to(district.user("b", "disclosure_officer"))
    assert set(RectificationTicket.objects.visible_to(district.operator)) == {ticket}


def test_struck_finding_keeps_its_reason_and_stays_struck(finding: Finding, district: Any) -> None:
    with acting(actor=district.operator), pytest.raises(ValidationError, match="核减理由"):
        do_strike_finding(finding=finding, reason="  ")
    with acting(actor=district.operator):
        struck = do_strike_finding(finding=finding, reason="演示数据，非真实号码")
    assert struck.status == Finding.Status.STRUCK
    assert struck.struck_reason == "演示数据，非真实号码"
    assert AuditEntry.objects.filter(action="inspection.strike").count() == 1
    with acting(actor=district.operator), pytest.raises(ValidationError, match="已核减"):
        do_send_ticket(finding=finding, today=SENT)


def test_a_finding_without_an_agency_cannot_be_sent(finding: Finding, district: Any) -> None:
    Finding.objects.filter(pk=finding.pk).update(agency=None)
    with acting(actor=district.operator), pytest.raises(ValidationError, match="所属的机构"):
        do_send_ticket(finding=finding, today=SENT)


def test_recorded_findings_on_a_listed_site_belong_to_its_agency(planted, district) -> None:
    site, _ = planted
    ListedSite.objects.create(url=site.base + "/", name="教育局网站", agency=district.a)
    options = CrawlOptions(delay=0, timeout=5, concurrency=2, probes=0)
    inspection = inspect_sites([site.base + "/"], today=SENT, options=options)
    do_record_inspection(inspection=inspection, today=SENT)
    assert Finding.objects.exists()
    assert set(Finding.objects.values_list("agency", flat=True)) == {district.a.pk}
    # A struck finding seen again by the next run stays struck.
    mobile = Finding.objects.get(type="mobile")
    do_strike_finding(finding=mobile, reason="测试号码")
    do_record_inspection(inspection=inspection, today=SENT)
    mobile.refresh_from_db()
    assert mobile.status == Finding.Status.STRUCK


def test_observation_kinds_include_mandatory_column() -> None:
    observation = Observation(FindingKind.MANDATORY_COLUMN, "http://x/", "缺失", Severity.HIGH)
    assert observation.as_dict()["type"] == "mandatory_column"
    assert FindingKind.MANDATORY_COLUMN.label == "法定栏目缺失或不更新"
