"""The file URLs not covered by tests/test_file_access.py and tests/test_applicant_files.py,
tried anonymously and as every role of another agency (issue 12, "Done when").

Letters, catalogue attachments and applicants' uploads have their own modules; here are
the rest a browser can be sent to: an annual report's draft files, the public report
files of a report not yet published, the inspection 通报 and findings export, the
report-audit results (whose uploads live in the database and have no URL at all), and
the website report's files before and after publication.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.agencies import models as agency_models
from gongkai.audit.context import acting
from gongkai.inspection.models import Finding, InspectionRun
from gongkai.report_audit.models import AuditBatch, AuditedReport
from gongkai.reports.services import do_create_report

pytestmark = pytest.mark.django_db

AGENCY_ROLES = [role.value for role in agency_models.AGENCY_ROLES]
DENIED = {302, 403, 404}
REPORT_FORMATS = ("html", "docx", "pdf")


def _status(user: Any, url: str) -> int:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


@pytest.fixture
def draft_report(district: Any) -> Any:
    with acting(actor=district.user("a", "agency_admin")):
        return do_create_report(agency=district.a, year=2025)


@pytest.fixture
def run(district: Any) -> InspectionRun:
    on = date(2026, 9, 30)
    run = InspectionRun.objects.create(inspected_on=on, sites=["http://a.test/"])
    Finding.objects.create(
        type="mobile",
        url="http://a.test/news/1.html",
        evidence="页面第1行：手机号码“138****5678”",
        severity="high",
        site="http://a.test/",
        key="k1",
        first_seen=on,
        last_seen=on,
        last_run=run,
        agency=district.a,
    )
    return run


@pytest.fixture
def batch(db: None) -> AuditBatch:
    batch = AuditBatch.objects.create(name="抽查")
    AuditedReport.objects.create(
        batch=batch, position=1, file_name="report.html", content=b"<html></html>", size=13
    )
    return batch


def test_a_draft_reports_files_reach_its_agency_only(district: Any, draft_report: Any) -> None:
    urls = [reverse("reports_file", args=[draft_report.pk, fmt]) for fmt in REPORT_FORMATS]
    outsiders = [None, *(district.user("b", role) for role in AGENCY_ROLES)]
    for url in urls:
        for user in outsiders:
            assert _status(user, url) in DENIED, (url, user)
    # Its own administrator gets the draft (the positive control: the URLs are real).
    assert _status(district.user("a", "agency_admin"), urls[0]) == 200


def test_an_unpublished_report_has_no_public_file(district: Any, draft_report: Any) -> None:
    base = f"/reports/{district.a.code}/2025/"
    for url in [base, *(f"{base}report.{fmt}" for fmt in ("pdf", "docx", "json"))]:
        for user in (None, district.user("a", "agency_admin")):
            assert _status(user, url) == 404, (url, user)


def test_inspection_reports_and_exports_are_the_operators(district: Any, run: Any) -> None:
    urls = [
        reverse("inspection_run_report", args=[run.pk, "docx"]),
        reverse("inspection_run_report", args=[run.pk, "pdf"]),
        reverse("inspection_run", args=[run.pk]),
    ]
    outsiders = [None, *(district.user(slug, role) for slug in "ab" for role in AGENCY_ROLES)]
    for url in urls:
        for user in outsiders:
            assert _status(user, url) in DENIED, (url, user)
    assert _status(district.operator, urls[0]) == 200


def test_the_findings_export_holds_the_viewers_agency_only(district: Any, run: Any) -> None:
    """Agencies answer their own findings, so they export them; never another's."""

    def rows(user: Any) -> str:
        client = Client()
        client.force_login(user)
        response = client.get("/admin/inspection/findings/?export=xlsx")
        assert response.status_code == 200
        sheet = load_workbook(io.BytesIO(response.content)).active
        return repr(list(sheet.iter_rows(values_only=True)))

    assert _status(None, "/admin/inspection/findings/?export=xlsx") in DENIED
    assert "news/1.html" in rows(district.operator)
    assert "news/1.html" in rows(district.user("a", "editor"))
    for role in AGENCY_ROLES:
        assert "news/1.html" not in rows(district.user("b", role)), role


def test_report_audit_results_are_the_operators(district: Any, batch: AuditBatch) -> None:
    urls = [
        reverse("report_audit_index"),
        reverse("report_audit_batch", args=[batch.pk]),
        reverse("report_audit_report", args=[batch.pk, 1]),
    ]
    outsiders = [None, *(district.user(slug, role) for slug in "ab" for role in AGENCY_ROLES)]
    for url in urls:
        for user in outsiders:
            assert _status(user, url) in DENIED, (url, user)
    assert _status(district.operator, urls[1]) == 200


def test_the_website_reports_files_are_the_operators_until_published(district: Any) -> None:
    from gongkai.website_report.services import (
        do_enter_website_figures,
        do_mark_website_report_final,
        do_prefill_website_report,
        do_publish_website_report,
    )
    from tests.website_report.conftest import complete_entries

    report = do_prefill_website_report(year=2025, today=date(2026, 1, 20))
    report = do_enter_website_figures(website_report=report, entries=complete_entries())
    staff = [reverse("website_report_file", args=[2025, fmt]) for fmt in REPORT_FORMATS]
    public = ["/website-report/2025/", "/website-report/2025/report.pdf"]
    outsiders = [None, *(district.user(slug, role) for slug in "ab" for role in AGENCY_ROLES)]
    for url in staff:
        for user in outsiders:
            assert _status(user, url) in DENIED, (url, user)
    assert _status(district.operator, staff[2]) == 200
    do_mark_website_report_final(website_report=report)
    for url in public:
        for user in (None, district.operator):
            assert _status(user, url) == 404, (url, user)
    do_publish_website_report(website_report=report, today=date(2026, 1, 28))
    assert [_status(None, url) for url in public] == [200, 200]
    assert _status(None, "/website-report/2025/report.html") == 404
