"""Reads for the inspection screens, exports and schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from gongkai.inspection.models import Finding, ImportantPeriod, InspectionRun
from gongkai.inspection.schedule import Period
from gongkai.jobs.models import JobRun


def marked_periods() -> list[Period]:
    return [
        Period(p.name, p.starts_on, p.ends_on)
        for p in ImportantPeriod.objects.all().only("name", "starts_on", "ends_on")
    ]


def unfinished_inspection() -> JobRun | None:
    """The inspection queued or running now (asked for by hand or by the schedule)."""
    from gongkai.inspection.jobs import inspection_now_job, scheduled_inspection_job

    names = [job.task_class.__name__ for job in (inspection_now_job, scheduled_inspection_job)]
    return JobRun.objects.filter(name__in=names).unfinished().order_by("enqueued_at").first()


def findings_visible_to(user: object) -> QuerySet[Finding]:
    """The operator sees every finding; an agency's staff those on their agencies' content."""
    from gongkai.agencies.selectors import agency_ids_for, is_operator

    if is_operator(user):
        return Finding.objects.all()
    return Finding.objects.filter(agency_id__in=agency_ids_for(user))


@dataclass(frozen=True, slots=True)
class TrendPoint:
    day: date
    findings: int  # findings the run saw on the site
    failed_items: int  # veto items failed


def site_trend(site: str, *, limit: int = 60) -> list[TrendPoint]:
    """One point per run that inspected ``site``, oldest first."""
    runs = [
        r for r in InspectionRun.objects.order_by("-started_at")[: limit * 4] if site in r.sites
    ]
    points = []
    for run in runs[:limit][::-1]:
        failed = sum(1 for v in run.veto if v.get("site") == site and v["passed"] is False)
        points.append(TrendPoint(run.inspected_on, run.site_findings.get(site, 0), failed))
    return points


def run_sites() -> list[str]:
    """Every site any stored run inspected, for the trend screen's choice."""
    sites: set[str] = set()
    for listed in InspectionRun.objects.values_list("sites", flat=True)[:500]:
        sites.update(listed)
    return sorted(sites)
