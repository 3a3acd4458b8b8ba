"""Notices to the applicant at each step, by e-mail and by SMS (issue 15.6).

The SMS goes through the HTTP gateway backend to a fake gateway on loopback; the
e-mail through Django's mail. A message leaves only when the step's transaction
commits, and the SMS carries nothing personal beyond the receipt number.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from gongkai.applications import notices
from gongkai.applications.notices import NoticeStep, sms_text
from gongkai.applications.services import handling, intake
from gongkai.jobs.models import JobRun
from tests.test_applications import PERSON, office, officer  # noqa: F401  (fixture)

TODAY = date(2026, 11, 20)  # the date the services run on, never the machine's

MOBILE = "139 1234 5678"
EMAIL = "zhangsan@example.org"
APPLICANT = {**PERSON, "phone": MOBILE, "email": EMAIL}


@pytest.fixture
def agencies(office):  # noqa: F811
    return office


def file_online(agency: Any, capture: Any, **overrides: Any) -> Any:
    with capture(execute=True):
        return intake.do_submit_online_application(
            today=TODAY, agency=agency, **{**APPLICANT, **overrides}
        ).application


def test_the_submission_is_notified_by_mail_and_sms(
    agencies: Any, sms_gateway: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = file_online(agencies.a, django_capture_on_commit_callbacks)
    assert [m["to"] for m in sms_gateway.received] == ["13912345678"]
    assert application.receipt_number in sms_gateway.texts()[0]
    assert "已提交" in sms_gateway.texts()[0]
    [message] = mail.outbox
    assert message.to == [EMAIL]
    assert application.receipt_number in message.subject
    assert agencies.a.name in message.body and "/track/" in message.body
    assert PERSON["identity_number"] not in message.body
    assert PERSON["description"] not in message.body
    # A resend (the worker killed after the mail left) is the same message.
    assert message.extra_headers["Message-ID"] == (
        f"<notice.{application.receipt_number}.submitted@localhost>"
    )
    mail.outbox.clear()
    from gongkai.applications.jobs import send_notice_email

    send_notice_email.call_local(application.pk, "submitted")
    assert mail.outbox[0].message()["Message-ID"] == message.message()["Message-ID"]


def test_every_step_the_applicant_is_told_of_sends_both(
    agencies: Any, sms_gateway: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = file_online(agencies.a, django_capture_on_commit_callbacks)
    steps = [
        lambda: intake.do_confirm_receipt(
            today=TODAY, application=application, on=date(2026, 9, 1)
        ),
        lambda: handling.do_request_supplement(
            today=TODAY,
            application=application,
            on=date(2026, 9, 2),
            due=date(2026, 9, 16),
            items="写明街道",
        ),
        lambda: handling.do_receive_supplement(
            today=TODAY, application=application, on=date(2026, 9, 7)
        ),
        lambda: handling.do_send_consultation(
            today=TODAY, application=application, on=date(2026, 9, 8), party="某公司"
        ),
        lambda: handling.do_receive_consultation(
            today=TODAY, application=application, on=date(2026, 9, 10), party="某公司"
        ),
        lambda: handling.do_approve_extension(
            today=TODAY,
            application=application,
            on=date(2026, 9, 14),
            days=20,
            approved_by="王主任",
            reason="档案多",
        ),
        lambda: handling.do_send_fee_notice(
            today=TODAY, application=application, on=date(2026, 9, 15), basis="by_pages", pages=200
        ),
        lambda: handling.do_record_payment(
            today=TODAY, application=application, on=date(2026, 9, 16)
        ),
        lambda: handling.do_answer(
            today=TODAY, application=application, on=date(2026, 9, 18), answer_type="disclosed"
        ),
    ]
    with officer(agencies):
        for step in steps:
            with django_capture_on_commit_callbacks(execute=True):
                step()
    expected = [
        NoticeStep.SUBMITTED,
        NoticeStep.RECEIVED,
        NoticeStep.SUPPLEMENT_REQUESTED,
        NoticeStep.CONSULTATION,
        NoticeStep.EXTENDED,
        NoticeStep.FEE_NOTICE,
        NoticeStep.ANSWERED,
    ]
    texts = [sms_text(receipt_number=application.receipt_number, step=s) for s in expected]
    assert sms_gateway.texts() == texts
    assert len(mail.outbox) == len(expected)
    assert "需要您补正" in mail.outbox[2].subject


def test_the_sms_carries_nothing_personal_beyond_the_receipt_number(
    agencies: Any, sms_gateway: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Two applicants as different as can be get the same words around their numbers."""
    first = file_online(agencies.a, django_capture_on_commit_callbacks)
    second = file_online(
        agencies.b,
        django_capture_on_commit_callbacks,
        applicant_name="李四",
        identity_kind="passport",
        identity_number="E12345678",
        phone="+86 138-0000-1111",
        description="某街道拆迁补偿资料",
        address="武汉市某路1号",
    )
    one, two = sms_gateway.texts()
    assert one.replace(first.receipt_number, "#") == two.replace(second.receipt_number, "#")
    for personal in (
        first.applicant_name,
        second.applicant_name,
        first.identity_number,
        "13912345678",
        "13800001111",
        EMAIL,
        first.description,
        second.description,
        agencies.a.name,
        agencies.b.name,
        agencies.a.short_name,
    ):
        assert personal not in one and personal not in two
    assert sms_gateway.received[1]["to"] == "13800001111"


def test_a_landline_gets_no_sms_and_no_address_no_mail(
    agencies: Any, sms_gateway: Any, django_capture_on_commit_callbacks: Any
) -> None:
    file_online(agencies.a, django_capture_on_commit_callbacks, phone="027-12345678", email="")
    assert sms_gateway.received == [] and mail.outbox == []


def test_nothing_leaves_when_the_step_is_rolled_back(
    agencies: Any, sms_gateway: Any, django_capture_on_commit_callbacks: Any
) -> None:
    application = file_online(agencies.a, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    sms_gateway.received.clear()
    with (
        officer(agencies),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        intake.do_confirm_receipt(today=TODAY, application=application, on=date(2026, 9, 1))
        raise RuntimeError("the caller's transaction fails after the step")
    assert sms_gateway.received == [] and mail.outbox == []


def test_a_gateway_that_is_away_does_not_undo_the_step(
    agencies: Any, sms_gateway: Any, django_capture_on_commit_callbacks: Any
) -> None:
    sms_gateway.failing = True
    application = file_online(agencies.a, django_capture_on_commit_callbacks)
    assert application.pk and len(mail.outbox) == 1
    failed = JobRun.objects.filter(name__contains="send_notice_sms").last()
    assert failed is None or failed.status != "succeeded"


def test_the_demo_sends_nothing(
    agencies: Any, sms_gateway: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with notices.muted():
        file_online(agencies.a, django_capture_on_commit_callbacks)
    assert sms_gateway.received == [] and mail.outbox == []


def test_the_console_backend_is_the_default_and_masks_the_number(
    capsys: Any, settings: Any
) -> None:
    from gongkai.sms import send_sms

    assert settings.GONGKAI_SMS_BACKEND == "gongkai.sms.ConsoleBackend"
    send_sms(to="13912345678", text="【政府信息公开】测试")
    out = capsys.readouterr().out
    assert "139****5678" in out and "13912345678" not in out and "测试" in out


def test_the_gateway_backend_needs_its_url_and_token(settings: Any, sms_gateway: Any) -> None:
    from gongkai.sms import SmsError, send_sms

    settings.GONGKAI_SMS_TOKEN = "wrong"
    with pytest.raises(SmsError, match="HTTP 401"):
        send_sms(to="13912345678", text="x")
    settings.GONGKAI_SMS_URL = ""
    with pytest.raises(SmsError, match="GONGKAI_SMS_URL"):
        send_sms(to="13912345678", text="x")
    assert sms_gateway.received == []
