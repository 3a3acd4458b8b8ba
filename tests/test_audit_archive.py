"""Archiving old audit entries with their chain digests, and checking an archive later."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from gongkai.audit.archive import do_archive, read_archive, verify_archive, write_archive
from gongkai.audit.chain import GENESIS, seal_pending, verify
from gongkai.audit.context import acting
from gongkai.audit.models import AuditEntry
from gongkai.audit.services import record
from gongkai.cli import main

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 4)


def backdate(entry: AuditEntry, day: date) -> None:
    """Write an old entry (the table refuses UPDATE, so drop the trigger inside the test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditentry_no_update")
        else:
            cursor.execute(
                "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_no_change"
            )
        moment = timezone.make_aware(timezone.datetime(day.year, day.month, day.day, 9))
        cursor.execute(
            "UPDATE audit_auditentry SET created_at = %s WHERE id = %s", [moment, entry.pk]
        )


@pytest.fixture
def log() -> list[AuditEntry]:
    """Eight entries: five from early 2026, three from this week; one with awkward text."""
    entries = [
        record(action="test.archive", summary=f"旧记录{n}", changes={"n": n}) for n in range(4)
    ]
    entries.append(
        record(action="test.archive", summary='=HYPERLINK("x")', changes={"text": "'引号"})
    )
    for n, entry in enumerate(entries):
        backdate(entry, date(2026, 3, 1) + timedelta(days=n))
    entries += [record(action="test.archive", summary=f"新记录{n}") for n in range(3)]
    return entries


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_an_archive_holds_the_old_entries_and_verifies(log: list[AuditEntry], fmt: str) -> None:
    handle = io.StringIO()
    written = write_archive(before=date(2026, 6, 1), handle=handle, fmt=fmt)
    old = AuditEntry.objects.filter(
        created_at__lt=timezone.make_aware(timezone.datetime(2026, 6, 1))
    )
    assert written.count == old.count() >= 5
    handle.seek(0)
    rows = list(read_archive(handle))
    assert [row["id"] for row in rows] == sorted(old.values_list("pk", flat=True))
    assert rows[0]["previous"] == GENESIS
    assert any(row["summary"] == '=HYPERLINK("x")' for row in rows)  # restored exactly
    handle.seek(0)
    verdict = verify_archive(handle)
    assert verdict.intact, verdict.problems
    assert verdict.head == written.head
    if fmt == "csv":
        assert handle.getvalue().startswith("\ufeff")
        assert "'=HYPERLINK" in handle.getvalue()  # no formula when opened in Excel
    assert verify().intact  # archiving removed nothing


def test_a_changed_or_missing_line_is_named(log: list[AuditEntry]) -> None:
    handle = io.StringIO()
    write_archive(before=date(2026, 6, 1), handle=handle, fmt="jsonl")
    lines = handle.getvalue().splitlines()
    changed = json.loads(lines[1])
    changed["summary"] = "改过"
    tampered = [lines[0], json.dumps(changed, ensure_ascii=False), *lines[3:]]
    verdict = verify_archive(io.StringIO("\n".join(tampered) + "\n"))
    assert not verdict.intact
    assert any("被修改" in problem for problem in verdict.problems)
    assert any("不相连" in problem for problem in verdict.problems)


def test_only_the_audit_administrator_archives_and_it_is_recorded(
    log: list[AuditEntry], district: Any
) -> None:
    with acting(actor=district.operator), pytest.raises(PermissionDenied):
        do_archive(before=date(2026, 6, 1), handle=io.StringIO(), fmt="jsonl", today=TODAY)
    with acting(actor=district.audit_admin):
        written, kept = do_archive(
            before=date(2026, 6, 1), handle=io.StringIO(), fmt="jsonl", today=TODAY
        )
        assert kept is None  # all older than six months on TODAY
        _, kept = do_archive(before=TODAY, handle=io.StringIO(), fmt="jsonl", today=TODAY)
        assert "网络安全法第二十一条" in kept
    entry = AuditEntry.objects.filter(action="audit.archive").first()
    assert entry.actor == district.audit_admin
    assert entry.changes["last_id"] == written.last_id


def test_the_commands_archive_and_verify(log: list[AuditEntry], tmp_path: Path) -> None:
    out = tmp_path / "audit-2026H1.csv"
    result = CliRunner().invoke(
        main, ["audit", "archive", "--before", "2026-06-01", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "已归档" in result.output
    checked = CliRunner().invoke(main, ["audit", "verify-archive", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "归档文件完整" in checked.output

    text = out.read_text(encoding="utf-8")
    out.write_text(text.replace("旧记录2", "旧记录X"), encoding="utf-8")
    broken = CliRunner().invoke(main, ["audit", "verify-archive", str(out)])
    assert broken.exit_code == 1
    assert "被修改" in broken.output


def test_young_entries_are_archived_but_said_to_be_kept(
    log: list[AuditEntry], tmp_path: Path
) -> None:
    seal_pending()
    out = tmp_path / "all.jsonl"
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    result = CliRunner().invoke(main, ["audit", "archive", "--before", tomorrow, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "不得删除" in result.output
    assert AuditEntry.objects.filter(action="test.archive").count() == len(log)
