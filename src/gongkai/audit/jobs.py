"""Seal new audit entries into the hash chain, apart from the actions that wrote them."""

from __future__ import annotations

from huey import crontab

from gongkai.audit.chain import seal_pending
from gongkai.jobs.queue import periodic_job


@periodic_job(crontab(minute="*/10"))
def seal_audit_log() -> str:
    return f"已封存{seal_pending()}条审计记录"
