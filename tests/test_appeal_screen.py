"""Deciding a pending reconsideration or lawsuit from the application's page (issue 13, 7)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from gongkai.applications.models import Appeal
from gongkai.applications.services import handling, intake
from gongkai.audit.models import AuditEntry
from tests.test_applications import PERSON, office, officer  # noqa: F401  (fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's


@pytest.fixture
def appeal(office):  # noqa: F811
    with officer(office):
        app = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
        handling.do_answer(
            today=TODAY, application=app, on=date(2026, 9, 4), answer_type="not_held"
        )
        return handling.do_record_appeal(
            application=app,
            kind="reconsideration",
            body="测试区人民政府",
            filed_on=date(2026, 9, 20),
        )


def test_the_pending_appeal_is_decided_on_its_screen(client, office, appeal):  # noqa: F811
    client.force_login(office.user("a", "disclosure_officer"))
    page = client.get(
        reverse("applications_process", args=[appeal.application.pk])
    ).content.decode()
    url = reverse("applications_decide_appeal", args=[appeal.pk])
    assert url in page and "登记审结结果" in page

    early = client.post(url, {"result": "upheld", "decided_on": "2026-09-01"})
    assert early.status_code == 200 and "不能早于" in early.content.decode()
    appeal.refresh_from_db()
    assert appeal.result == Appeal.Result.PENDING

    done = client.post(url, {"result": "corrected", "decided_on": "2026-11-18"})
    assert done.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.result, appeal.decided_on) == ("corrected", date(2026, 11, 18))
    entry = AuditEntry.objects.get(action="appeal.decide")
    assert entry.agency == office.a and entry.actor == office.user("a", "disclosure_officer")

    # Decided once: the screen no longer offers it, and a replayed POST changes nothing.
    page = client.get(
        reverse("applications_process", args=[appeal.application.pk])
    ).content.decode()
    assert url not in page
    client.post(url, {"result": "upheld", "decided_on": "2026-11-20"})
    appeal.refresh_from_db()
    assert appeal.result == "corrected"


def test_only_the_agencys_handlers_reach_the_screen(client, office, appeal):  # noqa: F811
    url = reverse("applications_decide_appeal", args=[appeal.pk])
    for user in (office.user("b", "disclosure_officer"), office.user("b", "agency_admin")):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"result": "upheld", "decided_on": "2026-11-18"}).status_code == 404
    client.force_login(office.user("a", "editor"))  # a role in the agency, not a handler
    assert client.post(url, {"result": "upheld", "decided_on": "2026-11-18"}).status_code == 404
    client.force_login(office.user("a", "agency_admin"))
    assert client.get(url).status_code == 200
    appeal.refresh_from_db()
    assert appeal.result == Appeal.Result.PENDING
