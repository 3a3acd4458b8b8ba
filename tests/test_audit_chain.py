"""The audit log's hash chain notices what the append-only locks cannot stop (issue 17.4).

Whoever holds the database can drop a trigger or delete rows with raw SQL; these tests
do exactly that, as an attacker would, and expect ``verify`` to name each entry.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from django.db import connection

from gongkai.audit.chain import GENESIS, seal_pending, verify
from gongkai.audit.models import AuditEntry, AuditLogImmutableError, AuditSeal
from gongkai.audit.services import record
from gongkai.cli import main

pytestmark = pytest.mark.django_db


def entries(count: int) -> list[AuditEntry]:
    return [record(action="test.chain", summary=f"第{n}条") for n in range(count)]


def raw(sql: str, *params: object) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def drop_locks() -> None:
    """What someone with database rights does first (undone with the test's transaction)."""
    if connection.vendor == "postgresql":
        raw("DROP TRIGGER audit_auditentry_no_change ON audit_auditentry")
    else:
        raw("DROP TRIGGER audit_auditentry_no_update")


def test_a_sealed_log_verifies_and_new_entries_wait_for_the_next_seal() -> None:
    written = entries(5)
    assert seal_pending() == len(AuditEntry.objects.all())
    first = verify()
    assert first.intact and first.checked == AuditEntry.objects.count()
    assert first.head != GENESIS
    entries(2)
    assert verify().unsealed == 2
    assert seal_pending() == 2 and seal_pending() == 0
    assert verify().intact
    assert AuditSeal.objects.get(entry_id=written[0].pk).digest != first.head


def test_a_raw_delete_is_named() -> None:
    written = entries(4)
    seal_pending()
    drop_locks()
    raw("DELETE FROM audit_auditentry WHERE id = %s", written[1].pk)
    verdict = verify()
    assert verdict.problems == [f"第{written[1].pk}号记录已封存，但已不在日志中（被删除）。"]


def test_a_raw_update_is_named() -> None:
    written = entries(3)
    seal_pending()
    drop_locks()
    raw("UPDATE audit_auditentry SET summary = %s WHERE id = %s", "改过", written[2].pk)
    (problem,) = verify().problems
    assert problem.startswith(f"第{written[2].pk}号记录与封存链不符")


def test_an_entry_and_its_seal_deleted_together_break_the_next_link() -> None:
    written = entries(3)
    seal_pending()
    drop_locks()
    raw("DELETE FROM audit_auditentry WHERE id = %s", written[1].pk)
    if connection.vendor == "postgresql":
        raw("DROP TRIGGER audit_auditseal_no_change ON audit_auditseal")
    raw("DELETE FROM audit_auditseal WHERE entry_id = %s", written[1].pk)
    (problem,) = verify().problems
    assert problem.startswith(f"第{written[2].pk}号记录与封存链不符")


def test_an_entry_slipped_in_under_sealed_ones_is_named() -> None:
    written = entries(3)
    drop_locks()
    raw("DELETE FROM audit_auditentry WHERE id = %s", written[1].pk)
    seal_pending()  # seals 1 and 3; the hole at 2 is nobody's yet
    AuditEntry.objects.create(pk=written[1].pk, action="forged", summary="补写的记录")
    assert verify().problems == [f"第{written[1].pk}号记录在其后的记录封存之后才出现（疑似插入）。"]


def test_seals_are_append_only() -> None:
    entries(1)
    seal_pending()
    seal = AuditSeal.objects.get()
    with pytest.raises(AuditLogImmutableError):
        seal.save()
    with pytest.raises(AuditLogImmutableError):
        AuditSeal.objects.all().delete()


def test_the_command_seals_verifies_and_fails_on_a_break() -> None:
    written = entries(2)
    result = CliRunner().invoke(main, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "审计日志完整" in result.output and "链头摘要" in result.output
    drop_locks()
    raw("DELETE FROM audit_auditentry WHERE id = %s", written[0].pk)
    result = CliRunner().invoke(main, ["audit", "verify"])
    assert result.exit_code == 1
    assert "被删除" in result.output
