"""Alerts through the mail outbox: to the operator and the owning agency when a veto item
fails or personal data appears on a page.

Each alert is one ``InspectionAlert`` row per recipient, keyed so a second run on the
same day raises nothing twice; ``deliver_alerts`` sends what is pending and keeps a
failure for the next run, like the handlers' reminders.
"""

from __future__ import annotations

import hashlib
from datetime import date

from django.db import IntegrityError, transaction

from gongkai.agencies.models import Agency, Role
from gongkai.inspection.findings import FindingKind
from gongkai.inspection.models import Finding, InspectionAlert, InspectionRun
from gongkai.outbox import deliver, recipients

PERSONAL_DATA = frozenset({FindingKind.ID_CARD, FindingKind.MOBILE, FindingKind.BANK_CARD})


def _queue(key: str, *, subject: str, body: str, agency: Agency | None) -> int:
    users = recipients(roles=[Role.OPERATOR])
    if agency is not None:
        users += recipients(roles=[Role.DISCLOSURE_OFFICER], agency=agency)
    digest = hashlib.sha256(key.encode()).hexdigest()
    created = 0
    for user in {u.pk: u for u in users}.values():
        try:
            with transaction.atomic():
                InspectionAlert.objects.create(
                    key=digest, recipient=user, agency=agency, subject=subject, body=body
                )
            created += 1
        except IntegrityError:
            continue  # already alerted
    return created


def raise_alerts(*, run: InspectionRun, today: date) -> int:
    """Queue alerts for the run's failed or at-risk veto items and its new personal-data
    findings."""
    from gongkai.inspection.models import ListedSite

    owners = {s.url: s.agency for s in ListedSite.objects.select_related("agency")}
    created = 0
    for verdict in run.veto:
        if verdict["passed"] is False:
            state = "不合格"
        elif verdict.get("at_risk"):
            state = "接近否决线"
        else:
            continue
        site = verdict["site"]
        created += _queue(
            f"veto|{today}|{site}|{verdict['indicator']}|{state}",
            subject=f"【巡检预警】{site} 单项否决指标“{verdict['indicator']}”{state}",
            body=f"巡检日期：{today.isoformat()}\n网站：{site}\n"
            f"指标：{verdict['indicator']}\n依据：{verdict['evidence']}\n"
            "请登录政府信息公开平台查看巡检结果并及时整改。",
            agency=owners.get(site),
        )
    personal = run.findings.filter(
        type__in=[str(k) for k in PERSONAL_DATA], status=Finding.Status.NEW
    ).select_related("agency")
    for finding in personal:
        created += _queue(
            f"personal|{finding.key}",
            subject=f"【巡检预警】网页出现个人信息：{FindingKind(finding.type).label}",
            body=f"巡检日期：{today.isoformat()}\n页面：{finding.url}\n"
            f"证据（已脱敏）：{finding.evidence}\n请立即删除或遮盖后重新发布。",
            agency=finding.agency,
        )
    return created


def deliver_alerts(*, limit: int = 500) -> int:
    """Send pending alerts; a failure stays pending with its error and is retried."""
    return deliver(InspectionAlert.objects.all(), limit=limit)
