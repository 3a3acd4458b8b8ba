"""Work for annual reports in the background: sending the reminders to late agencies."""

from __future__ import annotations

from huey import crontab

from gongkai.jobs.queue import job, periodic_job
from gongkai.outbox import deliver
from gongkai.reports.models import ReportReminder


@job()
def deliver_report_reminders() -> str:
    """Send the reminders just queued (the operator clicked 催报)."""
    return f"发送催报提醒{deliver(ReportReminder.objects.all())}条"


@periodic_job(crontab(minute="*/30"))
def retry_report_reminders() -> str:
    """Send what the mail server refused earlier."""
    return f"发送催报提醒{deliver(ReportReminder.objects.all())}条"
