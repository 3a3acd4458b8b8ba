"""Applicants' uploads are private (issues 12 and 15.6): who may read them, and /track/.

An identity proof or a supplement is personal data: only the receiving agency's
disclosure staff, and the applicant after the query code in the same browser session,
may download it; everyone else gets the same 404 as for a file that does not exist.
Every read is audited, and the supplement sent through /track/ is on the process page.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.models import ApplicantFile
from gongkai.applications.public.throttle import public_status
from gongkai.applications.services import handling, intake
from gongkai.applications.services.applicant_files import do_submit_supplement_online
from gongkai.applications.uploads import screen_bytes
from gongkai.audit.models import AuditEntry
from tests.test_applicant_identity import pdf_bytes, png_bytes
from tests.test_applications import PERSON, office, officer  # noqa: F401  (fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

PROOF = png_bytes()
SUPPLEMENT = pdf_bytes("Supplement")
# Dates inside a year whose holiday schedule is bundled: the answer date is known.
RECEIVED = date(2026, 9, 1)


@pytest.fixture
def filed(office):  # noqa: F811
    """An online application with an identity proof, confirmed, a supplement asked for."""
    proof = screen_bytes(PROOF, name="张三身份证.png", what="身份证明文件")
    receipt = intake.do_submit_online_application(
        today=TODAY, agency=office.a, identity_proof=proof, **PERSON
    )
    with officer(office):
        intake.do_confirm_receipt(today=TODAY, application=receipt.application, on=RECEIVED)
        handling.do_request_supplement(
            today=TODAY,
            application=receipt.application,
            on=date(2026, 9, 2),
            due=date(2026, 9, 16),
            items="请写明项目所在街道名称",
        )
    office.application = receipt.application
    office.code = receipt.query_code
    office.proof = ApplicantFile.objects.get()
    return office


def unlock(client: Client, filed: Any) -> Any:
    return client.post(
        "/track/",
        {"receipt_number": filed.application.receipt_number, "query_code": filed.code},
    )


def assert_private_download(response: Any, data: bytes) -> None:
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert {"private", "no-store"} <= {p.strip() for p in response["Cache-Control"].split(",")}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == data


@pytest.mark.parametrize("role", ["disclosure_officer", "agency_admin"])
def test_disclosure_staff_download_the_proof_and_the_read_is_audited(
    client: Client, filed: Any, role: str
) -> None:
    reader = filed.user("a", role)
    client.force_login(reader)
    response = client.get(reverse("applications_applicant_file", args=[filed.proof.pk]))
    assert_private_download(response, PROOF)
    assert "张三" not in response["Content-Disposition"]  # the applicant's file name stays
    entry = AuditEntry.objects.filter(action="application.applicant_file_downloaded").get()
    assert (entry.actor, entry.agency) == (reader, filed.a)


@pytest.mark.parametrize(
    "who",
    [
        ("b", "disclosure_officer"),
        ("b", "agency_admin"),
        ("a", "editor"),
        ("a", "first_reviewer"),
        ("a", "final_approver"),
        "operator",
        None,
    ],
)
def test_nobody_else_reads_the_proof(client: Client, filed: Any, who: Any) -> None:
    if who == "operator":
        client.force_login(filed.operator)
    elif who is not None:
        client.force_login(filed.user(*who))
    staff_url = reverse("applications_applicant_file", args=[filed.proof.pk])
    response = client.get(staff_url)
    assert response.status_code in {404, 302}  # 302: anonymous is sent to the login
    if who is not None:
        assert response.status_code == 404
    public = client.get(reverse("applications_public:applicant_file", args=[filed.proof.pk]))
    assert public.status_code == 404
    assert not AuditEntry.objects.filter(action__contains="applicant_file_downloaded").exists()


def test_the_applicant_reads_their_proof_only_after_the_code(client: Client, filed: Any) -> None:
    url = reverse("applications_public:applicant_file", args=[filed.proof.pk])
    assert client.get(url).status_code == 404
    status = unlock(client, filed)
    assert status.status_code == 200 and url in status.content.decode()
    assert_private_download(client.get(url), PROOF)
    assert AuditEntry.objects.filter(
        action="application.applicant_file_downloaded_by_applicant"
    ).exists()


def test_another_applications_code_does_not_open_this_proof(client: Client, filed: Any) -> None:
    other = intake.do_submit_online_application(today=TODAY, agency=filed.a, **PERSON)
    client.post(
        "/track/",
        {"receipt_number": other.application.receipt_number, "query_code": other.query_code},
    )
    url = reverse("applications_public:applicant_file", args=[filed.proof.pk])
    assert client.get(url).status_code == 404


def test_the_applicant_sends_the_supplement_through_track(
    client: Client, filed: Any, django_capture_on_commit_callbacks: Any
) -> None:
    officer_user = filed.user("a", "disclosure_officer")
    officer_user.email = "officer@example.org"
    officer_user.save()
    page = unlock(client, filed).content.decode()
    assert "提交补正材料" in page and "请写明项目所在街道名称" in page
    assert "等待补正期间不计算答复期限" in page  # the clock in plain words
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("applications_public:status"),
            {
                "files": [SimpleUploadedFile("补正.pdf", SUPPLEMENT)],
                "note": "项目位于汉正街",
            },
        )
    assert response.status_code == 302
    [told] = mail.outbox
    assert told.to == ["officer@example.org"] and "补正材料" in told.subject
    page = client.get(response["Location"]).content.decode()
    assert "已收到您提交的补正材料" in page
    supplement = ApplicantFile.objects.get(purpose="supplement")
    assert (supplement.content_kind, supplement.note) == ("pdf", "项目位于汉正街")
    entry = AuditEntry.objects.get(action="application.supplement_uploaded")
    assert entry.agency == filed.a and entry.actor is None

    client.force_login(filed.user("a", "disclosure_officer"))
    process = client.get(reverse("applications_process", args=[filed.application.pk]))
    html = process.content.decode()
    assert "补正材料" in html and "项目位于汉正街" in html
    assert reverse("applications_applicant_file", args=[supplement.pk]) in html


def test_a_supplement_that_is_no_file_of_ours_is_refused(client: Client, filed: Any) -> None:
    unlock(client, filed)
    response = client.post(
        reverse("applications_public:status"),
        {"files": [SimpleUploadedFile("x.pdf", b"MZ\x90\x00" + b"\x00" * 100)]},
    )
    assert response.status_code == 200
    assert "Windows可执行程序" in response.content.decode()
    assert not ApplicantFile.objects.filter(purpose="supplement").exists()


def test_the_status_page_needs_the_code(client: Client, filed: Any) -> None:
    response = client.get(reverse("applications_public:status"))
    assert response.status_code == 302 and response["Location"] == "/track/"
    posted = client.post(
        reverse("applications_public:status"),
        {"files": [SimpleUploadedFile("补正.pdf", SUPPLEMENT)]},
    )
    assert posted.status_code == 302
    assert not ApplicantFile.objects.filter(purpose="supplement").exists()


def test_the_service_refuses_without_the_unlock_or_a_request(filed: Any) -> None:
    screened = screen_bytes(SUPPLEMENT, name="补正.pdf", what="补正材料")
    with pytest.raises(PermissionDenied):
        do_submit_supplement_online(
            application=filed.application,
            unlocked_receipt_number="YSQ0",
            files=[screened],
            note="",
            today=timezone.localdate(),
        )
    with officer(filed):
        handling.do_receive_supplement(
            today=TODAY, application=filed.application, on=date(2026, 9, 10)
        )
    with pytest.raises(ValidationError, match="没有需要补正的事项"):
        do_submit_supplement_online(
            application=filed.application,
            unlocked_receipt_number=filed.application.receipt_number,
            files=[screened],
            note="",
            today=timezone.localdate(),
        )


def test_the_clock_is_explained_in_plain_words(filed: Any) -> None:
    status = public_status(filed.application, today=date(2026, 9, 3))
    text = "".join(status.explanation)
    assert "补正" in text and "第三十条" not in text
    with officer(filed):
        handling.do_receive_supplement(
            today=TODAY, application=filed.application, on=date(2026, 9, 10)
        )
    filed.application.refresh_from_db()
    status = public_status(filed.application, today=date(2026, 9, 11))
    text = "".join(status.explanation)
    assert re.search(r"答复期限为\d{4}年\d{1,2}月\d{1,2}日", text), text
    assert status.supplement is None


def test_no_media_url_reaches_an_upload(client: Client, filed: Any) -> None:
    name = filed.proof.file.name
    assert name.startswith("applicants/") and "张三" not in name
    for url in (f"/media/{name}", f"/media/private/{name}", f"/{name}"):
        assert client.get(url).status_code == 404
