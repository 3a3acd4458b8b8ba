"""Who may read and act on an application (issues 12.6 and 13.3).

Applications hold applicants' personal data: only the receiving agency's disclosure
staff read and handle them. The operator sees statistics, not case files; editors and
reviewers of the same agency see nothing; every read by staff is in the audit log.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gongkai.agencies.roles import ensure_role_groups
from gongkai.agencies.services import do_grant_role
from gongkai.applications.models import Application
from gongkai.applications.services import handling, intake
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from tests.test_applications import PERSON, office, officer  # noqa: F401  (fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

PHONE = PERSON["phone"]
ADDRESS = "测试区解放大道100号"


@pytest.fixture
def cases(office):  # noqa: F811
    """An online application waiting to be confirmed and an answered one with a letter."""
    waiting = intake.do_submit_online_application(
        today=TODAY, agency=office.a, **PERSON, address=ADDRESS
    ).application
    with officer(office):
        answered = intake.do_register_application(
            today=TODAY,
            agency=office.a,
            channel="in_person",
            received_on=date(2026, 9, 1),
            **PERSON,
        ).application
        letter = handling.do_answer(
            today=TODAY, application=answered, on=date(2026, 9, 4), answer_type="disclosed"
        )
    office.waiting, office.answered, office.letter = waiting, answered, letter
    return office


def _confirm(client, application):
    return client.post(
        reverse("applications_step", args=[application.pk, "confirm"]),
        {"confirm-on": "2026-09-02"},
    )


def test_the_operator_neither_reads_nor_confirms_an_agency_application(client, cases):
    client.force_login(cases.operator)
    page = client.get(reverse("applications_process", args=[cases.waiting.pk]))
    assert page.status_code == 404
    assert PHONE not in page.content.decode() and ADDRESS not in page.content.decode()
    assert _confirm(client, cases.waiting).status_code == 404
    cases.waiting.refresh_from_db()
    assert cases.waiting.phase == "to_confirm" and cases.waiting.received_date is None
    listing = client.get(reverse("applications:index") + "?export=csv")
    body = b"".join(listing.streaming_content) if listing.streaming else listing.content
    assert PHONE.encode() not in body and "张三".encode() not in body
    assert (
        client.get(reverse("applications_letter", args=[cases.letter.pk, "pdf"])).status_code == 404
    )
    with acting(actor=cases.operator), pytest.raises(PermissionDenied):
        intake.do_confirm_receipt(today=TODAY, application=cases.waiting, on=date(2026, 9, 2))


def test_the_operator_has_no_application_permission(cases):
    ensure_role_groups()
    operator = type(cases.operator).objects.get(pk=cases.operator.pk)
    assert not operator.has_perm("applications.view_application")
    assert not Application.objects.visible_to(operator).exists()


def test_the_operator_acts_where_it_holds_a_disclosure_role(client, cases):
    do_grant_role(user=cases.operator, agency=cases.a, role="disclosure_officer")
    client.force_login(cases.operator)
    assert client.get(reverse("applications_process", args=[cases.waiting.pk])).status_code == 200
    assert _confirm(client, cases.waiting).status_code == 302
    cases.waiting.refresh_from_db()
    assert cases.waiting.received_date == date(2026, 9, 2)


@pytest.mark.parametrize("role", ["editor", "first_reviewer", "second_reviewer", "final_approver"])
def test_editors_and_reviewers_cannot_open_case_files_or_letters(client, cases, role):
    client.force_login(cases.user("a", role))
    page = client.get(reverse("applications_process", args=[cases.answered.pk]))
    assert page.status_code == 404
    assert PHONE not in page.content.decode()
    for fmt in ("pdf", "docx"):
        url = reverse("applications_letter", args=[cases.letter.pk, fmt])
        assert client.get(url).status_code == 404
    assert _confirm(client, cases.waiting).status_code == 404


@pytest.mark.parametrize("role", ["disclosure_officer", "agency_admin"])
def test_disclosure_staff_reads_are_each_audited_for_the_agency_admin(client, cases, role):
    reader = cases.user("a", role)
    client.force_login(reader)
    last = AuditEntry.objects.order_by("pk").last().pk
    for _ in range(2):
        page = client.get(reverse("applications_process", args=[cases.waiting.pk]))
        assert page.status_code == 200 and PHONE in page.content.decode()
    letter = client.get(reverse("applications_letter", args=[cases.letter.pk, "pdf"]))
    assert letter.status_code == 200
    reads = AuditEntry.objects.filter(pk__gt=last).exclude(action__startswith="auth.")
    assert {e.actor for e in reads} == {reader}
    assert [e.action for e in reads.order_by("id")] == [
        "application.viewed",
        "application.viewed",
        "application.letter_downloaded",
    ]
    assert {e.agency_id for e in reads} == {cases.a.pk}
    admin_sees = AuditEntry.objects.visible_to(cases.user("a", "agency_admin"))
    assert admin_sees.filter(pk__in=reads.values("pk")).count() == 3
    assert not AuditEntry.objects.visible_to(cases.user("b", "agency_admin")).filter(
        pk__in=reads.values("pk")
    )


def test_the_ledger_export_is_for_disclosure_staff_only(cases):
    from gongkai.applications.ledger import do_export_ledger

    for user in (cases.operator, cases.user("a", "editor")):
        with acting(actor=user), pytest.raises(PermissionDenied):
            do_export_ledger(agency=cases.a, year=2026, file_name="x.csv")
    with officer(cases):
        content, count = do_export_ledger(agency=cases.a, year=2026, file_name="x.csv")
    assert count == 1 and "张三" in content.decode("utf-8-sig")


def test_the_list_export_is_audited(client, cases):
    reader = cases.user("a", "disclosure_officer")
    client.force_login(reader)
    listing = client.get(reverse("applications:index") + "?export=csv")
    body = b"".join(listing.streaming_content) if listing.streaming else listing.content
    assert "张三".encode() in body
    entry = AuditEntry.objects.get(action="application.list_export")
    assert (entry.actor, entry.agency, entry.changes) == (
        reader,
        cases.a,
        {"count": 2, "format": "csv"},
    )
