"""Periodic check that next year's holiday schedule has been loaded."""

from __future__ import annotations

import logging

from django.utils import timezone
from huey import crontab

from gongkai.jobs.queue import periodic_job
from gongkai.workcalendar.selectors import missing_years

log = logging.getLogger(__name__)


@periodic_job(crontab(hour="8", minute="0"))
def check_calendar_coverage() -> str:
    missing = missing_years(today=timezone.localdate())
    if missing:
        message = f"缺少{'、'.join(map(str, missing))}年节假日安排，请尽快导入。"
        log.warning(message)
        return message
    return "节假日安排齐全"
