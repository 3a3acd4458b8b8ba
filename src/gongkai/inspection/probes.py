"""Availability probes (站点无法访问): every 15 minutes each inspected site's home page is
requested once; a probe fails when the page does not open within 15 s.

Stored one row a probe, so the veto item is judged over the indicator's week rather
than over one run's burst of requests.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import httpx
from django.utils import timezone

from gongkai.inspection.fetch import USER_AGENT
from gongkai.inspection.models import AvailabilityProbe
from gongkai.rules.site_inspection import PROBE_TIMEOUT_SECONDS

MONITORED_DAYS = 7  # "监测 1 周"


def probe(url: str, *, at: datetime, client: httpx.Client | None = None) -> AvailabilityProbe:
    """Request ``url`` once and store whether it opened (a status below 400) in time."""
    began = time.monotonic()
    status, error = 0, ""
    own = client is None
    client = client or httpx.Client(
        timeout=PROBE_TIMEOUT_SECONDS, headers={"User-Agent": USER_AGENT}, trust_env=False
    )
    try:
        status = client.get(url, follow_redirects=True).status_code
    except httpx.TimeoutException:
        error = f"超过{PROBE_TIMEOUT_SECONDS}秒未打开"
    except httpx.HTTPError as failure:
        error = f"无法连接（{type(failure).__name__}）"
    finally:
        if own:
            client.close()
    seconds = time.monotonic() - began
    ok = not error and status < 400 and seconds <= PROBE_TIMEOUT_SECONDS
    return AvailabilityProbe.objects.create(
        site=url,
        probed_at=at,
        ok=ok,
        seconds=round(seconds, 3),
        status=status,
        error=error or ("" if status < 400 else f"HTTP {status}"),
    )


def probe_sites(urls: list[str], *, at: datetime | None = None) -> list[AvailabilityProbe]:
    at = at or timezone.now()
    with httpx.Client(
        timeout=PROBE_TIMEOUT_SECONDS, headers={"User-Agent": USER_AGENT}, trust_env=False
    ) as client:
        return [probe(url, at=at, client=client) for url in urls]


def stored_reachability(site: str, *, today: date) -> tuple[int, int]:
    """(probes, failures) of ``site`` over the week ending ``today``."""
    since = today - timedelta(days=MONITORED_DAYS - 1)
    rows = AvailabilityProbe.objects.filter(site=site, probed_at__date__gte=since).filter(
        probed_at__date__lte=today
    )
    return rows.count(), rows.filter(ok=False).count()
