"""Periodic work for the catalogue: entries approved with a go-live date go live."""

from __future__ import annotations

from django.core.management import call_command
from huey import crontab

from gongkai.jobs.queue import periodic_job


@periodic_job(crontab(minute="*"))
def publish_scheduled() -> str:
    """Wagtail's scheduled publishing is a command to run; the worker runs it each minute.
    Each publication passes the same screening gate as an approval does."""
    call_command("publish_scheduled", verbosity=0)
    return "已处理定时发布"
