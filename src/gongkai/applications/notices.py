"""Telling the applicant at each step, by e-mail and by SMS (issue 15.6).

A step's service records it; when its transaction commits, a notice goes out to the
contact details the applicant gave on the form: an e-mail through Django's mail, and a
text message through :mod:`gongkai.sms` when the phone is a mainland mobile. Sending is a
queued job each (:mod:`gongkai.applications.jobs`), so a mail server or gateway that is
away neither slows the step nor loses the notice: the job retries.

A text message is read on a lock screen and kept by the carrier, so it carries nothing
personal beyond the receipt number: not the agency (which says what the person asked
about), not the name, not the request; the applicant looks the rest up on /track/. The
e-mail goes to the applicant's own address and says which agency and what to do, still
without the identity number or the request.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import StrEnum

from django.conf import settings

from gongkai.applications.models import Application
from gongkai.rules.application_clock import EventKind
from gongkai.rules.workdays import format_date


class NoticeStep(StrEnum):
    SUBMITTED = "submitted"
    RECEIVED = "received"
    SUPPLEMENT_REQUESTED = "supplement_requested"
    EXTENDED = "extended"
    CONSULTATION = "consultation"
    FEE_NOTICE = "fee_notice"
    ANSWERED = "answered"


# The clock events the applicant is told about, and the notice each one sends.
STEP_FOR_EVENT = {
    EventKind.RECEIVED: NoticeStep.RECEIVED,
    EventKind.SUPPLEMENT_REQUESTED: NoticeStep.SUPPLEMENT_REQUESTED,
    EventKind.EXTENSION_APPROVED: NoticeStep.EXTENDED,
    EventKind.CONSULTATION_SENT: NoticeStep.CONSULTATION,
    EventKind.FEE_NOTICE_SENT: NoticeStep.FEE_NOTICE,
    EventKind.ANSWERED: NoticeStep.ANSWERED,
}

# What happened, in the words of both the SMS and the e-mail subject.
HEADLINES = {
    NoticeStep.SUBMITTED: "已提交，等待受理机构确认",
    NoticeStep.RECEIVED: "已确认收到，开始计算答复期限",
    NoticeStep.SUPPLEMENT_REQUESTED: "需要您补正申请内容",
    NoticeStep.EXTENDED: "答复期限已依法延长",
    NoticeStep.CONSULTATION: "正在征求第三方意见，答复期限相应顺延",
    NoticeStep.FEE_NOTICE: "需要缴纳信息处理费",
    NoticeStep.ANSWERED: "已作出答复",
}
ACTIONS = {
    NoticeStep.SUBMITTED: "请妥善保存提交时显示的查询码。",
    NoticeStep.RECEIVED: "",
    NoticeStep.SUPPLEMENT_REQUESTED: "请在补正期限内提交补正材料，可在网站“申请查询”中上传。",
    NoticeStep.EXTENDED: "",
    NoticeStep.CONSULTATION: "",
    NoticeStep.FEE_NOTICE: "请按缴费通知在期限内缴纳，逾期视为放弃申请。",
    NoticeStep.ANSWERED: "答复书可在网站“申请查询”中下载。",
}
SMS_SIGNATURE = "【政府信息公开】"

_muted: ContextVar[bool] = ContextVar("gongkai_notices_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No notices inside: the demo builds years of invented applications."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def sms_text(*, receipt_number: str, step: NoticeStep) -> str:
    """The text message: fixed words and the receipt number, nothing else."""
    action = ACTIONS[step]
    return (
        f"{SMS_SIGNATURE}您的政府信息公开申请{receipt_number}{HEADLINES[step]}。"
        f"{action}详情请凭申请编号和查询码在网站“申请查询”中查看。"
    )


def email_message(application: Application, step: NoticeStep) -> tuple[str, str]:
    """Subject and body of the e-mail for ``step``, as the application stands now."""
    subject = f"政府信息公开申请 {application.receipt_number}：{HEADLINES[step]}"
    lines = [
        "您好：",
        "",
        f"您向{application.agency.name}提交的政府信息公开申请（申请编号"
        f"{application.receipt_number}）{HEADLINES[step]}。",
    ]
    if application.answer_due and step in {
        NoticeStep.RECEIVED,
        NoticeStep.EXTENDED,
        NoticeStep.CONSULTATION,
    }:
        lines.append(f"目前的答复期限为{format_date(application.answer_due)}。")
    if ACTIONS[step]:
        lines.append(ACTIONS[step])
    lines += [
        "",
        f"办理进度、告知书和期限说明：{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/track/"
        "（凭申请编号和查询码查询）。",
        "告知书同时按您在申请中选择的方式送达。本邮件由系统自动发送，请勿回复。",
    ]
    return subject, "\n".join(lines)


def notify_on_commit(*, application: Application, step: NoticeStep) -> None:
    """Queue the e-mail and the SMS of ``step`` for when the current transaction commits."""
    if _muted.get():
        return
    from gongkai.applications.jobs import send_notice_email, send_notice_sms
    from gongkai.jobs.outbox import enqueue_on_commit
    from gongkai.rules.identifiers import mainland_mobile

    if application.email:
        enqueue_on_commit(send_notice_email, application.pk, step.value)
    if mainland_mobile(application.phone):
        enqueue_on_commit(send_notice_sms, application.pk, step.value)


def notify_event(*, application: Application, kind: EventKind) -> None:
    """The notice of a clock event, if the applicant is told about that kind of event."""
    step = STEP_FOR_EVENT.get(kind)
    if step is not None:
        notify_on_commit(application=application, step=step)
