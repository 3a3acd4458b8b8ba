"""Periodic check that next year's holiday schedule has been loaded."""

from __future__ import annotations

import logging

from django.utils import timezone
from huey import crontab

from gongkai.jobs.queue import periodic_job
from gongkai.workcalendar.selectors import known_years

log = logging.getLogger(__name__)

# The State Council publishes next year's schedule in November; from December
# on, deadlines near year end already run into the new year.
WARN_FROM_MONTH = 12


@periodic_job(crontab(hour="8", minute="0"))
def check_calendar_coverage() -> str:
    today = timezone.localdate()
    years = set(known_years())
    missing = [y for y in (today.year, today.year + 1) if y not in years]
    if today.year in missing or (missing and today.month >= WARN_FROM_MONTH):
        message = f"缺少{'、'.join(map(str, missing))}年节假日安排，请尽快导入。"
        log.warning(message)
        return message
    return "节假日安排齐全"
