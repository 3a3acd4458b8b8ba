"""Reminding agencies whose annual report is not published (催报, 条例 Art. 49 ¶1).

The operator, who must publish the district's report by 31 March from the agencies'
reports, reminds the agencies that have not published theirs. Each reminder is one
outbox row per recipient — the agency's administrators and its 信息公开工作机构 staff —
sent by the job like every queued mail (:mod:`gongkai.outbox`), and one audit row per
agency. An agency is reminded at most once a day: a second click the same day queues
nothing and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from gongkai.agencies.models import Agency, Role
from gongkai.agencies.services import require_operator
from gongkai.audit.services import record
from gongkai.outbox import recipients
from gongkai.reports.compose import is_published
from gongkai.reports.models import AnnualReport, ReportReminder
from gongkai.rules.report_deadlines import agency_report_due, is_late
from gongkai.rules.report_format import format_for_year
from gongkai.rules.workdays import format_date

# Who is told: whoever can write and publish the report in the agency.
REMINDED_ROLES = (Role.AGENCY_ADMIN, Role.DISCLOSURE_OFFICER)


@dataclass
class RemindersSent:
    """What one click did, by agency name, for the operator's message."""

    reminded: list[str] = field(default_factory=list)
    already_today: list[str] = field(default_factory=list)
    published: list[str] = field(default_factory=list)
    nobody_to_tell: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        parts = []
        if self.reminded:
            parts.append(f"已向{len(self.reminded)}个机构发送催报提醒：{'、'.join(self.reminded)}")
        if self.already_today:
            parts.append(f"今日已提醒过，未重复发送：{'、'.join(self.already_today)}")
        if self.published:
            parts.append(f"报告已发布，无需提醒：{'、'.join(self.published)}")
        if self.nobody_to_tell:
            parts.append(
                f"没有机构管理员或信息公开工作机构人员，无法提醒：{'、'.join(self.nobody_to_tell)}"
            )
        return "；".join(parts) + "。" if parts else "没有需要提醒的机构。"


def _message(agency: Agency, year: int, today: date) -> tuple[str, str]:
    due = agency_report_due(year)
    late = is_late(year=year, today=today, finalised_on=None)
    state = f"已逾期（应于{format_date(due)}前公布）" if late else f"应于{format_date(due)}前公布"
    subject = f"【催报提醒】{agency.name}{year}年度政府信息公开工作年度报告{state}"
    body = (
        f"机构：{agency.name}\n报告年度：{year}年度\n"
        f"依据：《中华人民共和国政府信息公开条例》第四十九条，{state}。\n"
        f"提醒日期：{format_date(today)}\n"
        "请登录政府信息公开平台完成年度报告的编写、审核和发布。"
    )
    return subject, body


def do_send_report_reminders(
    *, agencies: Sequence[Agency], year: int, today: date
) -> RemindersSent:
    """Queue a reminder to each of ``agencies`` whose ``year`` report is not published.

    Operator only. Skips, and names, the agencies already reminded ``today``, those that
    have published, and those with nobody to tell. Delivery runs after the commit.
    """
    require_operator()
    format_for_year(year)
    outcome = RemindersSent()
    stored = {
        r.agency_id: r
        for r in AnnualReport.objects.filter(agency__in=agencies, year=year).select_related(
            "agency"
        )
    }
    with transaction.atomic():
        for agency in agencies:
            if is_published(stored.get(agency.pk)):
                outcome.published.append(agency.name)
                continue
            reminded = ReportReminder.objects.select_for_update().filter(
                agency=agency, year=year, day=today
            )
            if reminded.exists():
                outcome.already_today.append(agency.name)
                continue
            users = recipients(roles=REMINDED_ROLES, agency=agency)
            if not users:
                outcome.nobody_to_tell.append(agency.name)
                continue
            subject, body = _message(agency, year, today)
            ReportReminder.objects.bulk_create(
                ReportReminder(
                    agency=agency, year=year, day=today, recipient=u, subject=subject, body=body
                )
                for u in users
            )
            record(
                action="report.remind",
                summary=f"向{agency.name}发送{year}年度报告催报提醒（{len(users)}人）",
                agency=agency,
                changes={"recipients": [u.get_username() for u in users]},
            )
            outcome.reminded.append(agency.name)
        if outcome.reminded:
            from gongkai.jobs.outbox import enqueue_on_commit
            from gongkai.reports.jobs import deliver_report_reminders

            enqueue_on_commit(deliver_report_reminders)
    return outcome
