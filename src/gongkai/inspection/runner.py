"""One full inspection of everything gongkai watches: its portal (when given) and every
site the operator lists, with their columns; stored, then alerts raised.

What the admin's 立即巡检 button and the scheduled job both call. Reachability is judged
from the stored 15-minute probes of the past week when there are enough of them, as the
indicator measures it, rather than from one run's requests.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import date
from typing import Any

from gongkai.inspection.columns import Column, portal_columns
from gongkai.inspection.crawler import CrawlOptions
from gongkai.inspection.findings import FindingKind, Observation, Severity
from gongkai.inspection.inspect import Inspection, inspect_sites, site_root
from gongkai.inspection.models import InspectionRun, ListedSite
from gongkai.inspection.probes import stored_reachability
from gongkai.inspection.services import do_record_inspection
from gongkai.rules.site_inspection import (
    MIN_PROBES,
    ColumnKind,
    Indicator,
    judge_reachability,
)


def inspected_urls(*, portal_url: str = "") -> list[str]:
    """The portal's root first (when given), then every active listed site."""
    listed = ListedSite.objects.filter(is_active=True).values_list("url", flat=True)
    return list(dict.fromkeys([*([portal_url] if portal_url else []), *listed]))


def run_inspection(
    *,
    today: date,
    portal_url: str = "",
    max_pages: int = 2000,
    delay: float = 0.5,
    cache: MutableMapping[str, dict[str, Any]] | None = None,
) -> InspectionRun:
    from gongkai.inspection.alerts import raise_alerts

    sites = list(ListedSite.objects.filter(is_active=True).prefetch_related("columns"))
    urls = inspected_urls(portal_url=portal_url)
    columns = [Column(c.url, c.name, ColumnKind(c.kind)) for s in sites for c in s.columns.all()]
    approved: dict[str, str] = {}
    mandatory = []
    if portal_url:
        from gongkai.inspection.portal import agency_columns, approved_documents

        columns = [*portal_columns(portal_url), *columns]
        approved = approved_documents(portal_url)
        mandatory = agency_columns(portal_url)
    options = CrawlOptions(
        max_pages=max_pages,
        delay=delay,
        check_external=any(s.check_external for s in sites),
        probes=0,  # the 15-minute probes are stored; see with_stored_probes
    )
    inspection = inspect_sites(
        urls,
        today=today,
        columns=columns,
        options=options,
        cache=cache,
        approved=approved,
        mandatory=mandatory,
    )
    with_stored_probes(inspection, today=today)
    run = do_record_inspection(inspection=inspection, today=today, portal=portal_url)
    raise_alerts(run=run, today=today)
    return run


def with_stored_probes(inspection: Inspection, *, today: date) -> None:
    """Judge 站点无法访问 from the week's stored probes where there are at least 20."""
    for root, verdicts in inspection.veto.items():
        probes, failures = stored_reachability(root, today=today)
        if probes < MIN_PROBES:
            continue
        verdicts[:] = [
            judge_reachability(probes=probes, failures=failures)
            if v.indicator is Indicator.UNREACHABLE
            else v
            for v in verdicts
        ]
        if failures:
            inspection.findings.append(
                Observation(
                    FindingKind.UNREACHABLE,
                    site_root(root),
                    f"近7天探测{probes}次，{failures}次未能打开",
                    Severity.HIGH,
                )
            )
