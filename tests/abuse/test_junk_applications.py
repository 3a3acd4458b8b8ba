"""Junk online filings leave the 待确认 queue in bulk, audited, and count in no report row."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.applications.services import intake
from gongkai.audit.models import AuditEntry
from gongkai.reports.statistics import applications_table
from tests.test_applications import PERSON, office, officer  # noqa: F401  (office: a fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

pytestmark = pytest.mark.django_db


def _filed(agency: Any, n: int) -> list[Application]:
    return [
        intake.do_submit_online_application(
            today=TODAY, agency=agency, **{**PERSON, "description": f"广告内容{i}"}
        ).application
        for i in range(n)
    ]


def test_staff_mark_junk_in_bulk_and_it_leaves_the_queue(client: Client, office: Any) -> None:  # noqa: F811
    junk = _filed(office.a, 3)
    real = _filed(office.a, 1)[0]
    client.force_login(office.user("a", "disclosure_officer"))
    page = client.get(reverse("applications_junk")).content.decode()
    assert all(a.receipt_number in page for a in [*junk, real])

    done = client.post(
        reverse("applications_junk"),
        {"application": [a.pk for a in junk], "reason": "同一地址批量提交的广告"},
    )

    assert done.status_code == 302
    queue = set(Application.objects.to_confirm().values_list("pk", flat=True))
    assert queue == {real.pk}
    assert Application.objects.count() == 4  # kept, not deleted
    entries = AuditEntry.objects.filter(action="application.mark_junk")
    assert entries.count() == 3
    assert all(e.actor == office.user("a", "disclosure_officer") for e in entries)
    listing = client.get(reverse("applications:index") + "?queue=to_confirm").content.decode()
    assert real.receipt_number in listing and junk[0].receipt_number not in listing


def test_another_agencys_applications_cannot_be_marked(client: Client, office: Any) -> None:  # noqa: F811
    own = _filed(office.a, 1)[0]
    foreign = _filed(office.b, 1)[0]
    client.force_login(office.user("a", "disclosure_officer"))
    assert foreign.receipt_number not in client.get(reverse("applications_junk")).content.decode()
    client.post(
        reverse("applications_junk"), {"application": [own.pk, foreign.pk], "reason": "垃圾"}
    )
    assert not Application.objects.filter(marked_junk_on__isnull=False).exists()  # all or none


def test_an_editor_cannot_mark_junk(client: Client, office: Any) -> None:  # noqa: F811
    own = _filed(office.a, 1)[0]
    client.force_login(office.user("a", "editor"))
    client.post(reverse("applications_junk"), {"application": [own.pk], "reason": "垃圾"})
    assert not Application.objects.filter(marked_junk_on__isnull=False).exists()


def test_a_reason_is_required_and_received_applications_cannot_be_junk(office: Any) -> None:  # noqa: F811
    pending, received = _filed(office.a, 2)
    with officer(office):
        intake.do_confirm_receipt(today=TODAY, application=received, on=date(2026, 9, 1))
        with pytest.raises(ValidationError, match="理由"):
            intake.do_mark_junk(application_ids=[pending.pk], reason=" ", today=date(2026, 9, 2))
        with pytest.raises(ValidationError, match="不在待确认状态"):
            intake.do_mark_junk(application_ids=[received.pk], reason="x", today=date(2026, 9, 2))
        intake.do_mark_junk(application_ids=[pending.pk], reason="广告", today=date(2026, 9, 2))
        pending.refresh_from_db()
        with pytest.raises(ValidationError, match="无效申请"):
            intake.do_confirm_receipt(today=TODAY, application=pending, on=date(2026, 9, 3))


def test_junk_counts_in_no_report_row(office: Any) -> None:  # noqa: F811
    junk, real = _filed(office.a, 2)
    with officer(office):
        intake.do_mark_junk(application_ids=[junk.pk], reason="广告", today=date(2026, 9, 2))
    # Even with dates written behind the services' back, junk is not counted.
    Application.objects.filter(pk__in=[junk.pk, real.pk]).update(received_date=date(2026, 9, 1))
    table = applications_table(agencies=[office.a], year=2026)
    assert table["1"]["total"] == 1
