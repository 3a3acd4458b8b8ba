"""The audit log shows what happened in Chinese, not the action ids it stores."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.test import Client

from gongkai.audit.actions import ACTION_LABELS, action_label
from gongkai.audit.models import AuditEntry
from gongkai.rules.application_clock import EventKind

SRC = Path(__file__).resolve().parents[1] / "src" / "gongkai"
LITERAL_ACTION = re.compile(r'action="([a-z_]+\.[a-z_.]+)"')


def test_every_recorded_action_id_has_a_chinese_label() -> None:
    recorded = {
        match
        for path in SRC.rglob("*.py")
        for match in LITERAL_ACTION.findall(path.read_text(encoding="utf-8"))
    }
    assert recorded, "no action ids found: the pattern is out of date"
    assert sorted(recorded - ACTION_LABELS.keys()) == []


def test_clock_events_and_wagtail_actions_are_named(db: None) -> None:
    for kind in EventKind:
        assert action_label(f"application.{kind.value}") == kind.label
    assert action_label("wagtail:wagtail.publish") == "页面：发布"


def test_audit_screens_show_labels(client: Client, district: Any) -> None:
    client.force_login(district.audit_admin)
    entry = AuditEntry.objects.filter(action="user.create").first()
    assert entry is not None
    detail = client.get(f"/admin/audit/inspect/{entry.pk}/").content.decode()
    assert "新建人员账号" in detail
    listing = client.get("/admin/audit/").content.decode()
    assert '<option value="user.create">新建人员账号</option>' in listing
