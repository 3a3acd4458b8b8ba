"""Work for applications in the background: reminders to handlers, notices to applicants."""

from __future__ import annotations

from django.utils import timezone
from huey import crontab

from gongkai.applications.reminders import create_due_reminders, deliver_pending
from gongkai.jobs.queue import job, periodic_job


@periodic_job(crontab(minute="*/30"))
def remind_handlers() -> str:
    created = create_due_reminders(today=timezone.localdate())
    sent = deliver_pending()
    return f"新建提醒{created}条，发送{sent}条"


@job()
def send_notice_email(application_id: int, step: str) -> str:
    """The e-mail of one step to the applicant; retried while the mail server is away.

    Its Message-ID is the step's own, the same on every attempt: a worker killed after
    the mail left but before the job was recorded done sends it again (3 of 1,500 in the
    fault bench), and the applicant's mail client then shows the one message once.
    """
    from django.conf import settings
    from django.core.mail import EmailMessage

    from gongkai.applications.models import Application
    from gongkai.applications.notices import NoticeStep, email_message

    application = Application.objects.select_related("agency").get(pk=application_id)
    subject, body = email_message(application, NoticeStep(step))
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    message_id = f"<notice.{application.receipt_number}.{step}@{domain}>"
    EmailMessage(
        subject, body, None, [application.email], headers={"Message-ID": message_id}
    ).send()
    return f"已向申请人发送邮件通知（{application.receipt_number}）"


@job()
def send_notice_sms(application_id: int, step: str) -> str:
    """The SMS of one step to the applicant's mobile; retried while the gateway is away."""
    from gongkai.applications.models import Application
    from gongkai.applications.notices import NoticeStep, sms_text
    from gongkai.rules.identifiers import mainland_mobile
    from gongkai.sms import send_sms

    application = Application.objects.get(pk=application_id)
    mobile = mainland_mobile(application.phone)
    if mobile is None:
        return "无手机号码，未发送短信"
    send_sms(
        to=mobile,
        text=sms_text(receipt_number=application.receipt_number, step=NoticeStep(step)),
    )
    return f"已向申请人发送短信通知（{application.receipt_number}）"


@job()
def tell_handlers_of_supplement(application_id: int) -> str:
    """The handler (else the agency's officers) learns that a supplement came online."""
    from django.core.mail import send_mail

    from gongkai.applications.models import Application
    from gongkai.applications.reminders import handlers_of

    application = Application.objects.select_related("agency", "handler").get(pk=application_id)
    addresses = [user.email for user in handlers_of(application) if user.email]
    if not addresses:
        return "承办人未登记电子邮箱，未发送"
    send_mail(
        f"【补正材料】政府信息公开申请 {application.receipt_number} 的申请人已网上提交补正材料",
        f"申请编号：{application.receipt_number}\n受理机构：{application.agency.name}\n"
        "申请人已在网上提交补正材料。请登录政府信息公开平台查看材料，"
        "确认后登记“收到补正”，答复期限自收到补正之日起重新计算。",
        None,
        addresses,
    )
    return f"已通知承办人补正材料到达（{application.receipt_number}）"
