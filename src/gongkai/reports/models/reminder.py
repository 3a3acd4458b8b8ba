"""A reminder to an agency whose annual report is late, in the mail outbox."""

from __future__ import annotations

from django.db import models

from gongkai.outbox import OutboxMessage


class ReportReminder(OutboxMessage):
    """One reminder (催报提醒) to one recipient, sent by the job like every outbox row.

    ``day`` is the day the operator sent it: an agency is reminded at most once a day,
    whatever the number of clicks.
    """

    agency = models.ForeignKey(
        "agencies.Agency", verbose_name="机构", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    day = models.DateField("提醒日期")

    class Meta(OutboxMessage.Meta):
        verbose_name = "年报催报提醒"
        verbose_name_plural = "年报催报提醒"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "day", "recipient"], name="report_reminder_once_a_day"
            )
        ]
