"""Periodic work for applications: reminders to handlers."""

from __future__ import annotations

from huey import crontab

from gongkai.applications.reminders import create_due_reminders, deliver_pending
from gongkai.jobs.queue import periodic_job


@periodic_job(crontab(minute="*/30"))
def remind_handlers() -> str:
    created = create_due_reminders()
    sent = deliver_pending()
    return f"新建提醒{created}条，发送{sent}条"
