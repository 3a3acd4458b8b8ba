"""Scheduled inspection on the task queue (visible in 后台任务, retried on failure):
availability probes every 15 minutes, and an hourly check whether a full inspection is
due (daily; several times a day over holidays and 重要时期)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from huey import crontab

from gongkai.jobs.queue import job, periodic_job
from gongkai.rules.site_inspection import PROBE_INTERVAL_MINUTES


def _portal_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL if settings.GONGKAI_INSPECT_PORTAL else ""


@periodic_job(crontab(minute=f"*/{PROBE_INTERVAL_MINUTES}"))
def probe_sites_job() -> str:
    from gongkai.inspection.alerts import deliver_alerts
    from gongkai.inspection.inspect import site_root
    from gongkai.inspection.probes import probe_sites
    from gongkai.inspection.runner import inspected_urls

    probes = probe_sites([site_root(u) for u in inspected_urls(portal_url=_portal_url())])
    sent = deliver_alerts()
    failed = sum(1 for p in probes if not p.ok)
    return f"探测{len(probes)}个网站，{failed}个未能打开；发送预警{sent}条"


@periodic_job(crontab(minute="5"), batch=True)  # a full crawl takes minutes
def scheduled_inspection_job() -> str:
    from gongkai.inspection.alerts import deliver_alerts
    from gongkai.inspection.runner import run_inspection
    from gongkai.inspection.schedule import inspection_due
    from gongkai.inspection.selectors import marked_periods
    from gongkai.workcalendar.selectors import working_calendar

    now = timezone.localtime()
    if not inspection_due(now, calendar=working_calendar(), periods=marked_periods()):
        return "未到巡检时间"
    run = run_inspection(today=now.date(), portal_url=_portal_url())
    sent = deliver_alerts()
    return f"巡检完成：{run}；发送预警{sent}条"


@job(batch=True, retries=0)  # the operator asked for it: a failure is shown, not retried
def inspection_now_job(today: str, portal_url: str, max_pages: int) -> str:
    """立即巡检, run here rather than in the request: a full crawl outlasts any request."""
    from datetime import date

    from gongkai.inspection.alerts import deliver_alerts
    from gongkai.inspection.runner import run_inspection

    run = run_inspection(
        today=date.fromisoformat(today), portal_url=portal_url, max_pages=max_pages
    )
    sent = deliver_alerts()
    return f"巡检完成：{run}；发送预警{sent}条"
