"""Reminders to agencies whose annual report is not published: queued, sent, audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from gongkai.audit.actions import action_label
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.reports.jobs import deliver_report_reminders
from gongkai.reports.models import ReportReminder
from gongkai.reports.reminders import do_send_report_reminders
from tests.report_helpers import publish_report

LATE = date(2026, 2, 3)  # after 31 January 2026: the 2025 reports are due


def _set_emails(district) -> None:
    for user in district.staff.values():
        user.email = f"{user.username}@example.cn"
        user.save(update_fields=["email"])


def test_a_late_agency_is_reminded_once_a_day(district, django_capture_on_commit_callbacks):
    _set_emails(district)
    publish_report(district, "b", 2025, on=date(2026, 1, 20))
    with acting(actor=district.operator), django_capture_on_commit_callbacks(execute=True):
        sent = do_send_report_reminders(agencies=[district.a, district.b], year=2025, today=LATE)
    assert sent.reminded == [district.a.name] and sent.published == [district.b.name]
    rows = ReportReminder.objects.filter(agency=district.a)
    # The agency's administrators and its 信息公开工作机构 staff, nobody else.
    assert {r.recipient.username for r in rows} == {"a_agency_admin", "a_disclosure_officer"}
    assert all(r.sent_at is not None for r in rows)  # delivered after the commit
    assert sorted(m.to[0] for m in mail.outbox) == [
        "a_agency_admin@example.cn",
        "a_disclosure_officer@example.cn",
    ]
    assert "已逾期（应于2026年1月31日前公布）" in mail.outbox[0].subject
    assert "第四十九条" in mail.outbox[0].body
    audit = AuditEntry.objects.get(action="report.remind")
    assert audit.agency == district.a and audit.actor == district.operator
    assert action_label("report.remind") == "发送年报催报提醒"

    with acting(actor=district.operator):
        again = do_send_report_reminders(agencies=[district.a], year=2025, today=LATE)
        next_day = do_send_report_reminders(
            agencies=[district.a], year=2025, today=date(2026, 2, 4)
        )
    assert again.reminded == [] and again.already_today == [district.a.name]
    assert "今日已提醒过" in again.message
    assert next_day.reminded == [district.a.name]
    assert AuditEntry.objects.filter(action="report.remind").count() == 2
    assert ReportReminder.objects.filter(agency=district.a).count() == 4


def test_an_agency_with_nobody_to_tell_is_named(district):
    root = district.a.parent
    with acting(actor=district.operator):
        sent = do_send_report_reminders(agencies=[root], year=2025, today=LATE)
    assert sent.nobody_to_tell == [root.name] and "无法提醒" in sent.message
    assert not ReportReminder.objects.exists()
    assert not AuditEntry.objects.filter(action="report.remind").exists()


def test_a_mail_server_away_keeps_the_reminder_for_the_next_run(district, settings):
    _set_emails(district)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with acting(actor=district.operator):
        do_send_report_reminders(agencies=[district.a], year=2025, today=LATE)
    deliver_report_reminders.call_local()
    pending = ReportReminder.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2 and all(r.attempts == 1 and r.last_error for r in pending)


def test_only_the_operator_reminds(district):
    for user in (district.user("a", "agency_admin"), district.user("b", "disclosure_officer")):
        with acting(actor=user), pytest.raises(PermissionDenied):
            do_send_report_reminders(agencies=[district.a], year=2025, today=LATE)
    assert not ReportReminder.objects.exists()


def test_the_roll_up_screen_reminds_one_agency_or_all(district, client):
    client.force_login(district.operator)
    root = district.a.parent
    page = client.get("/admin/district/reports/", {"year": "2025"}).content.decode()
    assert page.count("发送催报提醒</button>") == 3 and "全部催报" in page
    answer = client.post(
        "/admin/district/reports/remind/",
        {"year": "2025", "district": root.code, "agency": district.a.code},
        follow=True,
    )
    html = answer.content.decode()
    assert f"已向1个机构发送催报提醒：{district.a.name}" in html
    assert "催报</div>" in html  # the row says when it was reminded
    everyone = client.post(
        "/admin/district/reports/remind/", {"year": "2025", "district": root.code}, follow=True
    ).content.decode()
    assert f"今日已提醒过，未重复发送：{district.a.name}" in everyone
    assert district.b.name in everyone and "无法提醒：测试区人民政府" in everyone
    assert set(ReportReminder.objects.values_list("agency", flat=True)) == {
        district.a.pk,
        district.b.pk,
    }
    client.force_login(district.user("a", "agency_admin"))
    refused = client.post(
        "/admin/district/reports/remind/", {"year": "2025", "district": root.code}
    )
    assert refused.status_code == 302 and refused.url == "/admin/"
    assert ReportReminder.objects.count() == 4
