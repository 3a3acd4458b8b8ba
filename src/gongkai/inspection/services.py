"""Writes for inspection: store a run, and move findings along new → acknowledged → fixed.

The platform's operator runs inspections (or the system's schedule does); a finding is
closed by the next run that no longer sees it, never by hand, so "fixed" means the site
was checked again.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.audit.services import record
from gongkai.db_locks import lock_for_transaction
from gongkai.inspection.findings import Observation
from gongkai.inspection.inspect import Inspection, site_root
from gongkai.inspection.models import Finding, InspectionRun
from gongkai.jobs.models import JobRun

OPEN = (Finding.Status.NEW, Finding.Status.ACKNOWLEDGED)


def finding_key(observation: Observation) -> str:
    return hashlib.sha256("\x1f".join(observation.key).encode()).hexdigest()


def do_record_inspection(*, inspection: Inspection, today: date, portal: str = "") -> InspectionRun:
    """Store the run; refresh the findings it saw; close the open ones it no longer sees
    on the sites it inspected. Each new finding is given the agency its content belongs
    to: the listed site's agency, or on the ``portal`` the agency whose branch it is in."""
    from gongkai.agencies.services import require_operator

    require_operator()
    agency_of = _agency_resolver(portal)
    sites = sorted(inspection.veto)
    summary = inspection.as_dict()
    with transaction.atomic():
        run = InspectionRun.objects.create(
            inspected_on=today,
            sites=sites,
            pages=summary["pages"],
            attachments=summary["attachments"],
            veto=summary["veto"],
            vetoed=inspection.failed,
            not_judged=inspection.not_judged,
            site_findings=dict(Counter(site_root(o.url) for o in inspection.findings)),
        )
        seen = []
        for observation in inspection.findings:
            key = finding_key(observation)
            seen.append(key)
            finding, created = Finding.objects.select_for_update().get_or_create(
                key=key,
                defaults={
                    "type": str(observation.type),
                    "url": observation.url,
                    "target": observation.target,
                    "evidence": observation.evidence,
                    "severity": str(observation.severity),
                    "site": site_root(observation.url),
                    "first_seen": today,
                    "last_seen": today,
                    "last_run": run,
                    "agency_id": agency_of(observation.url),
                },
            )
            if not created:
                if finding.status == Finding.Status.FIXED:  # it came back
                    finding.status = Finding.Status.NEW
                finding.evidence, finding.last_seen, finding.last_run = (
                    observation.evidence,
                    today,
                    run,
                )
                finding.save(update_fields=["status", "evidence", "last_seen", "last_run"])
        fixed = (
            Finding.objects.filter(site__in=sites, status__in=OPEN)
            .exclude(key__in=seen)
            .update(status=Finding.Status.FIXED)
        )
        record(
            action="inspection.run",
            summary=f"巡检{len(sites)}个网站：发现{len(seen)}个问题，{fixed}个问题已整改关闭"
            + ("，单项否决不合格" if inspection.failed else ""),
            obj=run,
            changes={"sites": sites, "findings": len(seen), "fixed": fixed},
        )
    return run


# Serialises requests for an inspection (gongkai.db_locks).
REQUEST_LOCK_KEY = 0x67_6B_69_6E  # "gkin"


def do_request_inspection(*, today: date, portal_url: str, max_pages: int) -> JobRun:
    """Queue one inspection now (立即巡检); refused while another is queued or running.

    The crawl runs on the batch queue, not in the request: the portal alone is thousands
    of pages at a polite rate, which outlasts a request, and a double click on the button
    started a second whole crawl beside the first.
    """
    from gongkai.agencies.services import require_operator
    from gongkai.inspection.jobs import inspection_now_job
    from gongkai.inspection.selectors import unfinished_inspection
    from gongkai.jobs.outbox import enqueue_on_commit

    require_operator()
    with transaction.atomic():
        lock_for_transaction(REQUEST_LOCK_KEY)
        unfinished = unfinished_inspection()
        if unfinished is not None:
            since = timezone.localtime(unfinished.enqueued_at)
            raise ValidationError(
                f"已有一次巡检{unfinished.get_status_display()}（{since:%H:%M}提交），"
                "完成后结果显示在巡检记录中，请勿重复提交。"
            )
        job = enqueue_on_commit(inspection_now_job, today.isoformat(), portal_url, max_pages)
        record(
            action="inspection.request",
            summary=f"开始巡检：巡检日期{today.isoformat()}，页面预算{max_pages}"
            + ("，含本平台门户" if portal_url else ""),
            obj=job,
            changes={"today": today.isoformat(), "portal": portal_url, "max_pages": max_pages},
        )
    return job


def _agency_resolver(portal: str) -> Callable[[str], int | None]:
    from gongkai.inspection.models import ListedSite
    from gongkai.inspection.portal import owning_agency_id

    listed = {site_root(s.url): s.agency_id for s in ListedSite.objects.all()}
    portal_root = site_root(portal) if portal else ""

    def agency_of(url: str) -> int | None:
        root = site_root(url)
        if portal_root and root == portal_root:
            return owning_agency_id(url)
        return listed.get(root)

    return agency_of


def do_acknowledge_finding(*, finding: Finding) -> Finding:
    """The operator has seen the finding; it stays open until a run no longer sees it."""
    from gongkai.agencies.services import require_operator

    require_operator()
    with transaction.atomic():
        locked = Finding.objects.select_for_update().get(pk=finding.pk)
        if locked.status != Finding.Status.NEW:
            return locked
        locked.status = Finding.Status.ACKNOWLEDGED
        locked.save(update_fields=["status"])
        record(
            action="inspection.acknowledge",
            summary=f"确认巡检发现：{locked.type} {locked.url}",
            obj=locked,
            changes={"status": [Finding.Status.NEW, Finding.Status.ACKNOWLEDGED]},
        )
    return locked
